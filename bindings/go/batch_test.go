package persist

import (
	"errors"
	"fmt"
	"testing"
)

func events(ev ...string) [][]byte {
	out := make([][]byte, len(ev))
	for i, e := range ev {
		out[i] = []byte(e)
	}
	return out
}

func TestSubmitBatch(t *testing.T) {
	s, _ := open(t, Options{})
	deploy(t, s, "testapp_v1.js")
	res, err := s.SubmitBatch(events("add 1", "throw", "badresp", "add 2", "get", ""))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		resp string
		err  *Error
	}{{"n=1", nil}, {"", ErrScript}, {"", ErrContract}, {"n=3", nil}, {"n=3 hist=", nil}, {"unknown event", nil}}
	if len(res) != len(want) {
		t.Fatalf("%d results", len(res))
	}
	for i, w := range want {
		if w.err != nil {
			if !errors.Is(res[i].Err, w.err) || res[i].Response != nil {
				t.Errorf("item %d: %+v, want %v", i, res[i], w.err.Code)
			}
			continue
		}
		if res[i].Err != nil || string(res[i].Response) != w.resp {
			t.Errorf("item %d: %q %v, want %q", i, res[i].Response, res[i].Err, w.resp)
		}
	}
	if h := head(t, s); h != 3 {
		t.Fatalf("head %d", h)
	}
}

func TestSubmitBatchEmptyAndLarge(t *testing.T) {
	s, _ := open(t, Options{})
	deploy(t, s, "testapp_v1.js")
	if res, err := s.SubmitBatch(nil); err != nil || len(res) != 0 {
		t.Fatal(res, err)
	}
	var ev [][]byte
	for i := 0; i < 100; i++ {
		ev = append(ev, []byte(fmt.Sprintf("add %d", i)))
	}
	res, err := s.SubmitBatch(ev)
	if err != nil || string(res[99].Response) != "n=4950" {
		t.Fatal(err)
	}
}

func TestSubmitBatchWholeFailures(t *testing.T) {
	s, _ := open(t, Options{JSBudget: 200 * 1e6})
	_, err := s.SubmitBatch(events("add"))
	wantErr(t, err, ErrNoApp, "")
	deploy(t, s, "hostile.js")
	// An app that hits its time limit is rebuilt from disk: the whole batch fails.
	_, err = s.SubmitBatch(events("add", "loop", "add"))
	wantErr(t, err, ErrTimeout, "budget")
	if h := head(t, s); h != 1 {
		t.Fatalf("head %d", h)
	}
}
