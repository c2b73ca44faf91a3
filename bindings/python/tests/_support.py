"""Shared helpers of the binding tests: fixtures, temporary store directories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from typing import Any, Callable, Dict, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
# The repository's tests/fixtures (override with PERSIST_FIXTURES).
FIXTURES = os.environ.get("PERSIST_FIXTURES") or os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "tests", "fixtures")
)
HEADER = os.path.normpath(os.path.join(HERE, "..", "..", "..", "include", "persist.h"))


def fixture(name: str) -> str:
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return f.read()


class StoreTest(unittest.TestCase):
    """Gives each test a fresh temporary directory; `self.path()` names a store inside it."""

    def setUp(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="persist-py-")

    def tearDown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name: str = "store") -> str:
        return os.path.join(self.tmp, name)

    def assertFails(self, cls: type, fn: Callable[[], Any], *parts: str) -> Any:
        """`fn()` raises exactly `cls` (a PersistError subclass) with its status code and a message
        containing every one of `parts`; returns the exception."""
        with self.assertRaises(cls) as cm:
            fn()
        e = cm.exception
        self.assertIs(type(e), cls)
        self.assertEqual(e.code, int(cls.status))  # type: ignore[attr-defined]
        for part in parts:
            self.assertIn(part, e.message)  # type: ignore[attr-defined]
        return e


def run_python(code: str, env: Optional[Dict[str, str]] = None, **kw: Any) -> subprocess.CompletedProcess:
    """Runs `code` in a fresh interpreter that imports the same `persist` package as this one."""
    import persist

    full_env = dict(os.environ)
    pkg_root = os.path.dirname(os.path.dirname(os.path.abspath(persist.__file__)))
    full_env["PYTHONPATH"] = pkg_root + os.pathsep + full_env.get("PYTHONPATH", "")
    if env:
        for k, v in env.items():
            if v is None:
                full_env.pop(k, None)
            else:
                full_env[k] = v
    return subprocess.run(
        [sys.executable, "-c", code],
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=60,
        **kw,
    )
