/* test_elm_calls.c - the load-time rewrite of compiled Elm code's calls through A2..A9
 * (lib/elm_calls.c). What it writes, call site by call site, on a probe in elm make's shape
 * (tests/fixtures/elm_calls_probe.js); that every line stays where it was; each rule that makes it
 * leave code unchanged (eval, with, later editions' syntax, a kernel definition that differs, a
 * division or a regular expression it cannot tell apart, ...); and that apps answer the same with
 * and without it through the library (the probe, and a seeded game of the game rules in both
 * compiler modes, every response and the final state compared), while a recursion through A2
 * goes deeper with it. Calls of the kernel's _Utils_update become calls of the native record update
 * (lib/duktape/records.patch) under the same kind of rules, and its answers are the kernel's
 * (tests/fixtures/records_probe.js). The test point "elm-calls-off" loads apps without the
 * rewrite. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "elm_calls.h"

static int calls_off;

int persist__test_point(const char *point);
int persist__test_point(const char *point)
{
    return strcmp(point, "elm-calls-off") == 0 ? calls_off : 0;
}

static size_t lines(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += s[i] == '\n';
    return count;
}

static char *rewrite(const char *code, size_t *sites)
{
    size_t len = 0;
    char *out = persist__elm_direct_calls(code, strlen(code), &len, sites);
    if (out != NULL) {
        assert_int_equal(strlen(out), len);
        assert_int_equal(lines(out, len), lines(code, strlen(code)));
    }
    return out;
}

/* ---- what the rewrite writes ---- */

static void test_probe_call_sites(void **state)
{
    static const char *const expected[] = {
        /* the name's only binding is its top-level `var name = F2(...)`: direct */
        "(n <= 0) ? acc : ($author$project$Backend$Main$depth.f( n - 1, acc) + 1);",
        "'static=' + $author$project$Backend$Main$add.f( 2, 3),",
        "'static3=' + $author$project$Backend$Main$add3.f( 1, 2, 3),",
        /* another arity (a partial application), a local, a curried function: the test in place */
        "var partial = ($author$project$Backend$Main$add3.a === 2 ? "
        "$author$project$Backend$Main$add3.f( 1, 2) : A2($author$project$Backend$Main$add3, 1, "
        "2));",
        "'local=' + (local.a === 2 ? local.f( record.x, record.y) : "
        "A2(local, record.x, record.y)),",
        "'curried=' + (f.a === 2 ? f.f( 'x', -1) : A2(f, 'x', -1)),",
        /* bound again as a parameter, assigned again: the test in place */
        "return ($author$project$Backend$Main$shadowed.a === 2 ? "
        "$author$project$Backend$Main$shadowed.f( x, 'b') : "
        "A2($author$project$Backend$Main$shadowed, x, 'b'));",
        "'reassigned=' + ($author$project$Backend$Main$reassigned.a === 2 ? "
        "$author$project$Backend$Main$reassigned.f( 'e', 'f') : "
        "A2($author$project$Backend$Main$reassigned, 'e', 'f')),",
        /* nested calls; arguments that are calls leave a local's call as it is */
        "'nested=' + $author$project$Backend$Main$add.f( $author$project$Backend$Main$add.f( 1, "
        "2), "
        "$author$project$Backend$Main$add3.f( 0, 0, (local.a === 2 ? local.f( 4, 5) : "
        "A2(local, 4, 5)))),",
        /* strings, regular expressions and comments are not code */
        "'string=' + \"A2($author$project$Backend$Main$add, 1, 2)\",",
        "var $author$project$Backend$Main$quotes = /\"'A2\\(x, y, z\\)'\"\\//.source;",
        "// A comment that mentions A2($author$project$Backend$Main$add, 1, 2) stays as it is.",
        /* the kernel's definitions themselves */
        "function A2(fun, a, b) {",
        /* a comparison with simple arguments tests the kernel's first case in place, also in
         * the kernel itself; one with a computed argument is left as it is */
        "(typeof record.y !== 'object' ? (record.y === 42 ? 0 : record.y < 42 ? -1 : 1) : "
        "_Utils_cmp(record.y, 42)),",
        "(typeof -1 !== 'object' ? (-1 === record.x ? 0 : -1 < record.x ? -1 : 1) : "
        "_Utils_cmp(-1, record.x)),",
        "return (ord = (typeof x.a !== 'object' ? (x.a === y.a ? 0 : x.a < y.a ? -1 : 1) : "
        "_Utils_cmp(x.a, y.a)))",
        "_Utils_cmp(valued.n + 0, 2)].join(' ')",
        /* constructors' calls become their literals, whatever their arguments, nested; through
         * An, with the constructor's wrapper checked in place */
        "var list = ({ $ : 1 , a : at(1), b :  ({ $ : 1 , a : at(2), b :  ({ $ : 1 , a : at(3), "
        "b :  _List_Nil} )} )} );",
        "var pair = ({ a : at('x') + 'y', b :  ({ a : at(4), b :  at(5) * 2, c :  -1} )} );",
        "var consed = ($elm$core$List$cons.a === 2 && $elm$core$List$cons.f === _List_Cons ? ({ $ "
        ": 1 , a : 'h', b : list} ) : A2($elm$core$List$cons, 'h', list));",
    };
    size_t len, sites = 0;
    char *code = ts_fixture("elm_calls_probe.js", &len);
    char *out = rewrite(code, &sites);
    (void)state;
    assert_non_null(out);
    assert_int_equal(sites, 44);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (strstr(out, expected[i]) == NULL)
            fail_msg("not in the rewritten probe: %s", expected[i]);
    persist__free(out);
    free(code);
}

/* A program in elm make's shape around `body`. */
static char *program(const char *kernel_a2, const char *body)
{
    static const char head[] =
        "(function(scope){\n'use strict';\n"
        "function F(arity, fun, wrapper) {\n  wrapper.a = arity;\n  wrapper.f = fun;\n"
        "  return wrapper;\n}\n"
        "function F2(fun) {\n"
        "  return F(2, fun, function(a) { return function(b) { return fun(a,b); }; })\n}\n";
    static const char tail[] = "\n_Platform_export({});}(this));\n";
    const char *a2 = kernel_a2 != NULL ? kernel_a2
                                       : "function A2(fun, a, b) {\n"
                                         "  return fun.a === 2 ? fun.f(a, b) : fun(a)(b);\n}\n";
    size_t n = strlen(head) + strlen(a2) + strlen(body) + strlen(tail) + 1;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s%s%s%s", head, a2, body, tail);
    return p;
}

