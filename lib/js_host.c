/* js_host.c - Duktape heaps: sandbox, console, fatal handler, and protected access to values kept
 * in named slots at the bottom of the heap's value stack (the only file that includes duktape.h).
 */
#include "js_host.h"

#include <duktape.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "block_cache.h"
#include "clock.h"
#include "code_cache.h"
#include "elm_calls.h"
#include "errors.h"
#include "hash.h"
#include "utf8.h"

/* Units of native work (a property access, a native call, a regexp step, 64 bytes compared by a
 * string search) between two looks at the clock; a unit is roughly 10 to 100 ns. */
#define WORK_INTERVAL 4096
/* Allocations between two looks at the clock (refuse()), and the size from which an allocation
 * looks at it anyway. */
#define CLOCK_EVERY 32
#define CLOCK_LARGE (64u << 10)
/* The longest an error's description may run app code (its toString, a stack getter). */
#define DESCRIBE_BUDGET_MS 50

struct persist__js {
    long work_left; /* first member: checkpoints.patch counts native work down through udata */
    duk_context *ctx;
    persist__logger lg;
    persist__js_config cfg;
    uint64_t deadline_ns;       /* end of the current call's time budget; 0 = none */
    volatile int timed_out;     /* the current call hit its budget */
    size_t mem_used;            /* bytes the heap holds through js_alloc */
    persist__block_cache cache; /* small blocks the heap freed, for its next allocations */
    long alloc_left;            /* allocations before refuse() reads the clock; <= 0 timed out */
    size_t mem_cap;             /* cfg.mem_limit, or SIZE_MAX for none */
    int building;               /* creating the heap: Duktape cannot survive a failed allocation */
    int mem_exceeded;           /* an allocation of the current call was refused by the cap */
    int alloc_failed;           /* ... or failed: the process is out of memory */
    jmp_buf guard;
    volatile int guarded;
    volatile int dead; /* a fatal error happened: the heap must not be used or destroyed */
    char fatal_msg[256];
};

/* Removes clock and randomness; time and randomness must arrive inside events (docs/design.md
 * section 4). */
static const char SANDBOX[] =
    "(function (g) {\n"
    "  'use strict';\n"
    "  function unavailable(what) {\n"
    "    return function () { throw new Error(what + ' is not available to apps: time and "
    "randomness must arrive inside events'); };\n"
    "  }\n"
    "  var D = g.Date;\n"
    "  var SafeDate = function Date() {\n"
    "    if (!(this instanceof SafeDate) || arguments.length === 0) unavailable('the current "
    "date')();\n"
    "    var a = [null];\n"
    "    for (var i = 0; i < arguments.length; i++) a.push(arguments[i]);\n"
    "    return new (Function.prototype.bind.apply(D, a))();\n"
    "  };\n"
    "  SafeDate.prototype = D.prototype;\n"
    "  SafeDate.UTC = D.UTC;\n"
    "  SafeDate.parse = D.parse;\n"
    "  SafeDate.now = unavailable('Date.now()');\n"
    "  Object.defineProperty(D.prototype, 'constructor', { value: SafeDate, writable: true, "
    "configurable: true });\n"
    "  g.Date = SafeDate;\n"
    "  Math.random = unavailable('Math.random()');\n"
    "  delete g.performance;\n"
    "  delete g.Duktape;\n"
    "  delete String.fromBufferRaw;\n"
    "})(this);\n";

/* Duktape's execution-timeout hook (DUK_USE_EXEC_TIMEOUT_CHECK in duk_persist_config.h). It keeps
 * answering "expired" until the call ends, so app code cannot catch its way past the budget. */
int persist__js_exec_timeout(void *udata)
{
    persist__js *js = udata;
    if (js->deadline_ns == 0)
        return 0;
    if (js->timed_out || persist__mono_ns() >= js->deadline_ns) {
        js->timed_out = 1;
        js->alloc_left = 0;
        return 1;
    }
    return 0;
}

/* Start a budget of `ms` milliseconds (0: none) for what the heap runs next. */
static void arm_budget(persist__js *js, uint32_t ms)
{
    js->timed_out = 0;
    js->alloc_left = CLOCK_EVERY;
    js->work_left = WORK_INTERVAL;
    js->deadline_ns = ms ? persist__mono_ns() + (uint64_t)ms * 1000000u : 0;
}

/* Native code ran out of work units (checkpoints.patch): look at the clock. */
int persist__js_checkpoint(void *udata)
{
    persist__js *js = udata;
    js->work_left = WORK_INTERVAL;
    return persist__js_exec_timeout(udata);
}

