/* generate.c - writes the Elm module with a JSON encoder and decoder for every type of the state.
 */
#include "generate.h"

#include <stdio.h>
#include <string.h>

const char *cg_type_name(cg_arena *a, const cg_named *n, const cg_naming *nm)
{
    if (nm->flat)
        return nm->prefix ? cg_printf(a, "%s.%s", nm->prefix, n->mangled) : n->mangled;
    return cg_printf(a, "%s.%s", n->module, n->name);
}

const char *cg_ctor_name(cg_arena *a, const cg_named *n, int i, const cg_naming *nm)
{
    if (!nm->flat)
        return cg_printf(a, "%s.%s", n->module, n->ctor_names[i]);
    /* Constructors are unique within a module: prefixing the module keeps them unique here. */
    return cg_printf(a, "%s%s%.*s%s", nm->prefix ? nm->prefix : "", nm->prefix ? "." : "",
                     (int)(strlen(n->mangled) - strlen(n->name)), n->mangled, n->ctor_names[i]);
}

static const char *const BUILTIN_TYPE[] = {
    [RT_INT] = "Int",     [RT_FLOAT] = "Float",       [RT_STRING] = "String",
    [RT_BOOL] = "Bool",   [RT_CHAR] = "Char",         [RT_VALUE] = "Json.Encode.Value",
    [RT_LIST] = "List",   [RT_ARRAY] = "Array.Array", [RT_SET] = "Set.Set",
    [RT_MAYBE] = "Maybe", [RT_RESULT] = "Result",     [RT_DICT] = "Dict.Dict",
};

static void write_var(cg_buf *b, const char *var, const cg_naming *nm)
{
    int cmp = nm->comparable != NULL && nm->comparable(nm->ctx, var);
    cg_buf_printf(b, "%s%s", cmp && strncmp(var, "comparable", 10) != 0 ? "comparable_" : "", var);
}

void cg_write_type(cg_buf *b, const cg_type *t, const cg_naming *nm, int atomic)
{
    int paren = atomic && t->nargs > 0 && t->kind != RT_TUPLE;
    if (paren)
        cg_buf_puts(b, "(");
    switch (t->kind) {
    case RT_UNIT: cg_buf_puts(b, "()"); break;
    case RT_VAR: write_var(b, t->var, nm); break;
    case RT_TUPLE:
        for (int i = 0; i < t->nargs; i++) {
            cg_buf_puts(b, i ? ", " : "( ");
            cg_write_type(b, t->args[i], nm, 0);
        }
        cg_buf_puts(b, " )");
        break;
    case RT_RECORD:
        if (t->nfields == 0)
            cg_buf_puts(b, "{}");
        for (int i = 0; i < t->nfields; i++) {
            cg_buf_printf(b, "%s%s : ", i ? ", " : "{ ", t->fields[i]);
            cg_write_type(b, t->ftypes[i], nm, 0);
        }
        if (t->nfields)
            cg_buf_puts(b, " }");
        break;
    case RT_NAMED: cg_buf_puts(b, cg_type_name(b->arena, t->named, nm)); break;
    default: cg_buf_puts(b, BUILTIN_TYPE[t->kind]); break;
    }
    if (t->kind != RT_TUPLE)
        for (int i = 0; i < t->nargs; i++) {
            cg_buf_puts(b, " ");
            cg_write_type(b, t->args[i], nm, 1);
        }
    if (paren)
        cg_buf_puts(b, ")");
}

/* The named type applied to its own parameters: `Game.Tree a`. */
void cg_write_named_self(cg_buf *b, const cg_named *n, const cg_naming *nm, int atomic)
{
    int paren = atomic && n->decl->nparams > 0;
    cg_buf_printf(b, "%s%s", paren ? "(" : "", cg_type_name(b->arena, n, nm));
    for (int i = 0; i < n->decl->nparams; i++) {
        cg_buf_puts(b, " ");
        write_var(b, n->decl->params[i], nm);
    }
    if (paren)
        cg_buf_puts(b, ")");
}

/* ---- expressions ---- */

static const char *fresh(gen *g)
{
    return cg_printf(g->a, "x%d", ++g->counter);
}

static void enc_fn(gen *g, cg_buf *b, const cg_type *t, int atomic);

static void enc_record(gen *g, cg_buf *b, const cg_type *t, const char *v)
{
    cg_buf_puts(b, "Json.Encode.object [");
    for (int i = 0; i < t->nfields; i++) {
        cg_buf_printf(b, "%s( \"%s\", ", i ? ", " : " ", t->fields[i]);
        cg_enc_value(g, b, t->ftypes[i], cg_printf(g->a, "%s.%s", v, t->fields[i]));
        cg_buf_puts(b, " )");
    }
    cg_buf_puts(b, t->nfields ? " ]" : "]");
}