static const char DEF[] = "var $a$add = F2(function (a, b) { return a + b; });\n";

static void expect_rewrite(const char *a2, const char *body, const char *call)
{
    size_t sites = 0;
    char *code = program(a2, body), *out = rewrite(code, &sites);
    if (out == NULL || strstr(out, call) == NULL)
        fail_msg("expected `%s` in the rewrite of:\n%s\ngot:\n%s", call, code,
                 out != NULL ? out : "(unchanged)");
    persist__free(out);
    free(code);
}

static void expect_unchanged(const char *a2, const char *body, const char *why)
{
    size_t sites = 99;
    char *code = program(a2, body), *out = rewrite(code, &sites);
    if (out != NULL)
        fail_msg("%s: rewritten:\n%s", why, out);
    assert_int_equal(sites, 0);
    free(code);
}

static void test_minimal_program(void **state)
{
    (void)state;
    expect_rewrite(NULL,
                   "var $a$add = F2(function (a, b) { return a + b; });\nvar x = A2($a$add, 1, 2);",
                   "var x = $a$add.f( 1, 2);");
    /* A `return` and a line break after `A2(`: the head goes first, the line break after it. */
    expect_rewrite(NULL,
                   "var $a$add = F2(function (a, b) { return a + b; });\n"
                   "function g() { return A2(\n\t$a$add,\n\t1, 2); }",
                   "function g() { return $a$add.f(\n\n\t1, 2); }");
    /* A comment in the call's head, which the rewrite would drop: bytes that are not UTF-8 make
     * the original fail to load (found by fuzz_elm_calls). */
    expect_unchanged(NULL,
                     "var $a$add = F2(function (a, b) { return a + b; });\n"
                     "var x = A2(// \xff\xff\n$a$add, 1, 2);",
                     "a comment before the function");
    expect_unchanged(NULL,
                     "var $a$add = F2(function (a, b) { return a + b; });\n"
                     "var x = A2($a$add /* \xff */, 1, 2);",
                     "a comment before the comma");
    /* `function` and `new` before A2, or no call: not a call site. */
    expect_unchanged(NULL, "var $a$add = F2(function (a, b) { return a + b; });\nvar h = A2;",
                     "no call");
    /* The first argument an expression, or arguments that are not simple, with an unknown g. */
    expect_unchanged(NULL, "var x = A2(g(), 1, 2);", "first argument a call");
    expect_unchanged(NULL, "var x = A2(g, h(1), 2);", "an argument a call");
    expect_unchanged(NULL, "var x = A2(g, 1);", "too few arguments");
    /* No `;` before the call: a `(` there would call `z` (and `'s' (...)` is no syntax error,
     * as `'s' A2(...)` is); the direct form starts with a name, as A2 does. */
    expect_unchanged(NULL, "var z = 1, g = 2;\nvar y = z\nA2(g, 1, 2)", "a `(` after a name");
    expect_unchanged(NULL, "var g = 2;\nvar y = 's' A2(g, 1, 2);", "a `(` after a string");
    expect_rewrite(
        NULL, "var $a$add = F2(function (a, b) { return a + b; });\nvar y = 1\nA2($a$add, 1, 2)",
        "var y = 1\n$a$add.f( 1, 2)");
    /* Regular expressions after `)` of an `if`, and in a division context. */
    expect_rewrite(
        NULL,
        "var $a$add = F2(function (a, b) { return a + b; });\n"
        "function g(s) { if (s) /\"/.test(s); return (s.length) / 2 / A2($a$add, 1, 2); }",
        "/ 2 / $a$add.f( 1, 2); }");
}

static void test_code_left_unchanged(void **state)
{
    static const struct {
        const char *body, *why;
    } cases[] = {
        {"var x = A2($a$add, 1, 2); eval('$a$add = 1');", "eval"},
        {"var x = A2($a$add, 1, 2); function w(o) { with (o) { return 1; } }", "with"},
        {"var x = A2($a$add, 1, 2); var t = `a${x}`;", "a template literal"},
        {"var x = A2($a$add, 1, 2); var f = (a) => a;", "an arrow function"},
        {"var x = A2($a$add, 1, 2); var g = [...x];", "spread"},
        {"var x = A2($a$add, 1, 2); var o = { m(a) { return a; } };", "a method shorthand"},
        {"var x = A2($a$add, 1, 2); var o = { get p() { return 1; } };", "an accessor"},
        {"var x = A2($a$add, 1, 2); var {a, b} = x;", "destructuring"},
        {"var x = A2($a$add, 1, 2); function* gen() {}", "a generator"},
        {"var x = A2($a$add, 1, 2); if (x) {} /a\"b/.test(x);", "a `/` after `}`"},
        {"var x = A2($a$add, 1, 2); var s = 'unterminated;\n", "an unterminated string"},
        {"var x = A2($a$add, 1, 2); /* unterminated", "an unterminated comment"},
        {"var x = A2($a$add, 1, 2); var \xc3\xa9 = 1;", "a name that is not ASCII"},
        {"var x = A2($a$add, 1, 2); var \\u0061 = 1;", "an escape in a name"},
        {"var x = A2($a$add, 1, 2); var y = (1;", "brackets that do not match"},
        {"var x = A2($a$add, 1, 2); function A2(fun, a, b) { return 0; }", "A2 declared twice"},
        {"var x = A2($a$add, 1, 2); function g(A2) { return A2; }", "A2 bound elsewhere"},
        {"var x = A2($a$add, 1, 2); A2 = null;", "A2 assigned"},
    };
    /* A2 only named by a function expression: the calls reach a global A2, if any */
    static const char a2_expression[] = "var notA2 = function A2(fun, a, b) {\n  return fun.a === "
                                        "2 ? fun.f(a, b) : fun(a)(b);\n};\n";
    char body[512];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(body, sizeof body, "%s%s", DEF, cases[i].body);
        expect_unchanged(NULL, body, cases[i].why);
    }
    /* A2 defined otherwise than elm make defines it. */
    snprintf(body, sizeof body, "%svar x = A2($a$add, 1, 2);", DEF);
    expect_unchanged(a2_expression, body, "A2 named by a function expression");
    expect_unchanged(
        "function A2(fun, a, b) {\n  return fun.a === 2 ? fun.f(b, a) : fun(a)(b);\n}\n", body,
        "A2 swaps its arguments");
    expect_unchanged(
        "function A2(fun, a, b) {\n  return\n fun.a === 2 ? fun.f(a, b) : fun(a)(b);\n}\n", body,
        "A2 returns undefined (a line break after return)");
    /* F2 declared twice: no direct calls, An's test in place still. */
    snprintf(body, sizeof body, "%svar x = A2($a$add, 1, 2); function F2(f) { return f; }", DEF);
    expect_rewrite(NULL, body, "var x = ($a$add.a === 2 ? $a$add.f( 1, 2) : A2($a$add, 1, 2));");
    snprintf(body, sizeof body, "%svar x = A2($a$add, 1, 2);", DEF);
    /* The same program with elm make's A2 and without the trailing `;` is rewritten. */
    expect_rewrite("function A2(fun, a, b) {\n  return fun.a === 2 ? fun.f(a, b) : fun(a)(b)\n}\n",
                   body, "var x = $a$add.f( 1, 2);");
    /* Not elm make's wrapper. */
    {
        size_t sites = 0;
        char *code = program(NULL, body);
        code[1] = ' ';
        assert_null(rewrite(code, &sites));
        free(code);
    }
}

