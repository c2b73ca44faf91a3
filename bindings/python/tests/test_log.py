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
