"""libpersist 1.1: client ids and timestamps, queries, followers fed by export/apply, promotion,
and every wrong batch refused with its own exception class and the library's message."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
import unittest
from typing import List, Tuple

import persist
from persist import _lib
from _support import StoreTest, fixture, run_python

V1 = fixture("testapp_v1.js")
V2 = fixture("testapp_v2.js")


class SyncTest(StoreTest):
    def store(self, name: str = "store", **kw: object) -> persist.Store:
        s = persist.Store(self.path(name), **kw)  # type: ignore[arg-type]
        self.addCleanup(s.close)
        return s

    def leader(self, *events: str) -> persist.Store:
        s = self.store("leader", snapshot_every=5)
        s.deploy(V1)
        for e in events:
            s.submit(e)
        return s

    def follower(self, leader: persist.Store, name: str = "follower") -> persist.Store:
        """A follower in its own directory, started from the leader's bootstrap package."""
        package, seq = leader.export_bootstrap()
        self.assertTrue(package.startswith(b"PSYNC"), package[:8])
        f = self.store(name)
        self.assertEqual(f.apply(package), seq)
        self.assertEqual(f.head, seq)
        return f

    def ship(self, leader: persist.Store, follower: persist.Store, max_bytes: int = 0) -> int:
        """Everything after the follower's head, in batches of at most max_bytes; returns how many
        batches it took."""
        batches = 0
        after = follower.head
        while True:
            exported = leader.export_records(after, max_bytes)
            if exported is None:
                return batches
            batch, after = exported
            self.assertIsInstance(batch, bytes)
            self.assertEqual(follower.apply(batch), after)
            batches += 1

    def assertSame(self, a: persist.Store, b: persist.Store) -> None:
        self.assertEqual(a.state(), b.state())
        self.assertEqual(a.head, b.head)