static void test_name_bound_or_assigned_elsewhere(void **state)
{
    static const char *const bodies[] = {
        "function g($a$add) { return A2($a$add, 1, 2); }",
        "function g() { var $a$add = 1; return A2($a$add, 1, 2); }",
        "function g() { var q = 0, $a$add = 1; return A2($a$add, 1, 2); }",
        "function g() { try { return 0; } catch ($a$add) { return A2($a$add, 1, 2); } }",
        "function g() { $a$add = 1; return A2($a$add, 1, 2); }",
        "function g() { $a$add += 1; return A2($a$add, 1, 2); }",
        "function g() { $a$add++; return A2($a$add, 1, 2); }",
        "function g() { for ($a$add in {}) {} return A2($a$add, 1, 2); }",
        "function $a$add() { return A2($a$add, 1, 2); }",
    };
    char body[512];
    (void)state;
    /* The call keeps An's test (its arguments are simple), never the direct form. */
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        size_t sites = 0;
        char *code, *out;
        snprintf(body, sizeof body, "%s%s", DEF, bodies[i]);
        code = program(NULL, body);
        out = rewrite(code, &sites);
        if (out == NULL ||
            strstr(out, "($a$add.a === 2 ? $a$add.f( 1, 2) : A2($a$add, 1, 2))") == NULL)
            fail_msg("case %zu:\n%s\ngot:\n%s", i, code, out != NULL ? out : "(unchanged)");
        persist__free(out);
        free(code);
    }
    /* A property of the same name is not a binding. */
    snprintf(body, sizeof body, "%s%s", DEF,
             "var o = {$a$add: 1}; o.$a$add = 2; var x = A2($a$add, 1, 2);");
    expect_rewrite(NULL, body, "var x = $a$add.f( 1, 2);");
}

/* A name given a top-level `Fn` value by `var alias = name;` (elm make's
 * `var $elm$core$Basics$compare = _Utils_compare;`) is called directly too, through at most four
 * such steps, each declared once and never bound or assigned elsewhere. */
static void test_aliases_called_directly(void **state)
{
    static const struct {
        const char *decls, *why;
    } in_place[] = {
        {"var $b = $a$add;\n$b = null;\n", "the alias assigned"},
        {"var $b = $a$add;\nvar $b = 1;\n", "the alias declared twice"},
        {"var $b = $a$add;\nfunction g($b) { return $b; }\n", "the alias bound as a parameter"},
        {"var $b = $c;\nvar $c = 5;\n", "not an Fn value"},
        {"var $f = $a$add;\nvar $e = $f;\nvar $d = $e;\nvar $c = $d;\nvar $b2 = $c;\nvar $b = "
         "$b2;\n",
         "more than four steps"},
    };
    char body[1024];
    (void)state;
    snprintf(body, sizeof body, "%svar $c = $a$add;\nvar $b = $c;\nvar x = A2($b, 1, 2);", DEF);
    expect_rewrite(NULL, body, "var x = $b.f( 1, 2);");
    for (size_t i = 0; i < sizeof in_place / sizeof in_place[0]; i++) {
        snprintf(body, sizeof body, "%s%svar x = A2($b, 1, 2);", DEF, in_place[i].decls);
        expect_rewrite(NULL, body, "var x = ($b.a === 2 ? $b.f( 1, 2) : A2($b, 1, 2));");
    }
}

/* elm/core's _Utils_update, with the names `p`, `q`, `r` and `k` stand for. */
static char *update_kernel(const char *p, const char *q, const char *r, const char *k)
{
    char *text = malloc(512);
    assert_non_null(text);
    snprintf(text, 512,
             "function _Utils_update(%s, %s)\n{\n\tvar %s = {};\n\n\tfor (var %s in %s)\n\t{\n"
             "\t\t%s[%s] = %s[%s];\n\t}\n\n\tfor (var %s in %s)\n\t{\n\t\t%s[%s] = %s[%s];\n\t}\n\n"
             "\treturn %s;\n}\n",
             p, q, r, k, p, r, k, p, k, k, q, r, k, q, k, r);
    return text;
}

/* Calls of elm make's _Utils_update become calls of the native record update, under whatever
 * names its parameters and locals have; where its definition or its name is not certain, not. */
