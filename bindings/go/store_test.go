package persist

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestOpenDeploySubmitState(t *testing.T) {
	s, _ := open(t, Options{})
	if _, err := s.AppHash(); !isErr(err, ErrNoApp) {
		t.Fatalf("AppHash before deploy: %v", err)
	}
	deploy(t, s, "testapp_v1.js")
	h, err := s.AppHash()
	if err != nil || !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(h) {
		t.Fatalf("AppHash = %q, %v", h, err)
	}
	if r := submit(t, s, "add 5"); r != "n=5" {
		t.Fatalf("add 5 -> %q", r)
	}
	if r := submit(t, s, "mul 3"); r != "n=15" {
		t.Fatalf("mul 3 -> %q", r)
	}
	var st map[string]interface{}
	if err := json.Unmarshal([]byte(state(t, s)), &st); err != nil || st["n"].(float64) != 15 {
		t.Fatalf("state %v %v", st, err)
	}
	count, err1 := s.RecordCount()
	snap, err2 := s.SnapshotSeq()
	if head(t, s) != 3 || count != 3 || snap != 1 || err1 != nil || err2 != nil {
		t.Fatalf("head %d count %d snap %d (%v %v)", head(t, s), count, snap, err1, err2)
	}
	if s.Path() == "" {
		t.Fatal("no path")
	}
}

func isErr(err error, sentinel *Error) bool {
	e, ok := err.(*Error)
	return ok && e.Is(sentinel)
}

