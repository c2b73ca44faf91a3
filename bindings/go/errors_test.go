package persist

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func TestSentinels(t *testing.T) {
	seen := map[Code]bool{}
	for _, s := range allSentinels {
		if seen[s.Code] {
			t.Fatalf("two sentinels for %v", s.Code)
		}
		seen[s.Code] = true
		e := &Error{Code: s.Code, Message: "detail", Op: "submit"}
		if !errors.Is(e, s) || !errors.Is(fmt.Errorf("wrapped: %w", e), s) {
			t.Fatalf("%v does not match its sentinel", s.Code)
		}
		if errors.Is(e, &Error{Code: s.Code, Message: "other"}) {
			t.Fatal("a detailed error matched another detailed error")
		}
		if !strings.HasPrefix(s.Code.String(), "PERSIST_E") && s.Code != CodeInternal {
			t.Fatalf("name %s", s.Code)
		}
		if s.Error() == "" || e.Error() != "persist: submit: detail" {
			t.Fatalf("texts %q %q", s.Error(), e.Error())
		}
	}
	if len(seen) != len(codeNames)-1 {
		t.Fatalf("%d sentinels for %d codes", len(seen), len(codeNames)-1)
	}
	if Code(-99).String() != "PERSIST_-99" {
		t.Fatal(Code(-99).String())
	}
}

func TestNotFoundBusyNoApp(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	_, err := Open(dir, Options{ReadOnly: true})
	wantErr(t, err, ErrNotFound, "")
	_, err = Open(dir, Options{NoCreate: true})
	wantErr(t, err, ErrNotFound, "")

	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Open(dir, Options{})
	wantErr(t, err, ErrBusy, "already open")
	_, err = Open(dir, Options{ReadOnly: true})
	wantErr(t, err, ErrBusy, "")

	_, err = s.Submit([]byte("x"))
	wantErr(t, err, ErrNoApp, "")
	_, err = s.State()
	wantErr(t, err, ErrNoApp, "")
	wantErr(t, s.Deploy(fixture(t, "testapp_v1.js"), DeployMigrate, ""), ErrNoApp, "")
	_, err = s.AppHash()
	wantErr(t, err, ErrNoApp, "")
}

// TestBusyAcrossProcesses runs this test binary again as a second process (see TestMain).
func TestBusyAcrossProcesses(t *testing.T) {
	s, dir := open(t, Options{})
	deploy(t, s, "testapp_v1.js")
	submit(t, s, "add 1")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PERSIST_GO_CHILD="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	want := fmt.Sprintf("busy pid %d\nhead 2\nreadonly\n", os.Getpid())
	if !strings.HasPrefix(string(out), want) {
		t.Fatalf("child said %q, want %q", out, want)
	}
}

func childMain(dir string) {
	_, err := Open(dir, Options{})
	if errors.Is(err, ErrBusy) && strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getppid())) {
		fmt.Printf("busy pid %d\n", os.Getppid())
	} else {
		fmt.Println("unexpected:", err)
	}
	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		fmt.Println("readonly open:", err)
		return
	}
	defer r.Close()
	h, _ := r.Head()
	fmt.Printf("head %d\n", h)
	if _, err := r.Submit([]byte("add 1")); errors.Is(err, ErrReadOnly) {
		fmt.Println("readonly")
	}
}

