package persist

/*
#include <stdlib.h>
#include <persist.h>
*/
import "C"

import (
	"strconv"
	"time"
	"unsafe"
)

// RecordKind is what a log record holds (PERSIST_RECORD_*).
type RecordKind uint32

const (
	RecordEvent         RecordKind = C.PERSIST_RECORD_EVENT
	RecordSetState      RecordKind = C.PERSIST_RECORD_SET_STATE
	RecordDeployInit    RecordKind = C.PERSIST_RECORD_DEPLOY_INIT
	RecordDeployMigrate RecordKind = C.PERSIST_RECORD_DEPLOY_MIGRATE
	RecordReset         RecordKind = C.PERSIST_RECORD_RESET // an app and a state at once: revert, import
)

func (k RecordKind) String() string {
	switch k {
	case RecordEvent:
		return "event"
	case RecordSetState:
		return "set-state"
	case RecordDeployInit:
		return "deploy-init"
	case RecordDeployMigrate:
		return "deploy-migrate"
	case RecordReset:
		return "reset"
	}
	return "kind" + strconv.FormatUint(uint64(k), 10)
}

func timeUS(us C.uint64_t) time.Time {
	return time.UnixMicro(int64(us)).UTC()
}

func cstr(p *C.char, n C.size_t) string {
	if p == nil {
		return ""
	}
	return C.GoStringN(p, C.int(n))
}

// Record is one log record.
type Record struct {
	Seq       uint64     // record number (1, 2, ...)
	Time      time.Time  // when it was written (UTC, microseconds)
	Kind      RecordKind //
	Payload   []byte     // event text, or state text (SetState, Reset); nil for deploys
	Module    string     // deploys and Reset: the module option ("" = the default)
	AppHash   string     // deploys and Reset: hex SHA-256 of the app code
	SourceSeq uint64     // Reset made by a revert: the record reverted to; otherwise 0
}

// SnapshotInfo describes a stored snapshot.
type SnapshotInfo struct {
	Seq      uint64 // the record it follows
	Time     time.Time
	StateLen uint64 // bytes of serialized state
	AppHash  string // the app that wrote it
}

// AppInfo describes a deployment: one per deploy or Reset record.
type AppInfo struct {
	Seq     uint64     // the deploy (or Reset) record
	CodeLen uint64     // bytes of app code
	Kind    RecordKind // RecordDeployInit, RecordDeployMigrate or RecordReset
	AppHash string
}

// VerifyReport is what Verify checked and found.
type VerifyReport struct {
	Problems         uint32 // 0 when the store is sound
	RecordsChecked   uint64
	SnapshotsChecked uint64
	AppsChecked      uint64
	FirstProblemSeq  uint64 // record or snapshot number of the first problem, 0 if none
}

// PruneReport is what Prune removed.
type PruneReport struct {
	Compacted        bool   // the file was rewritten to reclaim space
	KeptFrom         uint64 // first record still stored
	RecordsRemoved   uint64
	SnapshotsRemoved uint64
	AppsRemoved      uint64
	BytesBefore      uint64 // size of data.mdb before and after
	BytesAfter       uint64
}

// Records reads up to limit records (0 = 1000) from record from on (0 = the oldest stored),
// only of the given kinds (none = all). Page through the log with from = last.Seq + 1; an empty
// result means there is nothing more. Errors: ErrCorrupt for a damaged record.
func (s *Store) Records(from uint64, limit int, kinds ...RecordKind) ([]Record, error) {
	if limit < 0 || uint64(limit) > 0xffffffff {
		return nil, &Error{Code: CodeInvalid, Op: "records", Message: "limit out of range"}
	}
	var mask C.uint32_t
	for _, k := range kinds {
		mask |= 1 << uint32(k)
	}
	var out *C.persist_record
	var n C.size_t
	err := s.simple("records", func(c *C.persist_store) C.int {
		return C.persist_store_records(c, C.uint64_t(from), C.uint32_t(limit), mask, &out, &n)
	})
	if err != nil {
		return nil, err
	}
	defer C.persist_free(unsafe.Pointer(out))
	recs := make([]Record, int(n))
	for i, r := range unsafe.Slice(out, int(n)) {
		recs[i] = Record{
			Seq:       uint64(r.seq),
			Time:      timeUS(r.time_us),
			Kind:      RecordKind(r.kind),
			Module:    cstr(r.module, r.module_len),
			AppHash:   C.GoString(&r.app_hash[0]),
			SourceSeq: uint64(r.source_seq),
		}
		if r.payload != nil {
			recs[i].Payload = C.GoBytes(unsafe.Pointer(r.payload), C.int(r.payload_len))
		}
	}
	return recs, nil
}

