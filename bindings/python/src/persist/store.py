"""The Store class: one open libpersist store."""

from __future__ import annotations

import ctypes
import enum
import os
import threading
import weakref
from ctypes import byref, c_size_t, c_uint64
from typing import (
    Any,
    Callable,
    Iterable,
    Iterator,
    List,
    NoReturn,
    Optional,
    Tuple,
    Union,
)

from . import _lib
from .errors import (
    Canceled,
    InvalidArgument,
    Misuse,
    NoApp,
    PersistError,
    Status,
    error_for,
)
from .history import (
    AppInfo,
    PruneReport,
    Record,
    RecordKind,
    SnapshotInfo,
    VerifyReport,
    _kind,
)
from .sync import SyncInfo

__all__ = [
    "Store",
    "BatchResult",
    "EventResult",
    "LogLevel",
    "LogCallback",
    "ProgressCallback",
    "Text",
    "NO_LIMIT_MS",
    "NO_LIMIT_BYTES",
    "NO_LIMIT",
    "version",
    "version_number",
    "strerror",
    "library_path",
]

#: Text for the app: ``str`` (encoded as UTF-8) or ``bytes`` (must be UTF-8 already).
Text = Union[str, bytes, bytearray, memoryview]

#: ``js_budget_ms`` value for "no time limit".
NO_LIMIT_MS = _lib.NO_LIMIT_MS
#: ``js_memory_limit`` value for "no memory limit".
NO_LIMIT_BYTES = _lib.NO_LIMIT_BYTES
#: ``client_id_keep`` and ``client_id_keep_s`` value for "no limit".
NO_LIMIT = _lib.NO_LIMIT

# The failures of one event's update (the app threw, or broke its contract): per-event results of
# submit_events, as of submit_batch. Any other status fails the call as a whole.
_EVENT_FAILURES = frozenset((Status.ESCRIPT, Status.ECONTRACT))


class LogLevel(enum.IntEnum):
    """persist_log_level: the level passed to the log callback."""

    DEBUG = 0
    INFO = 1
    WARN = 2
    ERROR = 3


#: ``log(level, message)``: receives the app's console output and the library's messages.
LogCallback = Callable[[LogLevel, str], Any]

#: ``progress(done, total)``: progress of a long operation; return False to cancel it.
ProgressCallback = Callable[[int, int], Optional[bool]]


def version() -> str:
    """Version of the loaded library, e.g. ``"1.0.0"``."""
    return _lib.load().persist_version_string().decode()


def version_number() -> int:
    """Version of the loaded library as major * 10000 + minor * 100 + patch."""
    return int(_lib.load().persist_version_number())


def strerror(code: int) -> str:
    """The library's static description of a status code."""
    return _lib.load().persist_strerror(int(code)).decode()


def library_path() -> str:
    """The path (or name) libpersist was loaded from."""
    return _lib.load().path


def _text(value: Text, what: str) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError("%s must be str or bytes, not %s" % (what, type(value).__name__))


def _data(value: Union[bytes, bytearray, memoryview], what: str) -> bytes:
    """Binary data (sync batches): bytes-like only, a str would not survive encoding."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError("%s must be bytes, not %s" % (what, type(value).__name__))


def _take_bytes(lib: _lib.Library, ptr: Any, length: int) -> bytes:
    """Copy library-allocated memory into bytes and free it."""
    try:
        return ctypes.string_at(ptr, length) if ptr else b""
    finally:
        lib.persist_free(ptr)


def _take(lib: _lib.Library, ptr: Any, length: int) -> str:
    """Copy a library-allocated text into a str and free it."""
    return _take_bytes(lib, ptr, length).decode("utf-8")


def _u32(name: str, value: Optional[int]) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 0xFFFFFFFF:
        raise InvalidArgument(Status.EINVAL, "%s must be an int in 0..2**32-1" % name)
    return value


def _u64(name: str, value: Optional[int]) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**64:
        raise InvalidArgument(Status.EINVAL, "%s must be an int in 0..2**64-1" % name)
    return value


def _log_trampoline(log: Optional[LogCallback], app_log: Optional[LogCallback]) -> Any:
    def call(level: int, message: Any, length: int, userdata: Any) -> None:
        target = log
        if level & _lib.LOG_FROM_APP:  # only with LOG_TAG_APP, which app_log sets
            target, level = app_log, level & ~_lib.LOG_FROM_APP
        if target is None:
            return
        text = ctypes.string_at(message, length).decode("utf-8", "replace")
        try:
            lvl: Any = LogLevel(level)
        except ValueError:
            lvl = level
        # An exception raised here cannot cross the C frames: ctypes reports it through
        # sys.unraisablehook and the library call goes on.
        target(lvl, text)

    return _lib.LOG_FN(call)


def _progress_trampoline(progress: ProgressCallback, pending: List[BaseException]) -> Any:
    def call(done: int, total: int, userdata: Any) -> int:
        try:
            return 1 if progress(done, total) is False else 0
        except BaseException as e:  # noqa: B902 - re-raised by the store call that got cancelled
            pending.append(e)
            return 1

    return _lib.PROGRESS_FN(call)


def _close_handle(lib: _lib.Library, handle: Any, keep_alive: Any) -> None:
    """Finalizer: closes the handle once; `keep_alive` (the log callback) outlives the close."""
    lib.persist_store_close(handle)


class BatchResult:
    """The outcome of one event of :meth:`Store.submit_batch`.

    Exactly one of ``response`` (the app's response, ``ok`` is True) and ``error`` (the event's
    exception, ``ok`` is False) is set. :meth:`unwrap` returns the response or raises the error.
    The per-event exceptions carry the status code but no detailed message: the C API records
    messages per store, not per batch item.
    """

    __slots__ = ("event", "response", "error")

    def __init__(self, event: bytes, response: Optional[str], error: Optional[PersistError]):
        self.event = event
        self.response = response
        self.error = error

    @property
    def ok(self) -> bool:
        return self.error is None

    def unwrap(self) -> str:
        """The response; raises the event's :class:`PersistError` if it failed."""
        if self.error is not None:
            raise self.error
        return self.response if self.response is not None else ""

    def __iter__(self) -> Iterator[Any]:  # ok, value = result
        yield self.ok
        yield self.response if self.error is None else self.error

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BatchResult):
            return NotImplemented
        return (self.event, self.response, repr(self.error)) == (
            other.event,
            other.response,
            repr(other.error),
        )

    def __repr__(self) -> str:
        if self.error is None:
            return "BatchResult(ok, %r)" % (self.response,)
        return "BatchResult(%r)" % (self.error,)


