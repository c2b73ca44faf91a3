"""Status codes of libpersist and the exception hierarchy mapped from them.

Every failing call raises a subclass of :class:`PersistError` chosen by its status code (the
``persist_status`` values of ``persist.h``); ``code`` is the negative status, ``message`` the
detailed message the store recorded for that very call (``persist_store_errmsg``). A code this
binding does not know yet (a newer library) raises :class:`PersistError` itself, so
``except PersistError`` always catches everything the library reports.
"""

from __future__ import annotations

import enum
from typing import Dict, Optional, Type

__all__ = [
    "Status",
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
    "error_for",
]


class Status(enum.IntEnum):
    """``persist_status`` from ``persist.h``; the values are pinned forever."""

    OK = 0
    ERROR = -1
    ENOMEM = -2
    EINVAL = -3
    EMISUSE = -4
    ECANCELED = -5
    ENOTFOUND = -10
    EEXISTS = -11
    EBUSY = -12
    ENOAPP = -13
    EREADONLY = -14
    EFOLLOWER = -15  # since 1.1
    EIO = -20
    ECORRUPT = -21
    EFULL = -22
    EVERSION = -23
    ESCRIPT = -30
    ETIMEOUT = -31
    ELOAD = -32
    ECONTRACT = -33
    EREJECTED = -34
    EMIGRATE = -35
    EROUNDTRIP = -36
    EMEMORY = -37
    ENOTQUERY = -38  # since 1.1
    EFATAL = -40
    EGAP = -50  # since 1.1
    EFOREIGN = -51  # since 1.1
    EFORKED = -52  # since 1.1


class PersistError(Exception):
    """A libpersist call failed.

    Attributes:
        code: the negative ``persist_status`` value (compare with :class:`Status`).
        message: the store's detailed message for the failed call (may be empty, e.g. for the
            per-event errors of :meth:`persist.Store.submit_batch`, where the C API keeps none).
        report: from :meth:`persist.Store.verify` when it found problems, the
            :class:`persist.VerifyReport` (Corrupt, or an app error when every problem is the app
            failing on what verify checks); None otherwise.
    """

    #: The status code this class stands for (None on the base class).
    status: Optional[Status] = None
    report: "Optional[object]" = None

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(code, message)
        self.code = int(code)
        self.message = message

    @property
    def status_name(self) -> str:
        """``PERSIST_ESCRIPT`` and so on; ``PERSIST_<code>`` for codes this binding does not know."""
        try:
            return "PERSIST_" + Status(self.code).name
        except ValueError:
            return "PERSIST_%d" % self.code

    def __str__(self) -> str:
        return "%s: %s" % (self.status_name, self.message) if self.message else self.status_name

    def __repr__(self) -> str:
        return "%s(%d, %r)" % (type(self).__name__, self.code, self.message)

    def __reduce__(self):  # keeps pickling (multiprocessing, concurrent.futures) working
        return (type(self), (self.code, self.message))


class InternalError(PersistError):
    """PERSIST_ERROR: unexpected internal failure."""

    status = Status.ERROR


class OutOfMemory(PersistError, MemoryError):
    """PERSIST_ENOMEM: the library ran out of memory."""

    status = Status.ENOMEM


class InvalidArgument(PersistError, ValueError):
    """PERSIST_EINVAL: invalid argument (text that is not UTF-8, a bad option, ...)."""

    status = Status.EINVAL


class Misuse(PersistError):
    """PERSIST_EMISUSE: closed store, or a call from inside a log callback of the same store."""

    status = Status.EMISUSE


class Canceled(PersistError):
    """PERSIST_ECANCELED: the progress callback stopped a long operation; nothing was changed."""

    status = Status.ECANCELED


class NotFound(PersistError):
    """PERSIST_ENOTFOUND: the store directory is missing (read-only or no_create open), or the
    directory that would hold a new store, or the history asked for was pruned, or no app has the
    given hash."""

    status = Status.ENOTFOUND


class Exists(PersistError):
    """PERSIST_EEXISTS: the target exists: import into a non-empty store, backup into a store."""

    status = Status.EEXISTS


