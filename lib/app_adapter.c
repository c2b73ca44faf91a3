/* app_adapter.c - binds an app's code to the uniform contract the library calls, and keeps the
 * app's state. Calls go through js_host; this file decides what results mean
 * (docs/app-contract.md). */
#include "app_adapter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "elm_calls.h"
#include "errors.h"
#include "js_host.h"

#define DEFAULT_JS_MODULE  "app"
#define DEFAULT_ELM_MODULE "Backend.Main"
#define MODULE_CAP         128

/* The two app shapes behind the one contract. */
typedef enum app_kind { KIND_PLAIN_JS, KIND_ELM } app_kind;

struct persist__app {
    persist__js *js;
    app_kind kind;
    uint8_t hash[PERSIST__HASH_LEN];
    char module[MODULE_CAP];
    size_t module_len;
    int has_state;
    int has_pending;
    int has_sealed; /* the state a commit in progress will make live */
    int marked;     /* mark holds the pending state before the events of one call */
};

/* Normalizes a plain JavaScript app (an object with the contract functions, found by its dotted
 * path from the global object) to the shape
 * the library calls: deserialize and migrate return {ok, value} or {ok: false, error}. */
static const char PLAIN_BINDER[] =
    "(function (name) {\n"
    "  var g = Function('return this')();\n"
    "  var app = g, path = name.split('.');\n"
    "  for (var i = 0; i < path.length && app !== null && app !== undefined; i++)\n"
    "    app = app[path[i]];\n"
    "  if (app === null || (typeof app !== 'object' && typeof app !== 'function')) return null;\n"
    "  function call(f) {\n"
    "    return typeof f === 'function' ? function () { return f.apply(app, arguments); } : f;\n"
    "  }\n"
    "  function result(f) {\n"
    "    if (typeof f !== 'function') return f;\n"
    "    return function (text) {\n"
    "      try { return { ok: true, value: f.call(app, text) }; }\n"
    "      catch (e) { return { ok: false, error: String(e instanceof Error ? e.message : e) }; }\n"
    "    };\n"
    "  }\n"
    "  return { init: call(app.init), update: call(app.update), serialize: call(app.serialize),\n"
    "           deserialize: result(app.deserialize), migrate: result(app.migrate) };\n"
    "})\n";

/* Normalizes the values the inserted statement (see elm_source) handed over: tuples are {a, b}
 * in both output modes; Result is {$: 'Ok'|'Err', a} in dev mode and {$: 0|1, a} with --optimize.
 */
static const char ELM_BINDER[] =
    "(function (name) {\n"
    "  var g = Function('return this')();\n"
    "  var e = g.__persist_elm;\n"
    "  delete g.__persist_elm;\n"
    "  if (e === null || typeof e !== 'object') return null;\n"
    "  function result(f, what) {\n"
    "    if (typeof f !== 'function') return f;\n"
    "    return function (text) {\n"
    "      var r = f(text);\n"
    "      if (r !== null && typeof r === 'object' && (r.$ === 'Ok' || r.$ === 0))\n"
    "        return { ok: true, value: r.a };\n"
    "      if (r !== null && typeof r === 'object' && (r.$ === 'Err' || r.$ === 1))\n"
    "        return { ok: false, error: typeof r.a === 'string' ? r.a : JSON.stringify(r.a) };\n"
    "      throw new TypeError(what + ' must return a Result String State');\n"
    "    };\n"
    "  }\n"
    "  var exported = (', ' + e.modules + ', ').indexOf(', ' + name + ', ') >= 0;\n"
    "  return {\n"
    "    found: exported, modules: e.modules,\n"
    "    init: e.init === undefined ? undefined : function () { return e.init; },\n"
    "    update: typeof e.update !== 'function' ? e.update : function (event, state) {\n"
    "      var t = e.A2(e.update, event, state);\n"
    "      return t === null || typeof t !== 'object' ? t : [t.a, t.b];\n"
    "    },\n"
    "    serialize: e.serialize,\n"
    "    deserialize: result(e.deserialize, 'interfaceToHost_deserializeState'),\n"
    "    migrate: result(e.migrate, 'interfaceToHost_migrateFromSerialized')\n"
    "  };\n"
    "})\n";

