"""The binding covers the whole C API: every exported function has a prototype and a caller."""

from __future__ import annotations

import os
import unittest

import persist
from persist import _lib

SYMBOLS = os.path.normpath(
    os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "abi", "libpersist.symbols")
)


class TestCoverage(unittest.TestCase):
    @unittest.skipUnless(os.path.exists(SYMBOLS), "no tests/abi/libpersist.symbols")
    def test_every_exported_function_is_bound(self) -> None:
        with open(SYMBOLS) as f:
            exported = {line.strip() for line in f if line.strip()}
        self.assertEqual(exported - set(_lib._PROTOTYPES), set(), "functions without a prototype")
        pkg = os.path.dirname(persist.__file__)
        source = ""
        for name in os.listdir(pkg):
            if name.endswith(".py") and name != "_lib.py":
                with open(os.path.join(pkg, name)) as f:
                    source += f.read()
        # persist_options_init is declared but deliberately not called (see Store.__init__).
        unused = {n for n in exported if n not in source} - {"persist_options_init"}
        self.assertEqual(unused, set(), "functions no method calls")

    def test_status_codes_match_the_header(self) -> None:
        import re

        header = os.path.normpath(
            os.path.join(os.path.dirname(__file__), "..", "..", "..", "include", "persist.h")
        )
        if not os.path.exists(header):
            self.skipTest("no include/persist.h")
        with open(header) as f:
            codes = dict(re.findall(r"PERSIST_(E[A-Z]+|OK|ERROR) = (-?\d+)", f.read()))
        self.assertEqual({k: int(v) for k, v in codes.items()},
                         {s.name: int(s) for s in persist.Status})
