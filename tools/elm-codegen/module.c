/* module.c - assembles a generated Elm module: header, imports, type copies, definitions, helpers.
 */
#include "generate.h"

#include <stdlib.h>
#include <string.h>

static void refs(const cg_type *t, unsigned char *row, int n)
{
    if (t->kind == RT_NAMED)
        row[t->named->index] = 1;
    for (int i = 0; i < t->nargs; i++)
        refs(t->args[i], row, n);
    for (int i = 0; i < t->nfields; i++)
        refs(t->ftypes[i], row, n);
}

static void body_refs(const cg_named *nd, unsigned char *row, int n)
{
    if (nd->is_alias)
        refs(nd->alias_body, row, n);
    for (int k = 0; k < nd->nctors; k++)
        for (int i = 0; i < nd->ctor_nargs[k]; i++)
            refs(nd->ctor_args[k][i], row, n);
}

static int reaches(const gen *g, const cg_named *from, const cg_named *to)
{
    return g->reach[from->index * g->app->nnamed + to->index];
}

/* Does `var` occur where it must be comparable (a Dict key, a Set element)? */
static int needs_comparable(const gen *g, const cg_type *t, const char *var, int in_key)
{
    if (t->kind == RT_VAR)
        return in_key && strcmp(t->var, var) == 0;
    for (int i = 0; i < t->nargs; i++) {
        int key = in_key || ((t->kind == RT_DICT || t->kind == RT_SET) && i == 0) ||
                  (t->kind == RT_NAMED && (g->comparable[t->named->index] >> i & 1u));
        if (needs_comparable(g, t->args[i], var, key))
            return 1;
    }
    for (int i = 0; i < t->nfields; i++)
        if (needs_comparable(g, t->ftypes[i], var, in_key))
            return 1;
    return 0;
}

static int body_needs_comparable(const gen *g, const cg_named *nd, const char *var)
{
    if (nd->is_alias)
        return needs_comparable(g, nd->alias_body, var, 0);
    for (int k = 0; k < nd->nctors; k++)
        for (int i = 0; i < nd->ctor_nargs[k]; i++)
            if (needs_comparable(g, nd->ctor_args[k][i], var, 0))
                return 1;
    return 0;
}

static void find_comparable(gen *g)
{
    int changed = 1, n = g->app->nnamed;
    while (changed) {
        changed = 0;
        for (int i = 0; i < n; i++) {
            const cg_named *nd = g->app->named[i];
            for (int k = 0; k < nd->decl->nparams && k < 32; k++)
                if (!(g->comparable[i] >> k & 1u) &&
                    body_needs_comparable(g, nd, nd->decl->params[k])) {
                    g->comparable[i] |= 1u << k;
                    changed = 1;
                }
        }
    }
}

void cg_gen_init(gen *g, const cg_app *app, cg_arena *a, int flat)
{
    int n = app->nnamed;
    memset(g, 0, sizeof *g);
    g->app = app;
    g->a = a;
    g->nm.flat = flat;
    g->reaches = reaches;
    g->reach = cg_alloc(a, (size_t)n * (size_t)n + 1);
    g->comparable = cg_alloc(a, sizeof *g->comparable * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        body_refs(app->named[i], g->reach + i * n, n);
    for (int k = 0; k < n; k++)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (g->reach[i * n + k] && g->reach[k * n + j])
                    g->reach[i * n + j] = 1;
    find_comparable(g);
}

static int param_comparable(const void *ctx, const char *var)
{
    const gen *g = ((const void *const *)ctx)[0];
    const cg_named *nd = ((const void *const *)ctx)[1];
    for (int k = 0; k < nd->decl->nparams && k < 32; k++)
        if (strcmp(nd->decl->params[k], var) == 0)
            return g->comparable[nd->index] >> k & 1u;
    return 0;
}

cg_naming cg_naming_for(const gen *g, const cg_named *n)
{
    cg_naming nm = g->nm;
    const void **ctx = cg_alloc(g->a, 2 * sizeof *ctx);
    ctx[0] = g;
    ctx[1] = n;
    nm.comparable = param_comparable;
    nm.ctx = ctx;
    return nm;
}

/* ---- imports ---- */

static void uses(const cg_type *t, unsigned *mask)
{
    if (t->kind == RT_ARRAY || t->kind == RT_DICT || t->kind == RT_SET || t->kind == RT_VALUE)
        *mask |= 1u << t->kind;
    for (int i = 0; i < t->nargs; i++)
        uses(t->args[i], mask);
    for (int i = 0; i < t->nfields; i++)
        uses(t->ftypes[i], mask);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_unique(cg_arena *a, const char ***list, int *n, int *cap, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*list)[i], name) == 0)
            return;
    cg_push(a, (void ***)list, n, cap, (void *)name);
}

void cg_write_imports(const cg_app *app, cg_buf *b, int app_modules, const char *const *extra)
{
    const char **names = NULL;
    int n = 0, cap = 0;
    unsigned mask = 0;
    cg_arena *a = b->arena;
    uses(app->state, &mask);
    for (int i = 0; i < app->nnamed; i++) {
        const cg_named *nd = app->named[i];
        if (nd->is_alias)
            uses(nd->alias_body, &mask);
        for (int k = 0; k < nd->nctors; k++)
            for (int j = 0; j < nd->ctor_nargs[k]; j++)
                uses(nd->ctor_args[k][j], &mask);
        if (app_modules)
            add_unique(a, &names, &n, &cap, nd->module);
    }
    if (mask & 1u << RT_ARRAY)
        add_unique(a, &names, &n, &cap, "Array");
    if (mask & 1u << RT_DICT)
        add_unique(a, &names, &n, &cap, "Dict");
    if (mask & 1u << RT_SET)
        add_unique(a, &names, &n, &cap, "Set");
    if (mask & 1u << RT_VALUE)
        add_unique(a, &names, &n, &cap, "Json.Encode");
    for (int i = 0; extra[i] != NULL; i++)
        add_unique(a, &names, &n, &cap, extra[i]);
    qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n; i++)
        cg_buf_printf(b, "import %s\n", names[i]);
}
