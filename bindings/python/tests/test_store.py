"""Every Store method and option, on the happy path."""

from __future__ import annotations

import json
import os
import re

import persist
from _support import StoreTest, fixture


class TestStore(StoreTest):
    def test_open_deploy_submit_state(self) -> None:
        with persist.Store(self.path()) as s:
            self.assertIsNone(s.app_hash)
            self.assertEqual((s.head, s.record_count, s.snapshot_seq), (0, 0, 0))
            s.deploy(fixture("testapp_v1.js"))
            h = s.app_hash
            self.assertIsNotNone(h)
            self.assertRegex(h, r"^[0-9a-f]{64}$")
            self.assertEqual(s.submit("add 5"), "n=5")
            self.assertEqual(s.submit(b"mul 3"), "n=15")
            self.assertEqual(s.submit(bytearray(b"append ab")), "hist=ab")
            self.assertEqual(s.submit(memoryview(b"append c")), "hist=abc")
            self.assertEqual(json.loads(s.state()), {"v": 1, "n": 15, "hist": "abc"})
            self.assertEqual((s.head, s.record_count, s.snapshot_seq), (5, 5, 1))
        self.assertTrue(s.closed)

    def test_state_survives_reopen(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(fixture("testapp_v1.js"))
            s.submit("add 7")
            h = s.app_hash
        with persist.Store(self.path()) as s:
            self.assertEqual(s.app_hash, h)
            self.assertEqual(s.submit("get"), "n=7 hist=")
            self.assertEqual(s.head, 2)  # "get" returns the identical state: not logged

    def test_path_like_and_bytes_paths(self) -> None:
        import pathlib

        with persist.Store(pathlib.Path(self.path("p"))) as s:
            self.assertEqual(s.path, self.path("p"))
        with persist.Store(os.fsencode(self.path("p"))) as s:
            self.assertEqual(s.head, 0)
        self.assertIn("closed", repr(s))

    def test_deploy_migrate_and_module(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(fixture("testapp_v1.js"))
            s.submit("add 3")
            v1 = s.app_hash
            s.deploy(fixture("testapp_v2.js").encode(), migrate=True)
            self.assertNotEqual(s.app_hash, v1)
            self.assertEqual(json.loads(s.state())["tag"], "migrated")
            self.assertEqual(s.submit("add 1"), "v2 n=4")
            s.deploy(fixture("testapp_v2.js"))  # init: a fresh state
            self.assertEqual(s.submit("get"), "v2 n=0 hist= tag=fresh")
            # The contract under another global name.
            s.deploy(fixture("bad_no_app.js"), module="application")
            self.assertEqual(s.submit("x"), "ok")

    def test_set_state(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(fixture("testapp_v1.js"))
            head = s.head
            s.set_state('{"v":1,"n":41,"hist":"set"}')
            self.assertEqual(s.submit("add 1"), "n=42")
            s.set_state(b'{"v":1,"n":1,"hist":""}')
            self.assertEqual(s.submit("get"), "n=1 hist=")
            self.assertEqual(s.head, head + 3)

    def test_snapshot_restore_flush(self) -> None:
        with persist.Store(self.path(), snapshot_every=1000000) as s:
            s.deploy(fixture("testapp_v1.js"))
            s.submit("add 2")
            s.submit("add 3")
            self.assertEqual(s.snapshot_seq, 1)
            s.snapshot()
            self.assertEqual(s.snapshot_seq, 3)
            s.snapshot()  # no-op: one exists at the head
            self.assertEqual(s.snapshot_seq, 3)
            s.restore()
            self.assertEqual(s.submit("get"), "n=5 hist=")
            s.flush()  # a no-op in sync mode

    def test_unicode_and_nul_round_trip(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(fixture("sandbox.js"))
            for text in ["héllo", "日本語", "emoji \U0001F600 beyond U+FFFF", "a\0b", ""]:
                self.assertEqual(s.submit("keep " + text), text)
                self.assertEqual(json.loads(s.state()), {"last": text})
            self.assertEqual(s.submit("x" * 100000), "echo:" + "x" * 100000)

    def test_close_is_idempotent_and_closed_store_raises(self) -> None:
        s = persist.Store(self.path())
        s.close()
        s.close()
        for call in (
            lambda: s.submit("x"),
            lambda: s.submit_batch(["x"]),
            lambda: s.deploy("x"),
            lambda: s.set_state("x"),
            lambda: s.state(),
            lambda: s.snapshot(),
            lambda: s.restore(),
            lambda: s.flush(),
            lambda: s.head,
            lambda: s.record_count,
            lambda: s.snapshot_seq,
            lambda: s.app_hash,
        ):
            with self.assertRaises(persist.Misuse) as cm:
                call()
            self.assertEqual(cm.exception.code, persist.Status.EMISUSE)
            self.assertIn("closed", cm.exception.message)
        # The directory is free again for a new handle.
        with persist.Store(self.path()) as s2:
            self.assertEqual(s2.head, 0)

    def test_garbage_collected_store_is_closed(self) -> None:
        import gc

        s = persist.Store(self.path())
        del s
        gc.collect()
        with persist.Store(self.path()) as s:  # would be Busy if the handle were still open
            self.assertEqual(s.head, 0)


class TestOptions(StoreTest):
    def test_readonly(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(fixture("testapp_v1.js"))
            s.submit("add 9")
        with persist.Store(self.path(), readonly=True) as r:
            self.assertTrue(r.readonly)
            self.assertEqual(r.head, 2)
            self.assertEqual(json.loads(r.state())["n"], 9)
            r.restore()
            for call in (
                lambda: r.submit("add 1"),
                lambda: r.submit_batch(["add 1"]),
                lambda: r.deploy(fixture("testapp_v1.js")),
                lambda: r.set_state('{"v":1,"n":1,"hist":""}'),
                lambda: r.snapshot(),
                lambda: r.flush(),
            ):
                with self.assertRaises(persist.ReadOnly):
                    call()

    def test_no_create(self) -> None:
        with self.assertRaises(persist.NotFound):
            persist.Store(self.path(), no_create=True)
        self.assertFalse(os.path.exists(self.path()))
        with persist.Store(self.path()):
            pass
        with persist.Store(self.path(), no_create=True) as s:
            self.assertEqual(s.head, 0)

    def test_log_all_events(self) -> None:
        with persist.Store(self.path(), log_all_events=True) as s:
            s.deploy(fixture("testapp_v1.js"))
            s.submit("get")
            s.submit("get")
            self.assertEqual(s.head, 3)

    def test_snapshot_every(self) -> None:
        with persist.Store(self.path(), snapshot_every=2) as s:
            s.deploy(fixture("testapp_v1.js"))
            for i in range(5):
                s.submit("add 1")
            self.assertGreater(s.snapshot_seq, 1)

    def test_relaxed_durability_and_flush(self) -> None:
        with persist.Store(self.path(), durability="relaxed", map_size=1 << 20) as s:
            s.deploy(fixture("testapp_v1.js"))
            for _ in range(20):
                s.submit("add 1")
            s.flush()
        with persist.Store(self.path()) as s:
            self.assertEqual(s.submit("get"), "n=20 hist=")

    def test_limits_and_budgets_accepted(self) -> None:
        with persist.Store(
            self.path(),
            snapshot_budget_ms=50,
            js_budget_ms=persist.NO_LIMIT_MS,
            js_memory_limit=persist.NO_LIMIT_BYTES,
        ) as s:
            s.deploy(fixture("testapp_v1.js"))
            self.assertEqual(s.submit("add 1"), "n=1")

    def test_bad_option_values(self) -> None:
        bad = [
            {"map_size": -1},
            {"snapshot_every": 2**32},
            {"js_budget_ms": 1.5},
            {"js_memory_limit": 2**64},
            {"snapshot_budget_ms": True},
            {"durability": "fast"},
        ]
        for kw in bad:
            with self.subTest(kw=kw), self.assertRaises(persist.InvalidArgument):
                persist.Store(self.path(), **kw)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            persist.Store(self.path(), snapshots=3)  # type: ignore[call-arg]
        with self.assertRaises(TypeError):
            persist.Store(self.path(), log=42)  # type: ignore[arg-type]
        with self.assertRaises(persist.InvalidArgument):
            persist.Store("")
        with self.assertRaises(persist.InvalidArgument):
            persist.Store(self.path() + "\0x")
        self.assertFalse(os.path.exists(self.path()))

    def test_text_argument_types(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(fixture("testapp_v1.js"))
            with self.assertRaises(TypeError):
                s.submit(42)  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                s.submit_batch([None])  # type: ignore[list-item]
            with self.assertRaises(UnicodeEncodeError):
                s.submit("lone surrogate \ud800")


class TestModule(StoreTest):
    def test_versions(self) -> None:
        with open(os.path.join(os.path.dirname(__file__), "..", "..", "..", "include", "persist.h")) as f:
            header = f.read()
        string = re.search(r'#define PERSIST_VERSION_STRING "([^"]+)"', header).group(1)  # type: ignore[union-attr]
        number = int(re.search(r"#define PERSIST_VERSION_NUMBER (\d+)", header).group(1))  # type: ignore[union-attr]
        self.assertEqual(persist.version(), string)
        self.assertEqual(persist.version_number(), number)
        self.assertEqual(persist.version_number() // 10000, 1)

    def test_strerror(self) -> None:
        self.assertIsInstance(persist.strerror(persist.Status.ESCRIPT), str)
        self.assertNotEqual(persist.strerror(-30), persist.strerror(-31))
        self.assertTrue(persist.strerror(-9999))

    def test_library_path(self) -> None:
        path = persist.library_path()
        expected = os.environ.get("PERSIST_LIBRARY")
        if expected:
            self.assertEqual(path, expected)
        self.assertEqual(persist.load_library(), path)