/* Contract slots and what each adapter calls them, for messages. */
static const char *const REQUIRED[] = {"init", "update", "serialize", "deserialize"};
static const char *const ELM_NAMES[] = {"interfaceToHost_initState", "interfaceToHost_processEvent",
                                        "interfaceToHost_serializeState",
                                        "interfaceToHost_deserializeState"};
#define ELM_MIGRATE_NAME "interfaceToHost_migrateFromSerialized"

static int valid_module(const char *m, size_t n, app_kind kind)
{
    if (n == 0 || n >= MODULE_CAP)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = m[i];
        int start = i == 0 || m[i - 1] == '.';
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
                 (c == '.' && !start && i + 1 < n) || (!start && c >= '0' && c <= '9');
        if (kind == KIND_ELM && start && !(c >= 'A' && c <= 'Z'))
            ok = 0; /* Elm module names: capitalized segments */
        if (!ok)
            return 0;
    }
    return 1;
}

/* Skips whitespace and comments forward from i (block comments and `//` lines). */
static size_t skip_space(const char *code, size_t len, size_t i)
{
    for (;;) {
        while (i < len && (code[i] == ' ' || code[i] == '\n' || code[i] == '\r' || code[i] == '\t'))
            i++;
        if (i + 1 < len && code[i] == '/' && code[i + 1] == '/') {
            while (i < len && code[i] != '\n')
                i++;
        } else if (i + 1 < len && code[i] == '/' && code[i + 1] == '*') {
            const char *end = memmem(code + i + 2, len - i - 2, "*/", 2);
            if (end == NULL)
                return len;
            i = (size_t)(end - code) + 2;
        } else {
            return i;
        }
    }
}

/* The tokens of `text` (separated by single spaces there) at i, whitespace and comments allowed
 * between them; returns the offset after them, or 0. */
static size_t match_tokens(const char *code, size_t len, size_t i, const char *text)
{
    while (*text != '\0') {
        size_t n = strcspn(text, " ");
        i = skip_space(code, len, i);
        if (len - i < n || memcmp(code + i, text, n) != 0)
            return 0;
        i += n;
        text += n + (text[n] == ' ');
    }
    return i;
}

/* The end of the code without trailing whitespace, semicolons and `//` comment lines (a source
 * map comment after the wrapper). */
static size_t trim_end(const char *code, size_t start, size_t end)
{
    for (;;) {
        size_t line, first;
        while (end > start &&
               (code[end - 1] == ' ' || code[end - 1] == '\n' || code[end - 1] == '\r' ||
                code[end - 1] == '\t' || code[end - 1] == ';'))
            end--;
        for (line = end; line > start && code[line - 1] != '\n'; line--)
            ;
        for (first = line; first < end && (code[first] == ' ' || code[first] == '\t'); first++)
            ;
        if (end - first < 2 || code[first] != '/' || code[first + 1] != '/')
            return end;
        end = line;
    }
}

/* `elm make` 0.19.1 output, "(function(scope){ 'use strict'; ... _Platform_export(...);}(this));",
 * also as tools that keep names reshape it (elm-optimize-level-2, formatters): any whitespace and
 * comments between the tokens, `}(this))` or `})(this)`, with or without the final `;`. Returns the
 * offset of the wrapper function's closing brace, or 0 when the code does not have that shape. */
static size_t elm_wrapper_end(const char *code, size_t len)
{
    static const char *const tails[] = {"} ( this ) )", "} ) ( this )"};
    size_t body = match_tokens(code, len, 0, "( function ( scope ) {"), end;
    if (body == 0 || memmem(code, len, "_Platform_export(", 17) == NULL)
        return 0;
    end = trim_end(code, body, len);
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        /* Try each `}` from the end: the tail's tokens must reach exactly the trimmed end. */
        size_t n = strlen(tails[t]) + 16, from = end > body + n * 4 ? end - n * 4 : body;
        for (size_t i = end; i-- > from;)
            if (code[i] == '}' && match_tokens(code, end, i, tails[t]) == end)
                return i;
    }
    return 0;
}

/* The Elm output with one statement inserted before the wrapper's end: it hands the interface
 * values (undefined where dead-code elimination dropped them) and A2 to the binder. */