func TestMain(m *testing.M) {
	if dir := os.Getenv("PERSIST_GO_CHILD"); dir != "" {
		childMain(dir)
		os.Exit(0)
	}
	if dir := os.Getenv("PERSIST_GO_WRITER"); dir != "" { // see TestQuery
		writerMain(dir)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestAppErrors(t *testing.T) {
	s, _ := open(t, Options{})
	wantErr(t, s.Deploy(fixture(t, "bad_syntax.js"), DeployInit, ""), ErrLoad, "")
	wantErr(t, s.Deploy(fixture(t, "bad_load_throws.js"), DeployInit, ""), ErrLoad, "refusing to load")
	wantErr(t, s.Deploy(fixture(t, "bad_no_update.js"), DeployInit, ""), ErrContract, "")
	for _, mod := range []string{"noInit", "noSerialize", "noDeserialize", "updateIsNumber", "appIsString"} {
		wantErr(t, s.Deploy(fixture(t, "bad_contract_variants.js"), DeployInit, mod), ErrContract, "")
	}
	wantErr(t, s.Deploy(fixture(t, "bad_roundtrip_always.js"), DeployInit, ""), ErrRoundTrip, "")
	if h := head(t, s); h != 0 {
		t.Fatalf("failed deploys wrote %d records", h)
	}

	deploy(t, s, "testapp_v1.js")
	submit(t, s, "add 1")
	_, err := s.Submit([]byte("throw"))
	pe := wantErr(t, err, ErrScript, "boom: the app refused throw")
	if pe.Op != "submit" || !strings.HasPrefix(err.Error(), "persist: submit: ") {
		t.Fatalf("op %q, text %q", pe.Op, err.Error())
	}
	_, err = s.Submit([]byte("badresp"))
	wantErr(t, err, ErrContract, "")
	wantErr(t, s.SetState([]byte(`{"v":2}`)), ErrRejected, "not a version 1 state")
	wantErr(t, s.Deploy(fixture(t, "bad_migrate_throws.js"), DeployMigrate, ""), ErrMigrate, "will not migrate")
	if r := submit(t, s, "get"); r != "n=1 hist=" {
		t.Fatal(r)
	}

	deploy(t, s, "bad_roundtrip_big.js")
	if err := s.SetState([]byte(`{"n":999}`)); err != nil {
		t.Fatal(err)
	}
	wantErr(t, s.SetState([]byte(`{"n":1000}`)), ErrRoundTrip, "")
}

func TestLimits(t *testing.T) {
	s, _ := open(t, Options{JSBudget: 200 * 1e6})
	deploy(t, s, "hostile.js")
	_, err := s.Submit([]byte("loop"))
	wantErr(t, err, ErrTimeout, "budget")
	if r := submit(t, s, "add"); r != "n=1" {
		t.Fatal(r)
	}
	m, _ := open(t, Options{JSMemoryLimit: 4 << 20})
	deploy(t, m, "hostile.js")
	_, err = m.Submit([]byte("bomb"))
	wantErr(t, err, ErrMemory, "memory limit")
}

func TestInvalid(t *testing.T) {
	s, dir := open(t, Options{})
	deploy(t, s, "testapp_v1.js")
	_, err := s.Submit([]byte("add \xff"))
	wantErr(t, err, ErrInvalid, "UTF-8")
	wantErr(t, s.Deploy([]byte("var app = '\xc3';"), DeployInit, ""), ErrInvalid, "")
	wantErr(t, s.Deploy(fixture(t, "testapp_v1.js"), DeployMode(9), ""), ErrInvalid, "mode")
	wantErr(t, s.SetState([]byte("\xfe")), ErrInvalid, "")
	_, err = s.SubmitBatch([][]byte{[]byte("add 1"), []byte("\x80")})
	wantErr(t, err, ErrInvalid, "items[1]")
	file := filepath.Join(filepath.Dir(dir), "file")
	os.WriteFile(file, nil, 0o644)
	_, err = Open(file, Options{})
	wantErr(t, err, ErrInvalid, "")
}

func TestCorruptAndVersion(t *testing.T) {
	marker := []byte("CORRUPTIONMARKER0123456789")
	dir := filepath.Join(t.TempDir(), "s")
	s, err := Open(dir, Options{SnapshotEvery: 1000000})
	if err != nil {
		t.Fatal(err)
	}
	deploy(t, s, "testapp_v1.js")
	submit(t, s, "add 2")
	submit(t, s, "append "+string(marker))
	s.Close()
	data := filepath.Join(dir, "data.mdb")
	b, _ := os.ReadFile(data)
	orig := append([]byte(nil), b...)
	for at := bytes.Index(b, marker); at >= 0; {
		b[at+6] ^= 1
		next := bytes.Index(b[at+1:], marker)
		if next < 0 {
			break
		}
		at += 1 + next
	}
	os.WriteFile(data, b, 0o644)
	_, err = Open(dir, Options{})
	wantErr(t, err, ErrCorrupt, "record 3")

	// The meta database's format entry: key "format", value 00 00 00 01 (docs/format.md).
	old := []byte("format\x00\x00\x00\x01")
	if bytes.Count(orig, old) != 1 {
		t.Fatal("format entry not found")
	}
	os.WriteFile(data, bytes.Replace(orig, old, []byte("format\x00\x00\x00\x03"), 1), 0o644)
	_, err = Open(dir, Options{})
	wantErr(t, err, ErrVersion, "newer")
}

func TestFull(t *testing.T) {
	s, _ := open(t, Options{MapSize: 1 << 16})
	deploy(t, s, "testapp_v1.js")
	_, err := s.Submit(append([]byte("append "), bytes.Repeat([]byte("x"), 20<<20)...))
	wantErr(t, err, ErrFull, "full")
	if r := submit(t, s, "add 1"); r != "n=1" {
		t.Fatal(r)
	}
}

// TestIOErrorThenFatal limits the file size (RLIMIT_FSIZE) so that a commit fails with EFBIG;
// the store then refuses writes until reopened. Go ignores SIGXFSZ only if asked, so ignore it.
func TestIOErrorThenFatal(t *testing.T) {
	s, dir := open(t, Options{})
	deploy(t, s, "testapp_v1.js")
	fi, err := os.Stat(filepath.Join(dir, "data.mdb"))
	if err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	signal.Ignore(syscall.SIGXFSZ)
	lim := old
	lim.Cur = uint64(fi.Size()) + 4096
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	_, err = s.Submit(append([]byte("append "), bytes.Repeat([]byte("y"), 1<<20)...))
	syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	wantErr(t, err, ErrIO, "")
	_, err = s.Submit([]byte("add 1"))
	wantErr(t, err, ErrFatal, "reopen")
}

// headerCodes returns the status codes include/persist.h declares, read from the header itself so
// that a code added to it later is checked too.
func headerCodes(t *testing.T) map[string]Code {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "..", "include", "persist.h"))
	if err != nil {
		t.Fatal(err)
	}
	enum := regexp.MustCompile(`(?s)typedef enum persist_status \{(.*?)\} persist_status;`).FindSubmatch(text)
	if enum == nil {
		t.Fatal("no persist_status enum in persist.h")
	}
	codes := map[string]Code{}
	for _, m := range regexp.MustCompile(`(?m)^\s*(PERSIST_\w+)\s*=\s*(-?\d+)`).FindAllSubmatch(enum[1], -1) {
		v, err := strconv.Atoi(string(m[2]))
		if err != nil {
			t.Fatal(err)
		}
		codes[string(m[1])] = Code(v)
	}
	if len(codes) < 24 || codes["PERSIST_OK"] != 0 || codes["PERSIST_EFATAL"] != -40 {
		t.Fatalf("read %d codes from persist.h: %v", len(codes), codes)
	}
	return codes
}