/* ---- the heap's allocator: counts bytes and enforces the memory cap ---- */

typedef union block {
    max_align_t align;
    size_t size;
} block;

/* Whether an allocation must fail: over the memory cap, or past the call's deadline (a native
 * builtin can run long between two of Duktape's bytecode-count checks, but not without
 * allocating). The clock is read at every CLOCK_EVERY-th allocation and at every large one: Elm
 * code allocates at a high rate, and checkpoints.patch counts the native work in between. Neither
 * applies while the heap is being built. The slow path decides; the inline test only lets through
 * what it would let through (no clock due, not timed out, within the cap) without its loads. */
static __attribute__((noinline)) int refuse_slow(persist__js *js, size_t old_size, size_t new_size)
{
    int clock_due = js->alloc_left <= 0 || new_size >= CLOCK_LARGE;
    if (js->alloc_left <= 0 && !js->timed_out)
        js->alloc_left = CLOCK_EVERY;
    if (js->building)
        return 0;
    if (js->deadline_ns != 0 &&
        (js->timed_out || (clock_due && persist__mono_ns() >= js->deadline_ns))) {
        js->timed_out = 1;
        js->alloc_left = 0;
        return 1;
    }
    if (new_size <= old_size || js->mem_used - old_size + new_size <= js->mem_cap)
        return 0;
    js->mem_exceeded = 1;
    return 1;
}

static inline __attribute__((always_inline)) int refuse(persist__js *js, size_t old_size,
                                                        size_t new_size)
{
    if (--js->alloc_left > 0 && new_size < CLOCK_LARGE &&
        js->mem_used - old_size + new_size <= js->mem_cap)
        return 0;
    return refuse_slow(js, old_size, new_size);
}

/* What a block of `size` bytes takes with its header: small ones are rounded up to their class of
 * the heap's block cache, so that any freed one can be kept for the next of its class. */
static size_t block_bytes(size_t size)
{
    return persist__cache_block_size(sizeof(block) + size);
}

static block *block_new(persist__js *js, size_t bytes)
{
    block *b = persist__cache_take(&js->cache, bytes);
    if (b != NULL)
        return b;
    /* While building, plain malloc: no injected failures either (see js->building). */
    b = js->building ? malloc(bytes) : persist__malloc(bytes);
    if (b == NULL)
        js->alloc_failed = 1;
    return b;
}

static inline __attribute__((always_inline)) void block_free(persist__js *js, block *b)
{
    if (!persist__cache_keep(&js->cache, b, block_bytes(b->size)))
        persist__free(b);
}

static void *js_alloc(void *udata, duk_size_t size)
{
    persist__js *js = udata;
    block *b;
    if (size > SIZE_MAX - sizeof(block) - 16 || refuse(js, 0, size))
        return NULL;
    if ((b = block_new(js, block_bytes(size))) == NULL)
        return NULL;
    b->size = size;
    js->mem_used += size;
    return b + 1;
}

static void js_free(void *udata, void *ptr)
{
    persist__js *js = udata;
    block *b;
    if (ptr == NULL)
        return;
    b = (block *)ptr - 1;
    js->mem_used -= b->size;
    block_free(js, b);
}

/* A block keeps the size block_bytes() gives for what it holds: within a class it stays as it is,
 * otherwise realloc gives it the new size (a kept block is only ever taken for its own class). */
static void *js_realloc(void *udata, void *ptr, duk_size_t size)
{
    persist__js *js = udata;
    block *b, *nb;
    size_t new_bytes;
    if (ptr == NULL)
        return js_alloc(udata, size);
    if (size == 0) {
        js_free(udata, ptr);
        return NULL;
    }
    b = (block *)ptr - 1;
    if (size > SIZE_MAX - sizeof(block) - 16 || refuse(js, b->size, size))
        return NULL;
    new_bytes = block_bytes(size);
    if (new_bytes == block_bytes(b->size))
        nb = b;
    else if ((nb = js->building ? realloc(b, new_bytes) : persist__realloc(b, new_bytes)) == NULL) {
        js->alloc_failed = 1;
        return NULL;
    }
    js->mem_used = js->mem_used - nb->size + size;
    nb->size = size;
    return nb + 1;
}

