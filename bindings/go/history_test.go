package persist

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// historyStore: testapp_v1 deployed (record 1), "add 1".."add 10" (records 2-11), a set-state
// (record 12); a snapshot every 3 records.
func historyStore(t *testing.T, opts Options) (*Store, string) {
	opts.SnapshotEvery = 3
	s, dir := open(t, opts)
	deploy(t, s, "testapp_v1.js")
	for i := 1; i <= 10; i++ {
		submit(t, s, fmt.Sprintf("add %d", i))
	}
	if err := s.SetState([]byte(`{"v":1,"n":5,"hist":""}`)); err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestRecords(t *testing.T) {
	start := time.Now().Add(-time.Minute)
	s, _ := historyStore(t, Options{})
	all, err := s.Records(0, 0)
	if err != nil || len(all) != 12 {
		t.Fatalf("%d records, %v", len(all), err)
	}
	r := all[0]
	hash, _ := s.AppHash()
	if r.Seq != 1 || r.Kind != RecordDeployInit || r.Payload != nil || r.AppHash != hash || r.Time.Before(start) {
		t.Fatalf("record 1: %+v", r)
	}
	if string(all[1].Payload) != "add 1" || all[1].Kind != RecordEvent || all[1].AppHash != "" {
		t.Fatalf("record 2: %+v", all[1])
	}
	if all[11].Kind != RecordSetState || !strings.Contains(string(all[11].Payload), `"n":5`) {
		t.Fatalf("record 12: %+v", all[11])
	}
	// Paging.
	var paged []Record
	for from := uint64(0); ; {
		page, err := s.Records(from, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
		from = page[len(page)-1].Seq + 1
	}
	if len(paged) != 12 {
		t.Fatalf("paged %d", len(paged))
	}
	// Kinds.
	some, _ := s.Records(0, 0, RecordSetState, RecordDeployInit)
	if len(some) != 2 || some[0].Seq != 1 || some[1].Seq != 12 {
		t.Fatalf("filtered %+v", some)
	}
	if RecordReset.String() != "reset" || RecordKind(9).String() != "kind9" {
		t.Fatal(RecordReset.String())
	}
}

func TestStateAndResponseAt(t *testing.T) {
	s, _ := historyStore(t, Options{})
	st, err := s.StateAt(4) // after add 1, add 2, add 3
	if err != nil || string(st) != `{"v":1,"n":6,"hist":""}` {
		t.Fatalf("%s %v", st, err)
	}
	r, err := s.ResponseAt(4)
	if err != nil || string(r) != "n=6" {
		t.Fatalf("%s %v", r, err)
	}
	_, err = s.StateAt(0)
	wantErr(t, err, ErrInvalid, "")
	_, err = s.StateAt(99)
	wantErr(t, err, ErrInvalid, "")
	_, err = s.ResponseAt(1)
	wantErr(t, err, ErrInvalid, "")
}

func TestSnapshotsAppsAppCode(t *testing.T) {
	s, _ := historyStore(t, Options{})
	snaps, err := s.Snapshots()
	if err != nil || len(snaps) < 2 || snaps[0].Seq != 1 || snaps[0].StateLen == 0 {
		t.Fatalf("%+v %v", snaps, err)
	}
	if err := s.Deploy(fixture(t, "testapp_v2.js"), DeployMigrate, ""); err != nil {
		t.Fatal(err)
	}
	apps, err := s.Apps()
	if err != nil || len(apps) != 2 || apps[1].Kind != RecordDeployMigrate || apps[1].Seq != 13 {
		t.Fatalf("%+v %v", apps, err)
	}
	code, err := s.AppCode(apps[0].AppHash)
	if err != nil || string(code) != string(fixture(t, "testapp_v1.js")) || uint64(len(code)) != apps[0].CodeLen {
		t.Fatalf("app code: %v", err)
	}
	_, err = s.AppCode(strings.Repeat("0", 64))
	wantErr(t, err, ErrNotFound, "")
	_, err = s.AppCode("xyz")
	wantErr(t, err, ErrInvalid, "")
}

func TestVerifyRevertPrune(t *testing.T) {
	s, _ := historyStore(t, Options{})
	rep, err := s.Verify(true)
	if err != nil || rep.Problems != 0 || rep.RecordsChecked != 12 || rep.AppsChecked != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	if err := s.Revert(4); err != nil {
		t.Fatal(err)
	}
	if st := state(t, s); st != `{"v":1,"n":6,"hist":""}` {
		t.Fatal(st)
	}
	last, _ := s.Records(13, 1)
	if len(last) != 1 || last[0].Kind != RecordReset || last[0].SourceSeq != 4 {
		t.Fatalf("%+v", last)
	}
	wantErr(t, s.Revert(0), ErrInvalid, "")
	pr, err := s.Prune(10)
	if err != nil || pr.KeptFrom == 0 || pr.RecordsRemoved == 0 || pr.KeptFrom > 10 {
		t.Fatalf("%+v %v", pr, err)
	}
	_, err = s.StateAt(1)
	wantErr(t, err, ErrNotFound, "pruned")
	first, _ := s.Records(0, 1)
	if first[0].Seq != pr.KeptFrom {
		t.Fatalf("first record %d, kept from %d", first[0].Seq, pr.KeptFrom)
	}
}

func TestVerifyFindsDamage(t *testing.T) {
	marker := "CORRUPTIONMARKER0123456789"
	dir := filepath.Join(t.TempDir(), "s")
	s, err := Open(dir, Options{SnapshotEvery: 2})
	if err != nil {
		t.Fatal(err)
	}
	deploy(t, s, "testapp_v1.js")
	submit(t, s, "append "+marker)
	for i := 0; i < 4; i++ {
		submit(t, s, "add 1")
	}
	s.Close()
	data := filepath.Join(dir, "data.mdb")
	b, _ := os.ReadFile(data)
	for i := 0; i+len(marker) <= len(b); i++ {
		if string(b[i:i+len(marker)]) == marker {
			b[i+6] ^= 1
		}
	}
	os.WriteFile(data, b, 0o644)
	_, err = Open(dir, Options{})
	wantErr(t, err, ErrCorrupt, "record 2")
	// Without the restore, the store opens for inspection, and verify counts the damage.
	s, err = Open(dir, Options{NoRestore: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := s.Verify(true)
	wantErr(t, err, ErrCorrupt, "")
	if rep.Problems == 0 || rep.FirstProblemSeq == 0 {
		t.Fatalf("report %+v", rep)
	}
}

// An app that cannot serialize a state it made: Verify returns the app's error with the report
// (since 1.2.1; it was ErrCorrupt).
func TestVerifyReportsTheAppFailing(t *testing.T) {
	const poison = `var app = { init: function () { return { n: 0, p: false }; },
	  update: function (e, s) { var n = { n: s.n + 1, p: s.p || e === 'poison' }; return [n, 'n=' + n.n]; },
	  serialize: function (s) { if (s.p) throw new Error('POISONED'); return JSON.stringify(s); },
	  deserialize: function (t) { return JSON.parse(t); } };`
	s, err := Open(filepath.Join(t.TempDir(), "s"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Deploy([]byte(poison), DeployInit, ""); err != nil {
		t.Fatal(err)
	}
	submit(t, s, "add")
	submit(t, s, "poison")
	rep, err := s.Verify(false)
	wantErr(t, err, ErrScript, "the app fails on the state at record 3")
	if rep.Problems != 1 || rep.FirstProblemSeq != 3 {
		t.Fatalf("report %+v", rep)
	}
}

func TestBackupExportImport(t *testing.T) {
	s, dir := historyStore(t, Options{})
	base := filepath.Dir(dir)
	if err := s.Backup(filepath.Join(base, "backup")); err != nil {
		t.Fatal(err)
	}
	wantErr(t, s.Backup(filepath.Join(base, "backup")), ErrExists, "")
	file := filepath.Join(base, "export.json")
	if err := s.Export(file); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"backup", "imported"} {
		o, err := Open(filepath.Join(base, d), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if d == "imported" {
			if err := o.Import(file); err != nil {
				t.Fatal(err)
			}
			wantErr(t, o.Import(file), ErrExists, "")
		}
		if st := state(t, o); st != `{"v":1,"n":5,"hist":""}` {
			t.Fatalf("%s: %s", d, st)
		}
		o.Close()
	}
	empty, _ := open(t, Options{})
	wantErr(t, empty.Export(filepath.Join(base, "x.json")), ErrNoApp, "")
	wantErr(t, empty.Import(filepath.Join(base, "missing.json")), ErrNotFound, "")
	os.WriteFile(filepath.Join(base, "bad.json"), []byte(`{"not":"an export"}`), 0o644)
	wantErr(t, empty.Import(filepath.Join(base, "bad.json")), ErrInvalid, "")
	wantErr(t, empty.Backup("bad\x00path"), ErrInvalid, "NUL")
}

func TestProgressAndCancel(t *testing.T) {
	var calls int
	cancel := false
	s, _ := historyStore(t, Options{Progress: func(done, total uint64) bool {
		calls++
		if done > total {
			panic("done > total")
		}
		return !cancel
	}})
	if _, err := s.Verify(true); err != nil {
		t.Fatal(err)
	}
	if calls == 0 {
		t.Fatal("no progress reported")
	}
	cancel = true
	_, err := s.Verify(true)
	wantErr(t, err, ErrCanceled, "")
	_, err = s.StateAt(11)
	wantErr(t, err, ErrCanceled, "")
	cancel = false
	if _, err := s.StateAt(11); err != nil {
		t.Fatal(err)
	}
}

func TestProgressPanicCancelsAndIsRaised(t *testing.T) {
	armed := false
	s, _ := historyStore(t, Options{Progress: func(done, total uint64) bool {
		if armed {
			panic(errors.New("stop"))
		}
		return true
	}})
	armed = true
	defer func() {
		p := recover()
		if err, ok := p.(error); !ok || err.Error() != "stop" {
			t.Fatalf("recovered %v", p)
		}
		if h := head(t, s); h != 12 { // the store is unlocked and unchanged
			t.Fatal(h)
		}
	}()
	s.Verify(true)
	t.Fatal("no panic")
}

func TestNoRestore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	deploy(t, s, "testapp_v1.js")
	submit(t, s, "add 2")
	s.Close()
	s, err = Open(dir, Options{NoRestore: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.State()
	wantErr(t, err, ErrNoApp, "")
	if err := s.Revert(2); err != nil {
		t.Fatal(err)
	}
	if st := state(t, s); st != `{"v":1,"n":2,"hist":""}` {
		t.Fatal(st)
	}
}
