"""Value types returned by the history, inspection and maintenance methods of Store."""

from __future__ import annotations

import datetime
import enum
from typing import NamedTuple, Optional, Union

__all__ = ["RecordKind", "Record", "SnapshotInfo", "AppInfo", "VerifyReport", "PruneReport"]

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def _time(time_us: int) -> datetime.datetime:
    return _EPOCH + datetime.timedelta(microseconds=time_us)


class RecordKind(enum.IntEnum):
    """PERSIST_RECORD_*: what a log record holds."""

    EVENT = 1
    SET_STATE = 2
    DEPLOY_INIT = 3
    DEPLOY_MIGRATE = 4
    RESET = 5  # an app and a state at once: a revert, or an import


def _kind(value: int) -> Union[RecordKind, int]:
    try:
        return RecordKind(value)
    except ValueError:  # a kind from a newer library
        return value


class Record(NamedTuple):
    """One log record (persist_record)."""

    seq: int  #: record number (1, 2, ...)
    time_us: int  #: when it was written, microseconds since the Unix epoch (UTC)
    kind: Union[RecordKind, int]
    payload: Optional[str]  #: event text, or state text (SET_STATE, RESET); None for deploys
    module: str  #: deploys and RESET: the module option ("" = the default); else ""
    app_hash: str  #: deploys and RESET: hex SHA-256 of the app code; else ""
    source_seq: int  #: RESET made by a revert: the record reverted to; otherwise 0

    @property
    def time(self) -> datetime.datetime:
        """``time_us`` as an aware UTC datetime."""
        return _time(self.time_us)


class SnapshotInfo(NamedTuple):
    """A stored snapshot (persist_snapshot_info)."""

    seq: int  #: the record it follows
    time_us: int
    state_len: int  #: bytes of serialized state
    app_hash: str  #: the app that wrote it

    @property
    def time(self) -> datetime.datetime:
        return _time(self.time_us)


class AppInfo(NamedTuple):
    """A deployment: one per deploy or RESET record (persist_app_info)."""

    seq: int  #: the deploy (or RESET) record
    code_len: int  #: bytes of app code
    kind: Union[RecordKind, int]  #: DEPLOY_INIT, DEPLOY_MIGRATE or RESET
    app_hash: str


class VerifyReport(NamedTuple):
    """What :meth:`persist.Store.verify` checked and found (persist_verify_report)."""

    problems: int  #: 0 when the store is sound
    records_checked: int
    snapshots_checked: int
    apps_checked: int
    first_problem_seq: int  #: record or snapshot number of the first problem, 0 if none

    @property
    def ok(self) -> bool:
        return self.problems == 0


class PruneReport(NamedTuple):
    """What :meth:`persist.Store.prune` removed (persist_prune_report)."""

    compacted: bool  #: the file was rewritten to reclaim space
    kept_from: int  #: first record still stored
    records_removed: int
    snapshots_removed: int
    apps_removed: int
    bytes_before: int  #: size of data.mdb before and after
    bytes_after: int