static void fatal_handler(void *udata, const char *msg)
{
    persist__js *js = udata;
    snprintf(js->fatal_msg, sizeof js->fatal_msg, "%s", msg ? msg : "(no message)");
    persist__log_msg(&js->lg, PERSIST_LOG_ERROR, "duktape fatal error: %s", js->fatal_msg);
    js->dead = 1;
    if (js->guarded)
        longjmp(js->guard, 1);
    abort(); /* unreachable: every entry into the heap is guarded */
}

/* ---- operations run inside duk_safe_call ---- */

typedef struct op {
    persist__js *js;
    const char *slot, *prop, *to;
    const persist__js_arg *args;
    int nargs;
    const char *code;
    size_t len;
    const char *name;
    void *bytecode; /* op_eval: load this instead of compiling code (code_cache.c) */
    size_t bytecode_len;
    int want_dump; /* op_eval: after compiling, copy the bytecode into dump */
    void *dump;
    size_t dump_len;
    int type, type2; /* op_call_pair: the types of the result's two elements */
    int same;        /* op_call_pair: the first is identical to the value in `prop`'s slot */
    char *out;
    size_t out_len;
    persist__err *err;
    int status;
} op;

/* Slots live at the bottom of the heap's value stack, below every call into it (a safe call runs
 * in its caller's frame: index 0 is the first slot), so reaching one is a copy between two stack
 * entries, not a property lookup by name. They are pushed once, with the heap, and emptied by
 * storing undefined: overwriting one allocates nothing, so moving a new state into place cannot
 * fail half-way. */
static const char *const SLOTS[] = {"state",     "pending",     "sealed",   "mark", "result",
                                    "roundtrip", "binder",      "contract", "init", "update",
                                    "serialize", "deserialize", "migrate"};
#define SLOT_COUNT ((duk_idx_t)(sizeof SLOTS / sizeof SLOTS[0]))

/* The stack index of a slot. Callers pass the names as literals, which the linker merges with
 * SLOTS' own, so the pointer comparison finds them; the names are compared otherwise. */
static duk_idx_t slot_index(const char *slot)
{
    for (duk_idx_t i = 0; i < SLOT_COUNT; i++)
        if (slot == SLOTS[i])
            return i;
    for (duk_idx_t i = 0; i < SLOT_COUNT; i++)
        if (strcmp(slot, SLOTS[i]) == 0)
            return i;
    PERSIST_ASSERT(!"a slot name that is not in SLOTS");
    return SLOT_COUNT - 1;
}

static void push_slot(duk_context *ctx, const char *slot)
{
    duk_dup(ctx, slot_index(slot));
}

/* Pops the value on top into the slot. */
static void put_slot(duk_context *ctx, const char *slot)
{
    duk_replace(ctx, slot_index(slot));
}

static int type_of(duk_context *ctx, duk_idx_t idx)
{
    switch (duk_get_type(ctx, idx)) {
    case DUK_TYPE_UNDEFINED: return PERSIST__JS_UNDEFINED;
    case DUK_TYPE_NULL: return PERSIST__JS_NULL;
    case DUK_TYPE_BOOLEAN: return PERSIST__JS_BOOLEAN;
    case DUK_TYPE_NUMBER: return PERSIST__JS_NUMBER;
    case DUK_TYPE_STRING: return PERSIST__JS_STRING;
    case DUK_TYPE_OBJECT:
        return duk_is_function(ctx, idx) ? PERSIST__JS_FUNCTION : PERSIST__JS_OBJECT;
    default: return PERSIST__JS_OTHER;
    }
}

const char *persist__js_type_name(int type)
{
    static const char *const names[] = {"undefined", "null",       "a boolean", "a number",
                                        "a string",  "a function", "an object", "another type"};
    return type >= 0 && type <= PERSIST__JS_OTHER ? names[type] : "?";
}

static void install_console(duk_context *ctx);

/* Elm's record update as native code (lib/duktape/records.patch). */
DUK_EXTERNAL_DECL duk_ret_t duk_persist_record_update(duk_context *ctx);

/* The global that lib/elm_calls.c calls in place of the kernel's _Utils_update: read-only, not
 * enumerable, not configurable, so that an app can neither replace nor remove it. */
static void install_record_update(duk_context *ctx)
{
    duk_push_global_object(ctx);
    duk_push_string(ctx, PERSIST__ELM_RECORD_UPDATE);
    duk_push_c_function(ctx, duk_persist_record_update, 2);
    duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WEC);
    duk_pop(ctx);
}

