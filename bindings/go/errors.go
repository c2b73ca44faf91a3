package persist

/*
#include <persist.h>
*/
import "C"

import "fmt"

// Code is a libpersist status code (persist_status in persist.h); the values are pinned forever.
type Code int32

// The status codes of persist.h.
const (
	CodeOK        Code = 0
	CodeInternal  Code = -1  // PERSIST_ERROR: unexpected internal failure
	CodeNoMem     Code = -2  // PERSIST_ENOMEM
	CodeInvalid   Code = -3  // PERSIST_EINVAL
	CodeMisuse    Code = -4  // PERSIST_EMISUSE
	CodeCanceled  Code = -5  // PERSIST_ECANCELED
	CodeNotFound  Code = -10 // PERSIST_ENOTFOUND
	CodeExists    Code = -11 // PERSIST_EEXISTS
	CodeBusy      Code = -12 // PERSIST_EBUSY
	CodeNoApp     Code = -13 // PERSIST_ENOAPP
	CodeReadOnly  Code = -14 // PERSIST_EREADONLY
	CodeFollower  Code = -15 // PERSIST_EFOLLOWER (1.1)
	CodeIO        Code = -20 // PERSIST_EIO
	CodeCorrupt   Code = -21 // PERSIST_ECORRUPT
	CodeFull      Code = -22 // PERSIST_EFULL
	CodeVersion   Code = -23 // PERSIST_EVERSION
	CodeScript    Code = -30 // PERSIST_ESCRIPT
	CodeTimeout   Code = -31 // PERSIST_ETIMEOUT
	CodeLoad      Code = -32 // PERSIST_ELOAD
	CodeContract  Code = -33 // PERSIST_ECONTRACT
	CodeRejected  Code = -34 // PERSIST_EREJECTED
	CodeMigrate   Code = -35 // PERSIST_EMIGRATE
	CodeRoundTrip Code = -36 // PERSIST_EROUNDTRIP
	CodeMemory    Code = -37 // PERSIST_EMEMORY
	CodeNotQuery  Code = -38 // PERSIST_ENOTQUERY (1.1)
	CodeFatal     Code = -40 // PERSIST_EFATAL
	CodeGap       Code = -50 // PERSIST_EGAP (1.1)
	CodeForeign   Code = -51 // PERSIST_EFOREIGN (1.1)
	CodeForked    Code = -52 // PERSIST_EFORKED (1.1)
)

var codeNames = map[Code]string{
	CodeOK: "PERSIST_OK", CodeInternal: "PERSIST_ERROR", CodeNoMem: "PERSIST_ENOMEM",
	CodeInvalid: "PERSIST_EINVAL", CodeMisuse: "PERSIST_EMISUSE", CodeCanceled: "PERSIST_ECANCELED",
	CodeNotFound: "PERSIST_ENOTFOUND",
	CodeExists:   "PERSIST_EEXISTS", CodeBusy: "PERSIST_EBUSY", CodeNoApp: "PERSIST_ENOAPP",
	CodeReadOnly: "PERSIST_EREADONLY", CodeIO: "PERSIST_EIO", CodeCorrupt: "PERSIST_ECORRUPT",
	CodeFull: "PERSIST_EFULL", CodeVersion: "PERSIST_EVERSION", CodeScript: "PERSIST_ESCRIPT",
	CodeTimeout: "PERSIST_ETIMEOUT", CodeLoad: "PERSIST_ELOAD", CodeContract: "PERSIST_ECONTRACT",
	CodeRejected: "PERSIST_EREJECTED", CodeMigrate: "PERSIST_EMIGRATE",
	CodeRoundTrip: "PERSIST_EROUNDTRIP", CodeMemory: "PERSIST_EMEMORY", CodeFatal: "PERSIST_EFATAL",
	CodeFollower: "PERSIST_EFOLLOWER", CodeNotQuery: "PERSIST_ENOTQUERY", CodeGap: "PERSIST_EGAP",
	CodeForeign: "PERSIST_EFOREIGN", CodeForked: "PERSIST_EFORKED",
}

// String returns the C name of the code, e.g. "PERSIST_ESCRIPT".
func (c Code) String() string {
	if n, ok := codeNames[c]; ok {
		return n
	}
	return fmt.Sprintf("PERSIST_%d", int32(c))
}