class EventResult(BatchResult):
    """The outcome of one event of :meth:`Store.submit_events`: a :class:`BatchResult` (``ok``,
    ``response``, ``error``, ``unwrap()``) with the event's ``client_id`` (bytes or None), ``seq``
    (its record; a duplicate's is the first one's; 0 when nothing was logged) and ``duplicate``
    (True when the client id was applied before: nothing was applied again and ``response`` is the
    first one's). With a single event, its error carries the library's message.
    """

    __slots__ = ("client_id", "seq", "duplicate")

    def __init__(
        self,
        event: bytes,
        client_id: Optional[bytes],
        response: Optional[str],
        error: Optional[PersistError],
        seq: int = 0,
        duplicate: bool = False,
    ):
        super().__init__(event, response, error)
        self.client_id = client_id
        self.seq = seq
        self.duplicate = duplicate

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EventResult):
            return NotImplemented
        return BatchResult.__eq__(self, other) and (self.client_id, self.seq, self.duplicate) == (
            other.client_id,
            other.seq,
            other.duplicate,
        )

    def __repr__(self) -> str:
        if self.error is not None:
            return "EventResult(%r)" % (self.error,)
        return "EventResult(ok, %r, seq=%d%s)" % (
            self.response,
            self.seq,
            ", duplicate" if self.duplicate else "",
        )


def _event_args(item: Any) -> Tuple[bytes, Optional[bytes], int]:
    """(event, client_id, time_us) of one submit_events item: a text, a tuple, or an object with
    an ``event`` attribute (such as :class:`persist.Event`)."""
    if isinstance(item, (str, bytes, bytearray, memoryview)):
        return _text(item, "event"), None, 0
    if isinstance(item, tuple):
        if not 1 <= len(item) <= 3:
            raise TypeError("an event tuple is (event, client_id, time_us), the last two optional")
        event, client_id, time_us = (tuple(item) + (None, None))[:3]
    elif hasattr(item, "event"):
        event = item.event
        client_id = getattr(item, "client_id", None)
        time_us = getattr(item, "time_us", None)
    else:
        raise TypeError("an event must be a text, a tuple or have an `event`, not %s" % type(item))
    cid = None if client_id is None else _text(client_id, "client_id")
    return _text(event, "event"), cid, _u64("time_us", time_us)


