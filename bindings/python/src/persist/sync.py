"""Value types of client ids, queries and followers (libpersist 1.1)."""

from __future__ import annotations

from typing import NamedTuple, Optional, Union

__all__ = ["Event", "SyncInfo"]


class Event(NamedTuple):
    """One event for :meth:`persist.Store.submit_events` (persist_event's inputs).

    A plain tuple ``(event, client_id, time_us)`` (the last two optional), any object with an
    ``event`` attribute (and optionally ``client_id`` and ``time_us``), or a plain text does as well.
    """

    event: Union[str, bytes]
    #: 1 to 256 bytes of UTF-8 the client chose; an event whose id was applied before is answered
    #: with the first response and not applied again. None: no id.
    client_id: Optional[Union[str, bytes]] = None
    #: the record's time, microseconds since the Unix epoch; None (or 0): now. A record's time is
    #: always later than the previous record's (one microsecond later if it would not be).
    time_us: Optional[int] = None


class SyncInfo(NamedTuple):
    """The store's identity and position (persist_sync_info), from :meth:`persist.Store.sync_info`."""

    follower: bool  #: the store takes its records from a leader (:meth:`persist.Store.apply`)
    head: int  #: newest record
    first: int  #: oldest record stored (records before it were pruned); 0 when empty
    snapshot_seq: int  #: newest snapshot
    store_id: str  #: 32 lowercase hex digits, shared by a leader and its followers