/* An expression of type Json.Encode.Value encoding the (atomic) expression v. */
void cg_enc_value(gen *g, cg_buf *b, const cg_type *t, const char *v)
{
    if (t->kind == RT_RECORD) {
        enc_record(g, b, t, v);
    } else if (t->kind == RT_VALUE) {
        cg_buf_puts(b, v);
    } else {
        enc_fn(g, b, t, 0);
        cg_buf_printf(b, " %s", v);
    }
}

static void helper(gen *g, cg_buf *b, int h, const char *name)
{
    g->helpers |= 1u << h;
    cg_buf_puts(b, name);
}

typedef void (*write_fn)(gen *g, cg_buf *b, const cg_type *t, int atomic);

/* `head arg1 arg2`, each argument written by `each` (an encoder or a decoder of that type). */
static void apply_args(gen *g, cg_buf *b, const cg_type *t, const char *head, int atomic,
                       write_fn each)
{
    cg_buf_printf(b, "%s%s", atomic ? "(" : "", head);
    for (int i = 0; i < t->nargs; i++) {
        cg_buf_puts(b, " ");
        each(g, b, t->args[i], 1);
    }
    if (atomic)
        cg_buf_puts(b, ")");
}

#define enc_args(g, b, t, head, atomic) apply_args(g, b, t, head, atomic, enc_fn)
#define dec_args(g, b, t, head, atomic) apply_args(g, b, t, head, atomic, cg_dec)

/* An expression of type T -> Json.Encode.Value. */
static void enc_fn(gen *g, cg_buf *b, const cg_type *t, int atomic)
{
    const char *x;
    switch (t->kind) {
    case RT_INT: cg_buf_puts(b, "Json.Encode.int"); break;
    case RT_FLOAT: cg_buf_puts(b, "Json.Encode.float"); break;
    case RT_STRING: cg_buf_puts(b, "Json.Encode.string"); break;
    case RT_BOOL: cg_buf_puts(b, "Json.Encode.bool"); break;
    case RT_VALUE: cg_buf_puts(b, "identity"); break;
    case RT_CHAR: helper(g, b, H_CHAR, "jsonEncode_Char"); break;
    case RT_UNIT: helper(g, b, H_UNIT, "jsonEncode_Unit"); break;
    case RT_VAR: cg_buf_printf(b, "encode_%s", t->var); break;
    case RT_LIST: enc_args(g, b, t, "Json.Encode.list", atomic); break;
    case RT_ARRAY: enc_args(g, b, t, "Json.Encode.array", atomic); break;
    case RT_SET: enc_args(g, b, t, "Json.Encode.set", atomic); break;
    case RT_MAYBE:
        g->helpers |= 1u << H_MAYBE;
        enc_args(g, b, t, "jsonEncode_Maybe", atomic);
        break;
    case RT_RESULT:
        g->helpers |= 1u << H_RESULT;
        enc_args(g, b, t, "jsonEncode_Result", atomic);
        break;
    case RT_DICT:
        g->helpers |= 1u << H_DICT | 1u << H_TUPLE2;
        enc_args(g, b, t, "jsonEncode_Dict", atomic);
        break;
    case RT_TUPLE:
        g->helpers |= 1u << (t->nargs == 2 ? H_TUPLE2 : H_TUPLE3);
        enc_args(g, b, t, t->nargs == 2 ? "jsonEncode_Tuple2" : "jsonEncode_Tuple3", atomic);
        break;
    case RT_NAMED:
        enc_args(g, b, t, cg_printf(g->a, "jsonEncode_%s", t->named->mangled),
                 atomic && t->nargs > 0);
        break;
    case RT_RECORD:
        x = fresh(g);
        cg_buf_printf(b, "(\\%s -> ", x);
        enc_record(g, b, t, x);
        cg_buf_puts(b, ")");
        break;
    }
}

/* `Json.Decode.map3 f (a) (b) (c)`, or with more than 8 a pipeline through jsonDecode_andMap;
 * each argument is written by `arg`. `sep` goes before each argument (" " or a new line). */
void cg_dec_apply(gen *g, cg_buf *b, const char *f, int n, const char *sep,
                  void (*arg)(gen *, cg_buf *, int, void *), void *ud)
{
    if (n == 0) {
        cg_buf_printf(b, "Json.Decode.succeed %s", f);
        return;
    }
    if (n > 8) {
        g->helpers |= 1u << H_ANDMAP;
        cg_buf_printf(b, "Json.Decode.succeed %s", f);
    } else if (n == 1) {
        cg_buf_printf(b, "Json.Decode.map %s", f);
    } else {
        cg_buf_printf(b, "Json.Decode.map%d %s", n, f);
    }
    for (int i = 0; i < n; i++) {
        cg_buf_printf(b, "%s%s(", sep, n > 8 ? "|> jsonDecode_andMap " : "");
        arg(g, b, i, ud);
        cg_buf_puts(b, ")");
    }
}

