package persist

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// openAt opens the store in directory dir and closes it when the test ends.
func openAt(t testing.TB, dir string, opts Options) *Store {
	t.Helper()
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open %s: %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// leader opens a store with testapp_v1 deployed and events submitted.
func leader(t testing.TB, events ...string) (*Store, string) {
	t.Helper()
	s, dir := open(t, Options{SnapshotEvery: 5})
	deploy(t, s, "testapp_v1.js")
	for _, e := range events {
		submit(t, s, e)
	}
	return s, dir
}

// follower starts a follower of l in a new directory from l's bootstrap package.
func follower(t testing.TB, l *Store) *Store {
	t.Helper()
	pkg, seq, err := l.ExportBootstrap()
	if err != nil || !bytes.HasPrefix(pkg, []byte("PSYNC")) {
		t.Fatalf("ExportBootstrap: %v %q", err, pkg[:min(len(pkg), 8)])
	}
	f := openAt(t, filepath.Join(t.TempDir(), "follower"), Options{})
	if h, err := f.Apply(pkg); err != nil || h != seq {
		t.Fatalf("Apply bootstrap: %d %v, want %d", h, err, seq)
	}
	return f
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// ship applies everything after f's head from l in batches of at most maxBytes; returns how many
// batches it took.
func ship(t testing.TB, l, f *Store, maxBytes uint64) int {
	t.Helper()
	after := head(t, f)
	for batches := 0; ; batches++ {
		batch, last, err := l.ExportRecords(after, maxBytes)
		if err != nil {
			t.Fatalf("ExportRecords(%d): %v", after, err)
		}
		if batch == nil {
			if last != after {
				t.Fatalf("an empty export says last %d, want %d", last, after)
			}
			return batches
		}
		if h, err := f.Apply(batch); err != nil || h != last {
			t.Fatalf("Apply: %d %v, want %d", h, err, last)
		}
		after = last
	}
}

func sameStore(t testing.TB, a, b *Store) {
	t.Helper()
	if sa, sb := state(t, a), state(t, b); sa != sb {
		t.Fatalf("states differ: %s and %s", sa, sb)
	}
	if ha, hb := head(t, a), head(t, b); ha != hb {
		t.Fatalf("heads differ: %d and %d", ha, hb)
	}
}

func batchAfter(t testing.TB, s *Store, after uint64) []byte {
	t.Helper()
	b, _, err := s.ExportRecords(after, 0)
	if err != nil || b == nil {
		t.Fatalf("ExportRecords(%d): %v", after, err)
	}
	return b
}

func ev(event, id string) Event { return Event{Event: []byte(event), ClientID: id} }

type wantResult struct {
	resp string
	seq  uint64
	dup  bool
}

func checkResults(t testing.TB, res []EventResult, want []wantResult) {
	t.Helper()
	if len(res) != len(want) {
		t.Fatalf("%d results, want %d", len(res), len(want))
	}
	for i, w := range want {
		r := res[i]
		if r.Err != nil || string(r.Response) != w.resp || r.Seq != w.seq || r.Duplicate != w.dup {
			t.Errorf("result %d: %q seq %d dup %v err %v; want %+v", i, r.Response, r.Seq, r.Duplicate, r.Err, w)
		}
	}
}

func TestClientIDs(t *testing.T) {
	s, dir := leader(t)
	r, err := s.SubmitEvent(ev("add 5", "req-1"))
	if err != nil || string(r.Response) != "n=5" || r.Seq != 2 || r.Duplicate {
		t.Fatalf("%+v %v", r, err)
	}
	r, err = s.SubmitEvent(ev("add 5", "req-1")) // a retry: not applied again
	if err != nil || string(r.Response) != "n=5" || r.Seq != 2 || !r.Duplicate {
		t.Fatalf("retry: %+v %v", r, err)
	}
	// A batch: an id seen before, the same new id twice, no id, a query-like event with an id.
	res, err := s.SubmitEvents([]Event{ev("add 5", "req-1"), ev("add 1", "req-2"), ev("append x", ""),
		ev("add 1", "req-2"), ev("get", "req-get"), ev("add 1", "")})
	if err != nil {
		t.Fatal(err)
	}
	checkResults(t, res, []wantResult{{"n=5", 2, true}, {"n=6", 3, false}, {"hist=x", 4, false},
		{"n=6", 3, true}, {"n=6 hist=x", 0, false}, {"n=7", 5, false}})
	if h := head(t, s); h != 5 {
		t.Fatalf("head %d", h)
	}
	// An id whose event was not logged is not kept.
	if r, err := s.SubmitEvent(ev("add 1", "req-get")); err != nil || r.Duplicate || r.Seq != 6 {
		t.Fatalf("%+v %v", r, err)
	}
	if res, err := s.SubmitEvents(nil); err != nil || len(res) != 0 {
		t.Fatal(res, err)
	}
	// After a restart too.
	s.Close()
	s = openAt(t, dir, Options{})
	if r, err := s.SubmitEvent(ev("add 100", "req-2")); err != nil || string(r.Response) != "n=6" || !r.Duplicate {
		t.Fatalf("after a restart: %+v %v", r, err)
	}
	if h := head(t, s); h != 6 {
		t.Fatalf("head %d", h)
	}
}

func TestClientIDAt(t *testing.T) {
	s, _ := leader(t) // record 1: the deploy
	res, err := s.SubmitEvents([]Event{ev("add 5", "req-1"), ev("add 1", ""), ev("add 2", "\u00e9t\u00e9"),
		ev("add 5", "req-1")}) // the last is a retry: no record
	if err != nil || len(res) != 4 || head(t, s) != 4 {
		t.Fatalf("%+v %v", res, err)
	}
	want := []struct {
		id string
		ok bool
	}{{"", false}, {"req-1", true}, {"", false}, {"\u00e9t\u00e9", true}}
	for i, w := range want {
		if id, ok, err := s.ClientIDAt(uint64(i + 1)); err != nil || id != w.id || ok != w.ok {
			t.Errorf("record %d: %q %v %v, want %q %v", i+1, id, ok, err, w.id, w.ok)
		}
	}
	for _, seq := range []uint64{0, 5} {
		if _, _, err := s.ClientIDAt(seq); !errors.Is(err, ErrInvalid) {
			t.Errorf("record %d: %v, want ErrInvalid", seq, err)
		}
	}
	f := follower(t, s)
	if _, err := s.SubmitEvent(ev("add 1", "req-9")); err != nil {
		t.Fatal(err)
	}
	ship(t, s, f, 0)
	if id, ok, err := f.ClientIDAt(head(t, s)); err != nil || !ok || id != "req-9" {
		t.Fatalf("on the follower: %q %v %v", id, ok, err)
	}
}

func TestSubmitEventsFailures(t *testing.T) {
	s, _ := open(t, Options{})
	_, err := s.SubmitEvents([]Event{ev("add 1", "a")})
	wantErr(t, err, ErrNoApp, "deploy")
	deploy(t, s, "testapp_v1.js")
	res, err := s.SubmitEvents([]Event{ev("add 1", ""), ev("throw", "t-1"), ev("badresp", "t-2"), ev("add 2", "t-3")})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(res[1].Err, ErrScript) || !errors.Is(res[2].Err, ErrContract) || res[1].Response != nil || res[1].Seq != 0 {
		t.Fatalf("%+v", res)
	}
	if res[3].Err != nil || string(res[3].Response) != "n=3" { // from the state before the failures
		t.Fatalf("%+v", res[3])
	}
	// A failed event's id is not kept: the retry is applied.
	if r, err := s.SubmitEvent(ev("add 1", "t-1")); err != nil || r.Duplicate {
		t.Fatalf("%+v %v", r, err)
	}
	// A single event's failure is its result's error, with the library's message; SubmitEvent
	// returns it.
	res, err = s.SubmitEvents([]Event{ev("throw", "t-4")})
	if err != nil || len(res) != 1 {
		t.Fatal(res, err)
	}
	wantErr(t, res[0].Err, ErrScript, "boom: the app refused throw")
	_, err = s.SubmitEvent(ev("throw", "t-5"))
	pe := wantErr(t, err, ErrScript, "boom: the app refused throw")
	if pe.Op != "submit event" {
		t.Fatalf("op %q", pe.Op)
	}
	// The call fails as a whole: nothing of it is applied.
	_, err = s.SubmitEvents([]Event{ev("add 1", strings.Repeat("x", 257))})
	wantErr(t, err, ErrInvalid, "a client id has 1 to 256 bytes, not 257")
	_, err = s.SubmitEvents([]Event{ev("add 1", ""), ev("add 1", "\xff")})
	wantErr(t, err, ErrInvalid, "events[1]: the client id is not valid UTF-8")
	_, err = s.SubmitEvent(Event{Event: []byte("add 1"), Time: time.Unix(-5, 0)})
	wantErr(t, err, ErrInvalid, "before 1970")
	if h := head(t, s); h != 4 {
		t.Fatalf("head %d", h)
	}
}

func TestEventTimes(t *testing.T) {
	s, _ := leader(t)
	later := time.UnixMicro(4_000_000_000_000_000)
	if _, err := s.SubmitEvent(Event{Event: []byte("add 1"), Time: later}); err != nil {
		t.Fatal(err)
	}
	_, err := s.SubmitEvents([]Event{{Event: []byte("add 1"), Time: time.UnixMicro(1000)},
		{Event: []byte("add 1"), ClientID: "id", Time: later.Add(10 * time.Microsecond)}})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := s.Records(2, 0)
	if err != nil || len(recs) != 3 {
		t.Fatal(recs, err)
	}
	// A record's time is the given one, or one microsecond after the previous record's.
	for i, us := range []int64{0, 1, 10} {
		if got := recs[i].Time.Sub(later); got != time.Duration(us)*time.Microsecond {
			t.Errorf("record %d: %v after the given time, want %dµs", recs[i].Seq, got, us)
		}
	}
}

func TestClientIDRetention(t *testing.T) {
	s, _ := open(t, Options{ClientIDKeep: 3, ClientIDKeepS: NoLimit})
	deploy(t, s, "testapp_v1.js")
	for i := 1; i <= 5; i++ {
		if _, err := s.SubmitEvent(ev("add 1", fmt.Sprintf("id-%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.SubmitEvents([]Event{ev("add 1", "id-2"), ev("add 1", "id-5")})
	if err != nil || res[0].Duplicate || !res[1].Duplicate { // only the newest 3 are kept
		t.Fatalf("%+v %v", res, err)
	}

	a, _ := open(t, Options{ClientIDKeep: NoLimit, ClientIDKeepS: 10})
	deploy(t, a, "testapp_v1.js")
	t0 := time.UnixMicro(4_000_000_000_000_000)
	at := func(id string, sec int) EventResult {
		r, err := a.SubmitEvent(Event{Event: []byte("add 1"), ClientID: id, Time: t0.Add(time.Duration(sec) * time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	at("old", 0)
	at("new", 30)
	if at("old", 31).Duplicate || !at("new", 32).Duplicate { // older than 10 s of record time: forgotten
		t.Fatal("retention by age")
	}
}

// Goroutines submitting the same ids at once: each id is applied exactly once.
func TestClientIDsConcurrently(t *testing.T) {
	s, _ := leader(t)
	var wg sync.WaitGroup
	dups := make([]int, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				res, err := s.SubmitEvents([]Event{ev("add 1", fmt.Sprintf("id-%d", i)), ev("add 1", fmt.Sprintf("id-%d", i+1))})
				if err != nil {
					t.Error(err)
					return
				}
				for _, r := range res {
					if r.Duplicate {
						dups[g]++
					}
				}
			}
		}(g)
	}
	wg.Wait()
	total := 0
	for _, d := range dups {
		total += d
	}
	if got := state(t, s); got != `{"v":1,"n":21,"hist":""}` || total != 8*40-21 {
		t.Fatalf("state %s, %d duplicates", got, total)
	}
}

func TestQuery(t *testing.T) {
	s, dir := leader(t, "add 4")
	if r, err := s.Query([]byte("get")); err != nil || string(r) != "n=4 hist=" {
		t.Fatal(string(r), err)
	}
	_, err := s.Query([]byte("add 1"))
	wantErr(t, err, ErrNotQuery, "the app's update changed the state, so this event is no query")
	if got := state(t, s); got != `{"v":1,"n":4,"hist":""}` || head(t, s) != 2 {
		t.Fatalf("state %s", got)
	}
	_, err = s.Query([]byte("throw"))
	wantErr(t, err, ErrScript, "boom")

	// A read-only store answers queries, and catches up with Refresh after another process wrote.
	s.Close()
	r := openAt(t, dir, Options{ReadOnly: true})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PERSIST_GO_WRITER="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != "n=14\n" {
		t.Fatalf("writer: %v %q", err, out)
	}
	if q, err := r.Query([]byte("get")); err != nil || string(q) != "n=4 hist=" {
		t.Fatalf("before Refresh: %q %v", q, err)
	}
	if err := r.Refresh(); err != nil {
		t.Fatal(err)
	}
	if q, err := r.Query([]byte("get")); err != nil || string(q) != "n=14 hist=" {
		t.Fatalf("after Refresh: %q %v", q, err)
	}
}

// writerMain is the child of TestQuery: it writes to the store a read-only handle has open.
func writerMain(dir string) {
	s, err := Open(dir, Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	r, err := s.Submit([]byte("add 10"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(r))
}

func TestFollower(t *testing.T) {
	l, _ := leader(t, "add 3")
	f := follower(t, l) // from the newest snapshot: after the deploy
	if h := head(t, f); h != 1 {
		t.Fatalf("follower head %d", h)
	}
	ship(t, l, f, 0)
	sameStore(t, l, f)
	li, err1 := l.SyncInfo()
	fi, err2 := f.SyncInfo()
	if err1 != nil || err2 != nil || len(li.StoreID) != 32 || li.StoreID != fi.StoreID || li.Follower ||
		!fi.Follower || li.Head != 2 || li.First != 1 || fi.Head != 2 {
		t.Fatalf("%+v %+v %v %v", li, fi, err1, err2)
	}
	for i := 0; i < 12; i++ {
		submit(t, l, []string{"add 2", "append x"}[i%2])
	}
	if err := l.Deploy(fixture(t, "testapp_v2.js"), DeployMigrate, ""); err != nil {
		t.Fatal(err)
	}
	submit(t, l, "tag hello")
	if err := l.SetState([]byte(`{"v":2,"n":7,"hist":"h","tag":"set"}`)); err != nil {
		t.Fatal(err)
	}
	submit(t, l, "add 1")
	if n := ship(t, l, f, 200); n < 5 { // small batches: one record each
		t.Fatalf("%d batches", n)
	}
	sameStore(t, l, f)
	if err := l.Revert(5); err != nil {
		t.Fatal(err)
	}
	deploy(t, l, "testapp_v1.js")
	submit(t, l, "add 9")
	fdir := f.Path()
	f.Close() // a restart of the follower
	f = openAt(t, fdir, Options{})
	ship(t, l, f, 0)
	sameStore(t, l, f)
	if _, err := f.Verify(true); err != nil {
		t.Fatal(err)
	}
	// A follower answers queries and refuses writes.
	if r, err := f.Query([]byte("get")); err != nil || string(r) != "n=9 hist=" {
		t.Fatal(string(r), err)
	}
	msg := "takes its records from its leader"
	_, err := f.Submit([]byte("add 1"))
	wantErr(t, err, ErrFollower, msg)
	_, err = f.SubmitEvents([]Event{ev("add 1", "a"), ev("add 1", "b")})
	wantErr(t, err, ErrFollower, msg)
	_, err = f.SubmitEvent(ev("add 1", "a"))
	wantErr(t, err, ErrFollower, msg)
	wantErr(t, f.SetState([]byte("{}")), ErrFollower, msg)
	// Applying a batch twice changes nothing.
	submit(t, l, "add 1")
	b, last, err := l.ExportRecords(head(t, f), 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if h, err := f.Apply(b); err != nil || h != last {
			t.Fatalf("Apply #%d: %d %v", i, h, err)
		}
	}
	sameStore(t, l, f)
}

func TestExportErrors(t *testing.T) {
	l, _ := leader(t, "add 1")
	_, _, err := l.ExportRecords(3, 0)
	wantErr(t, err, ErrInvalid, "after the head")
	empty, _ := open(t, Options{})
	_, _, err = empty.ExportBootstrap()
	wantErr(t, err, ErrNotFound, "no snapshot")
	for i := 0; i < 6; i++ {
		submit(t, l, "add 1")
	}
	if err := l.Snapshot(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Prune(head(t, l)); err != nil {
		t.Fatal(err)
	}
	_, _, err = l.ExportRecords(1, 0)
	wantErr(t, err, ErrNotFound, "")
	sameStore(t, l, follower(t, l)) // a follower starts again from a bootstrap package
}

func TestWrongBatches(t *testing.T) {
	l, ldir := leader(t, "add 1")
	backup := filepath.Join(t.TempDir(), "backup")
	if err := l.Backup(backup); err != nil { // the leader as it is now: 2 records
		t.Fatal(err)
	}
	f := follower(t, l)
	ship(t, l, f, 0)
	submit(t, l, "add 1")
	b3 := batchAfter(t, l, 2)
	submit(t, l, "add 1")
	b4 := batchAfter(t, l, 3)
	if h, err := f.Apply(b3); err != nil || h != 3 {
		t.Fatal(h, err)
	}
	before := state(t, f)

	submit(t, l, "add 1")
	_, err := f.Apply(batchAfter(t, l, 4))
	wantErr(t, err, ErrGap, "the sync batch follows record 4 but this store ends at 3")
	damaged := append([]byte(nil), b4...)
	damaged[len(damaged)/2] ^= 1
	_, err = f.Apply(damaged)
	wantErr(t, err, ErrCorrupt, "damaged")
	_, err = f.Apply([]byte("PSYNC"))
	wantErr(t, err, ErrCorrupt, "")
	_, err = f.Apply(nil)
	wantErr(t, err, ErrCorrupt, "")
	other, _ := leader(t, "add 1", "add 1", "add 1")
	_, err = f.Apply(batchAfter(t, other, 2))
	wantErr(t, err, ErrForeign, "the sync batch comes from another store")
	pkg, _, err := l.ExportBootstrap()
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Apply(pkg)
	wantErr(t, err, ErrExists, "the store has records")
	// Forked: the leader restored from the backup, then written differently.
	l.Close()
	os.RemoveAll(ldir)
	restored := openAt(t, backup, Options{})
	submit(t, restored, "mul 7")
	submit(t, restored, "mul 7")
	for _, after := range []uint64{2, 3} {
		_, err = f.Apply(batchAfter(t, restored, after))
		wantErr(t, err, ErrForked, "forked")
	}
	// None of that changed the follower; the right batch still applies.
	if got := state(t, f); got != before || head(t, f) != 3 {
		t.Fatalf("follower changed: %s", got)
	}
	if h, err := f.Apply(b4); err != nil || h != 4 {
		t.Fatal(h, err)
	}
}

func TestPromote(t *testing.T) {
	l, _ := leader(t)
	if _, err := l.SubmitEvent(ev("add 10", "order-1")); err != nil {
		t.Fatal(err)
	}
	f, g := follower(t, l), follower(t, l)
	if _, err := l.SubmitEvent(ev("add 5", "order-2")); err != nil {
		t.Fatal(err)
	}
	ship(t, l, f, 0)
	ship(t, l, g, 0)
	// The leader acknowledges an event it never ships, then goes away.
	if _, err := l.SubmitEvent(ev("add 1000", "order-3")); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // the second time on a writer: nothing happens
		if err := f.Promote(); err != nil {
			t.Fatal(err)
		}
	}
	fi, _ := f.SyncInfo()
	li, _ := l.SyncInfo()
	if fi.Follower || fi.StoreID != li.StoreID {
		t.Fatalf("%+v", fi)
	}
	// The promoted follower continues the sequence and knows the ids it was shipped.
	res, err := f.SubmitEvents([]Event{ev("add 5", "order-2"), ev("add 1", "order-4")})
	if err != nil {
		t.Fatal(err)
	}
	checkResults(t, res, []wantResult{{"n=15", 3, true}, {"n=16", 4, false}})
	ship(t, f, g, 0)
	sameStore(t, f, g)
	// The old leader is a fork now: its batches are refused by the new leader's follower.
	for _, after := range []uint64{3, 2} {
		_, err := g.Apply(batchAfter(t, l, after))
		wantErr(t, err, ErrForked, "a promotion replaced")
	}
	sameStore(t, f, g)
	gdir := g.Path()
	g.Close()
	wantErr(t, openAt(t, gdir, Options{ReadOnly: true}).Promote(), ErrReadOnly, "read-only")
}
