package persist

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every function the library exports (tests/abi/libpersist.symbols) is called by this package.
func TestEveryExportedFunctionIsBound(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "tests", "abi", "libpersist.symbols"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var source strings.Builder
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(name)
		source.Write(b)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" || name == "persist_options_init" { // deliberately unused: see Options.toC
			continue
		}
		if !strings.Contains(source.String(), "C."+name+"(") {
			t.Errorf("%s is not called by the binding", name)
		}
	}
}

// The Code constants match the header's status codes.
func TestCodesMatchTheHeader(t *testing.T) {
	hdr, err := os.ReadFile(filepath.Join("..", "..", "include", "persist.h"))
	if err != nil {
		t.Skip(err)
	}
	found := regexp.MustCompile(`(PERSIST_(?:E[A-Z]+|OK|ERROR)) = (-?\d+)`).FindAllStringSubmatch(string(hdr), -1)
	if len(found) != len(codeNames) {
		t.Errorf("header has %d codes, the binding %d", len(found), len(codeNames))
	}
	for _, m := range found {
		v, _ := strconv.Atoi(m[2])
		if codeNames[Code(v)] != m[1] {
			t.Errorf("%s = %d: binding says %q", m[1], v, codeNames[Code(v)])
		}
	}
}
