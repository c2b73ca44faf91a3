package persist

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

type logRec struct {
	level LogLevel
	msg   string
}

type logSink struct {
	mu   sync.Mutex
	recs []logRec
}

func (l *logSink) log(level LogLevel, msg string) {
	l.mu.Lock()
	l.recs = append(l.recs, logRec{level, msg})
	l.mu.Unlock()
}

func TestLogCallback(t *testing.T) {
	var sink logSink
	s, _ := open(t, Options{Log: sink.log})
	deploy(t, s, "sandbox.js")
	submit(t, s, "log")
	levels := map[string]LogLevel{}
	for _, r := range sink.recs {
		levels[r.msg] = r.level
	}
	if levels["careful"] != LogWarn || levels["bad"] != LogError {
		t.Fatalf("log records %+v", sink.recs)
	}
	if LogWarn.String() != "warn" {
		t.Fatal(LogWarn.String())
	}
}

func TestLogCallbackReentrantCallIsRefused(t *testing.T) {
	var s *Store
	var errs []error
	var mu sync.Mutex
	s, _ = open(t, Options{Log: func(level LogLevel, msg string) {
		if s == nil {
			return
		}
		_, err1 := s.Submit([]byte("add 1"))
		_, err2 := s.Head()
		err3 := s.Close()
		mu.Lock()
		errs = append(errs, err1, err2, err3)
		mu.Unlock()
	}})
	deploy(t, s, "bad_console.js")
	if r := submit(t, s, "add 2"); r != "n=2" {
		t.Fatal(r)
	}
	if len(errs) == 0 {
		t.Fatal("the callback did not run")
	}
	for _, err := range errs {
		if !errors.Is(err, ErrMisuse) || !strings.Contains(err.Error(), "re-entrant") {
			t.Fatalf("re-entrant call: %v", err)
		}
	}
	if h := head(t, s); h != 2 {
		t.Fatalf("head %d", h)
	}
}

func TestLogCallbackPanicIsRaisedAfterTheCall(t *testing.T) {
	s, _ := open(t, Options{Log: func(LogLevel, string) { panic("log failed") }})
	deploy(t, s, "bad_console.js")
	func() {
		defer func() {
			if p := recover(); p != "log failed" {
				t.Fatalf("recovered %v", p)
			}
		}()
		s.Submit([]byte("add 1"))
		t.Fatal("no panic")
	}()
	// The store is unlocked and the event was committed.
	if h := head(t, s); h != 2 {
		t.Fatalf("head %d", h)
	}
}

func TestLogCallbackMayUseAnotherStore(t *testing.T) {
	other, _ := open(t, Options{})
	deploy(t, other, "testapp_v1.js")
	s, _ := open(t, Options{Log: func(LogLevel, string) { other.Submit([]byte("add 1")) }})
	deploy(t, s, "bad_console.js")
	submit(t, s, "add 1")
	if h := head(t, other); h < 2 {
		t.Fatalf("other head %d", h)
	}
}

func TestAppLogTakesTheAppsOutputAndLogKeepsTheLibrarys(t *testing.T) {
	s, dir := open(t, Options{SnapshotEvery: 1000000})
	deploy(t, s, "sandbox.js")
	for i := 0; i < 3; i++ {
		if r := submit(t, s, "log"); r != "logged" {
			t.Fatal(r)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The reopen replays 3 records past a policy of 2, so it writes a snapshot and says so.
	var lib, app logSink
	s, err := Open(dir, Options{SnapshotEvery: 2, Log: lib.log, AppLog: app.log})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r := submit(t, s, "log"); r != "logged" {
		t.Fatal(r)
	}
	written := false
	for _, r := range lib.recs {
		written = written || strings.Contains(r.msg, "written at open")
		if r.msg == "careful" || r.msg == "bad" {
			t.Fatalf("app output reached Log: %+v", lib.recs)
		}
	}
	if !written {
		t.Fatalf("library messages %+v", lib.recs)
	}
	// 3 replayed events and the new one, each logging info, warn and error.
	if len(app.recs) != 12 {
		t.Fatalf("app output %+v", app.recs)
	}
	want := []logRec{{LogInfo, "hello 42 [object Object]"}, {LogWarn, "careful"}, {LogError, "bad"}}
	for i, r := range app.recs {
		if r != want[i%3] {
			t.Fatalf("app output %d: %+v, want %+v", i, r, want[i%3])
		}
	}
}

func TestAppLogAlone(t *testing.T) {
	var app logSink
	s, _ := open(t, Options{AppLog: app.log})
	deploy(t, s, "sandbox.js")
	submit(t, s, "log")
	if len(app.recs) != 3 || app.recs[1] != (logRec{LogWarn, "careful"}) {
		t.Fatalf("app output %+v", app.recs)
	}
}
