"""Every exception class that the API can raise, each triggered for real where possible."""

from __future__ import annotations

import os
import pickle
import re
import resource
import textwrap
from typing import List, Tuple

import persist
from _support import HEADER, StoreTest, fixture, run_python

V1 = fixture("testapp_v1.js")


def header_codes() -> List[Tuple[str, int]]:
    """The status codes include/persist.h declares (name, value), read from the header itself so
    that a code added to it later is checked too."""
    with open(HEADER, encoding="utf-8") as f:
        text = f.read()
    enum = re.search(r"typedef enum persist_status \{(.*?)\} persist_status;", text, re.S)
    assert enum is not None, "no persist_status enum in %s" % HEADER
    entry = re.compile(r"^\s*(PERSIST_\w+)\s*=\s*(-?\d+)", re.M)
    return [(m.group(1), int(m.group(2))) for m in entry.finditer(enum.group(1))]


class TestHeaderCodes(StoreTest):
    """Every PERSIST_E* code of persist.h is known to the binding: a Status member with the same
    name and value, its own exception class with a description, and a library text."""

    def test_the_header_is_read(self) -> None:
        codes = dict(header_codes())
        self.assertGreaterEqual(len(codes), 24)  # PERSIST_OK .. PERSIST_EFATAL as of 1.0
        self.assertEqual((codes["PERSIST_OK"], codes["PERSIST_EFATAL"]), (0, -40))

    def test_every_code_is_bound(self) -> None:
        classes = set()
        docs = set()
        texts = set()
        for name, value in header_codes():
            with self.subTest(code=name):
                self.assertTrue(name.startswith("PERSIST_"), name)
                self.assertIn(name[len("PERSIST_"):], persist.Status.__members__, "no Status member")
                self.assertEqual(int(persist.Status[name[len("PERSIST_"):]]), value)
                text = persist.strerror(value)
                self.assertTrue(text and text != "unknown status", "persist_strerror: %r" % text)
                self.assertNotIn(text, texts)
                texts.add(text)
                if value == 0:
                    continue
                e = persist.error_for(value, "msg")
                cls = type(e)
                self.assertIsNot(cls, persist.PersistError, "no exception class")
                self.assertNotIn(cls, classes)
                classes.add(cls)
                self.assertEqual(e.status_name, name)
                self.assertIn(cls.__name__, persist.__all__)
                doc = (cls.__doc__ or "").strip()
                self.assertTrue(doc.startswith(name + ": "), "docstring %r" % doc)
                self.assertNotIn(doc, docs)
                docs.add(doc)

    def test_the_binding_has_no_codes_the_header_lacks(self) -> None:
        names = {name for name, _ in header_codes()}
        for status in persist.Status:
            self.assertIn("PERSIST_" + status.name, names)


class TestHierarchy(StoreTest):
    def test_every_status_has_its_class(self) -> None:
        for status in persist.Status:
            if status == persist.Status.OK:
                continue
            e = persist.error_for(status, "msg")
            self.assertIsInstance(e, persist.PersistError)
            self.assertIsNot(type(e), persist.PersistError, status)
            self.assertEqual(type(e).status, status)
            self.assertEqual((e.code, e.message), (int(status), "msg"))
            self.assertEqual(str(e), "PERSIST_%s: msg" % status.name)
            self.assertEqual(e.status_name, "PERSIST_" + status.name)
            copy = pickle.loads(pickle.dumps(e))
            self.assertEqual((type(copy), copy.code, copy.message), (type(e), e.code, e.message))

    def test_unknown_code_gives_the_base_class(self) -> None:
        e = persist.error_for(-99, "")
        self.assertIs(type(e), persist.PersistError)
        self.assertEqual(str(e), "PERSIST_-99")

    def test_builtin_bases(self) -> None:
        self.assertIsInstance(persist.error_for(-3), ValueError)
        self.assertIsInstance(persist.error_for(-2), MemoryError)
        self.assertTrue(issubclass(persist.LibraryError, ImportError))

    def test_not_triggerable_classes_map(self) -> None:
        # No way to provoke these through the API; their mapping is all there is to test.
        for cls, code in [
            (persist.InternalError, -1),
            (persist.OutOfMemory, -2),
            (persist.Exists, -11),
        ]:
            self.assertIsInstance(persist.error_for(code), cls)


