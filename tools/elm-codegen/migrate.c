/* migrate.c - copies the previous version's types and writes the migration scaffold: generated
 * conversions for unchanged types, stubs for changed ones. */
#include "generate.h"

#include <string.h>

void cg_write_type_copies(gen *g, cg_buf *b)
{
    for (int i = 0; i < g->app->nnamed; i++) {
        const cg_named *n = g->app->named[i];
        cg_buf_printf(b, "\n\ntype %s%s", n->is_alias ? "alias " : "", n->mangled);
        for (int k = 0; k < n->decl->nparams; k++)
            cg_buf_printf(b, " %s", n->decl->params[k]);
        if (n->is_alias) {
            cg_buf_puts(b, " =\n    ");
            cg_write_type(b, n->alias_body, &g->nm, 0);
            cg_buf_puts(b, "\n");
        }
        for (int k = 0; k < n->nctors; k++) {
            cg_buf_printf(b, "\n    %s %s", k ? "|" : "=", cg_ctor_name(g->a, n, k, &g->nm));
            for (int j = 0; j < n->ctor_nargs[k]; j++) {
                cg_buf_puts(b, " ");
                cg_write_type(b, n->ctor_args[k][j], &g->nm, 1);
            }
        }
        if (!n->is_alias)
            cg_buf_puts(b, "\n");
    }
}

typedef struct mig {
    gen g;         /* naming of the new types: qualified */
    cg_naming old; /* naming of the previous types: Migrate.V1.Game_Player */
    const cg_app *prev, *cur;
    cg_arena *a;
} mig;

static const cg_named *counterpart(const cg_app *cur, const cg_named *o)
{
    for (int i = 0; i < cur->nnamed; i++)
        if (strcmp(cur->named[i]->module, o->module) == 0 &&
            strcmp(cur->named[i]->name, o->name) == 0)
            return cur->named[i];
    return NULL;
}

/* Can a value of the previous type `o` be converted to `n` by structure alone? */
static int compat(const cg_type *o, const cg_type *n)
{
    if (o->kind != n->kind || o->nargs != n->nargs || o->nfields != n->nfields)
        return 0;
    if (o->kind == RT_VAR)
        return strcmp(o->var, n->var) == 0;
    if (o->kind == RT_NAMED && (strcmp(o->named->module, n->named->module) != 0 ||
                                strcmp(o->named->name, n->named->name) != 0))
        return 0;
    for (int i = 0; i < o->nargs; i++)
        if (!compat(o->args[i], n->args[i]))
            return 0;
    for (int i = 0; i < n->nfields; i++) {
        int found = 0;
        for (int j = 0; j < o->nfields && !found; j++)
            found = strcmp(n->fields[i], o->fields[j]) == 0 && compat(o->ftypes[j], n->ftypes[i]);
        if (!found)
            return 0;
    }
    return 1;
}

static int named_compat(const cg_named *o, const cg_named *n)
{
    if (o->is_alias != n->is_alias || o->nctors != n->nctors ||
        o->decl->nparams != n->decl->nparams)
        return 0;
    for (int k = 0; k < o->decl->nparams; k++)
        if (strcmp(o->decl->params[k], n->decl->params[k]) != 0)
            return 0;
    if (o->is_alias)
        return compat(o->alias_body, n->alias_body);
    for (int k = 0; k < o->nctors; k++) {
        if (strcmp(o->ctor_names[k], n->ctor_names[k]) != 0 || o->ctor_nargs[k] != n->ctor_nargs[k])
            return 0;
        for (int i = 0; i < o->ctor_nargs[k]; i++)
            if (!compat(o->ctor_args[k][i], n->ctor_args[k][i]))
                return 0;
    }
    return 1;
}

static const char *fresh(mig *m)
{
    return cg_printf(m->a, "x%d", ++m->g.counter);
}

static void conv(mig *m, cg_buf *b, const cg_type *o, const cg_type *n, const char *v, int atomic);

