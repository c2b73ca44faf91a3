package persist

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fixturesDir is the repository's tests/fixtures (override with PERSIST_FIXTURES).
func fixturesDir() string {
	if d := os.Getenv("PERSIST_FIXTURES"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "tests", "fixtures")
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixturesDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// open opens a store in a fresh temporary directory and closes it when the test ends.
func open(t testing.TB, opts Options) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func deploy(t testing.TB, s *Store, name string) {
	t.Helper()
	if err := s.Deploy(fixture(t, name), DeployInit, ""); err != nil {
		t.Fatalf("Deploy %s: %v", name, err)
	}
}

func submit(t testing.TB, s *Store, event string) string {
	t.Helper()
	r, err := s.Submit([]byte(event))
	if err != nil {
		t.Fatalf("Submit %q: %v", event, err)
	}
	return string(r)
}

func head(t testing.TB, s *Store) uint64 {
	t.Helper()
	h, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func state(t testing.TB, s *Store) string {
	t.Helper()
	st, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	return string(st)
}

// wantErr checks that err matches sentinel (and no other sentinel) and that the message
// contains part.
func wantErr(t testing.TB, err error, sentinel *Error, part string) *Error {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("got error %v, want %v", err, sentinel.Code)
	}
	for _, other := range allSentinels {
		if other != sentinel && errors.Is(err, other) {
			t.Fatalf("%v also matches %v", err, other.Code)
		}
	}
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("%v is not a *persist.Error", err)
	}
	if part != "" && !contains(pe.Message, part) {
		t.Fatalf("message %q lacks %q", pe.Message, part)
	}
	return pe
}

func contains(s, part string) bool {
	return len(part) == 0 || (len(s) >= len(part) && indexOf(s, part) >= 0)
}

func indexOf(s, part string) int {
	for i := 0; i+len(part) <= len(s); i++ {
		if s[i:i+len(part)] == part {
			return i
		}
	}
	return -1
}

var allSentinels = []*Error{
	ErrInternal, ErrNoMem, ErrInvalid, ErrMisuse, ErrCanceled, ErrNotFound, ErrExists, ErrBusy, ErrNoApp,
	ErrReadOnly, ErrIO, ErrCorrupt, ErrFull, ErrVersion, ErrScript, ErrTimeout, ErrLoad,
	ErrContract, ErrRejected, ErrMigrate, ErrRoundTrip, ErrMemory, ErrFatal,
	ErrFollower, ErrNotQuery, ErrGap, ErrForeign, ErrForked,
}