class TestClientIds(SyncTest):
    def test_a_retry_is_answered_not_applied(self) -> None:
        s = self.leader()
        self.assertEqual(s.submit("add 5", client_id="req-1"), "n=5")
        self.assertEqual(s.submit("add 5", client_id="req-1"), "n=5")  # a retry
        self.assertEqual(s.head, 2)
        self.assertEqual(s.state(), '{"v":1,"n":5,"hist":""}')
        self.assertEqual(s.submit("add 5", client_id=b"req-2"), "n=10")
        # Plain submits have no id: each is applied.
        self.assertEqual(s.submit("add 1"), "n=11")
        self.assertEqual(s.submit("add 1"), "n=12")

    def test_client_id_at(self) -> None:
        s = self.leader()  # record 1: the deploy
        s.submit("add 5", client_id="req-1")
        s.submit("add 1")
        s.submit("add 2", client_id="\u00e9t\u00e9")
        s.submit("add 5", client_id="req-1")  # a retry: no record
        self.assertEqual(s.head, 4)
        self.assertEqual(
            [s.client_id_at(n) for n in range(1, 5)], [None, "req-1", None, "\u00e9t\u00e9"]
        )
        for bad in (0, 5):
            with self.assertRaises(persist.InvalidArgument) as e:
                s.client_id_at(bad)
            self.assertIn("does not exist", str(e.exception))
        f = self.follower(s)
        s.submit("add 1", client_id="req-9")
        self.ship(s, f)
        self.assertEqual(f.client_id_at(s.head), "req-9")

    def test_submit_events(self) -> None:
        s = self.leader()
        s.submit("add 5", client_id="req-1")

        class Obj:
            event = "add 3"
            client_id = "req-3"

        results = s.submit_events(
            [
                ("add 5", "req-1"),  # seen before
                persist.Event("add 1", "req-2"),
                "append x",  # no id
                ("add 1", "req-2"),  # the same new id twice in one call: one event
                Obj(),
                ("add 1",),
            ]
        )
        self.assertEqual([r.ok for r in results], [True] * 6)
        self.assertEqual(
            [(r.response, r.seq, r.duplicate) for r in results],
            [
                ("n=5", 2, True),
                ("n=6", 3, False),
                ("hist=x", 4, False),
                ("n=6", 3, True),
                ("n=9", 5, False),
                ("n=10", 6, False),
            ],
        )
        self.assertEqual((results[1].event, results[1].client_id), (b"add 1", b"req-2"))
        self.assertIsNone(results[2].client_id)
        self.assertEqual(results[0].unwrap(), "n=5")
        self.assertEqual(s.head, 6)
        self.assertEqual(repr(results[0]), "EventResult(ok, 'n=5', seq=2, duplicate)")
        self.assertEqual(repr(results[1]), "EventResult(ok, 'n=6', seq=3)")
        self.assertEqual(s.submit_events([]), [])
        # A query-like event is answered but not logged: seq 0, and its id is not kept.
        (get,) = s.submit_events([("get", "req-get")])
        self.assertEqual((get.response, get.seq, get.duplicate), ("n=10 hist=x", 0, False))
        self.assertEqual(s.submit_events([("add 1", "req-get")])[0].seq, 7)

    def test_ids_survive_a_restart(self) -> None:
        s = self.leader()
        s.submit("add 7", client_id="order-1")
        s.close()
        with persist.Store(self.path("leader")) as again:
            (r,) = again.submit_events([("add 100", "order-1")])
            self.assertEqual((r.response, r.seq, r.duplicate), ("n=7", 2, True))
            self.assertEqual(again.head, 2)

    def test_failed_events(self) -> None:
        s = self.leader()
        results = s.submit_events(["add 1", ("throw", "t-1"), ("badresp", "t-2"), ("add 2", "t-3")])
        self.assertEqual([r.ok for r in results], [True, False, False, True])
        self.assertIsInstance(results[1].error, persist.ScriptError)
        self.assertIsInstance(results[2].error, persist.ContractError)
        self.assertIsNone(results[1].response)
        self.assertEqual(results[1].seq, 0)
        self.assertEqual(results[3].response, "n=3")  # goes on from the state before the failure
        with self.assertRaises(persist.ScriptError):
            results[1].unwrap()
        # An id whose event failed is not kept: the retry is applied.
        self.assertFalse(s.submit_events([("add 1", "t-1")])[0].duplicate)
        # A single event's failure carries the library's message.
        (one,) = s.submit_events([("throw", "t-4")])
        self.assertIsInstance(one.error, persist.ScriptError)
        self.assertIn("boom: the app refused throw", one.error.message)
        self.assertFails(
            persist.ScriptError, lambda: s.submit("throw", client_id="t-5"), "boom: the app refused"
        )

    def test_whole_call_failures(self) -> None:
        s = self.store()
        self.assertFails(persist.NoApp, lambda: s.submit_events([("add 1", "a")]), "deploy")
        s.deploy(V1)
        self.assertFails(
            persist.InvalidArgument,
            lambda: s.submit_events([("add 1", "x" * 257)]),
            "a client id has 1 to 256 bytes, not 257",
        )
        self.assertFails(
            persist.InvalidArgument,
            lambda: s.submit_events(["add 1", ("add 1", b"\xff")]),
            "events[1]",
            "the client id is not valid UTF-8",
        )
        self.assertFails(
            persist.InvalidArgument, lambda: s.submit("add 1", client_id=""), "not 0"
        )
        self.assertFails(persist.InvalidArgument, lambda: s.submit("add 1", time_us=-1), "time_us")
        with self.assertRaises(TypeError):
            s.submit_events([42])
        with self.assertRaises(TypeError):
            s.submit_events([("add 1", "a", 0, "extra")])
        self.assertEqual(s.head, 1)  # nothing of that was applied
        s.close()
        r = self.store(readonly=True)
        self.assertFails(persist.ReadOnly, lambda: r.submit_events([("add 1", "a")]), "read-only")

    def test_time_us(self) -> None:
        s = self.leader()
        later = 4_000_000_000_000_000
        s.submit("add 1", time_us=later)
        s.submit_events([persist.Event("add 1", None, 1000), ("add 1", "id", later + 10)])
        times = [r.time_us for r in s.records(2)]
        # A record's time is the given one, or one microsecond after the previous record's.
        self.assertEqual(times, [later, later + 1, later + 10])

    def test_retention_by_count(self) -> None:
        s = self.store(client_id_keep=3, client_id_keep_s=persist.NO_LIMIT)
        s.deploy(V1)
        for i in range(1, 6):
            s.submit("add 1", client_id="id-%d" % i)
        (old, new) = s.submit_events([("add 1", "id-2"), ("add 1", "id-5")])
        self.assertFalse(old.duplicate)  # forgotten: only the newest 3 are kept
        self.assertTrue(new.duplicate)

    def test_retention_by_age(self) -> None:
        s = self.store(client_id_keep=persist.NO_LIMIT, client_id_keep_s=10)
        s.deploy(V1)
        t = 4_000_000_000_000_000
        s.submit("add 1", client_id="old", time_us=t)
        s.submit("add 1", client_id="new", time_us=t + 30_000_000)
        (old,) = s.submit_events([("add 1", "old", t + 31_000_000)])
        (new,) = s.submit_events([("add 1", "new", t + 32_000_000)])
        self.assertEqual((old.duplicate, new.duplicate), (False, True))

    def test_option_values(self) -> None:
        with self.assertRaises(persist.InvalidArgument):
            persist.Store(self.path(), client_id_keep=-1)
        with self.assertRaises(persist.InvalidArgument):
            persist.Store(self.path(), client_id_keep_s=2**32)
        self.assertEqual(persist.NO_LIMIT, 0xFFFFFFFF)