class Store:
    """An open libpersist store (a directory holding the event log, snapshots and app code).

    ``Store(path, **options)`` opens the store, creating it unless ``no_create`` is set, and
    restores the live app (newest snapshot plus replay). Use it as a context manager or call
    :meth:`close`. Every method raises a :class:`~persist.PersistError` subclass on failure.

    Options (all keyword-only; 0 or None means the library default):
        readonly: inspection handle: no writes; works while another process writes.
        no_create: raise :class:`~persist.NotFound` instead of creating a missing store.
        log_all_events: also log events whose update returned the identical state.
        map_size: initial LMDB map size in bytes (grows when full); default 64 MiB.
        snapshot_every: snapshot after this many records; default 1000.
        snapshot_budget_ms: also snapshot when the estimated replay time exceeds this.
        durability: ``"sync"`` (default: fsync per commit) or ``"relaxed"`` (call :meth:`flush`).
        js_budget_ms: time per call into the app; default 10000; :data:`NO_LIMIT_MS` for none.
        js_memory_limit: bytes per app heap; default 512 MiB; :data:`NO_LIMIT_BYTES` for none.
        client_id_keep: how many client ids are remembered (:meth:`submit_events`); default
            100000; :data:`NO_LIMIT` for no limit. Needs libpersist 1.1.
        client_id_keep_s: for how many seconds of record time a client id is remembered; default
            86400 (a day); :data:`NO_LIMIT` for no limit. A forgotten id is applied again if it
            comes back. Needs libpersist 1.1.
        no_restore: do not restore the live app (to inspect or repair a store whose restore
            fails); revert, deploy without migrate and import still work, calls that need the
            live app raise :class:`~persist.NoApp`.
        log: ``log(level, message)``, called with the app's console output and library
            messages, on the calling thread while the store is locked. It must not call this
            store (that raises :class:`~persist.Misuse`); its exceptions are reported through
            ``sys.unraisablehook`` and otherwise ignored.
        progress: ``progress(done, total)``, called during long operations (open, restore,
            verify, state_at, prune) on the calling thread while the store is locked. Returning
            False stops the operation with :class:`~persist.Canceled` (nothing is changed); an
            exception it raises stops it too and is re-raised by the store method.
        app_log: ``app_log(level, message)``, called like ``log`` but with the app's console
            output (``console.log``, ``warn``, ...), which then no longer reaches ``log``;
            ``log`` keeps the library's own messages. Needs libpersist 1.1.

    Threads: any thread may use a store. Calls on one store are serialized by a lock that is also
    held while the store's error message is copied, so each exception carries the message of its
    own call. ctypes releases the GIL during library calls, so different stores run in parallel.
    One ``Store`` per directory per process: a second open raises :class:`~persist.Busy`.
    """

    def __init__(
        self,
        path: Union[str, bytes, "os.PathLike[Any]"],
        *,
        readonly: bool = False,
        no_create: bool = False,
        log_all_events: bool = False,
        map_size: Optional[int] = None,
        snapshot_every: Optional[int] = None,
        snapshot_budget_ms: Optional[int] = None,
        durability: str = "sync",
        js_budget_ms: Optional[int] = None,
        js_memory_limit: Optional[int] = None,
        log: Optional[LogCallback] = None,
        no_restore: bool = False,
        progress: Optional[ProgressCallback] = None,
        client_id_keep: Optional[int] = None,
        client_id_keep_s: Optional[int] = None,
        app_log: Optional[LogCallback] = None,
    ) -> None:
        self._lib = lib = _lib.load()
        self._lock = threading.RLock()
        # A child process forked from this one must not take the lock: another thread may have
        # held it at the fork, and no thread of the child would ever release it.
        self._pid = os.getpid()
        self._depth = 0  # > 0 while this store is inside a library call (on the lock's thread)
        self._handle: Optional[_lib.handle_t] = None
        self._finalizer: Optional[weakref.finalize] = None
        self._pending: List[BaseException] = []  # exceptions raised by the progress callback
        self.path = os.fsdecode(path)
        self.readonly = bool(readonly)
        raw_path = os.fsencode(path)
        if not raw_path or b"\0" in raw_path:
            raise InvalidArgument(Status.EINVAL, "path must be a non-empty string without NUL")
        # Zeroed with struct_size set, as the header allows (the same as
        # persist_options_init(&o, sizeof o) in C).
        opts = _lib.Options()
        opts.struct_size = ctypes.sizeof(_lib.Options)
        opts.flags = (
            (_lib.OPEN_READONLY if readonly else 0)
            | (_lib.OPEN_NO_CREATE if no_create else 0)
            | (_lib.LOG_ALL_EVENTS if log_all_events else 0)
            | (_lib.OPEN_NO_RESTORE if no_restore else 0)
        )
        opts.map_size = _u64("map_size", map_size)
        opts.snapshot_every = _u32("snapshot_every", snapshot_every)
        opts.snapshot_budget_ms = _u32("snapshot_budget_ms", snapshot_budget_ms)
        if durability not in ("sync", "relaxed"):
            raise InvalidArgument(Status.EINVAL, "durability must be 'sync' or 'relaxed'")
        opts.durability = _lib.DURABILITY_RELAXED if durability == "relaxed" else 0
        opts.js_budget_ms = _u32("js_budget_ms", js_budget_ms)
        opts.js_memory_limit = _u64("js_memory_limit", js_memory_limit)
        opts.client_id_keep = _u32("client_id_keep", client_id_keep)
        opts.client_id_keep_s = _u32("client_id_keep_s", client_id_keep_s)
        if opts.client_id_keep or opts.client_id_keep_s:
            lib.require("client_id_keep and client_id_keep_s", 1)
        self._log_cb = None
        if log is not None and not callable(log):
            raise TypeError("log must be callable")
        if app_log is not None:
            if not callable(app_log):
                raise TypeError("app_log must be callable")
            lib.require("app_log", 1)
            opts.flags |= _lib.LOG_TAG_APP
        if log is not None or app_log is not None:
            self._log_cb = _log_trampoline(log, app_log)
            opts.log_fn = self._log_cb
        self._progress_cb = None
        if progress is not None:
            if not callable(progress):
                raise TypeError("progress must be callable")
            self._progress_cb = _progress_trampoline(progress, self._pending)
            opts.progress_fn = self._progress_cb
        handle = _lib.handle_t()
        rc = lib.persist_store_open(byref(handle), raw_path, byref(opts))
        if rc != 0:
            message = self._message(handle) if handle else ""
            lib.persist_store_close(handle)  # always, even after a failed open
            self._raise(error_for(rc, message))
        self._handle = handle
        self._finalizer = weakref.finalize(
            self, _close_handle, lib, handle, (self._log_cb, self._progress_cb)
        )

    # ---- plumbing ----------------------------------------------------------------------------

    def _message(self, handle: Any) -> str:
        buf = ctypes.create_string_buffer(1024)
        n = self._lib.persist_store_errmsg(handle, buf, len(buf))
        if n >= len(buf):
            buf = ctypes.create_string_buffer(n + 1)
            self._lib.persist_store_errmsg(handle, buf, len(buf))
        return buf.value.decode("utf-8", "replace")

    def _raise(self, error: PersistError) -> NoReturn:
        """Raise `error`, or the progress callback's exception that caused it."""
        if self._pending:
            cause = self._pending.pop()
            del self._pending[:]
            raise cause from error
        raise error

    def _fail(self, rc: int) -> NoReturn:
        # Called with the lock held: the message is the one of the call that just failed.
        self._raise(error_for(rc, self._message(self._handle)))

    def _forked(self) -> bool:
        return os.getpid() != self._pid

    def _enter(self) -> Any:
        """Take the lock (the caller releases it) and return the live handle."""
        if self._forked():
            # The library refuses a parent's store in a child (PERSIST_EMISUSE) without touching
            # it; its message says what to do.
            handle = self._handle
            raise Misuse(
                Status.EMISUSE,
                self._message(handle) if handle is not None else "the store is closed",
            )
        self._lock.acquire()
        if self._handle is None:
            self._lock.release()
            raise Misuse(Status.EMISUSE, "the store is closed")
        if self._depth:
            self._lock.release()
            raise Misuse(
                Status.EMISUSE,
                "re-entrant call: a log or progress callback must not call into its own store",
            )
        self._depth += 1
        del self._pending[:]
        return self._handle

    def _leave(self) -> None:
        self._depth -= 1
        self._lock.release()

    def _simple(self, fn: Any, *args: Any) -> None:
        handle = self._enter()
        try:
            rc = fn(handle, *args)
            if rc != 0:
                self._fail(rc)
        finally:
            self._leave()

    def _text_out(self, fn: Any, *args: Any) -> str:
        out = _lib.char_p()
        n = c_size_t(0)
        handle = self._enter()
        try:
            rc = fn(handle, *args, byref(out), byref(n))
            if rc != 0:
                self._fail(rc)
        finally:
            self._leave()
        return _take(self._lib, out, n.value)

    def _u64_out(self, fn: Any) -> int:
        out = c_uint64(0)
        self._simple(fn, byref(out))
        return int(out.value)

    # ---- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the store. Idempotent; waits for calls running on other threads. In a child
        process forked after the open, it only releases the handle (the library's rule)."""
        if self._forked():
            if self._handle is not None:
                self._handle = None
                if self._finalizer is not None:
                    self._finalizer()
            return
        with self._lock:
            if self._depth:
                raise Misuse(
                    Status.EMISUSE, "re-entrant call: a callback must not close its own store"
                )
            if self._handle is None:
                return
            self._handle = None
            if self._finalizer is not None:
                self._finalizer()

    @property
    def closed(self) -> bool:
        return self._handle is None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return "<persist.Store %r%s%s>" % (
            self.path,
            " readonly" if self.readonly else "",
            " closed" if self.closed else "",
        )

    # ---- the app -----------------------------------------------------------------------------

    def deploy(self, code: Text, migrate: bool = False, module: Optional[str] = None) -> None:
        """Deploy app code.

        Args:
            code: the app (plain JavaScript app contract, or ``elm make`` output).
            migrate: False starts from the new app's initial state; True migrates the current
                state with the new app's migrate function.
            module: where the app's contract lives (plain JS: global variable, default "app").

        Raises:
            LoadError, ContractError, ScriptError, MigrationError, RoundTripError, NoApp (migrate
            with nothing deployed), ReadOnly, and I/O errors. On any failure nothing changes.
        """
        data = _text(code, "code")
        mod = None if module is None else _text(module, "module")
        if mod is not None and b"\0" in mod:
            raise InvalidArgument(Status.EINVAL, "module must not contain NUL")
        mode = _lib.DEPLOY_MIGRATE if migrate else _lib.DEPLOY_INIT
        self._simple(self._lib.persist_store_deploy, data, len(data), mode, mod)

    def submit(
        self, event: Text, client_id: Optional[Text] = None, time_us: Optional[int] = None
    ) -> str:
        """Submit one event to the live app and return its response.

        The event record is committed before the response is returned (an update that returns the
        identical state is not logged unless ``log_all_events``).

        Args:
            client_id: an id the client chose (1 to 256 bytes of UTF-8): if an event with this id
                was applied before (within ``client_id_keep``/``client_id_keep_s``), nothing is
                applied and its first response is returned. Needs libpersist 1.1.
            time_us: the record's time (microseconds since the epoch) instead of now. Needs 1.1.
            With neither, this is the 1.0 call (persist_store_submit).

        Raises:
            ScriptError (update threw), Timeout, MemoryLimit, ContractError, NoApp, ReadOnly,
            FollowerError, InvalidArgument (not UTF-8, a bad client id), StoreIOError, Full, Fatal.
        """
        data = _text(event, "event")
        if client_id is None and time_us is None:
            return self._text_out(self._lib.persist_store_submit, data, len(data))
        cid = None if client_id is None else _text(client_id, "client_id")
        rc, message, results = self._submit_events([(data, cid, _u64("time_us", time_us))])
        if rc != 0:
            raise error_for(rc, message)
        return results[0].unwrap()

    def submit_batch(self, events: Iterable[Text]) -> List[BatchResult]:
        """Group commit: apply the events in order and commit their records with one fsync.

        Returns one :class:`BatchResult` per event, in order. An event whose update fails gets its
        exception in its result (nothing of it is written, and the next event continues from the
        state before it); the call itself raises only when the batch as a whole fails (nothing
        committed): InvalidArgument, NoApp, ReadOnly, StoreIOError, Full, Fatal.
        """
        data = [_text(e, "event") for e in events]
        items = (_lib.BatchItem * max(len(data), 1))()
        for item, event in zip(items, data):
            item.event = event
            item.event_len = len(event)
        handle = self._enter()
        try:
            rc = self._lib.persist_store_submit_batch(handle, items, len(data))
            failure = error_for(rc, self._message(handle)) if rc != 0 else None
        finally:
            self._leave()
        results = []
        for item, event in zip(items, data):
            error = None
            response = None
            if item.status == 0:
                response = _take(self._lib, item.response, item.response_len)
            else:
                if item.response:
                    self._lib.persist_free(item.response)
                error = error_for(item.status, strerror(item.status))
            results.append(BatchResult(event, response, error))
        if failure is not None:
            raise failure
        return results

    def submit_events(self, events: Iterable[Any]) -> List[EventResult]:
        """Submit events, each optionally with a client id and a time, in one group commit.

        Each event is a text, a tuple ``(event, client_id, time_us)`` (the last two optional), or
        an object with ``event`` and optionally ``client_id`` and ``time_us`` attributes, such as
        :class:`persist.Event`. An event whose client id was applied before (by this store, or by
        the leader a follower took it from) is not applied again: its result has the first
        response, its record number and ``duplicate`` True; the same id twice in one call is one
        event. Returns one :class:`EventResult` per event, in order; an event whose update fails
        (ScriptError, ContractError) gets its exception in its result, as in
        :meth:`submit_batch`.

        Raises (the call as a whole; nothing committed): InvalidArgument (not UTF-8, a bad client
        id), NoApp, ReadOnly, FollowerError, Timeout, MemoryLimit, StoreIOError, Full, Fatal;
        NotImplementedError with libpersist 1.0.
        """
        data = [_event_args(e) for e in events]
        rc, message, results = self._submit_events(data)
        if rc != 0 and not (len(data) == 1 and rc in _EVENT_FAILURES):
            raise error_for(rc, message)
        return results

    def _submit_events(
        self, data: List[Tuple[bytes, Optional[bytes], int]]
    ) -> Tuple[int, str, List[EventResult]]:
        """persist_store_submit_events: its status, message (for a failure) and results. With one
        event the library returns the event's failure as the call's, with its message."""
        items = (_lib.Event * max(len(data), 1))()
        for item, (event, client_id, time_us) in zip(items, data):
            item.event = event
            item.event_len = len(event)
            if client_id is not None:
                item.client_id = client_id
                item.client_id_len = len(client_id)
            item.time_us = time_us
        handle = self._enter()
        try:
            rc = self._lib.persist_store_submit_events(
                handle, items, len(data), ctypes.sizeof(_lib.Event)
            )
            message = self._message(handle) if rc != 0 else ""
        finally:
            self._leave()
        results = []
        for item, (event, client_id, _) in zip(items, data):
            status = rc or item.status  # the items of a failed call may be as they were sent
            response = _take(self._lib, item.response, item.response_len) if item.response else None
            if status != 0:
                text = message if len(data) == 1 else strerror(status)
                results.append(EventResult(event, client_id, None, error_for(status, text)))
                continue
            results.append(
                EventResult(event, client_id, response or "", None, item.seq, bool(item.duplicate))
            )
        return rc, message, results

    def set_state(self, state: Text) -> None:
        """Replace the live state with the app's deserialization of `state`.

        Raises:
            Rejected (deserialize threw), RoundTripError, NoApp, ReadOnly, I/O errors.
        """
        data = _text(state, "state")
        self._simple(self._lib.persist_store_set_state, data, len(data))

    def state(self) -> str:
        """The live state, serialized by the app's serialize function.

        Raises:
            NoApp, ScriptError, ContractError.
        """
        return self._text_out(self._lib.persist_store_state)

    def snapshot(self) -> None:
        """Write a snapshot of the live state after the head record now (no-op if one exists)."""
        self._simple(self._lib.persist_store_snapshot)

    def restore(self) -> None:
        """Re-run the restore path from disk and replace the live app with its result.

        On a read-only store this picks up what the writer committed since.
        """
        self._simple(self._lib.persist_store_restore)

    def flush(self) -> None:
        """Force committed records to disk (only needed with ``durability="relaxed"``)."""
        self._simple(self._lib.persist_store_flush)

    # ---- facts -------------------------------------------------------------------------------

    @property
    def head(self) -> int:
        """Number of the newest record (1, 2, ...; 0 for an empty log), read from disk."""
        return self._u64_out(self._lib.persist_store_head)

    @property
    def record_count(self) -> int:
        """Number of records stored."""
        return self._u64_out(self._lib.persist_store_record_count)

    @property
    def snapshot_seq(self) -> int:
        """Record number the newest snapshot follows; 0 when there is no snapshot."""
        return self._u64_out(self._lib.persist_store_snapshot_seq)

    @property
    def app_hash(self) -> Optional[str]:
        """SHA-256 of the live app's code (64 lowercase hex digits); None when no app is deployed."""
        buf = ctypes.create_string_buffer(_lib.APP_HASH_BUF)
        try:
            self._simple(self._lib.persist_store_app_hash, buf, len(buf))
        except NoApp:
            return None
        return buf.value.decode("ascii")


    # ---- history, inspection and maintenance -------------------------------------------------

    def _array(self, fn: Any, ctype: Any, convert: Callable[[Any], Any], *args: Any) -> List[Any]:
        """Call a listing function and convert its library-allocated array."""
        out = ctypes.POINTER(ctype)()
        count = c_size_t(0)
        handle = self._enter()
        try:
            rc = fn(handle, *args, byref(out), byref(count))
            if rc != 0:
                self._fail(rc)
        finally:
            self._leave()
        try:
            return [convert(out[i]) for i in range(count.value)]
        finally:
            self._lib.persist_free(out)

    def records(
        self,
        start: int = 0,
        kinds: Optional[Iterable[RecordKind]] = None,
        page_size: int = 1000,
    ) -> Iterator[Record]:
        """Iterate over the log records from record `start` on (0: the oldest stored).

        Args:
            start: first record number; 0 starts at the oldest record still stored.
            kinds: only these kinds (default: all).
            page_size: records read per library call; the store is locked only during each call,
                so records a writer appends meanwhile show up too.

        Raises:
            Corrupt for a damaged record (when the iteration reaches it).
        """
        seq = _u64("start", start)
        mask = 0
        for kind in kinds or ():
            mask |= 1 << int(kind)
        limit = _u32("page_size", page_size) or 1000
        while True:
            page = self._array(
                self._lib.persist_store_records, _lib.Record, _record, seq, limit, mask
            )
            yield from page
            if len(page) < limit:
                return
            seq = page[-1].seq + 1

    def state_at(self, seq: int) -> str:
        """The serialized state after record `seq`, computed in a scratch heap (the live app is
        not touched).

        Raises:
            InvalidArgument (0 or after the head), NotFound (pruned), Corrupt, Canceled, app errors.
        """
        return self._text_out(self._lib.persist_store_state_at, _u64("seq", seq))

    def response_at(self, seq: int) -> str:
        """The response the app gives to event record `seq` when it is replayed.

        Raises:
            InvalidArgument (not an event record), and as :meth:`state_at`.
        """
        return self._text_out(self._lib.persist_store_response_at, _u64("seq", seq))

    def client_id_at(self, seq: int) -> Optional[str]:
        """The client id event record `seq` was submitted with (``client_id`` of :meth:`submit`
        and :meth:`submit_events`), or None when it has none (an event without one, or not an
        event). Read from the record itself, so it outlives ``client_id_keep``; on a follower it
        is the id of the leader's record. Needs libpersist 1.2.

        Raises:
            InvalidArgument (0 or after the head), NotFound (pruned), Corrupt.
        """
        out = _lib.char_p()
        n = c_size_t(0)
        handle = self._enter()
        try:
            fn = self._lib.persist_store_client_id_at
            rc = fn(handle, _u64("seq", seq), byref(out), byref(n))
            if rc != 0:
                self._fail(rc)
        finally:
            self._leave()
        return _take(self._lib, out, n.value) if out else None

    def snapshots(self) -> List[SnapshotInfo]:
        """The stored snapshots, oldest first."""
        return self._array(self._lib.persist_store_snapshots, _lib.SnapshotInfo, _snapshot_info)

    def apps(self) -> List[AppInfo]:
        """Every deployment (deploy and RESET records), oldest first."""
        return self._array(self._lib.persist_store_apps, _lib.AppInfo, _app_info)

    def app_code(self, app_hash: str) -> str:
        """The code of the app with this hex SHA-256 (as :attr:`app_hash` gives it).

        Raises:
            NotFound, InvalidArgument (not a hash), Corrupt.
        """
        raw = _text(app_hash, "app_hash")
        if b"\0" in raw:
            raise InvalidArgument(Status.EINVAL, "app_hash must not contain NUL")
        return self._text_out(self._lib.persist_store_app_code, raw)

    def verify(self, all_snapshots: bool = False) -> VerifyReport:
        """Verify the store: record checksums, app hashes, snapshots against a replay of the
        records before them (the newest few, or all with `all_snapshots`), and the live state.

        Returns the report when no problem was found.

        Raises:
            Corrupt: the message names the first problem; its ``report`` attribute counts them.
            ScriptError, Timeout, MemoryLimit, ...: every problem found is the app failing on a
                state or record verify gave it (the records are intact); ``report`` as above.
            Canceled.
        """
        report = _lib.VerifyReport()
        report.struct_size = ctypes.sizeof(_lib.VerifyReport)
        flags = _lib.VERIFY_ALL_SNAPSHOTS if all_snapshots else 0
        try:
            self._simple(self._lib.persist_store_verify, flags, byref(report))
        except PersistError as e:
            if report.problems > 0 and not isinstance(e, Canceled):
                e.report = _verify_report(report)
            raise
        return _verify_report(report)

    def revert(self, seq: int) -> None:
        """Make the live state equal to the state after record `seq` by appending a RESET record
        (history is never rewritten). Nothing changes on failure.

        Raises:
            InvalidArgument, NotFound (pruned), app errors, ReadOnly, I/O errors.
        """
        self._simple(self._lib.persist_store_revert, _u64("seq", seq))

    def prune(self, before: int) -> PruneReport:
        """Remove the history older than the newest snapshot at or before record `before`, then
        compact the file when no other process reads the store.

        Raises:
            NotFound (no snapshot at or before `before`), ReadOnly, I/O errors.
        """
        report = _lib.PruneReport()
        report.struct_size = ctypes.sizeof(_lib.PruneReport)
        self._simple(self._lib.persist_store_prune, _u64("before", before), byref(report))
        return PruneReport(
            bool(report.compacted),
            report.kept_from,
            report.records_removed,
            report.snapshots_removed,
            report.apps_removed,
            report.bytes_before,
            report.bytes_after,
        )

    def backup(self, directory: Union[str, bytes, "os.PathLike[Any]"]) -> None:
        """Hot backup: a consistent, compacted copy of the store into `directory` (created if
        missing; it must not hold a store). Works on read-only stores and while writing.

        Raises:
            Exists, StoreIOError, Full.
        """
        self._simple(self._lib.persist_store_backup, _path(directory))

    def export(self, file: Union[str, bytes, "os.PathLike[Any]"]) -> None:
        """Write the live app's code and module and its state as one JSON file (atomically).

        Raises:
            NoApp, StoreIOError.
        """
        self._simple(self._lib.persist_store_export, _path(file))

    def import_(self, file: Union[str, bytes, "os.PathLike[Any]"]) -> None:
        """Start this empty store from a file written by :meth:`export` (``import`` is a Python
        keyword, hence the underscore).

        Raises:
            Exists (the store has records), InvalidArgument (not an export file), Corrupt,
            app errors, ReadOnly, I/O errors.
        """
        self._simple(self._lib.persist_store_import, _path(file))

    # ---- queries and followers (libpersist 1.1) ----------------------------------------------

    def query(self, event: Text) -> str:
        """Answer a query: run the app's update with `event` on the live state and return the
        response; nothing is written. Works on every store: read-only (see :meth:`refresh`),
        follower and writer.

        Raises:
            NotAQueryError (the update changed the state; it stays as it was), NoApp, ScriptError,
            Timeout, MemoryLimit, ContractError.
        """
        data = _text(event, "event")
        return self._text_out(self._lib.persist_store_query, data, len(data))

    def refresh(self) -> None:
        """Bring a read-only store's live app up to the records the writer committed since; on a
        writer or a follower it changes nothing.

        Raises:
            Corrupt, app errors (the live app is then rebuilt from disk).
        """
        self._simple(self._lib.persist_store_refresh)

    def sync_info(self) -> SyncInfo:
        """The store's identity and position: :class:`persist.SyncInfo`."""
        info = _lib.SyncInfo()
        info.struct_size = ctypes.sizeof(_lib.SyncInfo)
        self._simple(self._lib.persist_store_sync_info, byref(info))
        return SyncInfo(
            bool(info.follower),
            info.head,
            info.first,
            info.snapshot_seq,
            info.store_id.decode("ascii"),
        )

    def export_records(self, after: int, max_bytes: int = 0) -> Optional[Tuple[bytes, int]]:
        """The records after record `after` as one sync batch for :meth:`apply` on a follower:
        ``(batch, last)``, where `last` is the last record in it (continue with
        ``export_records(last)``), or None when there is nothing after `after`. A batch holds at
        least one record, and more while it stays under `max_bytes` (0: 8 MiB).

        Raises:
            NotFound (the records after `after` were pruned: bootstrap the follower again),
            InvalidArgument (`after` is after the head).
        """
        out = _lib.char_p()
        n = c_size_t(0)
        last = c_uint64(0)
        self._simple(
            self._lib.persist_store_export_records,
            _u64("after", after),
            _u64("max_bytes", max_bytes),
            byref(out),
            byref(n),
            byref(last),
        )
        if not out:
            return None
        return _take_bytes(self._lib, out, n.value), int(last.value)

    def export_bootstrap(self) -> Tuple[bytes, int]:
        """A bootstrap package (the newest snapshot, its record and the app code it needs), from
        which :meth:`apply` starts a follower in an empty store: ``(package, seq)``, where `seq`
        is the snapshot's record (the follower's head after applying it).

        Raises:
            NotFound (no snapshot yet).
        """
        out = _lib.char_p()
        n = c_size_t(0)
        seq = c_uint64(0)
        self._simple(self._lib.persist_store_export_bootstrap, byref(out), byref(n), byref(seq))
        return _take_bytes(self._lib, out, n.value), int(seq.value)

    def apply(self, data: Union[bytes, bytearray, memoryview]) -> int:
        """Apply a sync batch (:meth:`export_records`) or a bootstrap package
        (:meth:`export_bootstrap`) and return the head after it. A bootstrap makes an empty store
        a follower of the exporting store; a batch is applied through the restore path in one
        transaction (records held already are checked and skipped: applying a batch twice changes
        nothing). Nothing is applied on failure.

        Raises:
            GapError (the batch starts after a record this store does not hold), ForeignBatchError
            (another store's), ForkedError (the histories differ), Corrupt (a damaged batch),
            Exists (a bootstrap into a store with records), VersionError (a newer batch format),
            ReadOnly, app errors.
        """
        raw = _data(data, "data")
        head = c_uint64(0)
        self._simple(self._lib.persist_store_apply, raw, len(raw), byref(head))
        return int(head.value)

    def promote(self) -> None:
        """Make a follower a writer: it keeps the store's identity and continues its sequence (a
        no-op on a store that is no follower). A writer of the same store elsewhere that did not
        stop is now a fork: its batches are refused with :class:`~persist.ForkedError`.

        Raises:
            ReadOnly.
        """
        self._simple(self._lib.persist_store_promote)


def _path(value: Union[str, bytes, "os.PathLike[Any]"]) -> bytes:
    raw = os.fsencode(value)
    if not raw or b"\0" in raw:
        raise InvalidArgument(Status.EINVAL, "path must be a non-empty string without NUL")
    return raw


def _str(ptr: Any, length: int) -> str:
    return ctypes.string_at(ptr, length).decode("utf-8") if ptr else ""


def _record(r: Any) -> Record:
    return Record(
        seq=r.seq,
        time_us=r.time_us,
        kind=_kind(r.kind),
        payload=ctypes.string_at(r.payload, r.payload_len).decode("utf-8") if r.payload else None,
        module=_str(r.module, r.module_len),
        app_hash=r.app_hash.decode("ascii"),
        source_seq=r.source_seq,
    )


def _snapshot_info(r: Any) -> SnapshotInfo:
    return SnapshotInfo(r.seq, r.time_us, r.state_len, r.app_hash.decode("ascii"))


def _app_info(r: Any) -> AppInfo:
    return AppInfo(r.seq, r.code_len, _kind(r.kind), r.app_hash.decode("ascii"))


def _verify_report(r: Any) -> VerifyReport:
    return VerifyReport(
        r.problems, r.records_checked, r.snapshots_checked, r.apps_checked, r.first_problem_seq
    )
