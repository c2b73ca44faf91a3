"""History, inspection and maintenance: records, state_at, snapshots, apps, verify, revert, prune,
backup, export/import, the progress callback and no_restore."""

from __future__ import annotations

import datetime
import json
import os
from typing import Any, List, Tuple

import persist
from _support import StoreTest, fixture

V1 = fixture("testapp_v1.js")


class HistoryTest(StoreTest):
    def history_store(self, **kw: Any) -> persist.Store:
        """testapp_v1 deployed (record 1), "add 1".."add 10" (records 2-11), a set-state
        (record 12); a snapshot every 3 records."""
        s = persist.Store(self.path(), snapshot_every=3, **kw)
        self.addCleanup(s.close)
        s.deploy(V1)
        for i in range(1, 11):
            s.submit("add %d" % i)
        s.set_state('{"v":1,"n":5,"hist":""}')
        return s


class TestRecords(HistoryTest):
    def test_iterates_every_record(self) -> None:
        before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        s = self.history_store()
        recs = list(s.records())
        self.assertEqual([r.seq for r in recs], list(range(1, 13)))
        first = recs[0]
        self.assertEqual(first.kind, persist.RecordKind.DEPLOY_INIT)
        self.assertIsNone(first.payload)
        self.assertEqual(first.app_hash, s.app_hash)
        self.assertGreater(first.time, before)
        self.assertEqual(first.time.tzinfo, datetime.timezone.utc)
        self.assertLess(abs(first.time.timestamp() * 1e6 - first.time_us), 2)
        self.assertEqual((recs[1].kind, recs[1].payload, recs[1].app_hash), (persist.RecordKind.EVENT, "add 1", ""))
        self.assertEqual(recs[11].kind, persist.RecordKind.SET_STATE)
        self.assertEqual(json.loads(recs[11].payload or "")["n"], 5)

    def test_pages_start_and_kinds(self) -> None:
        s = self.history_store()
        self.assertEqual([r.seq for r in s.records(page_size=5)], list(range(1, 13)))
        self.assertEqual([r.seq for r in s.records(start=10, page_size=1)], [10, 11, 12])
        kinds = [persist.RecordKind.SET_STATE, persist.RecordKind.DEPLOY_INIT]
        self.assertEqual([r.seq for r in s.records(kinds=kinds)], [1, 12])
        self.assertEqual(list(s.records(start=13)), [])
        it = s.records(page_size=2)
        self.assertEqual(next(it).seq, 1)  # lazily, page by page
        s.submit("add 1")
        self.assertEqual([r.seq for r in it][-1], 13)  # appended meanwhile: seen too

    def test_state_and_response_at(self) -> None:
        s = self.history_store()
        self.assertEqual(s.state_at(4), '{"v":1,"n":6,"hist":""}')
        self.assertEqual(s.response_at(4), "n=6")
        for bad in (0, 99):
            with self.assertRaises(persist.InvalidArgument):
                s.state_at(bad)
        with self.assertRaises(persist.InvalidArgument):
            s.response_at(1)  # a deploy, not an event

    def test_snapshots_apps_app_code(self) -> None:
        s = self.history_store()
        snaps = s.snapshots()
        self.assertGreaterEqual(len(snaps), 2)
        self.assertEqual(snaps[0].seq, 1)
        self.assertGreater(snaps[0].state_len, 0)
        self.assertIsInstance(snaps[0].time, datetime.datetime)
        s.deploy(fixture("testapp_v2.js"), migrate=True)
        apps = s.apps()
        self.assertEqual([(a.seq, a.kind) for a in apps],
                         [(1, persist.RecordKind.DEPLOY_INIT), (13, persist.RecordKind.DEPLOY_MIGRATE)])
        self.assertEqual(s.app_code(apps[0].app_hash), V1)
        self.assertEqual(apps[0].code_len, len(V1.encode()))
        with self.assertRaises(persist.NotFound):
            s.app_code("0" * 64)
        with self.assertRaises(persist.InvalidArgument):
            s.app_code("xyz")