class TestTriggered(StoreTest):
    def store(self, **kw: object) -> persist.Store:
        s = persist.Store(self.path(), **kw)  # type: ignore[arg-type]
        self.addCleanup(s.close)
        return s

    def test_not_found(self) -> None:
        self.assertFails(persist.NotFound, lambda: persist.Store(self.path(), readonly=True))

    def test_busy_in_process(self) -> None:
        self.store()
        self.assertFails(persist.Busy, lambda: persist.Store(self.path()), "already open")
        self.assertFails(persist.Busy, lambda: persist.Store(self.path(), readonly=True))

    def test_busy_across_processes_and_readonly_reader(self) -> None:
        s = self.store()
        s.deploy(V1)
        s.submit("add 1")
        code = textwrap.dedent(
            """
            import persist, sys
            try:
                persist.Store(sys.argv[1])
            except persist.Busy as e:
                print("busy", e.message)
            with persist.Store(sys.argv[1], readonly=True) as r:
                print("head", r.head)
                try:
                    r.submit("add 1")
                except persist.ReadOnly:
                    print("readonly")
            """
        )
        proc = run_python(code.replace("sys.argv[1]", repr(self.path())))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertTrue(lines[0].startswith("busy store"), lines)
        self.assertIn("pid %d" % os.getpid(), lines[0])
        self.assertEqual(lines[1:], ["head 2", "readonly"])

    def test_no_app(self) -> None:
        s = self.store()
        self.assertFails(persist.NoApp, lambda: s.submit("x"))
        self.assertFails(persist.NoApp, lambda: s.state())
        self.assertFails(persist.NoApp, lambda: s.deploy(V1, migrate=True))
        self.assertFails(persist.NoApp, lambda: s.set_state("{}"))
        self.assertIsNone(s.app_hash)

    def test_read_only(self) -> None:
        with persist.Store(self.path()) as w:
            w.deploy(V1)
        r = self.store(readonly=True)
        self.assertFails(persist.ReadOnly, lambda: r.submit("add 1"), "read-only")

    def test_script_error(self) -> None:
        s = self.store()
        s.deploy(V1)
        s.submit("add 1")
        self.assertFails(persist.ScriptError, lambda: s.submit("throw"), "boom: the app refused")
        self.assertEqual(s.submit("get"), "n=1 hist=")
        self.assertEqual(s.head, 2)

    def test_load_error(self) -> None:
        s = self.store()
        self.assertFails(persist.LoadError, lambda: s.deploy(fixture("bad_syntax.js")))
        self.assertFails(
            persist.LoadError, lambda: s.deploy(fixture("bad_load_throws.js")), "refusing to load"
        )
        self.assertEqual(s.head, 0)

    def test_contract_error(self) -> None:
        s = self.store()
        self.assertFails(persist.ContractError, lambda: s.deploy(fixture("bad_no_update.js")))
        self.assertFails(persist.ContractError, lambda: s.deploy(fixture("bad_no_app.js")))
        for module in ["noInit", "noSerialize", "noDeserialize", "updateIsNumber", "appIsString"]:
            with self.subTest(module=module):
                self.assertFails(
                    persist.ContractError,
                    lambda: s.deploy(fixture("bad_contract_variants.js"), module=module),
                )
        s.deploy(V1)
        self.assertFails(persist.ContractError, lambda: s.submit("badresp"))
        # Without a migrate function, the previous state goes through deserialize, which refuses
        # it here: a migration error with the deserialize's reason, not a contract error.
        self.assertFails(
            persist.MigrationError,
            lambda: s.deploy(fixture("bad_no_migrate_strict.js"), migrate=True),
            "expected a version 2 state",
        )

    def test_rejected(self) -> None:
        s = self.store()
        s.deploy(V1)
        self.assertFails(persist.Rejected, lambda: s.set_state('{"v":2}'), "not a version 1 state")
        self.assertFails(persist.Rejected, lambda: s.set_state("not json"))

    def test_migration_error(self) -> None:
        s = self.store()
        s.deploy(V1)
        self.assertFails(
            persist.MigrationError,
            lambda: s.deploy(fixture("bad_migrate_throws.js"), migrate=True),
            "will not migrate",
        )

    def test_round_trip_error(self) -> None:
        s = self.store()
        self.assertFails(persist.RoundTripError, lambda: s.deploy(fixture("bad_roundtrip_always.js")))
        s.deploy(fixture("bad_roundtrip_big.js"))
        s.set_state('{"n":999}')
        self.assertFails(persist.RoundTripError, lambda: s.set_state('{"n":1000}'))

    def test_timeout(self) -> None:
        s = self.store(js_budget_ms=200)
        s.deploy(fixture("hostile.js"))
        s.submit("add")
        self.assertFails(persist.Timeout, lambda: s.submit("loop"), "budget")
        self.assertEqual(s.submit("add"), "n=2")

    def test_memory_limit(self) -> None:
        s = self.store(js_memory_limit=4 << 20, js_budget_ms=5000)
        s.deploy(fixture("hostile.js"))
        self.assertFails(persist.MemoryLimit, lambda: s.submit("bomb"), "memory limit")
        self.assertEqual(s.submit("add"), "n=1")

    def test_invalid_argument(self) -> None:
        s = self.store()
        s.deploy(V1)
        e = self.assertFails(persist.InvalidArgument, lambda: s.submit(b"add \xff"), "UTF-8")
        self.assertIsInstance(e, ValueError)
        self.assertFails(persist.InvalidArgument, lambda: s.deploy(b"var app = '\xc3';"))
        self.assertFails(persist.InvalidArgument, lambda: s.set_state(b"\xfe"))
        with self.assertRaises(persist.InvalidArgument):
            s.submit_batch(["add 1", b"\x80"])
        # A regular file where the store directory should be.
        with open(self.path("file"), "w"):
            pass
        self.assertFails(persist.InvalidArgument, lambda: persist.Store(self.path("file")))

    def test_misuse_reentrant_log_callback(self) -> None:
        seen = []

        def log(level: persist.LogLevel, message: str) -> None:
            for call in (lambda: s.submit("add 1"), lambda: s.head, s.close):
                try:
                    call()
                except persist.Misuse as e:
                    seen.append(e.message)

        s = self.store(log=log)
        s.deploy(fixture("bad_console.js"))
        self.assertEqual(s.submit("add 2"), "n=2")
        self.assertEqual(len(seen), 3, seen)
        self.assertIn("re-entrant", seen[0])
        self.assertEqual(s.head, 2)

    def test_corrupt(self) -> None:
        marker = b"CORRUPTIONMARKER0123456789"
        with persist.Store(self.path(), snapshot_every=1000000) as s:
            s.deploy(V1)
            s.submit("add 2")
            s.submit(b"append " + marker)
            s.submit("add 4")
        data_file = os.path.join(self.path(), "data.mdb")
        with open(data_file, "rb") as f:
            data = bytearray(f.read())
        at = data.find(marker)
        self.assertGreaterEqual(at, 0)
        while at >= 0:
            data[at + 6] ^= 1
            at = data.find(marker, at + 1)
        with open(data_file, "wb") as f:
            f.write(data)
        self.assertFails(persist.Corrupt, lambda: persist.Store(self.path()), "record 3")
        self.assertFails(persist.Corrupt, lambda: persist.Store(self.path(), readonly=True))

    def test_version_error(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(V1)
        data_file = os.path.join(self.path(), "data.mdb")
        with open(data_file, "rb") as f:
            data = f.read()
        # The `format` entry of the meta database: key "format", value 00 00 00 01 (docs/format.md).
        self.assertEqual(data.count(b"format\0\0\0\x01"), 1)
        with open(data_file, "wb") as f:
            f.write(data.replace(b"format\0\0\0\x01", b"format\0\0\0\x03"))
        self.assertFails(persist.VersionError, lambda: persist.Store(self.path()), "newer")

    def test_full(self) -> None:
        s = self.store(map_size=1 << 16)
        s.deploy(V1)
        # One record larger than the map can grow to in one write (64 KiB doubled 7 times).
        self.assertFails(persist.Full, lambda: s.submit("append " + "x" * (20 << 20)), "full")
        self.assertEqual(s.submit("add 1"), "n=1")

    def test_io_error(self) -> None:
        # The data file is a directory.
        os.makedirs(os.path.join(self.path("store"), "data.mdb"))
        self.assertFails(
            persist.StoreIOError, lambda: persist.Store(self.path("store")), "Is a directory"
        )

    def test_missing_parent_directory(self) -> None:
        # The store directory is created, but not its parents.
        self.assertFails(
            persist.NotFound,
            lambda: persist.Store(self.path("missing/store")),
            "missing does not exist; create it first",
        )

    def test_io_error_then_fatal(self) -> None:
        logs = []
        s = self.store(log=lambda level, msg: logs.append((level, msg)))
        s.deploy(V1)
        size = os.path.getsize(os.path.join(self.path(), "data.mdb"))
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        # Writes beyond this size fail with EFBIG (Python ignores SIGXFSZ).
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 4096, hard))
        try:
            self.assertFails(persist.StoreIOError, lambda: s.submit("append " + "y" * (1 << 20)))
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        self.assertFails(persist.Fatal, lambda: s.submit("add 1"), "reopen")
        self.assertIn(persist.LogLevel.ERROR, [level for level, _ in logs])
        s.close()
        with persist.Store(self.path()) as s2:  # reopening restores from what is on disk
            self.assertEqual(s2.submit("add 1"), "n=1")
