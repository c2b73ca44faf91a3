package persist

/*
#include <stdlib.h>
#include <persist.h>
*/
import "C"

import (
	"runtime"
	"time"
	"unsafe"
)

// Client ids, timestamps, queries and followers: libpersist 1.1. A program that uses them needs
// a 1.1 library at run time (the dynamic linker refuses an older one: the symbols are versioned
// PERSIST_1.1).

// NoLimit as Options.ClientIDKeep or Options.ClientIDKeepS turns that limit off.
const NoLimit uint32 = C.PERSIST_NO_LIMIT

// Event is one event of SubmitEvents and SubmitEvent.
type Event struct {
	Event []byte // the event text (UTF-8)
	// ClientID is an id the client chose ("" = none; else 1 to 256 bytes of UTF-8). An event whose
	// id was applied before (by this store, or by the leader a follower took it from, within
	// Options.ClientIDKeep and ClientIDKeepS) is answered with its first response and not applied
	// again.
	ClientID string
	// Time is the record's time (microseconds are kept); the zero Time means now. A record's time
	// is always later than the previous record's (one microsecond later if it would not be).
	Time time.Time
}

// EventResult is the outcome of one event of SubmitEvents: Response (and Seq, Duplicate) when Err
// is nil.
type EventResult struct {
	Response  []byte
	Seq       uint64 // the event's record (a duplicate's: the first one's); 0 when not logged
	Duplicate bool   // ClientID was applied before: nothing was applied again, Response is the first one's
	Err       error  // the event's error; carries the library's message only for a single event
}

// SyncInfo is the store's identity and position.
type SyncInfo struct {
	Follower    bool   // the store takes its records from a leader (Apply)
	Head        uint64 // newest record
	First       uint64 // oldest record stored (records before it were pruned); 0 when empty
	SnapshotSeq uint64 // newest snapshot
	StoreID     string // 32 lowercase hex digits, shared by a leader and its followers
}

// eventFailure tells the failures of one event's own update (the app threw or broke its contract)
// from failures of the call: SubmitEvents reports the first kind per event, as SubmitBatch does.
// (With one event the library returns that event's failure as the call's, with the same status in
// the event as a whole-call failure would leave there.)
func eventFailure(code Code) bool {
	return code == CodeScript || code == CodeContract
}

// SubmitEvents submits events, each optionally with a client id and a time, in one transaction
// with one fsync (group commit). It returns one EventResult per event, in order: an event whose
// update fails (ErrScript, ErrContract) gets its error there, is not written, and the next event
// continues from the state before it; the same client id twice in one call is one event. The
// returned error is set when the call failed as a whole and nothing was committed: ErrInvalid (not
// UTF-8, a bad client id or time), ErrNoApp, ErrReadOnly, ErrFollower, ErrTimeout, ErrMemory, ErrIO,
// ErrFull, ErrFatal.
func (s *Store) SubmitEvents(events []Event) ([]EventResult, error) {
	results, rc, err := s.submitEvents("submit events", events)
	if rc != 0 && !(len(events) == 1 && eventFailure(Code(rc))) {
		return nil, err
	}
	return results, nil
}

// SubmitEvent submits one event with its client id and time, like Submit, and returns its
// result; the event's failure is the returned error (with the library's message).
func (s *Store) SubmitEvent(event Event) (EventResult, error) {
	results, rc, err := s.submitEvents("submit event", []Event{event})
	if rc != 0 {
		return EventResult{}, err
	}
	return results[0], nil
}

// submitEvents calls persist_store_submit_events: the results, the status and its error.
func (s *Store) submitEvents(op string, events []Event) ([]EventResult, C.int, error) {
	n := len(events)
	texts := make([][]byte, 0, 2*n)
	for _, e := range events {
		if e.Time.Before(time.UnixMicro(0)) && !e.Time.IsZero() {
			return nil, C.PERSIST_EINVAL, &Error{Code: CodeInvalid, Op: op, Message: "an event's Time is before 1970"}
		}
		var id []byte
		if e.ClientID != "" {
			id = []byte(e.ClientID)
		}
		texts = append(texts, e.Event, id)
	}
	size := C.size_t(unsafe.Sizeof(C.persist_event{}))
	mem, ptrs, free := cItems(n, size, texts)
	defer free()
	if mem == nil {
		return nil, C.PERSIST_ENOMEM, &Error{Code: CodeNoMem, Op: op, Message: "out of memory"}
	}
	items := (*C.persist_event)(mem)
	view := unsafe.Slice(items, n+1)[:n]
	for i, e := range events {
		view[i].event, view[i].event_len = ptrs[2*i], C.size_t(len(e.Event))
		view[i].client_id, view[i].client_id_len = ptrs[2*i+1], C.size_t(len(e.ClientID))
		if !e.Time.IsZero() {
			view[i].time_us = C.uint64_t(e.Time.UnixMicro())
		}
	}

	c, err := s.enter(op)
	if err != nil {
		return nil, C.PERSIST_EMISUSE, err
	}
	defer s.leave()
	rc := C.persist_store_submit_events(c, items, C.size_t(n), size)
	err = check(op, c, rc)
	results := make([]EventResult, n)
	for i := range view {
		response := takeText(view[i].response, view[i].response_len)
		status := Code(rc)
		if rc == 0 {
			status = Code(view[i].status)
		}
		switch {
		case status != 0 && n == 1:
			results[i].Err = err
		case status != 0:
			results[i].Err = &Error{Code: status, Op: op}
		default:
			results[i] = EventResult{Response: response, Seq: uint64(view[i].seq), Duplicate: view[i].duplicate != 0}
			if response == nil {
				results[i].Response = []byte{}
			}
		}
	}
	return results, rc, err
}