static duk_ret_t op_setup(duk_context *ctx, void *udata)
{
    op *o = udata;
    duk_push_heap_stash(ctx);
    duk_push_pointer(ctx, o->js);
    duk_put_prop_string(ctx, -2,
                        "\xff"
                        "js");
    duk_pop(ctx);
    install_console(ctx);
    install_record_update(ctx);
    duk_eval_string_noresult(ctx, SANDBOX);
    return 0;
}

/* Copies the bytecode of the function on top into o->dump. */
static duk_ret_t dump_compiled(duk_context *ctx, void *udata)
{
    op *o = udata;
    duk_size_t n;
    const void *p;
    duk_dump_function(ctx);
    p = duk_get_buffer(ctx, -1, &n);
    if ((o->dump = persist__malloc(n)) != NULL) {
        memcpy(o->dump, p, n);
        o->dump_len = n;
    }
    return 0;
}

static duk_ret_t op_eval(duk_context *ctx, void *udata)
{
    op *o = udata;
    if (o->bytecode != NULL) {
        memcpy(duk_push_fixed_buffer(ctx, o->bytecode_len), o->bytecode, o->bytecode_len);
        duk_load_function(ctx);
    } else {
        duk_push_string(ctx, o->name);
        duk_compile_lstring_filename(ctx, 0, o->code, o->len);
        if (o->want_dump) { /* best effort, outside the heap's cap and deadline: caching must
                             * not fail a load, and a failed dump only leaves the cache cold */
            o->js->building = 1;
            duk_dup_top(ctx);
            (void)duk_safe_call(ctx, dump_compiled, o, 1, 1);
            duk_pop(ctx);
            o->js->building = 0;
        }
    }
    o->type = 1; /* compiled: an error from here on is the code's, at run time */
    duk_call(ctx, 0);
    if (o->slot != NULL)
        put_slot(ctx, o->slot);
    return 0;
}

static duk_ret_t op_call(duk_context *ctx, void *udata)
{
    op *o = udata;
    push_slot(ctx, o->slot);
    for (int i = 0; i < o->nargs; i++) {
        if (o->args[i].slot != NULL)
            push_slot(ctx, o->args[i].slot);
        else
            duk_push_lstring(ctx, o->args[i].str, o->args[i].len);
    }
    duk_call(ctx, o->nargs);
    if (o->to != NULL)
        put_slot(ctx, o->to);
    return 0;
}

/* Pushes the value in `slot`, or its property `prop` (undefined when the value is no object). */
static void push_value(duk_context *ctx, const char *slot, const char *prop)
{
    push_slot(ctx, slot);
    if (prop == NULL)
        return;
    if (duk_is_object(ctx, -1))
        duk_get_prop_string(ctx, -1, prop);
    else
        duk_push_undefined(ctx);
    duk_remove(ctx, -2);
}

static duk_ret_t op_get(duk_context *ctx, void *udata)
{
    op *o = udata;
    push_value(ctx, o->slot, o->prop);
    o->type = type_of(ctx, -1);
    put_slot(ctx, o->to);
    return 0;
}

/* Copies the string on top of the stack into o->out (NULL when out of memory), as UTF-8. */
static void copy_string(duk_context *ctx, op *o)
{
    duk_size_t n;
    const char *s = duk_get_lstring(ctx, -1, &n);
    o->out = persist__malloc(n + 1);
    if (o->out == NULL)
        return;
    memcpy(o->out, s, n);
    o->out_len = persist__cesu8_to_utf8(o->out, n); /* the host gets UTF-8 */
    o->out[o->out_len] = '\0';
}

static duk_ret_t op_string(duk_context *ctx, void *udata)
{
    op *o = udata;
    push_value(ctx, o->slot, o->prop);
    o->type = type_of(ctx, -1);
    if (o->type == PERSIST__JS_STRING)
        copy_string(ctx, o);
    return 0;
}

/* op_call without a result slot, then the result [value, text] taken apart in the same entry into
 * the heap: when the value is defined and the text a string, o->same tells whether the value is
 * the one in slot o->prop, the value goes into slot o->to and the text is copied. */
static duk_ret_t op_call_pair(duk_context *ctx, void *udata)
{
    op *o = udata;
    const char *to = o->to;
    duk_idx_t res;
    o->to = NULL;
    op_call(ctx, udata);
    res = duk_get_top_index(ctx);
    if (!duk_is_object(ctx, res)) {
        o->type = o->type2 = PERSIST__JS_UNDEFINED;
        return 0;
    }
    duk_get_prop_index(ctx, res, 0);
    duk_get_prop_index(ctx, res, 1);
    o->type = type_of(ctx, -2);
    o->type2 = type_of(ctx, -1);
    if (o->type == PERSIST__JS_UNDEFINED || o->type2 != PERSIST__JS_STRING)
        return 0;
    copy_string(ctx, o);
    if (o->out == NULL)
        return 0; /* out of memory: nothing changes */
    duk_pop(ctx);
    push_slot(ctx, o->prop);
    o->same = duk_strict_equals(ctx, -1, -2);
    duk_pop(ctx);
    put_slot(ctx, to);
    return 0;
}