// Description returns the library's static description of the code (persist_strerror).
func (c Code) Description() string {
	return C.GoString(C.persist_strerror(C.int(c)))
}

// Error is the error every failing call returns: the status code, the store's detailed message
// for that very call, and the operation ("open", "submit", ...).
//
// Compare with the sentinels: errors.Is(err, persist.ErrScript). Use errors.As to get the
// message: var pe *persist.Error; if errors.As(err, &pe) { log.Print(pe.Message) }.
type Error struct {
	Code    Code
	Message string // may be empty (sentinels; the per-event errors of SubmitBatch)
	Op      string // may be empty
}

func (e *Error) Error() string {
	s := "persist: "
	if e.Op != "" {
		s += e.Op + ": "
	}
	if e.Message == "" {
		return s + e.Code.Description()
	}
	return s + e.Message
}

// Is reports whether target is the sentinel for e's code (an *Error with no message and no op),
// so that errors.Is(err, ErrBusy) works for every busy error.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Op == "" && t.Code == e.Code
}

// Sentinel errors, one per status code, for errors.Is.
var (
	ErrInternal  = &Error{Code: CodeInternal}  // unexpected internal failure
	ErrNoMem     = &Error{Code: CodeNoMem}     // out of memory
	ErrInvalid   = &Error{Code: CodeInvalid}   // invalid argument (text that is not UTF-8, bad option, ...)
	ErrMisuse    = &Error{Code: CodeMisuse}    // closed store, or a call from a callback into its own store
	ErrCanceled  = &Error{Code: CodeCanceled}  // the Progress callback stopped the operation; nothing changed
	ErrNotFound  = &Error{Code: CodeNotFound}  // store directory (or the one that would hold it) missing, history pruned, unknown app hash
	ErrExists    = &Error{Code: CodeExists}    // import into a non-empty store, backup into a store
	ErrBusy      = &Error{Code: CodeBusy}      // another process writes the store, or it is open here already
	ErrNoApp     = &Error{Code: CodeNoApp}     // no app deployed yet (or nothing to migrate from)
	ErrReadOnly  = &Error{Code: CodeReadOnly}  // write call on a store opened read-only
	ErrIO        = &Error{Code: CodeIO}        // I/O error from the operating system
	ErrCorrupt   = &Error{Code: CodeCorrupt}   // damaged record, snapshot, app code or store file
	ErrFull      = &Error{Code: CodeFull}      // disk or store map full
	ErrVersion   = &Error{Code: CodeVersion}   // store format newer than the library
	ErrScript    = &Error{Code: CodeScript}    // the app threw (the message carries the JavaScript error)
	ErrTimeout   = &Error{Code: CodeTimeout}   // the app ran past its time budget
	ErrLoad      = &Error{Code: CodeLoad}      // app code does not parse or throws while loading
	ErrContract  = &Error{Code: CodeContract}  // app misses a contract function or returned a wrong type
	ErrRejected  = &Error{Code: CodeRejected}  // the app's deserialize rejected a state (SetState)
	ErrMigrate   = &Error{Code: CodeMigrate}   // migrate (or, without one, deserialize) rejected the previous state
	ErrRoundTrip = &Error{Code: CodeRoundTrip} // serialize/deserialize/serialize changed the state
	ErrMemory    = &Error{Code: CodeMemory}    // the app exceeded its heap memory limit
	ErrFatal     = &Error{Code: CodeFatal}     // store poisoned by an unrecoverable error: close it
	ErrFollower  = &Error{Code: CodeFollower}  // write call on a follower (it takes records from Apply; Promote it)
	ErrNotQuery  = &Error{Code: CodeNotQuery}  // Query: the update changed the state (it stays as it was)
	ErrGap       = &Error{Code: CodeGap}       // Apply: the batch starts after a record this store lacks
	ErrForeign   = &Error{Code: CodeForeign}   // Apply: the batch or bootstrap comes from another store
	ErrForked    = &Error{Code: CodeForked}    // Apply: this store's history and the batch's differ
)

func newError(op string, code C.int, message string) *Error {
	return &Error{Code: Code(code), Message: message, Op: op}
}
