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