class TestQueries(SyncTest):
    def test_query(self) -> None:
        s = self.leader("add 4")
        self.assertEqual(s.query("get"), "n=4 hist=")
        self.assertFails(
            persist.NotAQueryError,
            lambda: s.query("add 1"),
            "the app's update changed the state, so this event is no query",
        )
        self.assertEqual(s.state(), '{"v":1,"n":4,"hist":""}')
        self.assertEqual(s.head, 2)
        self.assertFails(persist.ScriptError, lambda: s.query("throw"), "boom")
        self.assertFails(persist.NoApp, lambda: self.store("empty").query("get"))

    def test_read_only_store_queries_and_refreshes(self) -> None:
        with persist.Store(self.path()) as w:
            w.deploy(V1)
            w.submit("add 4")
        r = self.store(readonly=True)
        self.assertEqual(r.query("get"), "n=4 hist=")
        # Another process writes; this read-only handle catches up with refresh().
        code = textwrap.dedent(
            """
            import persist
            with persist.Store(%r) as w:
                print(w.submit("add 10"))
            """
            % self.path()
        )
        proc = run_python(code)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.strip(), "n=14")
        self.assertEqual(r.query("get"), "n=4 hist=")  # not yet
        self.assertEqual(r.head, 3)  # read from disk
        r.refresh()
        self.assertEqual(r.query("get"), "n=14 hist=")
        self.assertEqual(r.state(), '{"v":1,"n":14,"hist":""}')