static char *elm_source(const char *code, size_t len, size_t at, const char *module,
                        size_t *out_len)
{
    static const char *const fields[][2] = {{"init", "initState"},
                                            {"update", "processEvent"},
                                            {"serialize", "serializeState"},
                                            {"deserialize", "deserializeState"},
                                            {"migrate", "migrateFromSerialized"}};
    char prefix[MODULE_CAP + 32], stmt[4096];
    size_t n, used;
    char *out;
    n = (size_t)snprintf(prefix, sizeof prefix, "$author$project$%s$", module);
    for (size_t i = 0; i < n; i++)
        if (prefix[i] == '.')
            prefix[i] = '$';
    used = (size_t)snprintf(stmt, sizeof stmt, "\n;scope.__persist_elm = { A2: A2");
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        used += (size_t)snprintf(stmt + used, sizeof stmt - used,
                                 ", %s: typeof %sinterfaceToHost_%s === 'undefined' ? undefined : "
                                 "%sinterfaceToHost_%s",
                                 fields[i][0], prefix, fields[i][1], prefix, fields[i][1]);
    /* The modules the output exports (Elm.<path>.init), for the message when `module` is not one.
     */
    used += (size_t)snprintf(stmt + used, sizeof stmt - used,
                             ", modules: (function walk(o, p) { var m = []; for (var k in o) "
                             "if (o[k] && typeof o[k].init === 'function') m.push(p + k); "
                             "else if (o[k] && typeof o[k] === 'object') "
                             "m = m.concat(walk(o[k], p + k + '.')); return m; "
                             "})(scope['Elm'] || {}, '').join(', ') };\n");
    out = persist__malloc(len + used + 1);
    if (out == NULL)
        return NULL;
    memcpy(out, code, at);
    memcpy(out + at, stmt, used);
    memcpy(out + at + used, code + at, len - at);
    out[len + used] = '\0';
    *out_len = len + used;
    return out;
}

/* The deploy's module must be one the Elm output exports (a common mistake: `elm init` apps are
 * called Main, the default here is Backend.Main). */
static int elm_module_found(persist__app *app, persist__err *err)
{
    char *modules = NULL;
    int found = 0, rc = persist__js_bool(app->js, "contract", "found", &found, err);
    if (rc != PERSIST_OK || found)
        return rc;
    persist__js_string(app->js, "contract", "modules", &modules, NULL, err);
    rc = persist__err_set(err, PERSIST_ECONTRACT,
                          "the elm make output has no module %s (it exports: %s); pass the main "
                          "module's name as the deploy's module",
                          app->module, modules != NULL && modules[0] ? modules : "nothing");
    persist__free(modules);
    return rc;
}

/* Contract functions land in slots named after them; a missing one is reported by name. */
static int bind_contract(persist__app *app, persist__err *err)
{
    persist__js_arg arg = {app->module, app->module_len, NULL};
    int elm = app->kind == KIND_ELM;
    int type, syntax_line, rc;
    rc = persist__js_eval(app->js, elm ? ELM_BINDER : PLAIN_BINDER,
                          elm ? sizeof ELM_BINDER - 1 : sizeof PLAIN_BINDER - 1, "persist:binder",
                          "binder", &syntax_line, err);
    if (rc == PERSIST_OK)
        rc = persist__js_call(app->js, "binder", &arg, 1, "contract", err);
    if (rc == PERSIST_OK)
        rc = persist__js_get(app->js, "contract", NULL, "contract", &type, err);
    if (rc != PERSIST_OK)
        return rc;
    if (type != PERSIST__JS_OBJECT)
        return persist__err_set(err, PERSIST_ECONTRACT,
                                "the code is neither `elm make` output nor a plain JavaScript app: "
                                "it defines no global object `%s` with the contract functions "
                                "(init, update, serialize, deserialize); see docs/app-contract.md",
                                app->module);
    if (elm && (rc = elm_module_found(app, err)) != PERSIST_OK)
        return rc;
    for (size_t i = 0; i < sizeof REQUIRED / sizeof REQUIRED[0]; i++) {
        rc = persist__js_get(app->js, "contract", REQUIRED[i], REQUIRED[i], &type, err);
        if (rc != PERSIST_OK)
            return rc;
        /* Elm's initState is a value; every other contract member is a function. */
        if (elm && i == 0 ? type != PERSIST__JS_UNDEFINED : type == PERSIST__JS_FUNCTION)
            continue;
        if (elm)
            return persist__err_set(err, PERSIST_ECONTRACT,
                                    "the Elm module %s has no `%s` in the compiled output: define "
                                    "it and reference it from `main`, or dead-code elimination "
                                    "drops it (docs/elm.md)",
                                    app->module, ELM_NAMES[i]);
        return persist__err_set(err, PERSIST_ECONTRACT,
                                "the app's `%s.%s` is %s, not a function; every app must "
                                "provide init, update, serialize and deserialize",
                                app->module, REQUIRED[i], persist__js_type_name(type));
    }
    return PERSIST_OK;
}

