#!/usr/bin/env python3
"""tools/dispatch-patch.py DUKTAPE_C - prints the diff of lib/duktape/dispatch.patch for DUKTAPE_C,
Duktape's amalgamation with the patches before dispatch.patch applied (the Makefile's order, e.g.
BUILD/duktape/duktape.c with dispatch.patch left out of DUKTAPE_PATCHES). The change is mechanical:
a label after each `case DUK_OP_...:` of the executor's switch (the unused opcodes, INVALID and
DEBUGGER aside, which stay with the switch), a table of those labels, and a jump through it before
the switch. To make the patch again, keep its header (the lines before the first `--- duktape.c`)
and append this script's output."""
import difflib
import re
import sys

EXECUTOR = "DUK_LOCAL DUK_NOINLINE DUK_HOT void duk__js_execute_bytecode_inner("
DECLS_END = "#if defined(DUK_USE_ASSERTIONS)\n\tduk_size_t valstack_top_base;"
DISPATCH = "\t\top = (duk_uint8_t) DUK_DEC_OP(ins);\n\t\tswitch (op) {\n"


def threaded(src):
    start = src.index(EXECUTOR)
    end = src.index("\n}\n", src.index(DISPATCH, start))
    body = src[start:end]
    ops = []
    for op in re.findall(r"case DUK_OP_(\w+):", body[body.index(DISPATCH):]):
        if op not in ops and not op.startswith("UNUSED") and op not in ("INVALID", "DEBUGGER"):
            ops.append(op)
    for op in ops:
        body = body.replace("case DUK_OP_%s:" % op, "case DUK_OP_%s: persist_op_%s:" % (op, op))
    table = ("#if defined(DUK__PERSIST_THREADED)\n"
             "\t/* libpersist: where each opcode's case begins, for the dispatch below (dispatch.patch);\n"
             "\t * the unused opcodes, INVALID and DEBUGGER go through the switch. */\n"
             "\tstatic const void *const persist_ops[256] = {\n\t\t[0 ... 255] = &&persist_switch,\n"
             + "".join("\t\t[DUK_OP_%s] = &&persist_op_%s,\n" % (op, op) for op in ops)
             + "\t};\n#endif\n\n")
    assert body.count(DECLS_END) == 1 and body.count(DISPATCH) == 1
    body = body.replace(DECLS_END, table + DECLS_END)
    body = body.replace(DISPATCH, "\t\top = (duk_uint8_t) DUK_DEC_OP(ins);\n#if defined(DUK__PERSIST_THREADED)\n"
                        "\t\tgoto *persist_ops[op]; /* libpersist: see dispatch.patch */\n\tpersist_switch:\n"
                        "#endif\n\t\tswitch (op) {\n")
    return (src[:start] + "/* libpersist: the executor's dispatch through a table of labels (dispatch.patch). */\n"
            "#if defined(__GNUC__) && !defined(DUK_USE_EXEC_PREFER_SIZE)\n#define DUK__PERSIST_THREADED\n#endif\n"
            + body + src[end:])


def main():
    with open(sys.argv[1]) as f:
        src = f.read()
    sys.stdout.writelines(difflib.unified_diff(src.splitlines(True), threaded(src).splitlines(True),
                                               "duktape.c", "duktape.c", n=1))


if __name__ == "__main__":
    main()
