"""Finding and checking the shared library: PERSIST_LIBRARY, pkg-config, the standard search."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
import unittest

import persist
from _support import StoreTest, run_python

PROBE = "import persist; print(persist.library_path()); print(persist.version())"


class TestLibrary(StoreTest):
    def real_library(self) -> str:
        return os.path.realpath(persist.library_path())

    def test_env_var(self) -> None:
        lib = self.real_library()
        proc = run_python(PROBE, env={"PERSIST_LIBRARY": lib})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.splitlines()[0], lib)

    def test_env_var_bad_path_is_an_error(self) -> None:
        proc = run_python(
            "import persist\ntry:\n persist.version()\nexcept persist.LibraryError as e:\n print('LibraryError', e)",
            env={"PERSIST_LIBRARY": self.path("missing.so")},
        )
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("LibraryError cannot load libpersist from", proc.stdout)

    def test_pkg_config_libdir(self) -> None:
        if shutil.which("pkg-config") is None:
            self.skipTest("pkg-config is not installed")
        libdir = os.path.join(self.tmp, "root", "usr", "lib")
        os.makedirs(os.path.join(libdir, "pkgconfig"))
        shutil.copy(self.real_library(), os.path.join(libdir, "libpersist.so.1"))
        with open(os.path.join(libdir, "pkgconfig", "libpersist.pc"), "w") as f:
            f.write(
                "libdir=/usr/lib\nName: libpersist\nDescription: test\nVersion: 1.0.0\n"
                "Libs: -L${libdir} -lpersist\nCflags:\n"
            )
        env = {
            "PERSIST_LIBRARY": None,
            "LD_LIBRARY_PATH": None,
            "PKG_CONFIG_PATH": os.path.join(libdir, "pkgconfig"),
            "PKG_CONFIG_LIBDIR": os.path.join(libdir, "pkgconfig"),
            "PKG_CONFIG_SYSROOT_DIR": os.path.join(self.tmp, "root"),
        }
        proc = run_python(PROBE, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.splitlines()[0], os.path.join(libdir, "libpersist.so.1"))

    def test_standard_search(self) -> None:
        libdir = os.path.dirname(self.real_library())
        env = {
            "PERSIST_LIBRARY": None,
            "PKG_CONFIG": "false",  # no pkg-config answer
            "LD_LIBRARY_PATH": libdir,
        }
        proc = run_python(PROBE, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.splitlines()[0], "libpersist.so.1")

    @unittest.skipUnless(shutil.which("cc"), "needs a C compiler")
    def test_wrong_major_version_is_refused(self) -> None:
        src = os.path.join(self.tmp, "fake.c")
        lib = os.path.join(self.tmp, "libpersist.so.1")
        with open(src, "w") as f:
            f.write("unsigned persist_version_number(void) { return 20000; }\n")
        subprocess.run(["cc", "-shared", "-fPIC", "-o", lib, src], check=True)
        code = textwrap.dedent(
            """
            import persist
            try:
                persist.Store("x")
            except persist.LibraryError as e:
                print("refused:", e)
            """
        )
        proc = run_python(code, env={"PERSIST_LIBRARY": lib})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("refused:", proc.stdout)
        self.assertIn("this binding needs 1.x", proc.stdout)

    @unittest.skipUnless(shutil.which("cc"), "needs a C compiler")
    def test_library_missing_functions_is_refused(self) -> None:
        src = os.path.join(self.tmp, "fake.c")
        lib = os.path.join(self.tmp, "libpersist.so.1")
        with open(src, "w") as f:
            f.write("unsigned persist_version_number(void) { return 10000; }\n")
        subprocess.run(["cc", "-shared", "-fPIC", "-o", lib, src], check=True)
        proc = run_python(
            "import persist\ntry:\n persist.version()\nexcept persist.LibraryError as e:\n print(e)",
            env={"PERSIST_LIBRARY": lib},
        )
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("lacks persist_", proc.stdout)

    def test_load_library_twice_from_elsewhere(self) -> None:
        with self.assertRaises(persist.LibraryError):
            persist.load_library("/nonexistent/libpersist.so.1")