const char *persist__app_default_module(const char *code, size_t len)
{
    return elm_wrapper_end(code, len) > 0 ? DEFAULT_ELM_MODULE : DEFAULT_JS_MODULE;
}

/* Whether the code is an Elm module's source (its first word after comments and blank space is
 * `module`, or `port module` or `effect module`) instead of what `elm make` writes. */
static int is_elm_source(const char *p, const char *end)
{
    static const char *const starts[] = {"module ", "port module ", "effect module "};
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
            p++;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            p = eol != NULL ? eol : end;
        } else if (end - p >= 2 && p[0] == '{' && p[1] == '-') {
            const char *close = p + 2;
            while (close + 1 < end && !(close[0] == '-' && close[1] == '}'))
                close++;
            p = close + 1 < end ? close + 2 : end;
        } else {
            break;
        }
    }
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        if ((size_t)(end - p) >= strlen(starts[i]) && memcmp(p, starts[i], strlen(starts[i])) == 0)
            return 1;
    return 0;
}

/* Evaluating the app's code failed: say whether it does not parse (with the line, from the code
 * as deployed: the Elm adapter's statement goes after every line of it) or threw. */
static int load_failed(const persist__app_source *src, int line, persist__err *err)
{
    const char *p = src->code, *end = src->code + src->code_len, *eol;
    char excerpt[96] = "";
    err->code = PERSIST_ELOAD;
    if (line == 0)
        return persist__err_prefix(err, "the app's code threw while it was loaded");
    for (int n = 1; n < line && p < end; n++)
        p = (p = memchr(p, '\n', (size_t)(end - p))) != NULL ? p + 1 : end;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    eol = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    if (line > 0 && p < end)
        snprintf(excerpt, sizeof excerpt, "; line %d reads: %.*s%s", line,
                 (int)((eol != NULL ? eol : end) - p < 72 ? (eol != NULL ? eol : end) - p : 72), p,
                 (eol != NULL ? eol : end) - p > 72 ? "..." : "");
    if (is_elm_source(src->code, end))
        return persist__err_set(err, PERSIST_ELOAD,
                                "the app's code is Elm source, not JavaScript: deploy what `elm "
                                "make src/Main.elm --output main.js` writes (docs/elm.md)%s",
                                excerpt);
    return persist__err_set(
        err, PERSIST_ELOAD,
        "the app's code does not parse as ECMAScript 5.1, the language apps run "
        "in (compile newer JavaScript down to ES5): %.*s%s",
        (int)strcspn(err->msg, "\n"), err->msg, excerpt);
}

