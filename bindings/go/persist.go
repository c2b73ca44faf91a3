// Package persist is the Go binding of libpersist: it keeps the state of a JavaScript app (plain
// JavaScript or `elm make` output) alive across crashes, restarts and new app versions. Every event
// is appended to an LMDB log before its response is returned; opening the store restores the
// exact state from the newest snapshot plus a replay of the records after it.
//
// The package links libpersist.so.1 through pkg-config (`#cgo pkg-config: libpersist`).
//
// Concurrency: a *Store is safe for concurrent use by multiple goroutines. Calls on one store are
// serialized by a Go mutex that is held from the library call until its error message has been
// copied, so every *Error carries the message of its own call (libpersist keeps no thread-local
// error, which would not work with goroutines that move between threads). Different stores run
// in parallel. Only one *Store per directory per process: a second Open returns ErrBusy.
package persist

/*
#cgo pkg-config: libpersist
#include <stdlib.h>
#include <persist.h>
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"math"
	"runtime"
	"runtime/cgo"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// Major is the libpersist major version (and SONAME number) this package speaks.
const Major = 1

// Version returns the version of the loaded library, e.g. "1.0.0".
func Version() string { return C.GoString(C.persist_version_string()) }

// VersionNumber returns the version of the loaded library as major*10000 + minor*100 + patch.
func VersionNumber() int { return int(C.persist_version_number()) }

func checkVersion() error {
	if n := VersionNumber(); n/10000 != Major {
		return &Error{Code: CodeVersion, Op: "open",
			Message: fmt.Sprintf("libpersist %s is not major version %d", Version(), Major)}
	}
	return nil
}

// Durability selects when commits reach the disk.
type Durability uint32

const (
	// DurabilitySync (the default) fsyncs every commit before the call returns.
	DurabilitySync Durability = C.PERSIST_DURABILITY_SYNC
	// DurabilityRelaxed does not fsync per commit; Flush syncs.
	DurabilityRelaxed Durability = C.PERSIST_DURABILITY_RELAXED
)

// DeployMode tells Deploy where the new app's state comes from.
type DeployMode uint32

const (
	// DeployInit starts from the new app's initial state.
	DeployInit DeployMode = C.PERSIST_DEPLOY_INIT
	// DeployMigrate migrates the current state with the new app's migrate function.
	DeployMigrate DeployMode = C.PERSIST_DEPLOY_MIGRATE
)

// LogLevel is the level of a log message.
type LogLevel int

const (
	LogDebug LogLevel = C.PERSIST_LOG_DEBUG
	LogInfo  LogLevel = C.PERSIST_LOG_INFO
	LogWarn  LogLevel = C.PERSIST_LOG_WARN
	LogError LogLevel = C.PERSIST_LOG_ERROR
)

func (l LogLevel) String() string {
	switch l {
	case LogDebug:
		return "debug"
	case LogInfo:
		return "info"
	case LogWarn:
		return "warn"
	case LogError:
		return "error"
	}
	return fmt.Sprintf("level%d", int(l))
}

// NoTimeLimit as Options.JSBudget turns the per-call time budget off.
const NoTimeLimit time.Duration = -1

// NoMemoryLimit as Options.JSMemoryLimit turns the app heap limit off.
const NoMemoryLimit uint64 = math.MaxUint64

// Options for Open. The zero value gives the library defaults.
type Options struct {
	ReadOnly     bool // inspection: no writes; works while another process writes
	NoCreate     bool // fail with ErrNotFound instead of creating a missing store
	LogAllEvents bool // also log events whose update returned the identical state
	// NoRestore skips restoring the live app (to inspect or repair a store whose restore
	// fails): Revert, Deploy with DeployInit and Import work; calls needing the app give ErrNoApp.
	NoRestore bool

	MapSize        uint64        // initial LMDB map size in bytes (grows when full); 0 = 64 MiB
	SnapshotEvery  uint32        // snapshot after this many records; 0 = 1000
	SnapshotBudget time.Duration // also snapshot when the estimated replay time exceeds this; 0 = off
	Durability     Durability    // 0 = DurabilitySync

	JSBudget      time.Duration // time per call into the app; 0 = 10 s; NoTimeLimit
	JSMemoryLimit uint64        // bytes per app heap; 0 = 512 MiB; NoMemoryLimit

	// ClientIDKeep and ClientIDKeepS bound how long client ids (Event.ClientID) are remembered: at
	// most ClientIDKeep ids (0 = 100000), for at most ClientIDKeepS seconds of record time (0 =
	// 86400, a day); NoLimit for no limit. A forgotten id is applied again if it comes back.
	ClientIDKeep  uint32
	ClientIDKeepS uint32

	// Log receives the app's console output and the library's messages. It runs on the calling
	// goroutine while the store is locked: calls from it into the same store return ErrMisuse
	// (other stores are fine). A panic in Log is re-raised by the store method that logged, after
	// the store has been unlocked.
	Log func(level LogLevel, message string)

	// AppLog, when set, receives the app's console output (console.log, warn, ...) instead of
	// Log, which then gets only the library's own messages. It runs like Log. Needs libpersist
	// 1.1 (an older library refuses the option: ErrInvalid).
	AppLog func(level LogLevel, message string)

	// Progress reports long operations (open, Restore, Verify, StateAt, Prune): done of total
	// steps. Returning false stops the operation with ErrCanceled (nothing is changed). It runs
	// like Log: on the calling goroutine, with the store locked.
	Progress func(done, total uint64) bool
}

func millis(name string, d time.Duration, allowNoLimit bool) (C.uint32_t, error) {
	switch {
	case d == 0:
		return 0, nil
	case d < 0 && allowNoLimit:
		return C.PERSIST_NO_LIMIT_MS, nil
	case d < 0:
		return 0, &Error{Code: CodeInvalid, Op: "open", Message: name + " must not be negative"}
	}
	ms := (d + time.Millisecond - 1) / time.Millisecond // round up: 0 would mean the default
	if ms >= C.PERSIST_NO_LIMIT_MS {
		return 0, &Error{Code: CodeInvalid, Op: "open", Message: name + " is too long"}
	}
	return C.uint32_t(ms), nil
}

func (o *Options) toC(c *C.persist_options) error {
	// Zeroed with struct_size set, as the header allows (the same as
	// persist_options_init(&o, sizeof o) in C).
	*c = C.persist_options{}
	c.struct_size = C.uint32_t(C.sizeof_persist_options)
	if o.ReadOnly {
		c.flags |= C.PERSIST_OPEN_READONLY
	}
	if o.NoCreate {
		c.flags |= C.PERSIST_OPEN_NO_CREATE
	}
	if o.LogAllEvents {
		c.flags |= C.PERSIST_LOG_ALL_EVENTS
	}
	if o.NoRestore {
		c.flags |= C.PERSIST_OPEN_NO_RESTORE
	}
	if o.AppLog != nil {
		c.flags |= C.PERSIST_LOG_TAG_APP
	}
	c.map_size = C.uint64_t(o.MapSize)
	c.snapshot_every = C.uint32_t(o.SnapshotEvery)
	c.durability = C.uint32_t(o.Durability)
	c.js_memory_limit = C.uint64_t(o.JSMemoryLimit)
	c.client_id_keep = C.uint32_t(o.ClientIDKeep)
	c.client_id_keep_s = C.uint32_t(o.ClientIDKeepS)
	var err error
	if c.snapshot_budget_ms, err = millis("SnapshotBudget", o.SnapshotBudget, false); err != nil {
		return err
	}
	c.js_budget_ms, err = millis("JSBudget", o.JSBudget, true)
	return err
}

// callbacks is what the cgo.Handle given to the library as userdata refers to.
type callbacks struct {
	log      func(LogLevel, string)
	appLog   func(LogLevel, string)
	progress func(done, total uint64) bool
	panic    interface{} // a panic from a callback, re-raised after the call (set under Store.mu)
}

// catch keeps a callback's panic for the store method to re-raise: it must never unwind through
// the library's C frames.
func (cb *callbacks) catch() {
	if p := recover(); p != nil {
		cb.panic = p
	}
}

//export persistGoLog
func persistGoLog(level C.int, msg *C.char, n C.size_t, handle C.uintptr_t) {
	cb := cgo.Handle(handle).Value().(*callbacks)
	if cb.panic != nil {
		return // the call will panic when it returns; drop what follows
	}
	target := cb.log
	if level&C.PERSIST_LOG_FROM_APP != 0 { // only with PERSIST_LOG_TAG_APP, which AppLog sets
		target, level = cb.appLog, level&^C.PERSIST_LOG_FROM_APP
	}
	if target == nil {
		return
	}
	defer cb.catch()
	target(LogLevel(level), C.GoStringN(msg, C.int(n)))
}

//export persistGoProgress
func persistGoProgress(done, total C.uint64_t, handle C.uintptr_t) (stop C.int) {
	cb := cgo.Handle(handle).Value().(*callbacks)
	if cb.panic != nil {
		return 1
	}
	stop = 1 // also when the callback panics
	defer cb.catch()
	if cb.progress(uint64(done), uint64(total)) {
		stop = 0
	}
	return stop
}

// Store is an open libpersist store. It is safe for concurrent use by multiple goroutines.
type Store struct {
	mu     sync.Mutex
	c      *C.persist_store // nil once closed
	owner  int64            // thread id of the call in progress (0: none); see enter
	cb     *callbacks
	handle cgo.Handle // 0 without callbacks
	path   string
}

// Open opens the store in directory path (creating it unless opts.NoCreate) and restores the
// live app through the restore path. Errors: ErrBusy, ErrNotFound, ErrVersion, ErrCorrupt, ErrIO,
// ErrInvalid, and app errors from the replay.
func Open(path string, opts Options) (*Store, error) {
	if err := checkVersion(); err != nil {
		return nil, err
	}
	var copts C.persist_options
	if err := opts.toC(&copts); err != nil {
		return nil, err
	}
	for i := 0; i < len(path); i++ {
		if path[i] == 0 {
			return nil, &Error{Code: CodeInvalid, Op: "open", Message: "path contains NUL"}
		}
	}
	s := &Store{path: path}
	if opts.Log != nil || opts.AppLog != nil || opts.Progress != nil {
		s.cb = &callbacks{log: opts.Log, appLog: opts.AppLog, progress: opts.Progress}
		s.handle = cgo.NewHandle(s.cb)
		C.persist_go_set_callbacks(&copts, C.uintptr_t(s.handle),
			boolInt(opts.Log != nil || opts.AppLog != nil), boolInt(opts.Progress != nil))
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var c *C.persist_store
	runtime.LockOSThread()
	atomic.StoreInt64(&s.owner, int64(syscall.Gettid()))
	rc := C.persist_store_open(&c, cpath, &copts)
	var err error
	if rc != 0 {
		msg := ""
		if c != nil { // nil only after PERSIST_ENOMEM
			msg = errmsg(c)
		}
		err = newError("open", rc, msg)
		C.persist_store_close(c) // always, even after a failed open
		s.dropCallbacks()
	} else {
		s.c = c
		runtime.SetFinalizer(s, (*Store).Close)
	}
	p := s.takePanic()
	atomic.StoreInt64(&s.owner, 0)
	runtime.UnlockOSThread()
	if p != nil {
		if s.c != nil {
			C.persist_store_close(s.c)
			s.c = nil
			runtime.SetFinalizer(s, nil)
		}
		s.dropCallbacks()
		panic(p)
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Path returns the directory the store was opened with.
func (s *Store) Path() string { return s.path }

func errmsg(c *C.persist_store) string {
	var buf [1024]C.char
	n := C.persist_store_errmsg(c, &buf[0], C.size_t(len(buf)))
	if int(n) < len(buf) {
		return C.GoStringN(&buf[0], C.int(n))
	}
	big := (*C.char)(C.malloc(n + 1))
	defer C.free(unsafe.Pointer(big))
	n = C.persist_store_errmsg(c, big, n+1)
	return C.GoStringN(big, C.int(n))
}

func (s *Store) dropCallbacks() {
	if s.handle != 0 {
		s.handle.Delete()
		s.handle = 0
	}
}

// takePanic returns (and clears) a panic of a callback; called with the store locked.
func (s *Store) takePanic() interface{} {
	if s.cb == nil || s.cb.panic == nil {
		return nil
	}
	p := s.cb.panic
	s.cb.panic = nil
	return p
}

func boolInt(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

const closedMessage = "the store is closed"

// enter locks the store for one call and returns its handle. The goroutine is locked to its OS
// thread for the call, whose thread id is kept in s.owner: the library runs the Log and Progress
// callbacks on that thread, so a call from inside them is recognized (and refused) instead of
// deadlocking on s.mu. (Goroutine ids are not available; a thread runs one goroutine at a time.)
func (s *Store) enter(op string) (*C.persist_store, error) {
	runtime.LockOSThread()
	tid := int64(syscall.Gettid())
	if atomic.LoadInt64(&s.owner) == tid {
		runtime.UnlockOSThread()
		return nil, &Error{Code: CodeMisuse, Op: op,
			Message: "re-entrant call: a log or progress callback must not call into its own store"}
	}
	s.mu.Lock()
	if s.c == nil {
		s.mu.Unlock()
		runtime.UnlockOSThread()
		return nil, &Error{Code: CodeMisuse, Op: op, Message: closedMessage}
	}
	atomic.StoreInt64(&s.owner, tid)
	return s.c, nil
}

func (s *Store) leave() {
	p := s.takePanic()
	atomic.StoreInt64(&s.owner, 0)
	s.mu.Unlock()
	runtime.UnlockOSThread()
	if p != nil {
		panic(p) // the callback's panic, now that the store is unlocked
	}
}

// check turns a status into an error; called with the lock held, so the message is this call's.
func check(op string, c *C.persist_store, rc C.int) error {
	if rc == 0 {
		return nil
	}
	return newError(op, rc, errmsg(c))
}

// Close closes the store. It is idempotent and waits for calls running on other goroutines;
// later calls return ErrMisuse.
func (s *Store) Close() error {
	c, err := s.enter("close")
	if err != nil {
		if e, ok := err.(*Error); ok && e.Message == closedMessage {
			return nil
		}
		return err
	}
	defer s.leave()
	rc := C.persist_store_close(c)
	s.c = nil
	s.dropCallbacks()
	runtime.SetFinalizer(s, nil)
	if rc != 0 {
		return newError("close", rc, C.GoString(C.persist_strerror(rc)))
	}
	return nil
}

// textPtr returns a C view of b, valid for the duration of one call (b holds no Go pointers).
func textPtr(b []byte) *C.char {
	if len(b) == 0 {
		return &C.persist_go_empty[0]
	}
	return (*C.char)(unsafe.Pointer(&b[0]))
}

// cItems allocates an array of n zeroed C structs of `size` bytes and C copies of texts for them
// to point at (cgo forbids Go pointers stored in memory passed to C): the array, the texts'
// pointers in order (nil for a nil text), and the function that frees both. The array is nil when
// out of memory.
func cItems(n int, size C.size_t, texts [][]byte) (unsafe.Pointer, []*C.char, func()) {
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	items := C.calloc(C.size_t(n)+1, size)
	mem := C.malloc(C.size_t(total) + 1)
	free := func() {
		C.free(items)
		C.free(mem)
	}
	if items == nil || mem == nil {
		free()
		return nil, nil, func() {}
	}
	buf := unsafe.Slice((*byte)(mem), total+1)
	ptrs := make([]*C.char, len(texts))
	off := 0
	for i, t := range texts {
		if t == nil {
			continue
		}
		copy(buf[off:], t)
		ptrs[i] = (*C.char)(unsafe.Pointer(&buf[off]))
		off += len(t)
	}
	return items, ptrs, free
}

// takeText copies a library-allocated text and frees it.
func takeText(p *C.char, n C.size_t) []byte {
	if p == nil {
		return nil
	}
	defer C.persist_free(unsafe.Pointer(p))
	out := make([]byte, int(n))
	copy(out, unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n)))
	return out
}

// Deploy deploys app code (the plain JavaScript app contract, or `elm make` output). mode is
// DeployInit or DeployMigrate; module names where the app's contract lives ("" = the default,
// the global "app" for plain JavaScript). On any failure nothing changes. Errors: ErrLoad,
// ErrContract, ErrScript, ErrMigrate, ErrRoundTrip, ErrNoApp (migrate with nothing deployed),
// ErrReadOnly, I/O errors.
func (s *Store) Deploy(code []byte, mode DeployMode, module string) error {
	var cmod *C.char
	if module != "" {
		cmod = C.CString(module)
		defer C.free(unsafe.Pointer(cmod))
	}
	c, err := s.enter("deploy")
	if err != nil {
		return err
	}
	defer s.leave()
	rc := C.persist_store_deploy(c, textPtr(code), C.size_t(len(code)), C.uint32_t(mode), cmod)
	runtime.KeepAlive(code)
	return check("deploy", c, rc)
}

// Submit submits an event to the live app and returns the app's response. The event record is
// committed before the response is returned. Errors: ErrScript (the update threw), ErrTimeout,
// ErrMemory, ErrContract, ErrNoApp, ErrReadOnly, ErrInvalid (not UTF-8), ErrIO, ErrFull, ErrFatal.
func (s *Store) Submit(event []byte) ([]byte, error) {
	c, err := s.enter("submit")
	if err != nil {
		return nil, err
	}
	defer s.leave()
	var out *C.char
	var n C.size_t
	rc := C.persist_store_submit(c, textPtr(event), C.size_t(len(event)), &out, &n)
	runtime.KeepAlive(event)
	if err := check("submit", c, rc); err != nil {
		return nil, err
	}
	return takeText(out, n), nil
}

// BatchResult is the outcome of one event of SubmitBatch: Response when Err is nil.
// Err carries the status code only (errors.Is works); the C API keeps no per-event message.
type BatchResult struct {
	Response []byte
	Err      error
}

// SubmitBatch applies the events in order and commits all their records in one transaction with
// one fsync (group commit). An event whose update fails gets its error in its BatchResult, is not
// written, and the next event continues from the state before it. The returned error is non-nil
// only when the batch as a whole failed and nothing was committed: ErrInvalid, ErrNoApp,
// ErrReadOnly, ErrIO, ErrFull, ErrFatal, and ErrTimeout or ErrMemory (an app that hits a limit is
// rebuilt from disk, which ends the batch).
func (s *Store) SubmitBatch(events [][]byte) ([]BatchResult, error) {
	n := len(events)
	mem, ptrs, free := cItems(n, C.size_t(unsafe.Sizeof(C.persist_batch_item{})), events)
	defer free()
	if mem == nil {
		return nil, &Error{Code: CodeNoMem, Op: "submit batch", Message: "out of memory"}
	}
	items := (*C.persist_batch_item)(mem)
	view := unsafe.Slice(items, n+1)[:n]
	for i, e := range events {
		view[i].event = ptrs[i]
		view[i].event_len = C.size_t(len(e))
	}

	c, err := s.enter("submit batch")
	if err != nil {
		return nil, err
	}
	defer s.leave()
	rc := C.persist_store_submit_batch(c, items, C.size_t(n))
	err = check("submit batch", c, rc)

	results := make([]BatchResult, n)
	for i := range view {
		if view[i].status == 0 {
			results[i].Response = takeText(view[i].response, view[i].response_len)
			if results[i].Response == nil {
				results[i].Response = []byte{}
			}
			continue
		}
		if view[i].response != nil {
			C.persist_free(unsafe.Pointer(view[i].response))
		}
		results[i].Err = &Error{Code: Code(view[i].status), Op: "submit batch"}
	}
	if err != nil {
		return nil, err
	}
	return results, nil
}

// SetState replaces the live state with the app's deserialization of state. Errors:
// ErrRejected, ErrRoundTrip, ErrNoApp, ErrReadOnly, I/O errors.
func (s *Store) SetState(state []byte) error {
	c, err := s.enter("set state")
	if err != nil {
		return err
	}
	defer s.leave()
	rc := C.persist_store_set_state(c, textPtr(state), C.size_t(len(state)))
	runtime.KeepAlive(state)
	return check("set state", c, rc)
}

func (s *Store) simple(op string, fn func(*C.persist_store) C.int) error {
	c, err := s.enter(op)
	if err != nil {
		return err
	}
	defer s.leave()
	return check(op, c, fn(c))
}

// Snapshot writes a snapshot of the live state after the head record now (a no-op if one exists).
func (s *Store) Snapshot() error {
	return s.simple("snapshot", func(c *C.persist_store) C.int { return C.persist_store_snapshot(c) })
}

// Restore re-runs the restore path from disk and replaces the live app with its result. On a
// read-only store it picks up what the writer committed since.
func (s *Store) Restore() error {
	return s.simple("restore", func(c *C.persist_store) C.int { return C.persist_store_restore(c) })
}

// Flush forces committed records to disk; only needed with DurabilityRelaxed.
func (s *Store) Flush() error {
	return s.simple("flush", func(c *C.persist_store) C.int { return C.persist_store_flush(c) })
}

// State returns the live state serialized by the app. Errors: ErrNoApp, ErrScript, ErrContract.
func (s *Store) State() ([]byte, error) {
	c, err := s.enter("state")
	if err != nil {
		return nil, err
	}
	defer s.leave()
	var out *C.char
	var n C.size_t
	if err := check("state", c, C.persist_store_state(c, &out, &n)); err != nil {
		return nil, err
	}
	return takeText(out, n), nil
}

func (s *Store) u64(op string, fn func(*C.persist_store, *C.uint64_t) C.int) (uint64, error) {
	var v C.uint64_t
	err := s.simple(op, func(c *C.persist_store) C.int { return fn(c, &v) })
	return uint64(v), err
}

// Head returns the number of the newest record (1, 2, ...; 0 for an empty log), read from disk.
func (s *Store) Head() (uint64, error) {
	return s.u64("head", func(c *C.persist_store, v *C.uint64_t) C.int { return C.persist_store_head(c, v) })
}

// RecordCount returns the number of records stored.
func (s *Store) RecordCount() (uint64, error) {
	return s.u64("record count", func(c *C.persist_store, v *C.uint64_t) C.int {
		return C.persist_store_record_count(c, v)
	})
}

// SnapshotSeq returns the record number the newest snapshot follows; 0 without a snapshot.
func (s *Store) SnapshotSeq() (uint64, error) {
	return s.u64("snapshot seq", func(c *C.persist_store, v *C.uint64_t) C.int {
		return C.persist_store_snapshot_seq(c, v)
	})
}

// AppHash returns the SHA-256 of the live app's code as 64 lowercase hex digits; ErrNoApp when
// no app is deployed.
func (s *Store) AppHash() (string, error) {
	var buf [65]C.char
	err := s.simple("app hash", func(c *C.persist_store) C.int {
		return C.persist_store_app_hash(c, &buf[0], C.size_t(len(buf)))
	})
	if err != nil {
		return "", err
	}
	return C.GoString(&buf[0]), nil
}