static duk_ret_t op_bool(duk_context *ctx, void *udata)
{
    op *o = udata;
    push_value(ctx, o->slot, o->prop);
    o->type = type_of(ctx, -1);
    o->out_len = duk_get_boolean(ctx, -1) ? 1 : 0;
    return 0;
}

static duk_ret_t op_same(duk_context *ctx, void *udata)
{
    op *o = udata;
    push_slot(ctx, o->slot);
    push_slot(ctx, o->to);
    o->type = duk_strict_equals(ctx, -1, -2);
    return 0;
}

static duk_ret_t op_move(duk_context *ctx, void *udata)
{
    op *o = udata;
    if (o->slot != NULL) {
        push_slot(ctx, o->slot);
        put_slot(ctx, o->to);
    }
    duk_push_undefined(ctx);
    put_slot(ctx, o->slot != NULL ? o->slot : o->to);
    return 0;
}

/* Error value on top of the stack -> text with the stack trace where the engine has one. */
static duk_ret_t op_describe(duk_context *ctx, void *udata)
{
    (void)udata;
    if (duk_is_error(ctx, -1)) {
        duk_get_prop_string(ctx, -1, "stack");
        if (duk_is_string(ctx, -1))
            return 1;
        duk_pop(ctx);
    }
    duk_to_string(ctx, -1);
    return 1;
}

/* Stack trace lines of the engine's own C code ("    at [anon] (duk_js_compiler.c:7592) internal")
 * say nothing about the app: drop them. */
static void drop_engine_frames(char *msg)
{
    char *line = msg, *end;
    while ((line = strchr(line, '\n')) != NULL) {
        char *dk = strstr(line + 1, "(duk_");
        end = strchr(line + 1, '\n');
        if (dk != NULL && (end == NULL || dk < end) && strstr(dk, ".c:") != NULL &&
            (end == NULL || strstr(dk, ".c:") < end))
            memmove(line, end != NULL ? end : line + strlen(line),
                    strlen(end != NULL ? end : line + strlen(line)) + 1);
        else
            line++;
    }
}

/* Describing a thrown value can run app code (a toString, a stack getter), so it gets a budget of
 * its own, DESCRIBE_BUDGET_MS or the call's budget if that is smaller. */
static void describe_error(persist__js *js, persist__err *err)
{
    duk_context *ctx = js->ctx;
    uint32_t ms = js->cfg.budget_ms < DESCRIBE_BUDGET_MS ? js->cfg.budget_ms : DESCRIBE_BUDGET_MS;
    const char *text = NULL;
    arm_budget(js, ms);
    if (duk_safe_call(ctx, op_describe, NULL, 1, 1) == DUK_EXEC_SUCCESS)
        text = duk_get_string(ctx, -1);
    if (text == NULL)
        text = js->timed_out ? "(an exception whose description ran past its time budget)"
                             : "(an exception that cannot be printed)";
    persist__err_set(err, PERSIST_ESCRIPT, "%s", text);
    drop_engine_frames(err->msg);
    duk_pop(ctx);
}

/* After a failed call: its status, and the thrown value's description for a script error. The
 * time and memory limits win over whatever the app made of them, and are not described: the
 * description would run app code again. */
static int call_failed(persist__js *js, persist__err *err)
{
    if (js->timed_out) {
        duk_pop(js->ctx);
        return persist__err_set(err, PERSIST_ETIMEOUT,
                                "the app ran longer than its budget of %u ms "
                                "(persist_options.js_budget_ms)",
                                js->cfg.budget_ms);
    }
    if (js->mem_exceeded) {
        duk_pop(js->ctx);
        return persist__err_set(err, PERSIST_EMEMORY,
                                "the app needed more than its memory limit of %llu bytes "
                                "(persist_options.js_memory_limit)",
                                (unsigned long long)js->cfg.mem_limit);
    }
    if (js->alloc_failed) { /* the app saw Duktape's "alloc failed" error: not its doing */
        duk_pop(js->ctx);
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory while the app ran");
    }
    describe_error(js, err);
    return PERSIST_ESCRIPT;
}