static void test_record_update_calls(void **state)
{
    static const char *const names[][4] = {{"oldRecord", "updatedFields", "newRecord", "key"},
                                           {"record", "changes", "copy", "name"}};
    static const struct {
        const char *p, *q, *r, *k, *why;
    } bad[] = {
        {"a", "a", "c", "k", "the parameters have one name"},
        {"a", "b", "a", "k", "the new record is the old one"},
        {"a", "b", "c", "b", "the loops' name is a parameter"},
        {"a", "b", "k", "k", "the loops' name is the new record"},
        {"arguments", "b", "c", "k", "a parameter called arguments"},
    };
    static const char *const calls =
        "var r1 = _Utils_update(x, {a: 1}); var r2 = o._Utils_update(x, "
        "y); var r3 = _Utils_update (r1, {b: 2});";
    static const struct {
        const char *body, *why;
    } elsewhere[] = {
        {"function g(_Utils_update) { return _Utils_update(x, y); }", "a parameter"},
        {"_Utils_update = null; var r = _Utils_update(x, y);", "assigned"},
        {"function _Utils_update(a, b) { return a; } var r = _Utils_update(x, y);",
         "declared twice"},
        {"var r = _Utils_update(x, y); var __persist_update = 1;", "the native's name in the code"},
    };
    char body[1024];
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *kernel = update_kernel(names[i][0], names[i][1], names[i][2], names[i][3]);
        size_t sites = 0;
        char *code, *out;
        snprintf(body, sizeof body, "%s%s", kernel, calls);
        code = program(NULL, body);
        out = rewrite(code, &sites);
        assert_non_null(out);
        assert_int_equal(sites, 2);
        assert_non_null(strstr(out,
                               "var r1 = __persist_update(x, {a: 1}); var r2 = "
                               "o._Utils_update(x, y); var r3 = __persist_update (r1, {b: 2});"));
        assert_non_null(strstr(out, "function _Utils_update(")); /* the definition stays */
        persist__free(out);
        free(code);
        free(kernel);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *kernel = update_kernel(bad[i].p, bad[i].q, bad[i].r, bad[i].k);
        snprintf(body, sizeof body, "%s%s", kernel, calls);
        expect_unchanged(NULL, body, bad[i].why);
        free(kernel);
    }
    {
        /* the loops in the other order; `return` then a line break (returns undefined) */
        char *kernel = update_kernel("a", "b", "c", "k");
        char *swapped = strstr(kernel, "for (var k in a)");
        memcpy(swapped, "for (var k in b)", 16);
        snprintf(body, sizeof body, "%s%s", kernel, calls);
        expect_unchanged(NULL, body, "the loops swapped");
        free(kernel);
        kernel = update_kernel("a", "b", "c", "k");
        *strstr(kernel, "return c;") = '\0';
        snprintf(body, sizeof body, "%sreturn\nc;\n}\n%s", kernel, calls);
        expect_unchanged(NULL, body, "a line break after return");
        free(kernel);
    }
    for (size_t i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++) {
        char *kernel = update_kernel("a", "b", "c", "k");
        snprintf(body, sizeof body, "%s%s", kernel, elsewhere[i].body);
        expect_unchanged(NULL, body, elsewhere[i].why);
        free(kernel);
    }
    {
        /* only a function expression's name (bound inside it alone): calls of _Utils_update
         * reach whatever the global object has */
        char *kernel = update_kernel("a", "b", "c", "k");
        snprintf(body, sizeof body, "var notKernel = %s;%s", kernel, calls);
        expect_unchanged(NULL, body, "_Utils_update named by a function expression");
        free(kernel);
    }
    {
        /* a sloppy program: the kernel's failed writes are silent there, the native's throw */
        char *kernel = update_kernel("a", "b", "c", "k"), *code, *out, *directive;
        size_t n = 0;
        snprintf(body, sizeof body, "%s%s", kernel, calls);
        code = program(NULL, body);
        directive = strstr(code, "'use strict';");
        memset(directive, ' ', strlen("'use strict';"));
        out = rewrite(code, &n);
        if (out != NULL && strstr(out, "__persist_update") != NULL)
            fail_msg("a sloppy program's record updates were rewritten:\n%s", out);
        persist__free(out);
        free(code);
        free(kernel);
    }
}

/* elm make's _Utils_cmp (elm/core 1.0.5, --optimize), with `first` as its first case (and a loop
 * that `first` opens closed at the end). */
static char *compare_kernel(const char *params, const char *first)
{
    int loop = strstr(first, "for (;;) {") != NULL || strstr(first, "while (true) {") != NULL;
    char *text = malloc(1024);
    assert_non_null(text);
    snprintf(text, 1024,
             "function _Utils_cmp(%s)\n{\n%s\n\tif (typeof x.$ === 'undefined')\n\t{\n"
             "\t\treturn (ord = _Utils_cmp(x.a, y.a)) ? ord : _Utils_cmp(x.b, y.b);\n\t}\n"
             "\tfor (; x.b && y.b && !(ord = _Utils_cmp(x.a, y.a)); x = x.b, y = y.b) {}\n"
             "\treturn ord || (x.b ? 1 : y.b ? -1 : 0);\n%s}\n",
             params, first, loop ? "}\n" : "");
    return text;
}

#define CMP_FIRST                                                                                  \
    "\tif (typeof x !== 'object')\n\t{\n\t\treturn x === y ? /*EQ*/ 0 : x < y ? /*LT*/ -1 : "      \
    "/*GT*/ "                                                                                      \
    "1;\n\t}\n"

/* Calls of _Utils_cmp with simple arguments test its first case in place, where its definition
 * starts with that case (as elm make writes it, or inside a loop, or with double quotes); not
 * where the definition or the call site is otherwise. */