/* A function converting the previous type to the new one: `migrate_X` or `(\x2 -> ...)`. */
static void conv_fn(mig *m, cg_buf *b, const cg_type *o, const cg_type *n)
{
    const char *x;
    if (o->kind == RT_NAMED && o->nargs == 0) {
        cg_buf_printf(b, "migrate_%s", o->named->mangled);
        return;
    }
    if (o->kind == RT_VAR) {
        cg_buf_printf(b, "migrate_%s", o->var);
        return;
    }
    x = fresh(m);
    cg_buf_printf(b, "(\\%s -> ", x);
    conv(m, b, o, n, x, 0);
    cg_buf_puts(b, ")");
}

static void conv_apply(mig *m, cg_buf *b, const char *f, const cg_type *o, const cg_type *n,
                       const char *v, int atomic)
{
    cg_buf_printf(b, "%s%s", atomic ? "(" : "", f);
    for (int i = 0; i < o->nargs; i++) {
        cg_buf_puts(b, " ");
        conv_fn(m, b, o->args[i], n->args[i]);
    }
    cg_buf_printf(b, " %s%s", v, atomic ? ")" : "");
}

static void conv_record(mig *m, cg_buf *b, const cg_type *o, const cg_type *n, const char *v)
{
    cg_buf_puts(b, n->nfields ? "{" : "{}");
    for (int i = 0; i < n->nfields; i++)
        for (int j = 0; j < o->nfields; j++)
            if (strcmp(n->fields[i], o->fields[j]) == 0) {
                cg_buf_printf(b, "%s%s = ", i ? ", " : " ", n->fields[i]);
                conv(m, b, o->ftypes[j], n->ftypes[i], cg_printf(m->a, "%s.%s", v, o->fields[j]),
                     0);
            }
    if (n->nfields)
        cg_buf_puts(b, " }");
}

static void conv_dict(mig *m, cg_buf *b, const cg_type *o, const cg_type *n, const char *v,
                      int atomic)
{
    const char *k, *x;
    if (!cg_type_has_named(o->args[0])) {
        x = fresh(m);
        cg_buf_printf(b, "%sDict.map (\\_ %s -> ", atomic ? "(" : "", x);
        conv(m, b, o->args[1], n->args[1], x, 0);
        cg_buf_printf(b, ") %s%s", v, atomic ? ")" : "");
        return;
    }
    k = fresh(m);
    x = fresh(m);
    cg_buf_printf(b, "%sDict.fromList (List.map (\\( %s, %s ) -> ( ", atomic ? "(" : "", k, x);
    conv(m, b, o->args[0], n->args[0], k, 0);
    cg_buf_puts(b, ", ");
    conv(m, b, o->args[1], n->args[1], x, 0);
    cg_buf_printf(b, " )) (Dict.toList %s))%s", v, atomic ? ")" : "");
}

static void conv_tuple(mig *m, cg_buf *b, const cg_type *o, const cg_type *n, const char *v,
                       int atomic)
{
    const char *x[3];
    cg_buf_printf(b, "%s(\\( ", atomic ? "(" : "");
    for (int i = 0; i < o->nargs; i++)
        cg_buf_printf(b, "%s%s", i ? ", " : "", x[i] = fresh(m));
    cg_buf_puts(b, " ) -> ( ");
    for (int i = 0; i < o->nargs; i++) {
        cg_buf_puts(b, i ? ", " : "");
        conv(m, b, o->args[i], n->args[i], x[i], 0);
    }
    cg_buf_printf(b, " )) %s%s", v, atomic ? ")" : "");
}

