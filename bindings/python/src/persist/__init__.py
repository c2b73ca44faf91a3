"""Python binding of libpersist (ctypes, no third-party dependency).

libpersist keeps the state of a JavaScript app alive across crashes, restarts and new versions:
every event is logged to an LMDB store before its response is returned, and opening the store
restores the exact state. See ``help(persist.Store)``.

    >>> import persist
    >>> with persist.Store("counter-store") as store:
    ...     if store.app_hash is None:
    ...         store.deploy(open("counter.js").read())
    ...     print(store.submit("add 5"))

The shared library is found through ``$PERSIST_LIBRARY`` (a path), then the pkg-config libdir
of ``libpersist``, the dynamic linker's search for ``libpersist.so.1``, the standard directories
(/usr/local/lib, /usr/local/lib/<multiarch>, /usr/lib/<multiarch>, ...) and
``ctypes.util.find_library``; it is loaded on first use (or by :func:`load_library`) and must
have major version 1. The distribution is called ``libpersist``; the import name is ``persist``.
"""

from __future__ import annotations

from typing import Optional

from . import _lib
from .errors import (
    Busy,
    Canceled,
    ContractError,
    Corrupt,
    Exists,
    Fatal,
    FollowerError,
    ForeignBatchError,
    ForkedError,
    Full,
    GapError,
    InternalError,
    InvalidArgument,
    LibraryError,
    LoadError,
    MemoryLimit,
    MigrationError,
    Misuse,
    NoApp,
    NotAQueryError,
    NotFound,
    OutOfMemory,
    PersistError,
    ReadOnly,
    Rejected,
    RoundTripError,
    ScriptError,
    Status,
    StoreIOError,
    Timeout,
    VersionError,
    error_for,
)
from .history import AppInfo, PruneReport, Record, RecordKind, SnapshotInfo, VerifyReport
from .sync import Event, SyncInfo
from .store import (
    NO_LIMIT,
    NO_LIMIT_BYTES,
    NO_LIMIT_MS,
    BatchResult,
    EventResult,
    LogCallback,
    LogLevel,
    ProgressCallback,
    Store,
    Text,
    library_path,
    strerror,
    version,
    version_number,
)

__version__ = "1.0.0"  # the binding's version; the library's is version()


def load_library(path: Optional[str] = None) -> str:
    """Load libpersist now (instead of on first use) and return where it came from.

    Args:
        path: the shared library to load instead of the default search (see the module doc).

    Raises:
        LibraryError: not found, not loadable, wrong major version, or another library is
            already loaded in this process.
    """
    return _lib.load(path).path


__all__ = [
    "Store",
    "BatchResult",
    "Event",
    "EventResult",
    "SyncInfo",
    "LogLevel",
    "LogCallback",
    "ProgressCallback",
    "Text",
    "Record",
    "RecordKind",
    "SnapshotInfo",
    "AppInfo",
    "VerifyReport",
    "PruneReport",
    "NO_LIMIT_MS",
    "NO_LIMIT_BYTES",
    "NO_LIMIT",
    "version",
    "version_number",
    "strerror",
    "library_path",
    "load_library",
    "Status",
    "error_for",
    "PersistError",
    "InternalError",
    "OutOfMemory",
    "InvalidArgument",
    "Misuse",
    "Canceled",
    "NotFound",
    "Exists",
    "Busy",
    "NoApp",
    "ReadOnly",
    "StoreIOError",
    "Corrupt",
    "Full",
    "VersionError",
    "ScriptError",
    "Timeout",
    "LoadError",
    "ContractError",
    "Rejected",
    "MigrationError",
    "RoundTripError",
    "MemoryLimit",
    "Fatal",
    "FollowerError",
    "NotAQueryError",
    "GapError",
    "ForeignBatchError",
    "ForkedError",
    "LibraryError",
]
