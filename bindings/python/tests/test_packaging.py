"""The in-tree build backend (build_backend/persist_build.py): the wheel, the sdist and the editable
wheel it writes, its TOML reader for Python < 3.11, and that it never writes into the source tree.
(tests/bindings/python-test.sh installs the package with pip in a fresh virtual environment.)"""

from __future__ import annotations

import base64
import hashlib
import importlib
import os
import re
import sys
import tarfile
import unittest
import zipfile
from typing import Dict, List

from _support import HERE, StoreTest

PROJECT = os.path.normpath(os.path.join(HERE, ".."))  # bindings/python
sys.path.insert(0, os.path.join(PROJECT, "build_backend"))
backend = importlib.import_module("persist_build")
sys.path.pop(0)


def tree(root: str) -> Dict[str, float]:
    """Every file below root with its modification time."""
    found = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            found[os.path.relpath(path, root)] = os.stat(path).st_mtime
    return found


class TestBackend(StoreTest):
    def setUp(self) -> None:
        super().setUp()
        self.before = tree(PROJECT)

    def tearDown(self) -> None:
        self.assertEqual(tree(PROJECT), self.before, "the backend wrote into the source tree")
        super().tearDown()

    def test_no_build_requirements(self) -> None:
        self.assertEqual(backend.get_requires_for_build_wheel(), [])
        self.assertEqual(backend.get_requires_for_build_sdist(), [])
        self.assertEqual(backend.get_requires_for_build_editable(), [])
        build_system = backend.load_pyproject()["build-system"]
        self.assertEqual(build_system["requires"], [])
        self.assertEqual(build_system["build-backend"], "persist_build")
        self.assertEqual(build_system["backend-path"], ["build_backend"])

    def test_version_matches_the_package(self) -> None:
        with open(os.path.join(PROJECT, "src", "persist", "__init__.py"), encoding="utf-8") as f:
            version = re.search(r'^__version__ = "([^"]+)"', f.read(), re.M)
        self.assertIsNotNone(version)
        self.assertEqual(backend.load_pyproject()["project"]["version"], version.group(1))  # type: ignore[union-attr]

    def test_toml_subset_reader_agrees_with_tomllib(self) -> None:
        with open(os.path.join(PROJECT, "pyproject.toml"), encoding="utf-8") as f:
            text = f.read()
        mine = backend.parse_toml_subset(text)
        self.assertEqual(mine["project"]["name"], "libpersist")
        self.assertIn("Typing :: Typed", mine["project"]["classifiers"])
        try:
            import tomllib
        except ImportError:
            self.skipTest("no tomllib (Python < 3.11) to compare with")
        self.assertEqual(mine, tomllib.loads(text))
        sample = '[a.b]\nx = "1 # not a comment" # a comment\ny = [\n  "p", # one\n  "q",\n]\n'
        self.assertEqual(backend.parse_toml_subset(sample), tomllib.loads(sample))

    def test_wheel(self) -> None:
        name = backend.build_wheel(self.tmp)
        self.assertEqual(name, "libpersist-1.0.0-py3-none-any.whl")
        self.assertEqual(os.listdir(self.tmp), [name])  # no temporary file left
        with zipfile.ZipFile(os.path.join(self.tmp, name)) as wheel:
            names = wheel.namelist()
            package = sorted(n for n in names if n.startswith("persist/"))
            expected = sorted(
                "persist/" + f
                for f in os.listdir(os.path.join(PROJECT, "src", "persist"))
                if f.endswith(".py") or f == "py.typed"
            )
            self.assertEqual(package, expected)
            self.assertFalse([n for n in names if "__pycache__" in n or n.endswith(".pyc")])
            info = "libpersist-1.0.0.dist-info/"
            metadata = wheel.read(info + "METADATA").decode()
            self.assertIn("Name: libpersist\nVersion: 1.0.0\n", metadata)
            self.assertIn("Requires-Python: >=3.8\n", metadata)
            self.assertIn("Description-Content-Type: text/markdown\n", metadata)
            self.assertIn("# persist: Python binding of libpersist", metadata)
            self.assertIn("Root-Is-Purelib: true\nTag: py3-none-any\n", wheel.read(info + "WHEEL").decode())
            self.assertEqual(wheel.read(info + "top_level.txt"), b"persist\n")
            self.check_record(wheel, info + "RECORD")

    def check_record(self, wheel: zipfile.ZipFile, record: str) -> None:
        lines: List[str] = wheel.read(record).decode().splitlines()
        self.assertEqual(sorted(line.split(",")[0] for line in lines), sorted(wheel.namelist()))
        for line in lines:
            path, digest, size = line.split(",")
            if path == record:
                self.assertEqual((digest, size), ("", ""))
                continue
            data = wheel.read(path)
            want = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            self.assertEqual((digest, int(size)), ("sha256=" + want, len(data)), path)

    def test_wheel_is_reproducible(self) -> None:
        first = os.path.join(self.tmp, "1")
        second = os.path.join(self.tmp, "2")
        os.mkdir(first)
        os.mkdir(second)
        name = backend.build_wheel(first)
        backend.build_wheel(second)
        with open(os.path.join(first, name), "rb") as a, open(os.path.join(second, name), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_editable_wheel(self) -> None:
        name = backend.build_editable(self.tmp)
        with zipfile.ZipFile(os.path.join(self.tmp, name)) as wheel:
            pth = wheel.read("_libpersist_editable.pth").decode()
            self.assertEqual(pth, os.path.join(PROJECT, "src") + "\n")
            self.assertFalse([n for n in wheel.namelist() if n.startswith("persist/")])
            self.check_record(wheel, "libpersist-1.0.0.dist-info/RECORD")

    def test_sdist_holds_what_builds_the_wheel(self) -> None:
        name = backend.build_sdist(self.tmp)
        self.assertEqual(name, "libpersist-1.0.0.tar.gz")
        with tarfile.open(os.path.join(self.tmp, name)) as sdist:
            names = sdist.getnames()
            for member in ["pyproject.toml", "README.md", "build_backend/persist_build.py",
                           "src/persist/__init__.py", "src/persist/py.typed", "PKG-INFO"]:
                self.assertIn("libpersist-1.0.0/" + member, names)
            pkg_info = sdist.extractfile("libpersist-1.0.0/PKG-INFO").read().decode()  # type: ignore[union-attr]
        self.assertIn("Name: libpersist\n", pkg_info)


if __name__ == "__main__":
    unittest.main()
