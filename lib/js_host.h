/* js_host.h - one Duktape heap: sandbox, console, protected calls, values kept in named slots. */
#ifndef PERSIST_JS_HOST_H
#define PERSIST_JS_HOST_H

#include "internal.h"

typedef struct persist__js persist__js;

/* An argument: a string (str/len) or, when slot is not NULL, the value kept in that slot. */
typedef struct persist__js_arg {
    const char *str;
    size_t len;
    const char *slot;
} persist__js_arg;

/* JavaScript value types as seen by the adapter. */
enum {
    PERSIST__JS_UNDEFINED,
    PERSIST__JS_NULL,
    PERSIST__JS_BOOLEAN,
    PERSIST__JS_NUMBER,
    PERSIST__JS_STRING,
    PERSIST__JS_FUNCTION,
    PERSIST__JS_OBJECT,
    PERSIST__JS_OTHER
};

/* A fresh heap with the sandbox (no clock, no randomness, no I/O), a console that writes to
 * cfg->lg, and cfg's limits: every call that runs longer than cfg->budget_ms fails with
 * PERSIST_ETIMEOUT, and one that needs more than cfg->mem_limit bytes with PERSIST_EMEMORY. */
int persist__js_new(persist__js **out, const persist__js_config *cfg, persist__err *err);
void persist__js_free(persist__js *js); /* NULL is ignored */

/* Evaluate program code in the global scope; keep its completion value in `slot` (NULL: drop).
 * A syntax error or an exception gives PERSIST_ESCRIPT with the JS error text; *syntax_line is
 * then the line of a syntax error (-1 when the engine named none), 0 for an exception. */
int persist__js_eval(persist__js *js, const char *code, size_t len, const char *name,
                     const char *slot, int *syntax_line, persist__err *err);

/* Call the function kept in fn_slot with args; keep the result in result_slot (NULL: drop).
 * An exception gives PERSIST_ESCRIPT with the JS error text and stack. */
int persist__js_call(persist__js *js, const char *fn_slot, const persist__js_arg *args, int nargs,
                     const char *result_slot, persist__err *err);

/* persist__js_call_pair's result: a function's [value, text] taken apart in one entry into the
 * heap. In: to (the slot for the value), same_as (a slot). Out: the two elements' types; when the
 * value is defined and the text a string, the value is in slot `to`, same says whether it is
 * identical (===) to the value in same_as (compared before `to` was written), and text is a
 * malloc'd UTF-8 copy. Otherwise no slot changed and text is NULL. */
typedef struct persist__js_pair {
    const char *to, *same_as;
    int value_type, text_type;
    int same;
    char *text;
    size_t text_len;
} persist__js_pair;
int persist__js_call_pair(persist__js *js, const char *fn_slot, const persist__js_arg *args,
                          int nargs, persist__js_pair *out, persist__err *err);

/* Copy property `prop` of the value in slot `from` (prop NULL: the value itself) into slot `to`;
 * *out_type receives its type. */
int persist__js_get(persist__js *js, const char *from, const char *prop, const char *to,
                    int *out_type, persist__err *err);

/* Copy the string in slot (prop NULL) or its property: malloc'd, NUL-terminated. A value that is
 * not a string gives PERSIST_ECONTRACT with what it was. */
int persist__js_string(persist__js *js, const char *slot, const char *prop, char **out,
                       size_t *out_len, persist__err *err);

/* Read the boolean in slot (prop NULL) or its property; PERSIST_ECONTRACT when not a boolean. */
int persist__js_bool(persist__js *js, const char *slot, const char *prop, int *out,
                     persist__err *err);

/* 1 when the two slots hold the identical value (===), else 0. */
int persist__js_same(persist__js *js, const char *a, const char *b);

/* Move the value of slot `from` into `to` (from becomes empty); drop empties a slot. Slots are
 * created with the heap, so neither allocates. */
int persist__js_move(persist__js *js, const char *from, const char *to, persist__err *err);
void persist__js_drop(persist__js *js, const char *slot);

/* Name of a PERSIST__JS_* type for messages. */
const char *persist__js_type_name(int type);

#endif