static void test_compare_in_place(void **state)
{
    static const char call[] = "var c = _Utils_cmp(p.x, -1);";
    static const char inlined[] =
        "var c = (typeof p.x !== 'object' ? (p.x === -1 ? 0 : p.x < -1 ? -1 : 1) : _Utils_cmp(p.x, "
        "-1));";
    static const struct {
        const char *params, *first;
    } kernels[] = {
        {"x, y, ord", CMP_FIRST},
        {"x, y", "for (;;) {\n" CMP_FIRST},
        {"x, y", "while (true) {\n" CMP_FIRST},
        {"a, b, ord", "if (typeof a !== \"object\") { return a === b ? 0 : a < b ? -1 : 1 }"},
    };
    static const struct {
        const char *params, *first, *why;
    } other_kernels[] = {
        {"x, y, ord", "if (typeof y !== 'object') { return x === y ? 0 : x < y ? -1 : 1; }",
         "tests the second argument"},
        {"x, y, ord", "if (typeof x !== 'object') { return x === y ? 0 : x <= y ? -1 : 1; }",
         "another comparison"},
        {"x, y, ord", "if (typeof x !== 'object') { return x === y ? 0 : x < y ? 1 : -1; }",
         "the order reversed"},
        {"x, y, ord", "if (typeof x !== 'string') { return x === y ? 0 : x < y ? -1 : 1; }",
         "another type"},
        {"x, y, ord", "x = 0;\n" CMP_FIRST, "a statement before the case"},
        {"x, x, ord", CMP_FIRST, "one name for both parameters"},
    };
    static const struct {
        const char *body, *why;
    } sites[] = {
        {"var c = _Utils_cmp(f(p), 1);", "a call as an argument"},
        {"var c = _Utils_cmp(p.x + 1, 1);", "a sum as an argument"},
        {"var c = _Utils_cmp(p.x, 1, 2);", "three arguments"},
        {"var c = _Utils_cmp(p.x /* why */, 1);", "a comment in the call"},
        {"var c = o._Utils_cmp(p.x, 1);", "a method of another object"},
        {"var c = p\n_Utils_cmp(p.x, 1);", "no expression starts there"},
    };
    char body[2048];
    (void)state;
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        char *kernel = compare_kernel(kernels[i].params, kernels[i].first);
        snprintf(body, sizeof body, "%s%s", kernel, call);
        expect_rewrite(NULL, body, inlined);
        free(kernel);
    }
    {
        /* A line break inside the call goes right after the test's first `(`: after its `)` it
         * could end a statement the original could not end (`_Utils_cmp(q,\n1)function f() {}`
         * fails to compile; the rewrite compiled; found by fuzz_elm_calls). */
        char *kernel = compare_kernel("x, y, ord", CMP_FIRST);
        snprintf(body, sizeof body, "%svar c = _Utils_cmp(p.x,\n-1) + 1;", kernel);
        expect_rewrite(NULL, body,
                       "var c = (\ntypeof p.x !== 'object' ? (p.x === -1 ? 0 : p.x < -1 ? -1 : 1) "
                       ": _Utils_cmp(p.x, -1)) + 1;");
        free(kernel);
    }
    for (size_t i = 0; i < sizeof other_kernels / sizeof other_kernels[0]; i++) {
        char *kernel = compare_kernel(other_kernels[i].params, other_kernels[i].first);
        snprintf(body, sizeof body, "%s%s", kernel, call);
        expect_unchanged(NULL, body, other_kernels[i].why);
        free(kernel);
    }
    for (size_t i = 0; i < sizeof sites / sizeof sites[0]; i++) {
        char *kernel = compare_kernel("x, y, ord", CMP_FIRST);
        size_t n;
        char *code, *out;
        snprintf(body, sizeof body, "%s%s", kernel, sites[i].body);
        code = program(NULL, body);
        out = rewrite(code, &n);
        /* the kernel's own calls are rewritten; this one is not */
        if (out == NULL || strstr(out, sites[i].body + 8) == NULL)
            fail_msg("%s: the call was rewritten:\n%s", sites[i].why, out != NULL ? out : "(none)");
        persist__free(out);
        free(code);
        free(kernel);
    }
    {
        /* declared twice, assigned, bound as a parameter */
        static const char *const elsewhere[] = {"function _Utils_cmp(a, b) { return 0; }",
                                                "_Utils_cmp = null;",
                                                "function g(_Utils_cmp) { return _Utils_cmp; }"};
        for (size_t i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++) {
            char *kernel = compare_kernel("x, y, ord", CMP_FIRST);
            snprintf(body, sizeof body, "%s%s%s", kernel, call, elsewhere[i]);
            expect_unchanged(NULL, body, elsewhere[i]);
            free(kernel);
        }
    }
}

/* A constructor's calls become its literal, with the arguments in its parameters' places, where
 * that makes the same object after computing the same things in the same order; not otherwise. */
static void test_constructor_calls(void **state)
{
    static const char ctor[] = "function T(a, b) { return { x: a, k: -7, y: b }; }\n";
    static const struct {
        const char *def, *why;
    } refused[] = {
        {"function T(a, b) { return { x: b, y: a }; }\n", "the parameters in another order"},
        {"function T(a, b) { return { x: a, y: a }; }\n", "a parameter twice"},
        {"function T(a, b) { return { x: a }; }\n", "a parameter unused"},
        {"function T(a, b) { return { x: a + 1, y: b }; }\n", "a computed value"},
        {"function T(a, b) { var z = 1; return { x: a, y: b }; }\n", "a statement before"},
        {"function T(a, b) { return { x: a, y: b }; z(); }\n", "a statement after"},
        {"function T(a, b) { return\n{ x: a, y: b }; }\n", "return, then a line break"},
        {"var T = function (a, b) { return { x: a, y: b }; };\n", "a function expression"},
        {"function T(a, b) { return { x: a, y: b }; }\nfunction T(a, b) { return 0; }\n",
         "declared twice"},
        {"function T(a, b) { return { x: a, y: b }; }\nT = null;\n", "assigned"},
    };
    static const char *const sites[] = {"var v = T(1);", "var v = new T(1, 2);",
                                        "var v = o.T(1, 2);", "var v = q\nT(1, 2);"};
    char body[1024];
    (void)state;
    snprintf(body, sizeof body, "%svar v = T(f(1), g + 2), w = T(T(1, 2), 3);", ctor);
    expect_rewrite(NULL, body,
                   "var v = ({ x : f(1), k : - 7 , y :  g + 2} ), w = ({ x : ({ x : 1, k : - 7 , "
                   "y :  2} ), k : - 7 , y :  3} );");
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        snprintf(body, sizeof body, "%svar v = T(f(1), 2);", refused[i].def);
        expect_unchanged(NULL, body, refused[i].why);
    }
    for (size_t i = 0; i < sizeof sites / sizeof sites[0]; i++) {
        snprintf(body, sizeof body, "%s%s", ctor, sites[i]);
        expect_unchanged(NULL, body, sites[i]);
    }
    /* through An: the wrapper's arity and function checked where the call was */
    snprintf(body, sizeof body, "%svar $t = F2(T);\nvar $u = $t;\nvar v = A2($u, p.x, 'q');", ctor);
    expect_rewrite(NULL, body,
                   "var v = ($u.a === 2 && $u.f === T ? ({ x : p.x, k : - 7 , y : 'q'} ) : A2($u, "
                   "p.x, 'q'));");
}

/* Fails unless the rewrite of `code` (freed here) leaves `call` as it is. */
static void expect_kept(char *code, const char *call, const char *why)
{
    size_t n = 0;
    char *out = rewrite(code, &n);
    if (out != NULL && strstr(out, call) == NULL)
        fail_msg("%s: rewritten:\n%s", why, out);
    persist__free(out);
    free(code);
}

/* `code` (realloc'd) with `after` appended, after the wrapper. */
static char *with_after(char *code, const char *after)
{
    code = realloc(code, strlen(code) + strlen(after) + 1);
    assert_non_null(code);
    return strcat(code, after);
}