func (s *Store) textAt(op string, seq uint64, fn func(*C.persist_store, C.uint64_t, **C.char, *C.size_t) C.int) ([]byte, error) {
	var out *C.char
	var n C.size_t
	err := s.simple(op, func(c *C.persist_store) C.int { return fn(c, C.uint64_t(seq), &out, &n) })
	if err != nil {
		return nil, err
	}
	return takeText(out, n), nil
}

// StateAt returns the serialized state after record seq, computed in a scratch heap (the live
// app is not touched). Errors: ErrInvalid (0 or after the head), ErrNotFound (pruned),
// ErrCorrupt, ErrCanceled, app errors.
func (s *Store) StateAt(seq uint64) ([]byte, error) {
	return s.textAt("state at", seq, func(c *C.persist_store, q C.uint64_t, o **C.char, n *C.size_t) C.int {
		return C.persist_store_state_at(c, q, o, n)
	})
}

// ResponseAt returns the response the app gives to event record seq when it is replayed.
// Errors: ErrInvalid (not an event record), and as StateAt.
func (s *Store) ResponseAt(seq uint64) ([]byte, error) {
	return s.textAt("response at", seq, func(c *C.persist_store, q C.uint64_t, o **C.char, n *C.size_t) C.int {
		return C.persist_store_response_at(c, q, o, n)
	})
}

// Snapshots lists the stored snapshots, oldest first.
func (s *Store) Snapshots() ([]SnapshotInfo, error) {
	var out *C.persist_snapshot_info
	var n C.size_t
	err := s.simple("snapshots", func(c *C.persist_store) C.int {
		return C.persist_store_snapshots(c, &out, &n)
	})
	if err != nil {
		return nil, err
	}
	defer C.persist_free(unsafe.Pointer(out))
	list := make([]SnapshotInfo, int(n))
	for i, r := range unsafe.Slice(out, int(n)) {
		list[i] = SnapshotInfo{uint64(r.seq), timeUS(r.time_us), uint64(r.state_len), C.GoString(&r.app_hash[0])}
	}
	return list, nil
}

// Apps lists every deployment (deploy and Reset records), oldest first.
func (s *Store) Apps() ([]AppInfo, error) {
	var out *C.persist_app_info
	var n C.size_t
	err := s.simple("apps", func(c *C.persist_store) C.int { return C.persist_store_apps(c, &out, &n) })
	if err != nil {
		return nil, err
	}
	defer C.persist_free(unsafe.Pointer(out))
	list := make([]AppInfo, int(n))
	for i, r := range unsafe.Slice(out, int(n)) {
		list[i] = AppInfo{uint64(r.seq), uint64(r.code_len), RecordKind(r.kind), C.GoString(&r.app_hash[0])}
	}
	return list, nil
}

// AppCode returns the code of the app with this hex SHA-256 (as AppHash gives it). Errors:
// ErrNotFound, ErrInvalid (not a hash), ErrCorrupt.
func (s *Store) AppCode(appHash string) ([]byte, error) {
	chash := C.CString(appHash)
	defer C.free(unsafe.Pointer(chash))
	var out *C.char
	var n C.size_t
	err := s.simple("app code", func(c *C.persist_store) C.int {
		return C.persist_store_app_code(c, chash, &out, &n)
	})
	if err != nil {
		return nil, err
	}
	return takeText(out, n), nil
}