static void field_arg(gen *g, cg_buf *b, int i, void *ud)
{
    const cg_type *t = ud;
    cg_buf_printf(b, "Json.Decode.field \"%s\" ", t->fields[i]);
    cg_dec(g, b, t->ftypes[i], 1);
}

/* (\x1 x2 -> { a = x1, b = x2 }) */
const char *cg_record_lambda(gen *g, const cg_type *t)
{
    cg_buf b;
    int first = g->counter + 1;
    cg_buf_init(&b, g->a);
    if (t->nfields == 0)
        return "{}";
    cg_buf_puts(&b, "(\\");
    for (int i = 0; i < t->nfields; i++)
        cg_buf_printf(&b, "%s%s", i ? " " : "", fresh(g));
    cg_buf_puts(&b, " -> {");
    for (int i = 0; i < t->nfields; i++)
        cg_buf_printf(&b, "%s%s = x%d", i ? ", " : " ", t->fields[i], first + i);
    cg_buf_puts(&b, " })");
    return b.data;
}

void cg_dec_record(gen *g, cg_buf *b, const cg_type *t, const char *sep)
{
    cg_dec_apply(g, b, cg_record_lambda(g, t), t->nfields, sep, field_arg, (void *)t);
}

static void dec_named(gen *g, cg_buf *b, const cg_type *t, int atomic)
{
    int lazy = g->current != NULL && g->reaches(g, t->named, g->current);
    if (lazy)
        cg_buf_puts(b, "(Json.Decode.lazy (\\_ -> ");
    dec_args(g, b, t, cg_printf(g->a, "jsonDecode_%s", t->named->mangled),
             !lazy && atomic && t->nargs > 0);
    if (lazy)
        cg_buf_puts(b, "))");
}

/* An expression of type Json.Decode.Decoder T. */
void cg_dec(gen *g, cg_buf *b, const cg_type *t, int atomic)
{
    switch (t->kind) {
    case RT_INT: cg_buf_puts(b, "Json.Decode.int"); break;
    case RT_FLOAT: cg_buf_puts(b, "Json.Decode.float"); break;
    case RT_STRING: cg_buf_puts(b, "Json.Decode.string"); break;
    case RT_BOOL: cg_buf_puts(b, "Json.Decode.bool"); break;
    case RT_VALUE: cg_buf_puts(b, "Json.Decode.value"); break;
    case RT_CHAR: helper(g, b, H_CHAR, "jsonDecode_Char"); break;
    case RT_UNIT: helper(g, b, H_UNIT, "jsonDecode_Unit"); break;
    case RT_VAR: cg_buf_printf(b, "decode_%s", t->var); break;
    case RT_LIST: dec_args(g, b, t, "Json.Decode.list", atomic); break;
    case RT_ARRAY: dec_args(g, b, t, "Json.Decode.array", atomic); break;
    case RT_SET:
        cg_buf_printf(b, "%sJson.Decode.map Set.fromList (Json.Decode.list ", atomic ? "(" : "");
        cg_dec(g, b, t->args[0], 1);
        cg_buf_puts(b, atomic ? "))" : ")");
        break;
    case RT_MAYBE:
        g->helpers |= 1u << H_MAYBE;
        dec_args(g, b, t, "jsonDecode_Maybe", atomic);
        break;
    case RT_RESULT:
        g->helpers |= 1u << H_RESULT;
        dec_args(g, b, t, "jsonDecode_Result", atomic);
        break;
    case RT_DICT:
        g->helpers |= 1u << H_DICT | 1u << H_TUPLE2;
        dec_args(g, b, t, "jsonDecode_Dict", atomic);
        break;
    case RT_TUPLE:
        g->helpers |= 1u << (t->nargs == 2 ? H_TUPLE2 : H_TUPLE3);
        dec_args(g, b, t, t->nargs == 2 ? "jsonDecode_Tuple2" : "jsonDecode_Tuple3", atomic);
        break;
    case RT_NAMED: dec_named(g, b, t, atomic); break;
    case RT_RECORD:
        if (atomic)
            cg_buf_puts(b, "(");
        cg_dec_record(g, b, t, " ");
        if (atomic)
            cg_buf_puts(b, ")");
        break;
    }
}
