"""Loading libpersist.so.1 and declaring its C API for ctypes.

Everything that mirrors ``persist.h`` lives here: constants, the structs (fields are only ever
appended in C, so they are only ever appended here, each marked with the version that added it), and
one table of function prototypes. Adding a function to the binding means adding one line to ``_PROTOTYPES``
(with the minor version that introduced it) and a method that calls it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char,
    c_char_p,
    c_int,
    c_int32,
    c_size_t,
    c_uint32,
    c_uint64,
    c_void_p,
)
from typing import Any, Callable, Dict, List, Optional, Tuple

from .errors import LibraryError

SONAME = "libpersist.so.1"
MAJOR = 1  # the library major version this binding speaks (the SONAME number)

# persist_options.flags
OPEN_READONLY = 0x1
OPEN_NO_CREATE = 0x2
LOG_ALL_EVENTS = 0x4
OPEN_NO_RESTORE = 0x8
LOG_TAG_APP = 0x10  # 1.1: the app's console output has LOG_FROM_APP added to its level
LOG_FROM_APP = 0x100
# persist_options.durability
DURABILITY_SYNC = 1
DURABILITY_RELAXED = 2
# "no limit" values of js_budget_ms and js_memory_limit
NO_LIMIT_MS = 0xFFFFFFFF
NO_LIMIT_BYTES = 0xFFFFFFFFFFFFFFFF
# "no limit" value of client_id_keep and client_id_keep_s (1.1)
NO_LIMIT = 0xFFFFFFFF
# persist_store_deploy() modes
DEPLOY_INIT = 1
DEPLOY_MIGRATE = 2
# persist_store_app_hash() needs 64 hex digits plus NUL
APP_HASH_BUF = 65
# persist_store_verify() flags
VERIFY_ALL_SNAPSHOTS = 0x1

# void (*persist_log_fn)(int level, const char *message, size_t len, void *userdata)
# (the message is declared as char * so ctypes hands over the pointer instead of a converted copy)
LOG_FN = CFUNCTYPE(None, c_int, POINTER(c_char), c_size_t, c_void_p)
# int (*persist_progress_fn)(uint64_t done, uint64_t total, void *userdata)
PROGRESS_FN = CFUNCTYPE(c_int, c_uint64, c_uint64, c_void_p)

char_p = POINTER(c_char)  # a returned buffer that must go back to persist_free()


class Options(Structure):
    """persist_options (1.1 layout: 1.0's fields, then client_id_keep and client_id_keep_s)."""

    _fields_ = [
        ("struct_size", c_uint32),
        ("flags", c_uint32),
        ("map_size", c_uint64),
        ("snapshot_every", c_uint32),
        ("snapshot_budget_ms", c_uint32),
        ("log_fn", LOG_FN),
        ("log_userdata", c_void_p),
        ("durability", c_uint32),
        ("js_budget_ms", c_uint32),
        ("js_memory_limit", c_uint64),
        ("progress_fn", PROGRESS_FN),
        ("progress_userdata", c_void_p),
        # since 1.1 (a 1.0 library accepts the larger struct while these are zero)
        ("client_id_keep", c_uint32),
        ("client_id_keep_s", c_uint32),
    ]


class BatchItem(Structure):
    """persist_batch_item. Its size is ABI (callers pass arrays), so it can never grow."""

    _fields_ = [
        ("event", c_char_p),
        ("event_len", c_size_t),
        ("status", c_int32),
        ("response", char_p),
        ("response_len", c_size_t),
    ]


class Event(Structure):
    """persist_event (1.1): the size passed with each array, so fields may be appended."""

    _fields_ = [
        ("event", c_char_p),
        ("event_len", c_size_t),
        ("client_id", c_char_p),
        ("client_id_len", c_size_t),
        ("time_us", c_uint64),
        ("response", char_p),
        ("response_len", c_size_t),
        ("seq", c_uint64),
        ("status", c_int32),
        ("duplicate", c_uint32),
    ]


class SyncInfo(Structure):
    """persist_sync_info (1.1; struct_size set by the caller)."""

    _fields_ = [
        ("struct_size", c_uint32),
        ("follower", c_uint32),
        ("head", c_uint64),
        ("first", c_uint64),
        ("snapshot_seq", c_uint64),
        ("store_id", c_char * 33),
        ("reserved", c_char * 7),
    ]


class Record(Structure):
    """persist_record."""

    _fields_ = [
        ("seq", c_uint64),
        ("time_us", c_uint64),
        ("source_seq", c_uint64),
        ("kind", c_uint32),
        ("reserved", c_uint32),
        ("payload", char_p),
        ("payload_len", c_size_t),
        ("module", char_p),
        ("module_len", c_size_t),
        ("app_hash", c_char * 65),
    ]


class SnapshotInfo(Structure):
    """persist_snapshot_info."""

    _fields_ = [
        ("seq", c_uint64),
        ("time_us", c_uint64),
        ("state_len", c_uint64),
        ("app_hash", c_char * 65),
    ]


class AppInfo(Structure):
    """persist_app_info."""

    _fields_ = [
        ("seq", c_uint64),
        ("code_len", c_uint64),
        ("kind", c_uint32),
        ("reserved", c_uint32),
        ("app_hash", c_char * 65),
    ]


class VerifyReport(Structure):
    """persist_verify_report (struct_size set by the caller)."""

    _fields_ = [
        ("struct_size", c_uint32),
        ("problems", c_uint32),
        ("records_checked", c_uint64),
        ("snapshots_checked", c_uint64),
        ("apps_checked", c_uint64),
        ("first_problem_seq", c_uint64),
    ]


class PruneReport(Structure):
    """persist_prune_report (struct_size set by the caller)."""

    _fields_ = [
        ("struct_size", c_uint32),
        ("compacted", c_uint32),
        ("kept_from", c_uint64),
        ("records_removed", c_uint64),
        ("snapshots_removed", c_uint64),
        ("apps_removed", c_uint64),
        ("bytes_before", c_uint64),
        ("bytes_after", c_uint64),
    ]


handle_t = c_void_p  # persist_store *

# name: (restype, argtypes, minor version that added it)
_PROTOTYPES: Dict[str, Tuple[Any, List[Any], int]] = {
    "persist_version_number": (c_uint32, [], 0),
    "persist_version_string": (c_char_p, [], 0),
    "persist_strerror": (c_char_p, [c_int], 0),
    "persist_options_init": (c_int, [POINTER(Options), c_size_t], 0),
    "persist_free": (None, [c_void_p], 0),
    "persist_store_open": (c_int, [POINTER(handle_t), c_char_p, POINTER(Options)], 0),
    "persist_store_close": (c_int, [handle_t], 0),
    "persist_store_errmsg": (c_size_t, [handle_t, c_char_p, c_size_t], 0),
    "persist_store_deploy": (c_int, [handle_t, c_char_p, c_size_t, c_uint32, c_char_p], 0),
    "persist_store_submit": (
        c_int,
        [handle_t, c_char_p, c_size_t, POINTER(char_p), POINTER(c_size_t)],
        0,
    ),
    "persist_store_submit_batch": (c_int, [handle_t, POINTER(BatchItem), c_size_t], 0),
    "persist_store_flush": (c_int, [handle_t], 0),
    "persist_store_set_state": (c_int, [handle_t, c_char_p, c_size_t], 0),
    "persist_store_snapshot": (c_int, [handle_t], 0),
    "persist_store_restore": (c_int, [handle_t], 0),
    "persist_store_state": (c_int, [handle_t, POINTER(char_p), POINTER(c_size_t)], 0),
    "persist_store_head": (c_int, [handle_t, POINTER(c_uint64)], 0),
    "persist_store_record_count": (c_int, [handle_t, POINTER(c_uint64)], 0),
    "persist_store_snapshot_seq": (c_int, [handle_t, POINTER(c_uint64)], 0),
    "persist_store_app_hash": (c_int, [handle_t, c_char_p, c_size_t], 0),
    # history, inspection and maintenance
    "persist_store_records": (
        c_int,
        [handle_t, c_uint64, c_uint32, c_uint32, POINTER(POINTER(Record)), POINTER(c_size_t)],
        0,
    ),
    "persist_store_state_at": (
        c_int,
        [handle_t, c_uint64, POINTER(char_p), POINTER(c_size_t)],
        0,
    ),
    "persist_store_response_at": (
        c_int,
        [handle_t, c_uint64, POINTER(char_p), POINTER(c_size_t)],
        0,
    ),
    "persist_store_snapshots": (
        c_int,
        [handle_t, POINTER(POINTER(SnapshotInfo)), POINTER(c_size_t)],
        0,
    ),
    "persist_store_apps": (c_int, [handle_t, POINTER(POINTER(AppInfo)), POINTER(c_size_t)], 0),
    "persist_store_app_code": (
        c_int,
        [handle_t, c_char_p, POINTER(char_p), POINTER(c_size_t)],
        0,
    ),
    "persist_store_verify": (c_int, [handle_t, c_uint32, POINTER(VerifyReport)], 0),
    "persist_store_revert": (c_int, [handle_t, c_uint64], 0),
    "persist_store_prune": (c_int, [handle_t, c_uint64, POINTER(PruneReport)], 0),
    "persist_store_backup": (c_int, [handle_t, c_char_p], 0),
    "persist_store_export": (c_int, [handle_t, c_char_p], 0),
    "persist_store_import": (c_int, [handle_t, c_char_p], 0),
    # client ids, timestamps, queries and followers
    "persist_store_submit_events": (c_int, [handle_t, POINTER(Event), c_size_t, c_size_t], 1),
    "persist_store_query": (
        c_int,
        [handle_t, c_char_p, c_size_t, POINTER(char_p), POINTER(c_size_t)],
        1,
    ),
    "persist_store_refresh": (c_int, [handle_t], 1),
    "persist_store_sync_info": (c_int, [handle_t, POINTER(SyncInfo)], 1),
    "persist_store_export_records": (
        c_int,
        [handle_t, c_uint64, c_uint64, POINTER(char_p), POINTER(c_size_t), POINTER(c_uint64)],
        1,
    ),
    "persist_store_export_bootstrap": (
        c_int,
        [handle_t, POINTER(char_p), POINTER(c_size_t), POINTER(c_uint64)],
        1,
    ),
    "persist_store_apply": (c_int, [handle_t, c_char_p, c_size_t, POINTER(c_uint64)], 1),
    "persist_store_promote": (c_int, [handle_t], 1),
    # 1.2
    "persist_store_client_id_at": (
        c_int,
        [handle_t, c_uint64, POINTER(char_p), POINTER(c_size_t)],
        2,
    ),
}


def _too_old(what: str, minor: int, version: str) -> NotImplementedError:
    return NotImplementedError(
        "%s needs libpersist 1.%d or newer; the loaded library is %s" % (what, minor, version)
    )


def _missing(name: str, minor: int, version: str) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        raise _too_old(name, minor, version)

    return call


class Library:
    """The loaded library: ``lib.persist_store_submit(...)`` and so on, plus ``path``."""

    def __init__(self, cdll: ctypes.CDLL, path: str) -> None:
        self.cdll = cdll
        self.path = path
        try:
            number = cdll.persist_version_number
        except AttributeError:
            raise LibraryError("%s is not libpersist (no persist_version_number)" % path) from None
        number.restype, number.argtypes = c_uint32, []
        self.version_number = int(number())
        if self.version_number // 10000 != MAJOR:
            raise LibraryError(
                "%s is libpersist %d.x (version number %d); this binding needs %d.x"
                % (path, self.version_number // 10000, self.version_number, MAJOR)
            )
        self.minor = minor = self.version_number // 100 % 100
        self.version = "%d.%d.%d" % (
            self.version_number // 10000,
            minor,
            self.version_number % 100,
        )
        for name, (restype, argtypes, since) in _PROTOTYPES.items():
            fn = getattr(cdll, name, None)
            if fn is None:
                if since <= minor:
                    raise LibraryError("%s lacks %s (libpersist 1.%d API)" % (path, name, since))
                setattr(self, name, _missing(name, since, self.version))
                continue
            fn.restype, fn.argtypes = restype, argtypes
            setattr(self, name, fn)

    def require(self, what: str, minor: int) -> None:
        """Raise NotImplementedError (as a function newer than the library does) unless the
        library has minor version `minor` or newer; `what` names the feature."""
        if self.minor < minor:
            raise _too_old(what, minor, self.version)

    def __getattr__(self, name: str) -> Any:  # for type checkers; real attributes are set above
        raise AttributeError(name)


def _pkgconfig_libdir() -> Optional[str]:
    """The libdir of libpersist.pc (with PKG_CONFIG_SYSROOT_DIR applied), or None."""
    exe = os.environ.get("PKG_CONFIG") or shutil.which("pkg-config") or shutil.which("pkgconf")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "--variable=libdir", "libpersist"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=True,
        ).stdout.decode(errors="replace").strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not out:
        return None
    sysroot = os.environ.get("PKG_CONFIG_SYSROOT_DIR", "")
    if sysroot and not out.startswith(sysroot.rstrip("/") + "/"):
        out = sysroot.rstrip("/") + out
    return out


# The root of the standard directories below (the tests point it at a fake file system).
_ROOT = "/"


def _standard_dirs() -> List[str]:
    """The directories ``make install`` uses (PREFIX=/usr/local by default) and the system's,
    searched by path: the dynamic linker only finds a library there once ``ldconfig`` has listed it
    in its cache, and /usr/local/lib is not one of its directories everywhere."""
    multiarch = getattr(sys.implementation, "_multiarch", None) or sysconfig.get_config_var(
        "MULTIARCH"
    )
    dirs = ["usr/local/lib"]
    if multiarch:
        dirs.append("usr/local/lib/" + multiarch)
    dirs.append("usr/local/lib64")
    if multiarch:
        dirs.append("usr/lib/" + multiarch)
    dirs += ["usr/lib64", "usr/lib"]
    return [os.path.join(_ROOT, d) for d in dirs]


def _candidates() -> List[str]:
    """Where to look after $PERSIST_LIBRARY, in order: the pkg-config libdir, the dynamic linker's
    search, the standard directories (those holding the library), ``find_library``."""
    libdir = _pkgconfig_libdir()
    found = []
    if libdir is not None:
        found.append(os.path.join(libdir, SONAME))
    found.append(SONAME)  # the dynamic linker's search: LD_LIBRARY_PATH, ld.so.cache, /usr/lib...
    for d in _standard_dirs():
        path = os.path.join(d, SONAME)
        if path not in found and os.path.exists(path):
            found.append(path)
    name = ctypes.util.find_library("persist")  # ldconfig -p, then the compiler's search path
    if name is not None and name not in found:
        found.append(name)
    return found


_lock = threading.Lock()
_loaded: Optional[Library] = None


def load(path: Optional[str] = None) -> Library:
    """Load libpersist once per process (later calls return the same library).

    Args:
        path: the shared library to load; default: ``$PERSIST_LIBRARY`` when set (a failure to load
            it is an error: there is no fallback), otherwise the pkg-config libdir of
            ``libpersist``, the dynamic linker's search for ``libpersist.so.1``, the standard
            directories (/usr/local/lib, /usr/lib/<multiarch>, ...), ``ctypes.util.find_library``.

    Raises:
        LibraryError: not found, not loadable, or a major version other than 1.
    """
    global _loaded
    with _lock:
        if _loaded is not None:
            if path is not None and os.path.realpath(path) != os.path.realpath(_loaded.path):
                raise LibraryError("libpersist is already loaded from %s" % _loaded.path)
            return _loaded
        explicit = path if path is not None else os.environ.get("PERSIST_LIBRARY") or None
        if explicit is not None:
            try:
                cdll = ctypes.CDLL(explicit)
            except OSError as e:
                raise LibraryError("cannot load libpersist from %s: %s" % (explicit, e)) from None
            _loaded = Library(cdll, explicit)
            return _loaded
        errors = []
        for candidate in _candidates():
            if os.sep in candidate and not os.path.exists(candidate):
                errors.append("%s: no such file" % candidate)
                continue
            try:
                cdll = ctypes.CDLL(candidate)
            except OSError as e:
                errors.append(str(e))
                continue
            _loaded = Library(cdll, candidate)
            return _loaded
        raise LibraryError(
            "cannot find %s through pkg-config, the dynamic linker or in %s (set PERSIST_LIBRARY "
            "to its path, install libpersist with `make install`, or set LD_LIBRARY_PATH): %s"
            % (SONAME, ", ".join(_standard_dirs()), "; ".join(errors))
        )