/* What a review of the rules found (2026-11-27), each case left as it is now. */
static void test_review_edges(void **state)
{
    static const char ctor[] = "function T(a, b) { return { x: a, y: b }; }\n";
    static const struct {
        const char *body, *why;
    } cases[] = {
        {"var o = {};\no.else\nT(1, 2);", "a property named like a keyword ends an expression"},
        {"var i = 0; var q = i++ / 2 + '/'; T = null; // '\nvar v = T(1, 2);",
         "a division after a postfix ++ (T is assigned after it)"},
        {"var i = 0; var q = i.return / 2 + '/'; T = null; // '\nvar v = T(1, 2);",
         "a division after a property named like a keyword"},
        {"function C(a) { return { s: 'x\\\ny', a: a }; }\nvar v = C(1);",
         "a string continued on the next line in the literal"},
        {"function N() { return { $: 0 }; }\nvar v = N(/* why */);", "a comment in an empty call"},
    };
    char body[1024];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(body, sizeof body, "%s%s", ctor, cases[i].body);
        expect_unchanged(NULL, body, cases[i].why);
    }
    /* a constructor's wrapper called with a comment between the arguments: the comment stays (it
     * may hold bytes that are not UTF-8, which fail the original's load), so no literal (found by
     * fuzz_elm_calls) */
    expect_rewrite(NULL,
                   "function C(a, b) { return { $: 1, a: a, b: b }; }\nvar $c = F2(C);\n"
                   "var v = A2($c, /* why */ 1, 2);",
                   "var v = $c.f( /* why */ 1, 2);");
    /* an empty call across lines keeps its line break */
    expect_rewrite(NULL, "function N() { return { $: 0 }; }\nvar v = N(\n);",
                   "var v = ({ $ : 0 } )\n;");
    /* cmp: a negated name (its valueOf would run at each copy), a string continued on the next
     * line */
    {
        char *kernel = compare_kernel("x, y, ord", CMP_FIRST);
        static const char *const sites[] = {"var c = _Utils_cmp(-p, 1);",
                                            "var c = _Utils_cmp('a\\\nb', p);"};
        for (size_t i = 0; i < 2; i++) {
            snprintf(body, sizeof body, "%s%s", kernel, sites[i]);
            expect_kept(program(NULL, body), sites[i] + 8, "a cmp site");
        }
        free(kernel);
    }
    /* an alias declared before the name it stands for keeps undefined: the test in place */
    snprintf(body, sizeof body,
             "var $b = $a$add2;\nvar $a$add2 = F2(function (a, b) { return a + b; });\nvar x = "
             "A2($b, 1, 2);");
    expect_rewrite(NULL, body, "var x = ($b.a === 2 ? $b.f( 1, 2) : A2($b, 1, 2));");
    /* a sloppy program: no constructor is rewritten */
    snprintf(body, sizeof body, "%svar v = T(1, 2);", ctor);
    {
        char *code = program(NULL, body);
        memset(strstr(code, "'use strict';"), ' ', strlen("'use strict';"));
        expect_kept(code, "var v = T(1, 2);", "a sloppy program's constructor call");
    }
    /* a function at depth 2 after the wrapper is not the wrapper's: its name is not declared */
    expect_kept(with_after(program(NULL, "var w = T(1, 2);"),
                           "(function () { function T(a, b) { return { x: a, y: b }; } });\n"),
                "var w = T(1, 2);", "a function after the wrapper taken for the wrapper's");
    /* calls after the wrapper reach the global object's names: left alone */
    expect_kept(with_after(program(NULL, ctor), "var after = T(1, 2)"), "var after = T(1, 2)",
                "a call after the wrapper");
}

/* The process keeps the results of its last rewrites by the code's hash: a second load with the
 * same hash gets the first result (here shown with other code under that hash), a result is a
 * copy of its own, and code left unchanged is remembered as such. */
static void test_results_kept_by_hash(void **state)
{
    uint8_t h1[PERSIST__HASH_LEN] = {1}, h2[PERSIST__HASH_LEN] = {2}, h3[PERSIST__HASH_LEN] = {3};
    char body[256], *code, *other, *a, *b, *c;
    size_t la = 0, lb = 0, lc = 0, sa = 0, sb = 0, sc = 0;
    (void)state;
    snprintf(body, sizeof body, "%svar x = A2($a$add, 1, 2);", DEF);
    code = program(NULL, body);
    snprintf(body, sizeof body, "%svar y = A2($a$add, 3, 4);", DEF);
    other = program(NULL, body);
    a = persist__elm_direct_calls_of(h1, code, strlen(code), &la, &sa);
    b = persist__elm_direct_calls_of(h1, other, strlen(other), &lb, &sb);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a != b);
    assert_int_equal(la, lb);
    assert_int_equal(sa, sb);
    assert_string_equal(a, b);
    assert_non_null(strstr(b, "var x = $a$add.f( 1, 2);"));
    c = persist__elm_direct_calls_of(h2, other, strlen(other), &lc, &sc);
    assert_non_null(strstr(c, "var y = $a$add.f( 3, 4);"));
    persist__free(a);
    persist__free(b);
    persist__free(c);
    /* Unchanged code: NULL, then NULL again for that hash even for code that would change. */
    assert_null(persist__elm_direct_calls_of(h3, "var z = 1;", 10, &lc, &sc));
    assert_null(persist__elm_direct_calls_of(h3, code, strlen(code), &lc, &sc));
    assert_int_equal(sc, 0);
    /* Many apps: older results make room, the newest stay. */
    for (int i = 0; i < 20; i++) {
        uint8_t h[PERSIST__HASH_LEN] = {0};
        h[0] = 0x80;
        h[1] = (uint8_t)i;
        persist__free(persist__elm_direct_calls_of(h, code, strlen(code), &la, &sa));
    }
    c = persist__elm_direct_calls_of(h1, other, strlen(other), &lc, &sc);
    assert_non_null(strstr(c, "var y = $a$add.f( 3, 4);")); /* h1 was dropped: other rewritten */
    persist__free(c);
    free(code);
    free(other);
}

/* ---- the same answers through the library ---- */