class TestMaintenance(HistoryTest):
    def test_verify_revert_prune(self) -> None:
        s = self.history_store()
        report = s.verify(all_snapshots=True)
        self.assertTrue(report.ok)
        self.assertEqual((report.records_checked, report.apps_checked), (12, 1))
        self.assertTrue(s.verify().ok)
        s.revert(4)
        self.assertEqual(s.state(), '{"v":1,"n":6,"hist":""}')
        last = list(s.records(start=13))
        self.assertEqual((last[0].kind, last[0].source_seq), (persist.RecordKind.RESET, 4))
        with self.assertRaises(persist.InvalidArgument):
            s.revert(0)
        pruned = s.prune(10)
        self.assertGreater(pruned.records_removed, 0)
        self.assertLessEqual(pruned.kept_from, 10)
        self.assertEqual(next(s.records()).seq, pruned.kept_from)
        with self.assertRaises(persist.NotFound) as cm:
            s.state_at(1)
        self.assertIn("pruned", cm.exception.message)

    def test_verify_reports_damage(self) -> None:
        marker = b"CORRUPTIONMARKER0123456789"
        with persist.Store(self.path(), snapshot_every=2) as s:
            s.deploy(V1)
            s.submit(b"append " + marker)
            for _ in range(4):
                s.submit("add 1")
        data_file = os.path.join(self.path(), "data.mdb")
        with open(data_file, "rb") as f:
            data = bytearray(f.read())
        at = data.find(marker)
        while at >= 0:
            data[at + 6] ^= 1
            at = data.find(marker, at + 1)
        with open(data_file, "wb") as f:
            f.write(data)
        with self.assertRaises(persist.Corrupt):
            persist.Store(self.path())
        with persist.Store(self.path(), no_restore=True) as s:  # opens for inspection
            with self.assertRaises(persist.Corrupt) as cm:
                s.verify(all_snapshots=True)
            report = cm.exception.report
            self.assertIsInstance(report, persist.VerifyReport)
            self.assertGreater(report.problems, 0)  # type: ignore[union-attr]
            self.assertFalse(report.ok)  # type: ignore[union-attr]

    def test_verify_reports_the_app_failing(self) -> None:
        # The app cannot serialize a state it made: the app's error, with the report (since 1.2.1).
        poison = (
            "var app = { init: function () { return { n: 0, p: false }; },"
            " update: function (e, s) { var n = { n: s.n + 1, p: s.p || e === 'poison' };"
            " return [n, 'n=' + n.n]; },"
            " serialize: function (s) { if (s.p) throw new Error('POISONED');"
            " return JSON.stringify(s); },"
            " deserialize: function (t) { return JSON.parse(t); } };"
        )
        with persist.Store(self.path()) as s:
            s.deploy(poison)
            s.submit("add")
            s.submit("poison")
            with self.assertRaises(persist.ScriptError) as cm:
                s.verify()
            self.assertIn("the app fails on the state at record 3", cm.exception.message)
            report = cm.exception.report
            self.assertIsInstance(report, persist.VerifyReport)
            self.assertEqual((report.problems, report.first_problem_seq), (1, 3))  # type: ignore

    def test_backup_export_import(self) -> None:
        s = self.history_store()
        s.backup(self.path("backup"))
        with self.assertRaises(persist.Exists):
            s.backup(self.path("backup"))
        s.export(self.path("export.json"))
        with open(self.path("export.json")) as f:
            self.assertIsInstance(json.load(f), dict)
        with persist.Store(self.path("backup")) as b:
            self.assertEqual((b.head, b.state()), (12, '{"v":1,"n":5,"hist":""}'))
        with persist.Store(self.path("imported")) as i:
            i.import_(self.path("export.json"))
            self.assertEqual(i.state(), '{"v":1,"n":5,"hist":""}')
            self.assertEqual(next(i.records()).kind, persist.RecordKind.RESET)
            with self.assertRaises(persist.Exists):
                i.import_(self.path("export.json"))
        with persist.Store(self.path("empty")) as e:
            with self.assertRaises(persist.NoApp):
                e.export(self.path("x.json"))
            with self.assertRaises(persist.NotFound):
                e.import_(self.path("missing.json"))
            with open(self.path("bad.json"), "w") as f:
                f.write('{"not": "an export"}')
            with self.assertRaises(persist.InvalidArgument):
                e.import_(self.path("bad.json"))
            with self.assertRaises(persist.InvalidArgument):
                e.backup("bad\0path")

    def test_readonly_inspection(self) -> None:
        self.history_store().close()
        with persist.Store(self.path(), readonly=True) as r:
            self.assertEqual(len(list(r.records())), 12)
            self.assertTrue(r.verify().ok)
            self.assertEqual(r.state_at(2), '{"v":1,"n":1,"hist":""}')
            r.backup(self.path("copy"))
            for call in (lambda: r.revert(2), lambda: r.prune(5), lambda: r.import_(self.path("x"))):
                with self.assertRaises(persist.ReadOnly):
                    call()

    def test_no_restore(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(V1)
            s.submit("add 2")
        with persist.Store(self.path(), no_restore=True) as s:
            with self.assertRaises(persist.NoApp):
                s.state()
            s.revert(2)
            self.assertEqual(s.state(), '{"v":1,"n":2,"hist":""}')


class TestProgress(HistoryTest):
    def test_reports_and_cancels(self) -> None:
        calls: List[Tuple[int, int]] = []
        cancel = [False]

        def progress(done: int, total: int) -> bool:
            calls.append((done, total))
            return not cancel[0]

        s = self.history_store(progress=progress)
        s.verify(all_snapshots=True)
        self.assertTrue(calls)
        self.assertTrue(all(done <= total for done, total in calls))
        cancel[0] = True
        with self.assertRaises(persist.Canceled):
            s.verify(all_snapshots=True)
        with self.assertRaises(persist.Canceled):
            s.state_at(11)
        cancel[0] = False
        self.assertEqual(s.state_at(11), '{"v":1,"n":55,"hist":""}')

    def test_exception_cancels_and_is_raised(self) -> None:
        armed = [False]

        class Stop(Exception):
            pass

        def progress(done: int, total: int) -> None:
            if armed[0]:
                raise Stop("stop")

        s = self.history_store(progress=progress)
        armed[0] = True
        with self.assertRaises(Stop) as cm:
            s.verify(all_snapshots=True)
        self.assertIsInstance(cm.exception.__cause__, persist.Canceled)
        armed[0] = False
        self.assertTrue(s.verify().ok)
        self.assertEqual(s.head, 12)

    def test_reentrant_call_from_progress(self) -> None:
        seen: List[str] = []
        holder: List[persist.Store] = []

        def progress(done: int, total: int) -> None:
            try:
                if holder:
                    holder[0].head
            except persist.Misuse as e:
                seen.append(e.message)

        s = self.history_store(progress=progress)
        holder.append(s)
        s.verify(all_snapshots=True)
        self.assertTrue(seen)
        self.assertIn("re-entrant", seen[0])