/* Runs fn under the fatal-error guard and the call's budget; a JS exception becomes
 * PERSIST_ESCRIPT. */
static int run(persist__js *js, duk_safe_call_function fn, op *o, persist__err *err)
{
    duk_int_t rc;
    if (js->dead)
        return persist__err_set(err, PERSIST_EFATAL, "JavaScript engine failed earlier: %s",
                                js->fatal_msg);
    o->js = js;
    o->err = err;
    o->status = PERSIST_OK;
    js->mem_exceeded = js->alloc_failed = 0;
    /* A test counting allocations to fail them gets every block from persist__malloc, where each
     * is counted: a block from the cache could be neither (nor fail outside tests). */
    if (js->cache.limit != 0 && persist__alloc_counting()) {
        persist__cache_drain(&js->cache);
        js->cache.heap_bytes = NULL;
        js->cache.limit = 0;
    }
    arm_budget(js, js->cfg.budget_ms);
    js->guarded = 1;
    if (setjmp(js->guard) != 0) {
        js->guarded = 0;
        js->deadline_ns = 0;
        return persist__err_set(err, PERSIST_EFATAL, "JavaScript engine fatal error: %s",
                                js->fatal_msg);
    }
    rc = duk_safe_call(js->ctx, fn, o, 0, 1);
    if (rc != DUK_EXEC_SUCCESS)
        rc = call_failed(js, err);
    else {
        duk_pop(js->ctx);
        rc = o->status;
    }
    js->guarded = 0;
    js->deadline_ns = 0;
    return rc;
}

/* ---- console ---- */

static duk_ret_t console_write(duk_context *ctx)
{
    persist__js *js;
    duk_idx_t n = duk_get_top(ctx);
    const char *text;
    duk_size_t len;
    duk_push_heap_stash(ctx);
    duk_get_prop_string(ctx, -1,
                        "\xff"
                        "js");
    js = duk_get_pointer(ctx, -1);
    duk_pop_2(ctx);
    for (duk_idx_t i = 0; i < n; i++)
        duk_safe_to_string(ctx, i);
    duk_push_string(ctx, " ");
    duk_insert(ctx, 0);
    duk_join(ctx, n);
    text = duk_get_lstring(ctx, -1, &len);
    if (js != NULL && js->lg.fn != NULL) {
        char *copy = persist__malloc(len + 1);
        if (copy == NULL)
            return 0; /* console output is best effort */
        memcpy(copy, text, len);
        len = persist__cesu8_to_utf8(copy, len);
        copy[len] = '\0';
        js->lg.fn(duk_get_current_magic(ctx) | (js->cfg.tag_app ? PERSIST_LOG_FROM_APP : 0), copy,
                  len, js->lg.userdata);
        persist__free(copy);
    }
    return 0;
}

static void install_console(duk_context *ctx)
{
    static const struct {
        const char *name;
        int level;
    } fns[] = {{"log", PERSIST_LOG_INFO},    {"info", PERSIST_LOG_INFO},
               {"debug", PERSIST_LOG_DEBUG}, {"warn", PERSIST_LOG_WARN},
               {"error", PERSIST_LOG_ERROR}, {"trace", PERSIST_LOG_DEBUG}};
    duk_push_global_object(ctx);
    duk_push_object(ctx);
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        duk_push_c_function(ctx, console_write, DUK_VARARGS);
        duk_set_magic(ctx, -1, fns[i].level);
        duk_put_prop_string(ctx, -2, fns[i].name);
    }
    duk_put_prop_string(ctx, -2, "console");
    duk_pop(ctx);
}

/* ---- public (internal) API ---- */