/* An expression converting `v` (atomic) from the previous type `o` to the new type `n`. */
static void conv(mig *m, cg_buf *b, const cg_type *o, const cg_type *n, const char *v, int atomic)
{
    if (!cg_type_has_named(o)) {
        cg_buf_puts(b, v);
        return;
    }
    switch (o->kind) {
    case RT_NAMED:
        conv_apply(m, b, cg_printf(m->a, "migrate_%s", o->named->mangled), o, n, v, atomic);
        break;
    case RT_VAR:
        cg_buf_printf(b, "%smigrate_%s %s%s", atomic ? "(" : "", o->var, v, atomic ? ")" : "");
        break;
    case RT_LIST: conv_apply(m, b, "List.map", o, n, v, atomic); break;
    case RT_ARRAY: conv_apply(m, b, "Array.map", o, n, v, atomic); break;
    case RT_SET: conv_apply(m, b, "Set.map", o, n, v, atomic); break;
    case RT_MAYBE: conv_apply(m, b, "Maybe.map", o, n, v, atomic); break;
    case RT_RESULT:
        cg_buf_printf(b, "%sResult.map ", atomic ? "(" : "");
        conv_fn(m, b, o->args[1], n->args[1]);
        cg_buf_puts(b, " (Result.mapError ");
        conv_fn(m, b, o->args[0], n->args[0]);
        cg_buf_printf(b, " %s)%s", v, atomic ? ")" : "");
        break;
    case RT_DICT: conv_dict(m, b, o, n, v, atomic); break;
    case RT_TUPLE: conv_tuple(m, b, o, n, v, atomic); break;
    case RT_RECORD: conv_record(m, b, o, n, v); break;
    default: cg_buf_puts(b, v); break;
    }
}

static void describe(cg_buf *b, const cg_named *n, const cg_naming *nm)
{
    cg_buf_printf(b, "type %s%s", n->is_alias ? "alias " : "", n->name);
    for (int k = 0; k < n->decl->nparams; k++)
        cg_buf_printf(b, " %s", n->decl->params[k]);
    if (n->is_alias) {
        cg_buf_puts(b, " = ");
        cg_write_type(b, n->alias_body, nm, 0);
    }
    for (int k = 0; k < n->nctors; k++) {
        cg_buf_printf(b, " %s %s", k ? "|" : "=", n->ctor_names[k]);
        for (int j = 0; j < n->ctor_nargs[k]; j++) {
            cg_buf_puts(b, " ");
            cg_write_type(b, n->ctor_args[k][j], nm, 1);
        }
    }
}

static void stub(mig *m, cg_buf *b, const char *fn, const cg_named *o, const cg_named *n)
{
    cg_naming q = {0};
    cg_buf_puts(
        b, "    -- TODO: the type changed, so this conversion is yours to write. Until it is,\n"
           "    -- the compiler rejects this module (todo_");
    cg_buf_printf(b, "%s is not defined): that is on\n    -- purpose.\n", fn);
    if (o != NULL) {
        cg_buf_puts(b, "    -- Before: ");
        describe(b, o, &q);
        cg_buf_puts(b, "\n    -- Now:    ");
        describe(b, n, &q);
        cg_buf_puts(b, "\n");
    }
    cg_buf_printf(b, "    todo_%s x1\n", fn);
    (void)m;
}

