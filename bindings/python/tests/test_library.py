"""Finding and checking the shared library: PERSIST_LIBRARY, pkg-config, the standard search."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


class TestStandardDirectories(StoreTest):
    """After `make install` the library is found without LD_LIBRARY_PATH, also when neither
    pkg-config nor the loader's cache (no ldconfig yet) knows it: the standard directories are
    searched by path. _lib._ROOT points them at a fake file system."""

    def fake_root(self, subdir: str) -> str:
        root = os.path.join(self.tmp, "root")
        libdir = os.path.join(root, subdir)
        os.makedirs(libdir)
        shutil.copy(os.path.realpath(persist.library_path()), os.path.join(libdir, "libpersist.so.1"))
        return root

    def test_order(self) -> None:
        from persist import _lib

        root = self.fake_root("usr/local/lib")
        os.makedirs(os.path.join(root, "usr", "lib"))
        shutil.copy(os.path.join(root, "usr/local/lib/libpersist.so.1"), os.path.join(root, "usr/lib"))
        saved = _lib._ROOT, _lib._pkgconfig_libdir
        _lib._ROOT = root
        _lib._pkgconfig_libdir = lambda: "/pc/lib"  # type: ignore[assignment]
        try:
            dirs = _lib._standard_dirs()
            found = _lib._candidates()
        finally:
            _lib._ROOT, _lib._pkgconfig_libdir = saved  # type: ignore[assignment]
        self.assertEqual(dirs[0], os.path.join(root, "usr/local/lib"))
        self.assertEqual(dirs[-1], os.path.join(root, "usr/lib"))
        multiarch = getattr(sys.implementation, "_multiarch", None)
        if multiarch:
            self.assertIn(os.path.join(root, "usr/lib", multiarch), dirs)
        # pkg-config, then the dynamic linker, then the standard directories that hold it.
        self.assertEqual(
            found[:4],
            [
                "/pc/lib/libpersist.so.1",
                "libpersist.so.1",
                os.path.join(root, "usr/local/lib/libpersist.so.1"),
                os.path.join(root, "usr/lib/libpersist.so.1"),
            ],
        )

    def test_found_in_usr_local_lib_without_ld_library_path(self) -> None:
        env = {"PERSIST_LIBRARY": None, "LD_LIBRARY_PATH": None, "PKG_CONFIG": "false"}
        probe = run_python("import ctypes\nctypes.CDLL('libpersist.so.1')", env=env)
        if probe.returncode == 0:
            self.skipTest("libpersist.so.1 is installed where the dynamic linker finds it")
        root = self.fake_root("usr/local/lib")
        code = "from persist import _lib\n_lib._ROOT = %r\n" % root + PROBE
        proc = run_python(code, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(
            proc.stdout.splitlines()[0], os.path.join(root, "usr/local/lib/libpersist.so.1")
        )

    def test_not_found_names_the_directories(self) -> None:
        env = {"PERSIST_LIBRARY": None, "LD_LIBRARY_PATH": None, "PKG_CONFIG": "false"}
        probe = run_python("import ctypes\nctypes.CDLL('libpersist.so.1')", env=env)
        if probe.returncode == 0:
            self.skipTest("libpersist.so.1 is installed where the dynamic linker finds it")
        code = (
            "import persist\nfrom persist import _lib\n_lib._ROOT = %r\n"
            "try:\n persist.load_library()\nexcept persist.LibraryError as e:\n print(e)"
        ) % os.path.join(self.tmp, "empty")
        proc = run_python(code, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("cannot find libpersist.so.1", proc.stdout)
        self.assertIn(os.path.join(self.tmp, "empty", "usr/local/lib"), proc.stdout)
