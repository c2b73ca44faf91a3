"""The log callback: console output, levels, lifetime, exceptions in the callback."""

from __future__ import annotations

import gc
import sys
from typing import Any, List, Tuple

import persist
from _support import StoreTest, fixture


class TestLog(StoreTest):
    def test_console_output_reaches_the_callback(self) -> None:
        logs: List[Tuple[persist.LogLevel, str]] = []
        with persist.Store(self.path(), log=lambda level, msg: logs.append((level, msg))) as s:
            s.deploy(fixture("bad_console.js"))
            s.submit("add 3")
            s.submit("warn careful ünïcode")
        levels = [level for level, _ in logs]
        texts = [msg for _, msg in logs]
        self.assertTrue(any("bad_console update add 3 n=3" in t for t in texts), logs)
        self.assertTrue(any("careful ünïcode" in t for t in texts), logs)
        self.assertIn(persist.LogLevel.WARN, levels)
        for level in levels:
            self.assertIsInstance(level, persist.LogLevel)

    def test_sandbox_console_levels(self) -> None:
        logs: List[Tuple[persist.LogLevel, str]] = []
        with persist.Store(self.path(), log=lambda level, msg: logs.append((level, msg))) as s:
            s.deploy(fixture("sandbox.js"))
            s.submit("log")
        by_text = {msg: level for level, msg in logs}
        self.assertEqual(by_text.get("careful"), persist.LogLevel.WARN, logs)
        self.assertEqual(by_text.get("bad"), persist.LogLevel.ERROR, logs)

    def test_callback_kept_alive_by_the_store(self) -> None:
        logs: List[str] = []

        def make() -> persist.Store:
            return persist.Store(self.path(), log=lambda level, msg: logs.append(msg))

        s = make()
        gc.collect()
        s.deploy(fixture("bad_console.js"))
        s.submit("add 1")
        s.close()
        self.assertTrue(logs)

    def test_exception_in_callback_is_reported_and_ignored(self) -> None:
        reported: List[Any] = []
        old = sys.unraisablehook
        sys.unraisablehook = lambda info: reported.append(info.exc_value)
        try:

            def log(level: persist.LogLevel, msg: str) -> None:
                raise RuntimeError("callback failed")

            with persist.Store(self.path(), log=log) as s:
                s.deploy(fixture("bad_console.js"))
                self.assertEqual(s.submit("add 1"), "n=1")
        finally:
            sys.unraisablehook = old
        self.assertTrue(reported)
        self.assertIsInstance(reported[0], RuntimeError)

    def test_callback_may_use_another_store(self) -> None:
        other = persist.Store(self.path("other"))
        self.addCleanup(other.close)
        other.deploy(fixture("testapp_v1.js"))

        def log(level: persist.LogLevel, msg: str) -> None:
            other.submit("add 1")

        with persist.Store(self.path(), log=log) as s:
            s.deploy(fixture("bad_console.js"))
            s.submit("add 1")
        self.assertGreaterEqual(other.head, 2)

    def test_app_log_takes_the_apps_output_and_log_keeps_the_librarys(self) -> None:
        with persist.Store(self.path(), snapshot_every=1000000) as s:
            s.deploy(fixture("sandbox.js"))
            for _ in range(3):
                self.assertEqual(s.submit("log"), "logged")
        lib_logs: List[Tuple[persist.LogLevel, str]] = []
        app_logs: List[Tuple[persist.LogLevel, str]] = []
        # The reopen replays 3 records past a policy of 2, so it writes a snapshot and says so.
        with persist.Store(
            self.path(),
            snapshot_every=2,
            log=lambda level, msg: lib_logs.append((level, msg)),
            app_log=lambda level, msg: app_logs.append((level, msg)),
        ) as s:
            self.assertEqual(s.submit("log"), "logged")
        self.assertTrue(any("written at open" in msg for _, msg in lib_logs), lib_logs)
        self.assertFalse(any(msg in ("careful", "bad") for _, msg in lib_logs), lib_logs)
        # 3 replayed events and the new one, each logging info, warn and error.
        self.assertEqual(len(app_logs), 12, app_logs)
        self.assertEqual(app_logs.count((persist.LogLevel.WARN, "careful")), 4, app_logs)
        self.assertEqual(app_logs.count((persist.LogLevel.ERROR, "bad")), 4, app_logs)
        self.assertEqual(app_logs[0], (persist.LogLevel.INFO, "hello 42 [object Object]"))
        for level, _ in app_logs:
            self.assertIsInstance(level, persist.LogLevel)

    def test_app_log_alone(self) -> None:
        app_logs: List[str] = []
        with persist.Store(self.path(), app_log=lambda level, msg: app_logs.append(msg)) as s:
            s.deploy(fixture("sandbox.js"))
            s.submit("log")
        self.assertEqual(app_logs, ["hello 42 [object Object]", "careful", "bad"])
        with self.assertRaises(TypeError):
            persist.Store(self.path("other"), app_log="not callable")  # type: ignore[arg-type]