class Busy(PersistError):
    """PERSIST_EBUSY: another process writes the store, or it is already open in this process."""

    status = Status.EBUSY


class NoApp(PersistError):
    """PERSIST_ENOAPP: no app deployed yet (or nothing to migrate from)."""

    status = Status.ENOAPP


class ReadOnly(PersistError):
    """PERSIST_EREADONLY: a write call on a store opened read-only."""

    status = Status.EREADONLY


class StoreIOError(PersistError):
    """PERSIST_EIO: an I/O error from the operating system (the message has its text).

    The store then refuses writes (:class:`Fatal`) until it is reopened.
    """

    status = Status.EIO


class Corrupt(PersistError):
    """PERSIST_ECORRUPT: a damaged record, snapshot, app code or store file.

    From :meth:`persist.Store.verify`, ``report`` holds the :class:`persist.VerifyReport`.
    """

    status = Status.ECORRUPT


class Full(PersistError):
    """PERSIST_EFULL: the disk or the store map is full."""

    status = Status.EFULL


class VersionError(PersistError):
    """PERSIST_EVERSION: the store format is newer than the library."""

    status = Status.EVERSION


class ScriptError(PersistError):
    """PERSIST_ESCRIPT: the app threw an exception (the message carries the JavaScript error)."""

    status = Status.ESCRIPT


class Timeout(PersistError):
    """PERSIST_ETIMEOUT: the app ran past its per-call time budget (``js_budget_ms``)."""

    status = Status.ETIMEOUT


class LoadError(PersistError):
    """PERSIST_ELOAD: the app code does not parse, or throws while loading."""

    status = Status.ELOAD


class ContractError(PersistError):
    """PERSIST_ECONTRACT: the app misses a contract function or returned a wrong type."""

    status = Status.ECONTRACT


class Rejected(PersistError):
    """PERSIST_EREJECTED: the app's deserialize rejected a state text (:meth:`Store.set_state`)."""

    status = Status.EREJECTED


class MigrationError(PersistError):
    """PERSIST_EMIGRATE: the new app's migrate (or, without one, its deserialize) rejected the
    previous state."""

    status = Status.EMIGRATE


class RoundTripError(PersistError):
    """PERSIST_EROUNDTRIP: serialize/deserialize/serialize did not give the same text."""

    status = Status.EROUNDTRIP


class MemoryLimit(PersistError):
    """PERSIST_EMEMORY: the app exceeded its heap memory limit (``js_memory_limit``)."""

    status = Status.EMEMORY


class Fatal(PersistError):
    """PERSIST_EFATAL: the store is poisoned by an unrecoverable error; only close is allowed."""

    status = Status.EFATAL


class FollowerError(PersistError):
    """PERSIST_EFOLLOWER: a write call on a follower, which takes its records from its leader
    (:meth:`persist.Store.apply`); :meth:`persist.Store.promote` makes it a writer."""

    status = Status.EFOLLOWER


class NotAQueryError(PersistError):
    """PERSIST_ENOTQUERY: the app's update changed the state, so the event is no query
    (:meth:`persist.Store.query`); the state stays as it was."""

    status = Status.ENOTQUERY


class GapError(PersistError):
    """PERSIST_EGAP: the sync batch starts after a record this store does not hold; apply the
    records before it first."""

    status = Status.EGAP


class ForeignBatchError(PersistError):
    """PERSIST_EFOREIGN: the sync batch or bootstrap package comes from another store."""

    status = Status.EFOREIGN


class ForkedError(PersistError):
    """PERSIST_EFORKED: this store's history and the sync batch's differ (a leader restored from an
    old backup, or one that kept writing after a follower was promoted)."""

    status = Status.EFORKED


class LibraryError(ImportError):
    """libpersist.so.1 could not be found or loaded, or it has an incompatible major version."""


_BY_CODE: Dict[int, Type[PersistError]] = {
    int(cls.status): cls
    for cls in list(globals().values())
    if isinstance(cls, type) and issubclass(cls, PersistError) and cls.status is not None
}


def error_for(code: int, message: str = "") -> PersistError:
    """The exception instance for status `code` (a :class:`PersistError` for unknown codes)."""
    return _BY_CODE.get(int(code), PersistError)(code, message)