// Verify checks every record's checksum, every app's hash, snapshots against a replay of the
// records before them (the newest few, or all with allSnapshots), and the live state. The report
// is filled also when the error is ErrCorrupt (its message names the first problem), or the app's
// error (ErrScript, ErrTimeout, ...) when every problem found is the app failing on a state or
// record verify gave it (the records are intact). Errors: ErrCorrupt, app errors, ErrCanceled.
func (s *Store) Verify(allSnapshots bool) (VerifyReport, error) {
	var r C.persist_verify_report
	r.struct_size = C.uint32_t(C.sizeof_persist_verify_report)
	var flags C.uint32_t
	if allSnapshots {
		flags = C.PERSIST_VERIFY_ALL_SNAPSHOTS
	}
	err := s.simple("verify", func(c *C.persist_store) C.int { return C.persist_store_verify(c, flags, &r) })
	return VerifyReport{uint32(r.problems), uint64(r.records_checked), uint64(r.snapshots_checked),
		uint64(r.apps_checked), uint64(r.first_problem_seq)}, err
}

// Revert makes the live state equal to the state after record seq by appending a Reset record
// (history is never rewritten). Nothing changes on failure. Errors: ErrInvalid, ErrNotFound
// (pruned), app errors, ErrReadOnly, I/O errors.
func (s *Store) Revert(seq uint64) error {
	return s.simple("revert", func(c *C.persist_store) C.int { return C.persist_store_revert(c, C.uint64_t(seq)) })
}

// Prune removes the history older than the newest snapshot at or before record before, then
// compacts the file when no other process reads the store. Errors: ErrNotFound (no snapshot at
// or before `before`), ErrReadOnly, I/O errors.
func (s *Store) Prune(before uint64) (PruneReport, error) {
	var r C.persist_prune_report
	r.struct_size = C.uint32_t(C.sizeof_persist_prune_report)
	err := s.simple("prune", func(c *C.persist_store) C.int {
		return C.persist_store_prune(c, C.uint64_t(before), &r)
	})
	if err != nil {
		return PruneReport{}, err
	}
	return PruneReport{r.compacted != 0, uint64(r.kept_from), uint64(r.records_removed),
		uint64(r.snapshots_removed), uint64(r.apps_removed), uint64(r.bytes_before),
		uint64(r.bytes_after)}, nil
}

func (s *Store) pathCall(op, path string, fn func(*C.persist_store, *C.char) C.int) error {
	for i := 0; i < len(path); i++ {
		if path[i] == 0 {
			return &Error{Code: CodeInvalid, Op: op, Message: "path contains NUL"}
		}
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	return s.simple(op, func(c *C.persist_store) C.int { return fn(c, cpath) })
}

// Backup writes a consistent, compacted copy of the store into directory dir (created if
// missing; it must not hold a store). Works on read-only stores and while writing. Errors:
// ErrExists, ErrIO, ErrFull.
func (s *Store) Backup(dir string) error {
	return s.pathCall("backup", dir, func(c *C.persist_store, p *C.char) C.int { return C.persist_store_backup(c, p) })
}

// Export writes the live app's code and module and its state as one JSON file (atomically).
// Errors: ErrNoApp, ErrIO.
func (s *Store) Export(file string) error {
	return s.pathCall("export", file, func(c *C.persist_store, p *C.char) C.int { return C.persist_store_export(c, p) })
}

// Import starts this empty store from a file written by Export. Errors: ErrExists (the store has
// records), ErrInvalid (not an export file), ErrCorrupt, app errors, ErrReadOnly, I/O errors.
func (s *Store) Import(file string) error {
	return s.pathCall("import", file, func(c *C.persist_store, p *C.char) C.int { return C.persist_store_import(c, p) })
}