class TestFollowers(SyncTest):
    def test_a_follower_follows_everything(self) -> None:
        leader = self.leader("add 3")
        f = self.follower(leader)  # from the newest snapshot: after the deploy
        self.assertEqual(f.head, 1)
        self.assertEqual(self.ship(leader, f), 1)
        self.assertSame(leader, f)
        li, fi = leader.sync_info(), f.sync_info()
        self.assertIsInstance(li, persist.SyncInfo)
        self.assertEqual(len(li.store_id), 32)
        self.assertEqual(li.store_id, fi.store_id)
        self.assertEqual((li.follower, fi.follower), (False, True))
        self.assertEqual((li.head, li.first), (2, 1))
        self.assertEqual(fi.head, 2)
        self.assertIsNone(leader.export_records(leader.head))  # nothing after the head
        for i in range(12):
            leader.submit("append x" if i % 2 else "add 2")
        leader.deploy(V2, migrate=True)
        leader.submit("tag hello")
        leader.set_state('{"v":2,"n":7,"hist":"h","tag":"set"}')
        leader.submit("add 1")
        self.assertGreater(self.ship(leader, f, max_bytes=200), 5)  # one record per batch
        self.assertSame(leader, f)
        self.assertEqual(f.query("get"), leader.query("get"))
        leader.revert(5)
        leader.deploy(V1)
        leader.submit("add 9")
        f.close()  # a restart of the follower
        f = self.store("follower")
        self.ship(leader, f)
        self.assertSame(leader, f)
        self.assertEqual(f.sync_info().snapshot_seq, f.snapshot_seq)
        self.assertTrue(f.verify(all_snapshots=True).ok)
        # A follower answers queries but refuses writes.
        self.assertEqual(f.query("get"), "n=9 hist=")
        msg = "takes its records from its leader"
        self.assertFails(persist.FollowerError, lambda: f.submit("add 1"), msg)
        self.assertFails(persist.FollowerError, lambda: f.submit("add 1", client_id="a"), msg)
        self.assertFails(persist.FollowerError, lambda: f.submit_events(["add 1", "add 2"]), msg)
        self.assertFails(persist.FollowerError, lambda: f.set_state("{}"), msg)
        self.assertFails(persist.FollowerError, lambda: f.deploy(V1), msg)

    def test_applying_a_batch_twice_changes_nothing(self) -> None:
        leader = self.leader()
        f = self.follower(leader)
        leader.submit("add 1")
        exported = leader.export_records(f.head)
        assert exported is not None
        batch, last = exported
        self.assertEqual((f.apply(batch), f.apply(bytearray(batch))), (last, last))
        self.assertSame(leader, f)
        with self.assertRaises(TypeError):
            f.apply(batch.decode("latin-1"))  # type: ignore[arg-type]

    def test_export_errors(self) -> None:
        leader = self.leader("add 1")
        self.assertFails(persist.InvalidArgument, lambda: leader.export_records(3), "after the head")
        self.assertFails(
            persist.NotFound, lambda: self.store("empty").export_bootstrap(), "no snapshot"
        )
        for _ in range(6):
            leader.submit("add 1")
        leader.snapshot()
        leader.prune(leader.head)
        self.assertFails(persist.NotFound, lambda: leader.export_records(1))
        # A follower can start again from a bootstrap package.
        f = self.follower(leader)
        self.assertSame(leader, f)

    def test_promote(self) -> None:
        leader = self.leader()
        leader.submit("add 10", client_id="order-1")
        f = self.follower(leader, "f")
        g = self.follower(leader, "g")
        leader.submit("add 5", client_id="order-2")
        self.ship(leader, f)
        self.ship(leader, g)
        # The leader acknowledges an event it never ships, then goes away.
        leader.submit("add 1000", client_id="order-3")
        f.promote()
        f.promote()  # a no-op on a writer
        self.assertFalse(f.sync_info().follower)
        self.assertEqual(f.sync_info().store_id, leader.sync_info().store_id)
        # The promoted follower continues the sequence and knows the ids it was shipped.
        (dup, new) = f.submit_events([("add 5", "order-2"), ("add 1", "order-4")])
        self.assertEqual((dup.response, dup.seq, dup.duplicate), ("n=15", 3, True))
        self.assertEqual((new.response, new.seq, new.duplicate), ("n=16", 4, False))
        self.ship(f, g)
        self.assertSame(f, g)
        # The old leader is a fork now: its batches are refused by the new leader's follower.
        for after in (3, 2):
            exported = leader.export_records(after)
            assert exported is not None
            self.assertFails(
                persist.ForkedError, lambda: g.apply(exported[0]), "a promotion replaced"
            )
        self.assertSame(f, g)