int persist__js_new(persist__js **out, const persist__js_config *cfg, persist__err *err)
{
    persist__js *js = persist__calloc(1, sizeof *js);
    op o = {0};
    int rc;
    *out = NULL;
    if (js == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    if (cfg != NULL) {
        js->cfg = *cfg;
        js->lg = cfg->lg;
    }
    /* A cap a size_t cannot hold (a 32-bit build) is no cap, as the 64-bit comparison had it. */
    js->mem_cap = js->cfg.mem_limit == 0 || js->cfg.mem_limit >= SIZE_MAX
                      ? SIZE_MAX
                      : (size_t)js->cfg.mem_limit;
    js->alloc_left = CLOCK_EVERY;
    persist__cache_init(&js->cache, &js->mem_used, persist__free);
    js->building = 1;
    js->guarded = 1;
    if (setjmp(js->guard) != 0) { /* a fatal error while creating: the heap cannot be used */
        js->guarded = 0;
        return persist__err_set(err, PERSIST_ENOMEM, "cannot create a JavaScript heap: %s",
                                js->fatal_msg); /* js and its heap are leaked on purpose */
    }
    js->ctx = duk_create_heap(js_alloc, js_realloc, js_free, js, fatal_handler);
    if (js->ctx != NULL) { /* the slots, below all the heap runs, with the usual room above them */
        for (duk_idx_t i = 0; i < SLOT_COUNT; i++)
            duk_push_undefined(js->ctx);
        duk_require_stack(js->ctx, DUK_API_ENTRY_STACK);
    }
    js->guarded = 0;
    if (js->ctx == NULL) {
        persist__cache_drain(&js->cache); /* what Duktape freed of the heap it gave up */
        persist__free(js);
        return persist__err_set(err, PERSIST_ENOMEM, "cannot create a JavaScript heap");
    }
    rc = run(js, op_setup, &o, err);
    js->building = 0;
    if (rc != PERSIST_OK) {
        persist__err_prefix(err, "setting up the JavaScript sandbox");
        persist__js_free(js);
        return rc;
    }
    *out = js;
    return PERSIST_OK;
}

void persist__js_free(persist__js *js)
{
    if (js == NULL)
        return;
    /* After a fatal error the heap is inconsistent; leaking it is the only safe choice. The sandbox
     * leaves apps no way to register finalizers (the Duktape object is gone); should one exist all
     * the same, it runs under a budget like any app code. */
    arm_budget(js, js->cfg.budget_ms);
    if (!js->dead)
        duk_destroy_heap(js->ctx);
    persist__cache_drain(&js->cache);
    persist__free(js);
}

/* The code cache's key: the code, its name and the engine that compiles it. */
static int code_key(const char *code, size_t len, const char *name, uint8_t key[PERSIST__HASH_LEN])
{
    static const char engine[] = "duktape " DUK_GIT_DESCRIBE;
    long version = DUK_VERSION;
    persist__span spans[] = {
        {engine, sizeof engine}, {&version, sizeof version}, {name, strlen(name) + 1}, {code, len}};
    return persist__sha256(key, spans, sizeof spans / sizeof spans[0]);
}

int persist__js_eval(persist__js *js, const char *code, size_t len, const char *name,
                     const char *slot, int *syntax_line, persist__err *err)
{
    op o = {0};
    uint8_t key[PERSIST__HASH_LEN];
    const char *at;
    int cached = code_key(code, len, name, key) == 0, rc;
    o.code = code;
    o.len = len;
    o.name = name;
    o.slot = slot;
    if (cached)
        o.bytecode = persist__code_cache_get(key, &o.bytecode_len);
    o.want_dump = cached && o.bytecode == NULL;
    rc = run(js, op_eval, &o, err);
    if (rc != PERSIST_OK && o.bytecode != NULL && o.type == 0) {
        /* The cached bytecode did not load (nothing of it ran): compile the source. */
        persist__free(o.bytecode);
        o.bytecode = NULL;
        o.want_dump = 0;
        rc = run(js, op_eval, &o, err);
    }
    if (rc == PERSIST_OK && o.dump != NULL)
        persist__code_cache_put(key, o.dump, o.dump_len);
    persist__free(o.bytecode);
    persist__free(o.dump);
    /* Compiling and loading free many blocks at once: an app's events refill the cache with
     * their own sizes, and an idle store keeps only what its last event freed. */
    persist__cache_drain(&js->cache);
    *syntax_line = 0;
    if (rc == PERSIST_ESCRIPT && o.type == 0) /* Duktape's "SyntaxError: ... (line N)" */
        *syntax_line = (at = strstr(err->msg, "(line ")) != NULL ? atoi(at + 6) : -1;
    return rc;
}

#define MAX_ARGS 4

/* The engine keeps characters beyond U+FFFF as surrogate pairs (CESU-8): string arguments are
 * converted into conv (copies to free with free_args). */
static int convert_args(const persist__js_arg *args, int nargs, persist__js_arg *conv,
                        char **copies, persist__err *err)
{
    PERSIST_ASSERT(nargs <= MAX_ARGS);
    for (int i = 0; i < nargs; i++) {
        conv[i] = args[i];
        if (args[i].slot != NULL)
            continue;
        copies[i] = persist__utf8_to_cesu8(args[i].str, args[i].len, &conv[i].len);
        if (copies[i] != NULL)
            conv[i].str = copies[i];
        else if (conv[i].len == 0 && args[i].len > 0)
            return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    }
    return PERSIST_OK;
}

static void free_args(char **copies, int nargs)
{
    for (int i = 0; i < nargs; i++)
        persist__free(copies[i]);
}

/* Runs `fn` (op_call or op_call_pair) on the function in fn_slot with args converted; o is filled.
 */
static int call_with(persist__js *js, duk_safe_call_function fn, const char *fn_slot,
                     const persist__js_arg *args, int nargs, op *o, persist__err *err)
{
    persist__js_arg conv[MAX_ARGS];
    char *copies[MAX_ARGS] = {NULL};
    int rc = convert_args(args, nargs, conv, copies, err);
    o->slot = fn_slot;
    o->args = conv;
    o->nargs = nargs;
    if (rc == PERSIST_OK)
        rc = run(js, fn, o, err);
    o->args = NULL;
    free_args(copies, nargs);
    return rc;
}

int persist__js_call(persist__js *js, const char *fn_slot, const persist__js_arg *args, int nargs,
                     const char *result_slot, persist__err *err)
{
    op o = {0};
    o.to = result_slot;
    return call_with(js, op_call, fn_slot, args, nargs, &o, err);
}

int persist__js_call_pair(persist__js *js, const char *fn_slot, const persist__js_arg *args,
                          int nargs, persist__js_pair *out, persist__err *err)
{
    op o = {0};
    int rc;
    o.to = out->to;
    o.prop = out->same_as;
    rc = call_with(js, op_call_pair, fn_slot, args, nargs, &o, err);
    out->value_type = o.type;
    out->text_type = o.type2;
    out->same = o.same;
    out->text = o.out;
    out->text_len = o.out_len;
    if (rc != PERSIST_OK) {
        persist__free(o.out);
        out->text = NULL;
        return rc;
    }
    if (o.type != PERSIST__JS_UNDEFINED && o.type2 == PERSIST__JS_STRING && o.out == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory copying a string");
    return PERSIST_OK;
}

int persist__js_get(persist__js *js, const char *from, const char *prop, const char *to,
                    int *out_type, persist__err *err)
{
    op o = {0};
    int rc;
    o.slot = from;
    o.prop = prop;
    o.to = to;
    rc = run(js, op_get, &o, err);
    if (out_type != NULL)
        *out_type = rc == PERSIST_OK ? o.type : PERSIST__JS_UNDEFINED;
    return rc;
}

int persist__js_string(persist__js *js, const char *slot, const char *prop, char **out,
                       size_t *out_len, persist__err *err)
{
    op o = {0};
    int rc;
    o.slot = slot;
    o.prop = prop;
    *out = NULL;
    rc = run(js, op_string, &o, err);
    if (rc != PERSIST_OK) {
        persist__free(o.out);
        return rc;
    }
    if (o.type != PERSIST__JS_STRING)
        return persist__err_set(err, PERSIST_ECONTRACT, "expected a string but got %s",
                                persist__js_type_name(o.type));
    if (o.out == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory copying a string");
    *out = o.out;
    if (out_len != NULL)
        *out_len = o.out_len;
    return PERSIST_OK;
}

int persist__js_bool(persist__js *js, const char *slot, const char *prop, int *out,
                     persist__err *err)
{
    op o = {0};
    int rc;
    o.slot = slot;
    o.prop = prop;
    rc = run(js, op_bool, &o, err);
    if (rc != PERSIST_OK)
        return rc;
    if (o.type != PERSIST__JS_BOOLEAN)
        return persist__err_set(err, PERSIST_ECONTRACT, "expected a boolean but got %s",
                                persist__js_type_name(o.type));
    *out = (int)o.out_len;
    return PERSIST_OK;
}

int persist__js_same(persist__js *js, const char *a, const char *b)
{
    op o = {0};
    persist__err ignored;
    o.slot = a;
    o.to = b;
    return run(js, op_same, &o, &ignored) == PERSIST_OK && o.type;
}

int persist__js_move(persist__js *js, const char *from, const char *to, persist__err *err)
{
    op o = {0};
    o.slot = from;
    o.to = to;
    return run(js, op_move, &o, err);
}

void persist__js_drop(persist__js *js, const char *slot)
{
    op o = {0};
    persist__err ignored;
    o.to = slot;
    run(js, op_move, &o, &ignored); /* best effort: a stale value only costs memory */
}