// TestHeaderCodes: every PERSIST_* code of persist.h has its name (a Code constant in
// codeNames), a sentinel, and a distinct library description; the binding has no code the
// header lacks.
func TestHeaderCodes(t *testing.T) {
	codes := headerCodes(t)
	sentinels := map[Code]*Error{}
	for _, s := range allSentinels {
		sentinels[s.Code] = s
	}
	texts := map[string]string{}
	for name, code := range codes {
		if got := code.String(); got != name {
			t.Errorf("%s = %d: the binding calls it %s (no Code constant in codeNames)", name, code, got)
		}
		desc := code.Description()
		if desc == "" || desc == "unknown status" {
			t.Errorf("%s: persist_strerror says %q", name, desc)
		} else if other, dup := texts[desc]; dup {
			t.Errorf("%s and %s share the description %q", name, other, desc)
		}
		texts[desc] = name
		if code == CodeOK {
			continue
		}
		s, ok := sentinels[code]
		if !ok {
			t.Errorf("%s: no sentinel error", name)
		} else if s.Error() != "persist: "+desc {
			t.Errorf("%s: sentinel says %q", name, s.Error())
		}
	}
	for code, name := range codeNames {
		if codes[name] != code {
			t.Errorf("the binding has %s = %d, persist.h does not", name, code)
		}
	}
}