/* What the kernel's JavaScript answers to tests/fixtures/records_probe.js. */
static const char RECORDS_EXPECTED[] =
    "plain={awec:1,bwec:3,cwec:{swec:1,symbols:0},symbols:0}\n"
    "shared-value={samewec:true,symbols:0}\n"
    "appended={awec:2,cwec:3,dwec:null,symbols:0}\n"
    "empty={symbols:0}\n"
    "values={uwec:undefined,nwec:null,twec:true,fwec:1.5,iwec:-0,swec:\"\",owec:{0wec:1,1wec:2,"
    "lengthw:2,symbols:0}/Array,fnwec:fn:show,xwec:NaN,symbols:0}\n"
    "many={k0wec:0,k1wec:1,k2wec:2,k3wec:\"z\",k4wec:4,k5wec:5,k6wec:6,k7wec:7,k8wec:8,k9wec:9,"
    "k10wec:10,k11wec:11,k12wec:12,k13wec:13,k14wec:14,k15wec:\"x\",k16wec:16,k17wec:17,k18wec:"
    "18,k19wec:19,k20wec:\"y\",symbols:0}\n"
    "many-new={awec:1,n0wec:0,n1wec:1,n2wec:2,n3wec:3,n4wec:4,n5wec:5,n6wec:6,n7wec:7,n8wec:8,"
    "n9wec:9,n10wec:10,n11wec:11,symbols:0}\n"
    "seven-new={n0wec:0,n1wec:1,n2wec:2,n3wec:3,n4wec:4,n5wec:5,n6wec:6,symbols:0}\n"
    "eight-new={zwec:0,n0wec:0,n1wec:1,n2wec:2,n3wec:3,n4wec:4,n5wec:5,n6wec:6,symbols:0}\n"
    "deleted={awec:1,cwec:3,dwec:4,bwec:5,symbols:0}\n"
    "index-keys={0wec:\"y\",1wec:\"x\",2wec:\"z\",bwec:1,awec:2,cwec:3,symbols:0}\n"
    "index-key-changes={7wec:\"x\",awec:1,symbols:0}\n"
    "not-enumerable={awec:1,bwec:2,symbols:0}\n"
    "read-only-kept={awec:1,rwec:3,symbols:0}\n"
    "frozen-old={awec:1,bwec:3,symbols:0}\n"
    "getter-old={awec:2,gwec:\"G\",zwec:3,symbols:0} log:get g\n"
    "getter-fields={awec:\"A\",bwec:2,symbols:0} log:get a\n"
    "getter-deletes-later-key={awec:1,gwec:\"G\",symbols:0} log:deleted z\n"
    "getter-adds-key={awec:1,gwec:\"G\",bwec:1,symbols:0}\n"
    "getter-throws=throws Error: from a getter\n"
    "kernel-in-stack={seenwec:\"true\",symbols:0}\n"
    "setter-only={swec:undefined,bwec:1,symbols:0}\n"
    "symbol-key={awec:1,bwec:1,symbols:0}\n"
    "symbol-key-fields={awec:1,bwec:1,symbols:0}\n"
    "null-prototype={awec:1,bwec:2,symbols:0}\n"
    "null-prototype-fields={awec:2,symbols:0}\n"
    "inherited-enumerable={awec:2,inhwec:1,symbols:0}\n"
    "inherited-plain-prototype={awec:1,symbols:0}\n"
    "constructed={xwec:3,normwec:1,ywec:4,symbols:0}\n"
    "array-old={0wec:1,1wec:2,xwec:1,symbols:0}\n"
    "array-fields={0wec:\"p\",1wec:\"q\",awec:1,symbols:0}\n"
    "string-old={0wec:\"a\",1wec:\"b\",xwec:1,symbols:0}\n"
    "string-object={0wec:\"c\",1wec:\"d\",symbols:0}\n"
    "number-old={awec:1,symbols:0}\n"
    "boolean-fields={awec:1,symbols:0}\n"
    "undefined-null={symbols:0}\n"
    "one-argument={awec:1,symbols:0}\n"
    "function-old={pwec:1,symbols:0}\n"
    "error-old={extrawec:1,symbols:0}\n"
    "arguments-old={0wec:\"a\",1wec:\"b\",xwec:1,symbols:0}\n"
    "same-object={awec:1,bwec:2,symbols:0}\n"
    "proxy-old={bwec:2,awec:1,cwec:3,symbols:0} log:ownKeys;get b;get a\n"
    "proxy-fields={awec:2,zwec:1,symbols:0}\n"
    "proto-key-fields={awec:1,xwec:1,symbols:0}/{pwec:1,symbols:0}\n"
    "proto-key-old={xwec:1,symbols:0}\n"
    "proto-key-null={awec:1,symbols:0}/null\n"
    "long-chain={nwec:1000,keepwec:\"k\",lastwec:999,symbols:0}\n"
    "the-global={answerswec:\"function false false false -1 TypeError TypeError "
    "function\",symbols:0}\n"
    "objproto-enumerable={awec:1,zzwec:1,bwec:2,symbols:0}\n"
    "objproto-hidden-data={extrawec:2,bwec:2,symbols:0}\n"
    "objproto-setter={bwec:3,symbols:0} log:set a 1;set a 2\n"
    "objproto-getter-other-name={awec:1,bwec:3,symbols:0}\n"
    "objproto-read-only=throws TypeError: not writable\n"
    "objproto-index={3wec:\"three\",awec:1,symbols:0}\n"
    "objproto-prototype={awec:1,symbols:0} log:setPrototypeOf TypeError\n"
    "objproto-proto-redefined={awec:1,__proto__wec:{pwec:1,symbols:0},symbols:0}\n"
    "restored={awec:1,bwec:2,symbols:0}\n"
    "objproto-frozen=throws TypeError: not writable\n"
    "objproto-frozen-other-names={awec:1,bwec:2,symbols:0}";

static char *probe_answer(const char *fixture, const char *event, int off)
{
    char *dir = ts_tmpdir(), *r;
    persist_store *s = ts_open(dir, NULL);
    calls_off = off;
    ts_deploy(s, fixture, PERSIST_DEPLOY_INIT);
    calls_off = 0;
    r = ts_submit(s, event);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
    return r;
}

static const char PROBE[] = "elm_calls_probe.js";

