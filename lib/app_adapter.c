/* app_adapter.c - binds an app's code to the uniform contract the library calls, and keeps the
 * app's state. Calls go through js_host; this file decides what results mean (docs/app-contract.md). */
#include "app_adapter.h"

#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "js_host.h"

#define DEFAULT_JS_MODULE "app"
#define MODULE_CAP        128

struct persist__app {
    persist__js *js;
    uint8_t hash[PERSIST__HASH_LEN];
    char module[MODULE_CAP];
    size_t module_len;
    int has_state;
    int has_pending;
};

/* Normalizes a plain JavaScript app (a global object with the contract functions) to the shape
 * the library calls: deserialize and migrate return {ok, value} or {ok: false, error}. */
static const char PLAIN_BINDER[] =
    "(function (name) {\n"
    "  var g = Function('return this')();\n"
    "  var app = g[name];\n"
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

static const char *const REQUIRED[] = {"init", "update", "serialize", "deserialize"};

static int valid_module(const char *m, size_t n)
{
    if (n == 0 || n >= MODULE_CAP)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = m[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
                 c == '.' || (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return 0;
    }
    return 1;
}

/* Contract functions land in slots named after them; a missing one is reported by name. */
static int bind_contract(persist__app *app, persist__err *err)
{
    persist__js_arg arg = {app->module, app->module_len, NULL};
    int type, rc;
    rc = persist__js_eval(app->js, PLAIN_BINDER, sizeof PLAIN_BINDER - 1, "persist:binder",
                          "binder", err);
    if (rc == PERSIST_OK)
        rc = persist__js_call(app->js, "binder", &arg, 1, "contract", err);
    if (rc == PERSIST_OK)
        rc = persist__js_get(app->js, "contract", NULL, "contract", &type, err);
    if (rc != PERSIST_OK)
        return rc;
    if (type != PERSIST__JS_OBJECT)
        return persist__err_set(err, PERSIST_ECONTRACT,
                                "the app defines no global object `%s` with the contract functions "
                                "(init, update, serialize, deserialize); see docs/app-contract.md",
                                app->module);
    for (size_t i = 0; i < sizeof REQUIRED / sizeof REQUIRED[0]; i++) {
        rc = persist__js_get(app->js, "contract", REQUIRED[i], REQUIRED[i], &type, err);
        if (rc != PERSIST_OK)
            return rc;
        if (type != PERSIST__JS_FUNCTION)
            return persist__err_set(err, PERSIST_ECONTRACT,
                                    "the app's `%s.%s` is %s, not a function; every app must "
                                    "provide init, update, serialize and deserialize",
                                    app->module, REQUIRED[i], persist__js_type_name(type));
    }
    return PERSIST_OK;
}

int persist__app_load(persist__app **out, const persist__app_source *src, const persist__logger *lg,
                      persist__err *err)
{
    persist__app *app;
    int rc;
    *out = NULL;
    if (src->module_len > 0 && !valid_module(src->module, src->module_len))
        return persist__err_set(err, PERSIST_EINVAL,
                                "module name must be 1-127 characters of letters, digits, _ $ .");
    app = calloc(1, sizeof *app);
    if (app == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    memcpy(app->hash, src->hash, PERSIST__HASH_LEN);
    app->module_len = src->module_len > 0 ? src->module_len : strlen(DEFAULT_JS_MODULE);
    memcpy(app->module, src->module_len > 0 ? src->module : DEFAULT_JS_MODULE, app->module_len);
    rc = persist__js_new(&app->js, lg, err);
    if (rc == PERSIST_OK) {
        rc = persist__js_eval(app->js, src->code, src->code_len, "app.js", NULL, err);
        if (rc == PERSIST_ESCRIPT) {
            err->code = rc = PERSIST_ELOAD;
            persist__err_prefix(err, "the app code failed to load");
        }
    }
    if (rc == PERSIST_OK)
        rc = bind_contract(app, err);
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
    free(app);
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

int persist__app_has_state(const persist__app *app)
{
    return app->has_state;
}

static int call_failed(persist__err *err, int rc, const char *fn)
{
    if (rc == PERSIST_ESCRIPT)
        persist__err_prefix(err, "the app's %s threw", fn);
    return rc;
}

int persist__app_init(persist__app *app, persist__err *err)
{
    int rc = persist__js_call(app->js, "init", NULL, 0, "state", err);
    if (rc != PERSIST_OK)
        return call_failed(err, rc, "init");
    app->has_state = 1;
    return PERSIST_OK;
}

int persist__app_update(persist__app *app, const char *event, size_t len, int *out_changed,
                        char **out_resp, size_t *out_resp_len, persist__err *err)
{
    persist__js_arg args[2] = {{event, len, NULL}, {NULL, 0, "state"}};
    int type, rc;
    *out_resp = NULL;
    rc = persist__js_call(app->js, "update", args, 2, "result", err);
    if (rc != PERSIST_OK)
        return call_failed(err, rc, "update");
    rc = persist__js_get(app->js, "result", "0", "pending", &type, err);
    if (rc == PERSIST_OK && type == PERSIST__JS_UNDEFINED)
        rc = persist__err_set(err, PERSIST_ECONTRACT,
                              "the app's update must return [newState, response]; its first "
                              "element is undefined");
    if (rc == PERSIST_OK) {
        rc = persist__js_string(app->js, "result", "1", out_resp, out_resp_len, err);
        if (rc == PERSIST_ECONTRACT)
            persist__err_prefix(err, "the app's update must return [newState, response] with a "
                                     "string response");
    }
    persist__js_drop(app->js, "result");
    if (rc != PERSIST_OK) {
        persist__app_discard(app);
        return rc;
    }
    app->has_pending = 1;
    *out_changed = !persist__js_same(app->js, "pending", "state");
    return PERSIST_OK;
}

void persist__app_accept(persist__app *app)
{
    if (!app->has_pending)
        return;
    persist__js_move(app->js, "pending", "state");
    app->has_pending = 0;
    app->has_state = 1;
}

void persist__app_discard(persist__app *app)
{
    persist__js_drop(app->js, "pending");
    app->has_pending = 0;
}

static int serialize_slot(persist__app *app, const char *slot, char **out, size_t *out_len,
                          persist__err *err)
{
    persist__js_arg arg = {NULL, 0, slot};
    int rc = persist__js_call(app->js, "serialize", &arg, 1, "result", err);
    if (rc != PERSIST_OK)
        return call_failed(err, rc, "serialize");
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
        return call_failed(err, rc, fn);
    rc = persist__js_bool(app->js, "result", "ok", &ok, err);
    if (rc == PERSIST_ECONTRACT)
        persist__err_prefix(err, "the app's %s returned a malformed result", fn);
    else if (rc == PERSIST_OK && ok)
        rc = persist__js_get(app->js, "result", "value", to, &type, err);
    else if (rc == PERSIST_OK) {
        persist__js_string(app->js, "result", "error", &why, NULL, err);
        rc = persist__err_set(err, reject_code, "the app's %s rejected the state: %s", fn,
                              why != NULL ? why : "(no reason given)");
    }
    free(why);
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
    if (type != PERSIST__JS_FUNCTION)
        return persist__err_set(err, PERSIST_ECONTRACT,
                                "the app's `%s.migrate` is %s, not a function; an app deployed "
                                "with migration must provide migrate",
                                app->module, persist__js_type_name(type));
    rc = call_result(app, "migrate", text, len, "state", PERSIST_EMIGRATE, err);
    if (rc == PERSIST_OK)
        app->has_state = 1;
    return rc;
}

int persist__app_roundtrip(persist__app *app, char **out, size_t *out_len, persist__err *err)
{
    char *s1 = NULL, *s2 = NULL;
    size_t n1 = 0, n2 = 0;
    int rc = persist__app_serialize(app, 0, &s1, &n1, err);
    if (rc == PERSIST_OK)
        rc = call_result(app, "deserialize", s1, n1, "roundtrip", PERSIST_EROUNDTRIP, err);
    if (rc == PERSIST_OK)
        rc = serialize_slot(app, "roundtrip", &s2, &n2, err);
    if (rc == PERSIST_OK && (n1 != n2 || memcmp(s1, s2, n1) != 0))
        rc = persist__err_set(err, PERSIST_EROUNDTRIP,
                              "the state does not survive serialize/deserialize/serialize: "
                              "first %.300s, then %.300s",
                              s1, s2);
    free(s2);
    if (rc != PERSIST_OK) {
        persist__js_drop(app->js, "roundtrip");
        free(s1);
        return rc;
    }
    persist__js_move(app->js, "roundtrip", "state");
    *out = s1;
    *out_len = n1;
    return PERSIST_OK;
}