class TestWrongBatches(SyncTest):
    def test_every_wrong_batch_is_refused(self) -> None:
        leader = self.leader("add 1")
        backup = self.path("backup")
        leader.backup(backup)  # the leader as it is now: 2 records
        f = self.follower(leader)
        self.ship(leader, f)
        leader.submit("add 1")
        b3 = self.batch(leader, 2)
        leader.submit("add 1")
        b4 = self.batch(leader, 3)
        self.assertEqual(f.apply(b3), 3)
        before = f.state()

        # Gap: record 5 follows record 4, which the follower does not hold.
        leader.submit("add 1")
        self.assertFails(
            persist.GapError,
            lambda: f.apply(self.batch(leader, 4)),
            "the sync batch follows record 4 but this store ends at 3",
            "nothing was applied",
        )
        # Damaged: one byte of the record changed, or not a batch at all.
        damaged = bytearray(b4)
        damaged[len(damaged) // 2] ^= 1
        self.assertFails(persist.Corrupt, lambda: f.apply(damaged), "damaged")
        self.assertFails(persist.Corrupt, lambda: f.apply(b"PSYNC"))
        # Foreign: another store's batch.
        other = self.store("other")
        other.deploy(V1)
        for _ in range(3):
            other.submit("add 1")
        self.assertFails(
            persist.ForeignBatchError,
            lambda: f.apply(self.batch(other, 2)),
            "the sync batch comes from another store",
        )
        # Exists: a bootstrap package into a store that has records.
        self.assertFails(
            persist.Exists, lambda: f.apply(leader.export_bootstrap()[0]), "the store has records"
        )
        # Forked: the leader restored from the backup, then written differently.
        leader.close()
        shutil.rmtree(self.path("leader"))
        restored = self.store("backup")
        restored.submit("mul 7")
        restored.submit("mul 7")
        for after in (2, 3):
            self.assertFails(
                persist.ForkedError,
                lambda: f.apply(self.batch(restored, after)),
                "forked",
                "nothing was applied",
            )
        # None of that changed the follower; the right batch still applies.
        self.assertEqual((f.state(), f.head), (before, 3))
        self.assertEqual(f.apply(b4), 4)
        self.assertEqual(f.query("get"), "n=3 hist=")

    def batch(self, store: persist.Store, after: int) -> bytes:
        exported = store.export_records(after)
        assert exported is not None
        return exported[0]


class TestOlderLibrary(StoreTest):
    """Against a 1.0 library, the 1.1 functions and options raise NotImplementedError naming the
    version they need; everything else works."""

    @unittest.skipUnless(shutil.which("cc"), "needs a C compiler")
    def test_1_1_api_on_a_1_0_library(self) -> None:
        stubs: List[str] = [
            "unsigned persist_version_number(void) { return 10003; }",
            'const char *persist_version_string(void) { return "1.0.3"; }',
            "int persist_store_open(void **out, const char *p, const void *o)"
            " { (void)p; (void)o; *out = (void *)16; return 0; }",
            "int persist_store_head(void *s, unsigned long long *out) { (void)s; *out = 42; return 0; }",
        ]
        defined = {"persist_version_number", "persist_version_string", "persist_store_open",
                   "persist_store_head"}
        new: List[Tuple[str, int]] = []
        for name, (_, _, since) in _lib._PROTOTYPES.items():
            if since > 0:
                new.append((name, since))
            elif name not in defined:
                stubs.append("int %s(void) { return 0; }" % name)
        self.assertEqual(len(new), 9)
        src = os.path.join(self.tmp, "old.c")
        lib = os.path.join(self.tmp, "libpersist.so.1")
        with open(src, "w") as f:
            f.write("\n".join(stubs) + "\n")
        subprocess.run(["cc", "-shared", "-fPIC", "-o", lib, src], check=True)
        code = textwrap.dedent(
            """
            import persist
            from persist import _lib
            lib = _lib.load()
            print("version", persist.version())
            for name in %r:
                try:
                    getattr(lib, name)()
                except NotImplementedError as e:
                    print(e)
            try:
                persist.Store("x", client_id_keep=5)
            except NotImplementedError as e:
                print(e)
            try:
                persist.Store("x", app_log=print)
            except NotImplementedError as e:
                print(e)
            s = persist.Store("x")
            print("head", s.head)
            for call in (lambda: s.query("get"), lambda: s.submit("a", client_id="b"), s.promote):
                try:
                    call()
                except NotImplementedError as e:
                    print(e)
            """
            % [name for name, _ in new]
        )
        proc = run_python(code, env={"PERSIST_LIBRARY": lib}, cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(lines[0], "version 1.0.3")
        needs = " needs libpersist 1.1 or newer; the loaded library is 1.0.3"
        self.assertEqual(
            lines[1:10],
            [name + needs.replace("1.1", "1.%d" % since) for name, since in new],
        )
        self.assertEqual(lines[10], "client_id_keep and client_id_keep_s" + needs)
        self.assertEqual(lines[11], "app_log" + needs)
        self.assertEqual(lines[12], "head 42")
        self.assertEqual(
            lines[13:],
            [
                "persist_store_query" + needs,
                "persist_store_submit_events" + needs,
                "persist_store_promote" + needs,
            ],
        )