func TestReopenRestoresState(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	deploy(t, s, "testapp_v1.js")
	submit(t, s, "add 7")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil { // idempotent
		t.Fatal(err)
	}
	s, err = Open(dir, Options{NoCreate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r := submit(t, s, "get"); r != "n=7 hist=" {
		t.Fatalf("get -> %q", r)
	}
	if h := head(t, s); h != 2 {
		t.Fatalf("head %d", h)
	}
}

func TestDeployMigrateAndModule(t *testing.T) {
	s, _ := open(t, Options{})
	deploy(t, s, "testapp_v1.js")
	submit(t, s, "add 3")
	if err := s.Deploy(fixture(t, "testapp_v2.js"), DeployMigrate, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(state(t, s), `"tag":"migrated"`) {
		t.Fatal(state(t, s))
	}
	if r := submit(t, s, "add 1"); r != "v2 n=4" {
		t.Fatal(r)
	}
	if err := s.Deploy(fixture(t, "bad_no_app.js"), DeployInit, "application"); err != nil {
		t.Fatal(err)
	}
	if r := submit(t, s, "x"); r != "ok" {
		t.Fatal(r)
	}
}

func TestSetStateSnapshotRestoreFlush(t *testing.T) {
	s, _ := open(t, Options{SnapshotEvery: 1000000})
	deploy(t, s, "testapp_v1.js")
	if err := s.SetState([]byte(`{"v":1,"n":41,"hist":"x"}`)); err != nil {
		t.Fatal(err)
	}
	if r := submit(t, s, "add 1"); r != "n=42" {
		t.Fatal(r)
	}
	if seq, _ := s.SnapshotSeq(); seq != 2 { // set-state writes a snapshot
		t.Fatalf("snapshot seq %d", seq)
	}
	if err := s.Snapshot(); err != nil {
		t.Fatal(err)
	}
	if seq, _ := s.SnapshotSeq(); seq != 3 {
		t.Fatalf("snapshot seq %d", seq)
	}
	if err := s.Restore(); err != nil {
		t.Fatal(err)
	}
	if r := submit(t, s, "get"); r != "n=42 hist=x" {
		t.Fatal(r)
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
}

func TestTextRoundTrip(t *testing.T) {
	s, _ := open(t, Options{})
	deploy(t, s, "sandbox.js")
	for _, text := range []string{"héllo", "日本語", "emoji \U0001F600", "a\x00b", ""} {
		if r := submit(t, s, "keep "+text); r != text {
			t.Fatalf("keep %q -> %q", text, r)
		}
	}
	big := bytes.Repeat([]byte("x"), 100000)
	r, err := s.Submit(big)
	if err != nil || string(r) != "echo:"+string(big) {
		t.Fatalf("big event: %v", err)
	}
	// An empty event reaches the app as "".
	if r, err := s.Submit(nil); err != nil || string(r) != "echo:" {
		t.Fatalf("empty event -> %q %v", r, err)
	}
}

func TestOptions(t *testing.T) {
	t.Run("LogAllEvents", func(t *testing.T) {
		s, _ := open(t, Options{LogAllEvents: true})
		deploy(t, s, "testapp_v1.js")
		submit(t, s, "get")
		if h := head(t, s); h != 2 {
			t.Fatalf("head %d", h)
		}
	})
	t.Run("SnapshotEvery", func(t *testing.T) {
		s, _ := open(t, Options{SnapshotEvery: 2})
		deploy(t, s, "testapp_v1.js")
		for i := 0; i < 5; i++ {
			submit(t, s, "add 1")
		}
		if seq, _ := s.SnapshotSeq(); seq <= 1 {
			t.Fatalf("snapshot seq %d", seq)
		}
	})
	t.Run("RelaxedAndLimits", func(t *testing.T) {
		s, _ := open(t, Options{Durability: DurabilityRelaxed, MapSize: 1 << 20,
			SnapshotBudget: 50 * time.Millisecond, JSBudget: NoTimeLimit, JSMemoryLimit: NoMemoryLimit})
		deploy(t, s, "testapp_v1.js")
		for i := 0; i < 20; i++ {
			submit(t, s, "add 1")
		}
		if err := s.Flush(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ReadOnly", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "store")
		w, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		deploy(t, w, "testapp_v1.js")
		submit(t, w, "add 9")
		w.Close()
		r, err := Open(dir, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if head(t, r) != 2 || !strings.Contains(state(t, r), `"n":9`) {
			t.Fatal(state(t, r))
		}
		if err := r.Restore(); err != nil {
			t.Fatal(err)
		}
		_, err = r.Submit([]byte("add 1"))
		wantErr(t, err, ErrReadOnly, "read-only")
		_, err = r.SubmitBatch([][]byte{[]byte("add 1")})
		wantErr(t, err, ErrReadOnly, "")
		wantErr(t, r.Deploy(fixture(t, "testapp_v1.js"), DeployInit, ""), ErrReadOnly, "")
		wantErr(t, r.SetState([]byte("{}")), ErrReadOnly, "")
		wantErr(t, r.Snapshot(), ErrReadOnly, "")
		wantErr(t, r.Flush(), ErrReadOnly, "")
	})
	t.Run("BadValues", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "store")
		for _, o := range []Options{
			{SnapshotBudget: -time.Second},
			{JSBudget: 60 * 24 * time.Hour}, // more milliseconds than a uint32 holds
			{Durability: 7},
		} {
			if _, err := Open(dir, o); !isErr(err, ErrInvalid) {
				t.Fatalf("%+v: %v", o, err)
			}
		}
		if _, err := Open("", Options{}); !isErr(err, ErrInvalid) {
			t.Fatal(err)
		}
		if _, err := Open(dir+"\x00x", Options{}); !isErr(err, ErrInvalid) {
			t.Fatal(err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatal("a failed open created the store")
		}
	})
}

func TestClosedStore(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "s"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	calls := map[string]error{}
	_, calls["submit"] = s.Submit([]byte("x"))
	_, calls["batch"] = s.SubmitBatch([][]byte{[]byte("x")})
	calls["deploy"] = s.Deploy([]byte("x"), DeployInit, "")
	calls["setstate"] = s.SetState([]byte("x"))
	_, calls["state"] = s.State()
	calls["snapshot"] = s.Snapshot()
	calls["restore"] = s.Restore()
	calls["flush"] = s.Flush()
	_, calls["head"] = s.Head()
	_, calls["count"] = s.RecordCount()
	_, calls["seq"] = s.SnapshotSeq()
	_, calls["hash"] = s.AppHash()
	for name, err := range calls {
		if !isErr(err, ErrMisuse) || !strings.Contains(err.Error(), "closed") {
			t.Errorf("%s on a closed store: %v", name, err)
		}
	}
}

func TestFinalizerClosesLostStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	func() {
		_, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
	}()
	for i := 0; i < 20; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		s, err := Open(dir, Options{})
		if err == nil {
			s.Close()
			return
		}
		if !isErr(err, ErrBusy) {
			t.Fatal(err)
		}
	}
	t.Fatal("the unreachable store was never closed")
}

func TestVersion(t *testing.T) {
	if VersionNumber()/10000 != Major {
		t.Fatal(VersionNumber())
	}
	hdr, err := os.ReadFile(filepath.Join("..", "..", "include", "persist.h"))
	if err != nil {
		t.Skip("no header:", err)
	}
	m := regexp.MustCompile(`#define PERSIST_VERSION_STRING "([^"]+)"`).FindSubmatch(hdr)
	if m == nil || string(m[1]) != Version() {
		t.Fatalf("library %s, header %s", Version(), m)
	}
}