int persist__app_load(persist__app **out, const persist__app_source *src,
                      const persist__js_config *cfg, persist__err *err)
{
    persist__app *app;
    size_t elm_end = elm_wrapper_end(src->code, src->code_len);
    app_kind kind = elm_end > 0 ? KIND_ELM : KIND_PLAIN_JS;
    const char *dflt = kind == KIND_ELM ? DEFAULT_ELM_MODULE : DEFAULT_JS_MODULE;
    char *code = NULL;
    size_t code_len = src->code_len;
    int syntax_line, rc;
    *out = NULL;
    if (src->module_len > 0 && !valid_module(src->module, src->module_len, kind))
        return persist__err_set(err, PERSIST_EINVAL,
                                kind == KIND_ELM
                                    ? "an Elm module name is capitalized segments joined by dots"
                                    : "module name must be 1-127 characters of letters, digits, "
                                      "_ $ .");
    app = persist__calloc(1, sizeof *app);
    if (app == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    app->kind = kind;
    memcpy(app->hash, src->hash, PERSIST__HASH_LEN);
    app->module_len = src->module_len > 0 ? src->module_len : strlen(dflt);
    memcpy(app->module, src->module_len > 0 ? src->module : dflt, app->module_len);
    if (kind == KIND_ELM) {
        /* Calls through A2..A9 made direct (elm_calls.c; the process keeps the last results by
         * the app's hash), then the binder's statement. */
        size_t direct_len = 0, sites = 0;
        char *direct = persist__test_hook("elm-calls-off") == PERSIST_OK
                           ? persist__elm_direct_calls_of(src->hash, src->code, src->code_len,
                                                          &direct_len, &sites)
                           : NULL;
        size_t direct_end = direct != NULL ? elm_wrapper_end(direct, direct_len) : 0;
        if (direct_end > 0)
            code = elm_source(direct, direct_len, direct_end, app->module, &code_len);
        else
            code = elm_source(src->code, src->code_len, elm_end, app->module, &code_len);
        persist__free(direct);
        if (code == NULL) {
            persist__free(app);
            return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
        }
    }
    rc = persist__js_new(&app->js, cfg, err);
    if (rc == PERSIST_OK) {
        rc = persist__js_eval(app->js, code != NULL ? code : src->code, code_len,
                              kind == KIND_ELM ? "elm.js" : "app.js", NULL, &syntax_line, err);
        if (rc == PERSIST_ESCRIPT)
            rc = load_failed(src, syntax_line, err);
    }
    persist__free(code);
    if (rc == PERSIST_OK)
        rc = bind_contract(app, err);
    if (rc == PERSIST_ECONTRACT && kind == KIND_ELM &&
        memmem(src->code, src->code_len, "$author$project$", 16) == NULL)
        persist__err_set(err, rc,
                         "the compiled Elm code has none of the names `elm make` gives the app's "
                         "definitions ($author$project$...): a minifier or another tool renamed "
                         "them, and libpersist finds the interface (interfaceToHost_...) by those "
                         "names; deploy the output of elm make, or of a tool that keeps names "
                         "(elm-optimize-level-2, formatters), and minify only what goes to "
                         "browsers");
    if (rc != PERSIST_OK) {
        persist__app_free(app);
        return rc;
    }
    *out = app;
    return PERSIST_OK;
}

void persist__app_free(persist__app *app)
{
    if (app == NULL)
        return;
    persist__js_free(app->js);
    persist__free(app);
}

const uint8_t *persist__app_hash(const persist__app *app)
{
    return app->hash;
}

const char *persist__app_module(const persist__app *app, size_t *len)
{
    *len = app->module_len;
    return app->module;
}

/* How the app author calls a contract function: Elm apps by their interfaceToHost_ name. */
static const char *fn_name(const persist__app *app, const char *fn)
{
    static const char *const slots[] = {"init", "update", "serialize", "deserialize", "migrate"};
    static const char *const elm[] = {"interfaceToHost_initState", "interfaceToHost_processEvent",
                                      "interfaceToHost_serializeState",
                                      "interfaceToHost_deserializeState",
                                      "interfaceToHost_migrateFromSerialized"};
    for (size_t i = 0; app->kind == KIND_ELM && i < sizeof slots / sizeof slots[0]; i++)
        if (strcmp(fn, slots[i]) == 0)
            return elm[i];
    return fn;
}

static int call_failed(const persist__app *app, persist__err *err, int rc, const char *fn)
{
    if (rc == PERSIST_ESCRIPT)
        persist__err_prefix(err, "the app's %s threw", fn_name(app, fn));
    return rc;
}

int persist__app_init(persist__app *app, persist__err *err)
{
    int rc = persist__js_call(app->js, "init", NULL, 0, "state", err);
    if (rc != PERSIST_OK)
        return call_failed(app, err, rc, "init");
    app->has_state = 1;
    return PERSIST_OK;
}

int persist__app_update(persist__app *app, const char *event, size_t len, int *out_changed,
                        char **out_resp, size_t *out_resp_len, persist__err *err)
{
    const char *base = app->has_pending ? "pending" : "state";
    persist__js_arg args[2] = {{event, len, NULL}, {NULL, 0, base}};
    persist__js_pair pair = {"pending", base, 0, 0, 0, NULL, 0};
    int rc;
    *out_resp = NULL;
    /* One entry into the heap: call, take the result apart, compare, keep the new state. */
    rc = persist__js_call_pair(app->js, "update", args, 2, &pair, err);
    if (rc != PERSIST_OK)
        return call_failed(app, err, rc, "update");
    if (pair.value_type == PERSIST__JS_UNDEFINED)
        return persist__err_set(err, PERSIST_ECONTRACT,
                                "the app's update must return [newState, response]; its first "
                                "element is undefined");
    if (pair.text_type != PERSIST__JS_STRING) {
        persist__err_set(err, PERSIST_ECONTRACT, "expected a string but got %s",
                         persist__js_type_name(pair.text_type));
        return persist__err_prefix(err, "the app's update must return [newState, response] with "
                                        "a string response");
    }
    *out_changed = !pair.same;
    *out_resp = pair.text;
    *out_resp_len = pair.text_len;
    app->has_pending = 1;
    return PERSIST_OK;
}

int persist__app_accept(persist__app *app, persist__err *err)
{
    int rc;
    if (!app->has_pending)
        return PERSIST_OK;
    rc = persist__js_move(app->js, "pending", "state", err);
    if (rc != PERSIST_OK)
        return rc;
    app->has_pending = 0;
    app->has_state = 1;
    return PERSIST_OK;
}

void persist__app_discard(persist__app *app)
{
    persist__js_drop(app->js, "pending");
    persist__js_drop(app->js, "sealed");
    persist__js_drop(app->js, "mark");
    app->has_pending = app->has_sealed = app->marked = 0;
}

/* A copy of a slot is a second reference to the same value: states are never mutated. */
static int copy_slot(persist__app *app, const char *from, const char *to, persist__err *err)
{
    int type;
    return persist__js_get(app->js, from, NULL, to, &type, err);
}

int persist__app_mark(persist__app *app, persist__err *err)
{
    app->marked = app->has_pending;
    return app->has_pending ? copy_slot(app, "pending", "mark", err) : PERSIST_OK;
}

int persist__app_rollback(persist__app *app, persist__err *err)
{
    int rc = PERSIST_OK;
    if (app->marked)
        rc = persist__js_move(app->js, "mark", "pending", err);
    else
        persist__js_drop(app->js, "pending");
    app->has_pending = app->marked;
    app->marked = 0;
    return rc;
}

void persist__app_unmark(persist__app *app)
{
    persist__js_drop(app->js, "mark");
    app->marked = 0;
}

int persist__app_seal(persist__app *app, persist__err *err)
{
    app->has_sealed = app->has_pending;
    return app->has_pending ? copy_slot(app, "pending", "sealed", err) : PERSIST_OK;
}

int persist__app_accept_sealed(persist__app *app, persist__err *err)
{
    int rc;
    if (!app->has_sealed)
        return PERSIST_OK;
    if ((rc = persist__js_move(app->js, "sealed", "state", err)) != PERSIST_OK)
        return rc;
    app->has_sealed = 0;
    app->has_state = 1;
    if (app->has_pending && persist__js_same(app->js, "pending", "state")) {
        persist__js_drop(app->js, "pending"); /* nothing was applied after the sealed state */
        app->has_pending = 0;
    }
    return PERSIST_OK;
}

static int serialize_slot(persist__app *app, const char *slot, char **out, size_t *out_len,
                          persist__err *err)
{
    persist__js_arg arg = {NULL, 0, slot};
    int rc = persist__js_call(app->js, "serialize", &arg, 1, "result", err);
    if (rc != PERSIST_OK)
        return call_failed(app, err, rc, "serialize");
    rc = persist__js_string(app->js, "result", NULL, out, out_len, err);
    if (rc == PERSIST_ECONTRACT)
        persist__err_prefix(err, "the app's serialize must return a string");
    persist__js_drop(app->js, "result");
    return rc;
}

int persist__app_serialize(persist__app *app, int pending, char **out, size_t *out_len,
                           persist__err *err)
{
    if (!(pending ? app->has_pending : app->has_state))
        return persist__err_set(err, PERSIST_ENOAPP, "the app has no state");
    return serialize_slot(app, pending ? "pending" : "state", out, out_len, err);
}

/* Calls deserialize or migrate ({ok, value} / {ok: false, error}) and keeps the value in `to`. */
static int call_result(persist__app *app, const char *fn, const char *text, size_t len,
                       const char *to, int reject_code, persist__err *err)
{
    persist__js_arg arg = {text, len, NULL};
    char *why = NULL;
    int ok = 0, type, rc = persist__js_call(app->js, fn, &arg, 1, "result", err);
    if (rc != PERSIST_OK)
        return call_failed(app, err, rc, fn);
    rc = persist__js_bool(app->js, "result", "ok", &ok, err);
    if (rc == PERSIST_ECONTRACT)
        persist__err_prefix(err, "the app's %s returned a malformed result", fn_name(app, fn));
    else if (rc == PERSIST_OK && ok)
        rc = persist__js_get(app->js, "result", "value", to, &type, err);
    else if (rc == PERSIST_OK) {
        persist__js_string(app->js, "result", "error", &why, NULL, err);
        rc = persist__err_set(err, reject_code, "the app's %s rejected the state: %s",
                              fn_name(app, fn), why != NULL ? why : "(no reason given)");
    }
    persist__free(why);
    persist__js_drop(app->js, "result");
    return rc;
}

int persist__app_deserialize(persist__app *app, const char *text, size_t len, persist__err *err)
{
    int rc = call_result(app, "deserialize", text, len, "state", PERSIST_EREJECTED, err);
    if (rc == PERSIST_OK)
        app->has_state = 1;
    return rc;
}

int persist__app_migrate(persist__app *app, const char *text, size_t len, persist__err *err)
{
    int type, rc = persist__js_get(app->js, "contract", "migrate", "migrate", &type, err);
    if (rc != PERSIST_OK)
        return rc;
    if (type == PERSIST__JS_FUNCTION) {
        rc = call_result(app, "migrate", text, len, "state", PERSIST_EMIGRATE, err);
    } else if (type == PERSIST__JS_UNDEFINED) {
        /* No migration function (a release whose state type did not change): the previous
         * state goes through the app's own deserialize; a state it cannot read is refused with
         * its reason, and the round trip after the migration still applies. */
        rc = call_result(app, "deserialize", text, len, "state", PERSIST_EMIGRATE, err);
        if (rc == PERSIST_EMIGRATE)
            persist__err_prefix(err,
                                "the app has no %s, so the previous state went through its "
                                "deserialize, which cannot read it",
                                app->kind == KIND_ELM ? ELM_MIGRATE_NAME : "migrate");
    } else {
        return persist__err_set(err, PERSIST_ECONTRACT,
                                "the app's `%s.migrate` is %s, not a function", app->module,
                                persist__js_type_name(type));
    }
    if (rc == PERSIST_OK)
        app->has_state = 1;
    return rc;
}

/* deserialize(text) into the roundtrip slot must serialize to text again; a deserialize that fails
 * is `rejected`. */
static int check_text(persist__app *app, const char *text, size_t len, int rejected,
                      persist__err *err)
{
    char *again = NULL;
    size_t n = 0;
    int rc = call_result(app, "deserialize", text, len, "roundtrip", rejected, err);
    if (rc == PERSIST_OK)
        rc = serialize_slot(app, "roundtrip", &again, &n, err);
    if (rc == PERSIST_OK && (n != len || memcmp(text, again, n) != 0))
        rc = persist__err_set(err, PERSIST_EROUNDTRIP,
                              "the state does not survive serialize/deserialize/serialize: "
                              "first %.300s, then %.300s",
                              text, again);
    persist__free(again);
    if (rc != PERSIST_OK)
        persist__js_drop(app->js, "roundtrip");
    return rc;
}

int persist__app_check_text(persist__app *app, const char *text, size_t len, persist__err *err)
{
    int rc = check_text(app, text, len, PERSIST_EROUNDTRIP, err);
    persist__js_drop(app->js, "roundtrip");
    return rc;
}

int persist__app_load_checked(persist__app *app, const char *text, size_t len, persist__err *err)
{
    int rc = check_text(app, text, len, PERSIST_EREJECTED, err);
    if (rc == PERSIST_OK)
        rc = persist__js_move(app->js, "roundtrip", "state", err);
    if (rc == PERSIST_OK)
        app->has_state = 1;
    else
        persist__js_drop(app->js, "roundtrip");
    return rc;
}

int persist__app_roundtrip(persist__app *app, char **out, size_t *out_len, persist__err *err)
{
    char *s1 = NULL;
    size_t n1 = 0;
    int rc = persist__app_serialize(app, 0, &s1, &n1, err);
    if (rc == PERSIST_OK)
        rc = check_text(app, s1, n1, PERSIST_EROUNDTRIP, err);
    if (rc != PERSIST_OK) {
        persist__free(s1);
        return rc;
    }
    rc = persist__js_move(app->js, "roundtrip", "state", err);
    if (rc != PERSIST_OK) {
        persist__free(s1);
        return rc;
    }
    *out = s1;
    *out_len = n1;
    return PERSIST_OK;
}