// Query answers a query: it runs the app's update with event on the live state and returns the
// response; nothing is written. It works on every store: read-only (see Refresh), follower and
// writer. Errors: ErrNotQuery (the update changed the state; it stays as it was), ErrNoApp,
// ErrScript, ErrTimeout, ErrMemory, ErrContract.
func (s *Store) Query(event []byte) ([]byte, error) {
	var out *C.char
	var n C.size_t
	err := s.simple("query", func(c *C.persist_store) C.int {
		return C.persist_store_query(c, textPtr(event), C.size_t(len(event)), &out, &n)
	})
	runtime.KeepAlive(event)
	if err != nil {
		return nil, err
	}
	return takeText(out, n), nil
}

// Refresh brings a read-only store's live app up to the records the writer committed since; on
// a writer or a follower it changes nothing. Errors: ErrCorrupt, app errors (the live app is then
// rebuilt from disk).
func (s *Store) Refresh() error {
	return s.simple("refresh", func(c *C.persist_store) C.int { return C.persist_store_refresh(c) })
}

// SyncInfo returns the store's identity and position.
func (s *Store) SyncInfo() (SyncInfo, error) {
	var r C.persist_sync_info
	r.struct_size = C.uint32_t(C.sizeof_persist_sync_info)
	if err := s.simple("sync info", func(c *C.persist_store) C.int { return C.persist_store_sync_info(c, &r) }); err != nil {
		return SyncInfo{}, err
	}
	return SyncInfo{r.follower != 0, uint64(r.head), uint64(r.first), uint64(r.snapshot_seq),
		C.GoString(&r.store_id[0])}, nil
}

// ExportRecords exports the records after record after as one sync batch for Apply on a
// follower, and the last record in it (continue from there). A batch holds at least one record,
// and more while it stays under maxBytes (0 = 8 MiB). With nothing after after, batch is nil and
// last is after. Errors: ErrNotFound (the records after after were pruned: bootstrap the
// follower again), ErrInvalid (after is after the head).
func (s *Store) ExportRecords(after, maxBytes uint64) (batch []byte, last uint64, err error) {
	var out *C.char
	var n C.size_t
	var to C.uint64_t
	err = s.simple("export records", func(c *C.persist_store) C.int {
		return C.persist_store_export_records(c, C.uint64_t(after), C.uint64_t(maxBytes), &out, &n, &to)
	})
	if err != nil {
		return nil, 0, err
	}
	return takeText(out, n), uint64(to), nil
}

// ExportBootstrap exports a bootstrap package (the newest snapshot, its record and the app code
// it needs), from which Apply starts a follower in an empty store, and the snapshot's record (the
// follower's head after applying it). Errors: ErrNotFound (no snapshot yet).
func (s *Store) ExportBootstrap() (pkg []byte, seq uint64, err error) {
	var out *C.char
	var n C.size_t
	var at C.uint64_t
	err = s.simple("export bootstrap", func(c *C.persist_store) C.int {
		return C.persist_store_export_bootstrap(c, &out, &n, &at)
	})
	if err != nil {
		return nil, 0, err
	}
	return takeText(out, n), uint64(at), nil
}

// Apply applies a sync batch (ExportRecords) or a bootstrap package (ExportBootstrap) and returns
// the head after it. A bootstrap makes an empty store a follower of the exporting store; a batch
// is applied through the restore path in one transaction (records held already are checked and
// skipped: applying a batch twice changes nothing). Nothing is applied on failure. Errors: ErrGap
// (the batch starts after a record this store does not hold), ErrForeign (another store's),
// ErrForked (the histories differ), ErrCorrupt (a damaged batch), ErrExists (a bootstrap into a
// store with records), ErrVersion (a newer batch format), ErrReadOnly, app errors.
func (s *Store) Apply(data []byte) (uint64, error) {
	var head C.uint64_t
	err := s.simple("apply", func(c *C.persist_store) C.int {
		return C.persist_store_apply(c, textPtr(data), C.size_t(len(data)), &head)
	})
	runtime.KeepAlive(data)
	if err != nil {
		return 0, err
	}
	return uint64(head), nil
}

// Promote makes a follower a writer: it keeps the store's identity and continues its sequence
// (nothing happens on a store that is no follower). A writer of the same store elsewhere that did
// not stop is now a fork: its batches are refused with ErrForked. Errors: ErrReadOnly.
func (s *Store) Promote() error {
	return s.simple("promote", func(c *C.persist_store) C.int { return C.persist_store_promote(c) })
}

// ClientIDAt returns the client id event record seq was submitted with (Event.ClientID), and
// false when it has none (an event without one, or not an event). It is read from the record
// itself, so it outlives Options.ClientIDKeep; on a follower it is the id of the leader's record.
// Errors: ErrInvalid (0 or after the head), ErrNotFound (pruned), ErrCorrupt. Needs libpersist
// 1.2 at run time (the symbol is versioned PERSIST_1.2).
func (s *Store) ClientIDAt(seq uint64) (string, bool, error) {
	id, err := s.textAt("client id at", seq, func(c *C.persist_store, q C.uint64_t, o **C.char, n *C.size_t) C.int {
		return C.persist_store_client_id_at(c, q, o, n)
	})
	if err != nil || id == nil {
		return "", false, err
	}
	return string(id), true, nil
}