static void write_pair(mig *m, cg_buf *b, const cg_named *o, const cg_named *n, int *unwritten)
{
    const char *fn = cg_printf(m->a, "migrate_%s", o->mangled);
    m->g.counter = 1;
    cg_buf_printf(b, "\n\n%s : ", fn);
    for (int k = 0; k < o->decl->nparams; k++)
        cg_buf_printf(b, "(%s -> %s_new) -> ", o->decl->params[k], o->decl->params[k]);
    cg_write_named_self(b, o, &m->old, 0);
    cg_buf_printf(b, " -> %s", cg_type_name(m->a, n, &m->g.nm));
    for (int k = 0; k < n->decl->nparams; k++)
        cg_buf_printf(b, " %s_new", o->decl->params[k]);
    cg_buf_printf(b, "\n%s", fn);
    for (int k = 0; k < o->decl->nparams; k++)
        cg_buf_printf(b, " migrate_%s", o->decl->params[k]);
    cg_buf_puts(b, " x1 =\n");
    if (!named_compat(o, n)) {
        stub(m, b, fn, o, n);
        ++*unwritten;
    } else if (o->is_alias) {
        cg_buf_puts(b, "    ");
        conv(m, b, o->alias_body, n->alias_body, "x1", 0);
        cg_buf_puts(b, "\n");
    } else {
        cg_buf_puts(b, "    case x1 of\n");
        for (int k = 0; k < o->nctors; k++) {
            int first = m->g.counter + 1;
            cg_buf_printf(b, "%s        %s", k ? "\n" : "", cg_ctor_name(m->a, o, k, &m->old));
            for (int i = 0; i < o->ctor_nargs[k]; i++)
                cg_buf_printf(b, " x%d", ++m->g.counter);
            cg_buf_printf(b, " ->\n            %s", cg_ctor_name(m->a, n, k, &m->g.nm));
            for (int i = 0; i < o->ctor_nargs[k]; i++) {
                cg_buf_puts(b, " ");
                conv(m, b, o->ctor_args[k][i], n->ctor_args[k][i],
                     cg_printf(m->a, "x%d", first + i), 1);
            }
            cg_buf_puts(b, "\n");
        }
    }
}

static void write_entry(mig *m, cg_buf *b, const char *codec_module, int *unwritten)
{
    const cg_type *o = m->prev->state, *n = m->cur->state;
    int ok = compat(o, n);
    cg_buf_puts(b, "\n\nmigrateFromSerialized : String -> Result String ");
    cg_write_type(b, n, &m->g.nm, 1);
    cg_buf_printf(b,
                  "\nmigrateFromSerialized x1 =\n    case %s.deserializeState x1 of\n"
                  "        Ok x2 ->\n            Ok x2\n\n        Err x2 ->\n"
                  "            case Json.Decode.decodeString %s.decodeState x1 of\n"
                  "                Ok x3 ->\n                    Ok ",
                  codec_module, m->old.prefix);
    m->g.counter = 3;
    if (ok)
        conv(m, b, o, n, "x3", 1);
    else
        cg_buf_puts(b, "(migrateState x3)");
    cg_buf_puts(b, "\n\n                Err x3 ->\n                    Err (\"neither this "
                   "version's state (\" ++ x2 ++ \") nor the previous version's (\" ++ "
                   "Json.Decode.errorToString x3 ++ \")\")\n");
    if (ok)
        return;
    cg_buf_puts(b, "\n\nmigrateState : ");
    cg_write_type(b, o, &m->old, 0);
    cg_buf_puts(b, " -> ");
    cg_write_type(b, n, &m->g.nm, 0);
    cg_buf_puts(b, "\nmigrateState x1 =\n");
    stub(m, b, "migrateState", NULL, NULL);
    ++*unwritten;
}

void cg_generate_migration(const cg_app *prev, const cg_app *cur, const char *module,
                           const char *codec_module, const char *prev_module, const char *header,
                           cg_buf *out, int *unwritten)
{
    mig m;
    cg_buf body;
    const char *extra[] = {codec_module, prev_module, "Json.Decode", NULL};
    memset(&m, 0, sizeof m);
    cg_gen_init(&m.g, cur, out->arena, 0);
    m.old.flat = 1;
    m.old.prefix = prev_module;
    m.prev = prev;
    m.cur = cur;
    m.a = out->arena;
    *unwritten = 0;
    cg_buf_init(&body, out->arena);
    write_entry(&m, &body, codec_module, unwritten);
    for (int i = 0; i < prev->nnamed; i++) {
        const cg_named *n = counterpart(cur, prev->named[i]);
        if (n != NULL)
            write_pair(&m, &body, prev->named[i], n, unwritten);
    }
    cg_buf_printf(out, "%s\n\nmodule %s exposing (..)\n\n", header, module);
    cg_write_imports(cur, out, 1, extra);
    cg_buf_puts(out, body.data);
}
