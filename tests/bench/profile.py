#!/usr/bin/env python3
"""tests/bench/profile.py CALLGRIND.OUT [UNITS] - where Duktape spends its instructions.

Reads a callgrind file written by run-engine.sh (CG_OUT=DIR) or by
`valgrind --tool=callgrind --dump-instr=no --toggle-collect=run_units bench_engine ...` and prints
two markdown tables: the inclusive cost of the engine's operations that matter for Elm code (they
overlap: a garbage collection can run inside an allocation inside a closure creation), and the
self cost grouped by Duktape source file (the amalgamation keeps each line's original file, so
code inlined into the executor still counts for its own file). UNITS divides by the units measured.
"""
import re
import signal
import subprocess
import sys

OPERATIONS = [
    ("closure creation (function expressions, F2..F9, partial application)", r"duk_js_push_closure"),
    ("environment records of calls that create closures", r"duk_js_init_activation_environment_records_delayed"),
    ("returns from JS functions (activation unwind, value stack)", r"duk__handle_return"),
    ("identifier reads by name (GETVAR: wrapper-scope and outer variables)", r"duk__getvar_helper"),
    ("identifier writes by name (PUTVAR)", r"duk__putvar_helper"),
    ("property reads (GETPROP: record fields, .a/.f of A2, ...)", r"duk_hobject_getprop"),
    ("property writes (PUTPROP)", r"duk_hobject_putprop"),
    ("object literals and other defines (MPUTOBJ, duk_def_prop)", r"duk_hobject_define_property_internal|duk_def_prop"),
    ("property table growth and compaction", r"duk_hobject_realloc_props"),
    ("mark-and-sweep", r"duk_heap_mark_and_sweep(\.part\.0)?"),
    ("reference counting: freeing objects at refcount zero", r"duk_heaphdr_refzero(_norz)?(\.isra\.0)?|duk_hobject_refzero(_norz)?|duk_heap_process_finalize_list|duk__refcount_free_pending"),
    ("malloc/realloc/free (libc)", r"malloc|free|realloc|_int_malloc|_int_free|_int_realloc|cfree"),
    ("string interning", r"duk_heap_strtable_intern(_checked)?|duk_heap_strtable_intern_u32(_checked)?"),
    ("Array.prototype.sort (with the comparator calls it makes)", r"duk_bi_array_prototype_sort"),
    ("JSON", r"duk_bi_json_(parse|stringify)_helper"),
]


def annotate(path, inclusive):
    out = subprocess.run(["callgrind_annotate", "--inclusive=" + ("yes" if inclusive else "no"),
                          "--threshold=100", "--auto=no", path], capture_output=True, text=True, check=True).stdout
    total, rows = 0, []
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?):(\S+)( \[.*\])?$", line)
        if m:
            rows.append((int(m.group(1).replace(",", "")), m.group(2), m.group(3), m.group(4)))
        m = re.match(r"\s*([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", line)
        if m:
            total = int(m.group(1).replace(",", ""))
    return total, rows


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    path = sys.argv[1]
    units = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    total, rows = annotate(path, True)
    print("| operation (inclusive, overlapping) | Ir/unit | share |\n|---|---:|---:|")
    for label, rx in OPERATIONS:
        pat = re.compile(r"^(%s)(\.(part|isra|constprop)\.\d+)*('\d+)?$" % rx)
        # A function appears on several lines: its whole and the parts of it inlined from other
        # source files; its inclusive cost is the largest of them.
        best = {}
        for ir, _, fn, _ in rows:
            if pat.match(fn):
                best[fn] = max(best.get(fn, 0), ir)
        cost = sum(best.values())
        print("| %s | %d | %.1f%% |" % (label, cost // units, 100.0 * cost / total))
    print("| total | %d | 100%% |\n" % (total // units))
    total, rows = annotate(path, False)
    files = {}
    for ir, f, _, _ in rows:
        name = f.rsplit("/", 1)[-1]
        files[name] = files.get(name, 0) + ir
    print("| source file (self cost) | Ir/unit | share |\n|---|---:|---:|")
    for name, ir in sorted(files.items(), key=lambda kv: -kv[1])[:16]:
        print("| %s | %d | %.1f%% |" % (name, ir // units, 100.0 * ir / total))


main()
