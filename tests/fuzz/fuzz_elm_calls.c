/* fuzz_elm_calls.c - libFuzzer target: the load-time rewrite of compiled Elm code's calls
 * (lib/elm_calls.c) on arbitrary code placed after elm make's wrapper and kernel definitions (F,
 * F2, A2, _Utils_update, _Utils_cmp and two constructors), so that the rewrite's rules are reached.
 * It must never read outside the code; when it rewrites, every line must stay where it was, and the
 * rewritten program must fail to compile exactly when the original does (both are compiled in one
 * heap inside `if (false) { }`, not run; code that closes that block early runs under a 50 ms
 * budget). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "elm_calls.h"
#include "js_host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_elm_calls: requirement failed: %s (line %d)\n", #cond,           \
                    __LINE__);                                                                     \
            __builtin_trap();                                                                      \
        }                                                                                          \
    } while (0)

static const char BLOCK[] = "if (false) {\n";
static const char HEAD[] =
    "(function(scope){\n'use strict';\n"
    "function F(arity, fun, wrapper) {\n  wrapper.a = arity;\n  wrapper.f = fun;\n"
    "  return wrapper;\n}\n"
    "function F2(fun) {\n"
    "  return F(2, fun, function(a) { return function(b) { return fun(a,b); }; })\n}\n"
    "function A2(fun, a, b) {\n  return fun.a === 2 ? fun.f(a, b) : fun(a)(b);\n}\n"
    "var $a$add = F2(function (a, b) { return a + b; });\n"
    "function _Utils_update(oldRecord, updatedFields)\n{\n\tvar newRecord = {};\n"
    "\tfor (var key in oldRecord)\n\t{\n\t\tnewRecord[key] = oldRecord[key];\n\t}\n"
    "\tfor (var key in updatedFields)\n\t{\n\t\tnewRecord[key] = updatedFields[key];\n\t}\n"
    "\treturn newRecord;\n}\n"
    "function _Utils_cmp(x, y, ord)\n{\n\tif (typeof x !== 'object')\n\t{\n"
    "\t\treturn x === y ? /*EQ*/ 0 : x < y ? /*LT*/ -1 : /*GT*/ 1;\n\t}\n"
    "\treturn (ord = _Utils_cmp(x.a, y.a)) ? ord : _Utils_cmp(x.b, y.b);\n}\n"
    "function _List_Cons(hd, tl) { return { $: 1, a: hd, b: tl }; }\n"
    "function _Utils_Tuple2(a, b) { return { a: a, b: b }; }\n"
    "var _List_cons = F2(_List_Cons);\nvar $c$cons = _List_cons;\n";
static const char TAIL[] = "\n_Platform_export({});}(this));\n";
static const char END[] = "}\n";

/* Line terminators as the engine counts them: LF, CR LF, and a CR alone. */
static size_t lines(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
    return count;
}

static int compiles(persist__js *js, const char *code, size_t len)
{
    persist__err err = {0, ""};
    int line = 0;
    int rc = persist__js_eval(js, code, len, "fuzz.js", NULL, &line, &err);
    return rc == PERSIST_ESCRIPT && line != 0 ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static persist__js *js;
    const size_t b = sizeof BLOCK - 1, h = sizeof HEAD - 1, t = sizeof TAIL - 1, e = sizeof END - 1;
    size_t len = b + h + size + t + e, elm = len - b - e, out_len = 0, sites = 0;
    char *code = malloc(len), *out; /* exactly the code: ASan sees any read past it */
    if (code == NULL)
        return 0;
    memcpy(code, BLOCK, b);
    memcpy(code + b, HEAD, h);
    memcpy(code + b + h, data, size);
    memcpy(code + b + h + size, TAIL, t);
    memcpy(code + b + h + size + t, END, e);
    /* The rewrite is given elm make's shape: the code inside `if (false) { }`. */
    out = persist__elm_direct_calls(code + b, elm, &out_len, &sites);
    if (out != NULL) {
        char *whole = malloc(b + out_len + e);
        REQUIRE(sites > 0 && out[out_len] == '\0');
        REQUIRE(lines(out, out_len) == lines(code + b, elm));
        REQUIRE(whole != NULL);
        memcpy(whole, code, b);
        memcpy(whole + b, out, out_len);
        memcpy(whole + b + out_len, END, e);
        if (js == NULL) {
            persist__js_config cfg = {{NULL, NULL}, 50, 8u << 20, 0};
            persist__err err = {0, ""};
            REQUIRE(persist__js_new(&js, &cfg, &err) == PERSIST_OK);
        }
        REQUIRE(compiles(js, code, len) == compiles(js, whole, b + out_len + e));
        free(whole);
        persist__free(out);
    } else {
        REQUIRE(sites == 0);
    }
    free(code);
    return 0;
}