static void test_probe_answers_the_same(void **state)
{
    static const char expected[] = "static=5\n"
                                   "static3=123\n"
                                   "partial=127\n"
                                   "partial-applied=180\n"
                                   "local=42\n"
                                   "curried=curried:x-1\n"
                                   "curried-by-name=curried:name2\n"
                                   "shadowed=ab\n"
                                   "shadowed-top=top:cd\n"
                                   "reassigned=second:ef\n"
                                   "string=A2($author$project$Backend$Main$add, 1, 2)\n"
                                   "regex=\"'A2\\(x, y, z\\)'\"\\/\n"
                                   "nested=12\n"
                                   "constructors={$:1,a:1,b:{$:1,a:2,b:{$:1,a:3,b:{$:0}}}} "
                                   "{a:xy,b:{a:4,b:10,c:-1}} "
                                   "{$:1,a:h,b:{$:1,a:1,b:{$:1,a:2,b:{$:1,a:3,b:{$:0}}}}} "
                                   "{$:1,a:d,b:{$:0}} {changed:cd} ReferenceError 1 2 3 x 4 5 "
                                   "before true\n"
                                   "compare=1 -1 1 -1 -1 1 1 0 1 1 0 -1 -1 1\n"
                                   "lines=171";
    char *on = probe_answer(PROBE, "probe", 0), *off = probe_answer(PROBE, "probe", 1);
    char *deep_on = probe_answer(PROBE, "depth", 0), *deep_off = probe_answer(PROBE, "depth", 1);
    (void)state;
    assert_string_equal(off, expected);
    assert_string_equal(on, expected);
    /* One call level per recursion step instead of two. */
    if (getenv("PROBE_OUT") != NULL)
        fprintf(stderr, "depth with the rewrite %s, without %s\n", deep_on, deep_off);
    if (atol(deep_on) < atol(deep_off) * 3 / 2)
        fail_msg("recursion depth with the rewrite %s, without %s", deep_on, deep_off);
    persist_free(on);
    persist_free(off);
    persist_free(deep_on);
    persist_free(deep_off);
}

/* The native record update (lib/duktape/records.patch) answers what the kernel's _Utils_update
 * does, at every edge of its conditions (tests/fixtures/records_probe.js). */
static void test_record_updates_answer_the_same(void **state)
{
    char *on = probe_answer("records_probe.js", "probe", 0);
    char *off = probe_answer("records_probe.js", "probe", 1);
    const char *native = "kernel-in-stack={seenwec:\"false\",symbols:0}";
    const char *kernel = "kernel-in-stack={seenwec:\"true\",symbols:0}";
    char *at;
    (void)state;
    if (getenv("PROBE_OUT") != NULL)
        fprintf(stderr, "with the rewrite:\n%s\nwithout:\n%s\n", on, off);
    /* Only the kernel's JavaScript shows in a stack taken inside the update. */
    assert_non_null(strstr(off, kernel));
    at = strstr(on, native);
    assert_non_null(at);
    /* The same answers otherwise (kernel's line is the shorter: rewritten in place). */
    memmove(at + strlen(kernel), at + strlen(native), strlen(at + strlen(native)) + 1);
    memcpy(at, kernel, strlen(kernel));
    assert_string_equal(off, RECORDS_EXPECTED);
    assert_string_equal(on, RECORDS_EXPECTED);
    persist_free(on);
    persist_free(off);
}

/* Every response of a seeded game of the game rules, and the final state. */
static char *play(const char *rules, int off)
{
    char *dir = ts_tmpdir(), *out = NULL, event[200];
    size_t used = 0;
    uint64_t rng = 0x5eed;
    persist_store *s = ts_open(dir, NULL);
    calls_off = off;
    ts_deploy(s, rules, PERSIST_DEPLOY_INIT);
    calls_off = 0;
    for (int n = 0; n < 400; n++) {
        int p = (int)(ts_splitmix64(&rng) % 6), r = (int)(ts_splitmix64(&rng) % 100);
        int x = (int)(ts_splitmix64(&rng) % 10), y = (int)(ts_splitmix64(&rng) % 7);
        char *resp, *st;
        size_t k;
        if (n == 0)
            snprintf(event, sizeof event, "{\"type\":\"create\",\"width\":9,\"height\":6}");
        else if (r < 10)
            snprintf(event, sizeof event,
                     "{\"type\":\"join\",\"player\":\"p%d\",\"name\":\"N%d\",\"time\":%d,"
                     "\"random\":%d}",
                     p, r, n * 50, x * 7 + y);
        else if (r < 80)
            snprintf(event, sizeof event,
                     "{\"type\":\"move\",\"player\":\"p%d\",\"x\":%d,\"y\":%d,\"time\":%d}", p, x,
                     y, n * 50);
        else if (r < 83)
            snprintf(event, sizeof event, "{\"type\":\"leave\",\"player\":\"p%d\"}", p);
        else if (r < 90)
            snprintf(event, sizeof event, "{\"type\":\"leaderboard\",\"limit\":%d}", x);
        else if (r < 95)
            snprintf(event, sizeof event, "{\"type\":\"view\"}");
        else
            snprintf(event, sizeof event, "{\"type\":\"player\",\"player\":\"p%d\"}", p);
        resp = ts_submit(s, event);
        st = n % 50 == 49 ? ts_state(s) : NULL;
        k = strlen(resp) + (st != NULL ? strlen(st) : 0) + 2;
        out = realloc(out, used + k + 1);
        assert_non_null(out);
        used += (size_t)snprintf(out + used, k + 1, "%s\n%s\n", resp, st != NULL ? st : "");
        persist_free(resp);
        persist_free(st);
    }
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
    return out;
}

static void test_game_rules_play_the_same(void **state)
{
    static const char *const rules[] = {"examples/game-server/rules/v1/compiled/main.dev.js",
                                        "examples/game-server/rules/v1/compiled/main.optimize.js"};
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        char *on = play(rules[i], 0), *off = play(rules[i], 1);
        assert_non_null(strstr(on, "\"ok\":true"));
        assert_string_equal(on, off);
        free(on);
        free(off);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe_call_sites),
        cmocka_unit_test(test_minimal_program),
        cmocka_unit_test(test_code_left_unchanged),
        cmocka_unit_test(test_name_bound_or_assigned_elsewhere),
        cmocka_unit_test(test_aliases_called_directly),
        cmocka_unit_test(test_record_update_calls),
        cmocka_unit_test(test_compare_in_place),
        cmocka_unit_test(test_constructor_calls),
        cmocka_unit_test(test_review_edges),
        cmocka_unit_test(test_results_kept_by_hash),
        cmocka_unit_test(test_probe_answers_the_same),
        cmocka_unit_test(test_record_updates_answer_the_same),
        cmocka_unit_test(test_game_rules_play_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
