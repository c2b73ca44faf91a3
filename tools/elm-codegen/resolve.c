/* resolve.c - resolves the state's type across the app's modules into serializable types, or says
 * why it cannot. */
#include "project.h"

#include <stdio.h>
#include <string.h>

/* Where a type name leads: a type of elm/core or elm/json that has a JSON form, an app type, or
 * something else (a package type whose representation is hidden). */
typedef struct target {
    int found;
    int builtin; /* 1: kind and arity below */
    rt_kind kind;
    int arity;
    cg_decl *decl; /* an app type */
    const char *module, *name;
} target;

/* Type parameters in scope: a name stands for a type (an alias being expanded) or for itself. */
typedef struct env {
    const char **names;
    cg_type **types; /* NULL: a type variable of the declaration being resolved */
    int n;
} env;

static const struct {
    const char *module, *name;
    rt_kind kind;
    int arity;
} BUILTINS[] = {
    {"Basics", "Int", RT_INT, 0},          {"Basics", "Float", RT_FLOAT, 0},
    {"Basics", "Bool", RT_BOOL, 0},        {"String", "String", RT_STRING, 0},
    {"Char", "Char", RT_CHAR, 0},          {"List", "List", RT_LIST, 1},
    {"Maybe", "Maybe", RT_MAYBE, 1},       {"Result", "Result", RT_RESULT, 2},
    {"Dict", "Dict", RT_DICT, 2},          {"Set", "Set", RT_SET, 1},
    {"Array", "Array", RT_ARRAY, 1},       {"Json.Encode", "Value", RT_VALUE, 0},
    {"Json.Decode", "Value", RT_VALUE, 0},
};

/* Unqualified names every module sees (Elm's default imports). */
static const struct {
    const char *name, *module;
} DEFAULT_TYPES[] = {
    {"Int", "Basics"},       {"Float", "Basics"},  {"Bool", "Basics"},      {"Never", "Basics"},
    {"Order", "Basics"},     {"String", "String"}, {"Char", "Char"},        {"List", "List"},
    {"Maybe", "Maybe"},      {"Result", "Result"}, {"Program", "Platform"}, {"Cmd", "Platform.Cmd"},
    {"Sub", "Platform.Sub"},
};

static const struct {
    const char *qualifier, *module;
} DEFAULT_QUALIFIERS[] = {
    {"Basics", "Basics"},    {"List", "List"},        {"Maybe", "Maybe"},
    {"Result", "Result"},    {"String", "String"},    {"Char", "Char"},
    {"Tuple", "Tuple"},      {"Debug", "Debug"},      {"Platform", "Platform"},
    {"Cmd", "Platform.Cmd"}, {"Sub", "Platform.Sub"},
};

/* Types that package modules export, for `import Dict exposing (..)` and the like. */
static const struct {
    const char *module, *name;
} PACKAGE_EXPORTS[] = {
    {"Dict", "Dict"},         {"Set", "Set"},           {"Array", "Array"},
    {"Json.Encode", "Value"}, {"Json.Decode", "Value"}, {"Json.Decode", "Decoder"},
    {"Json.Decode", "Error"}, {"Task", "Task"},         {"Time", "Posix"},
    {"Time", "Zone"},         {"Html", "Html"},         {"Html", "Attribute"},
};

static int exposes(const cg_exposing *x, const char *name, int *with_ctors)
{
    if (x->all) {
        *with_ctors = 1;
        return 1;
    }
    for (int i = 0; i < x->ntypes; i++)
        if (strcmp(x->types[i], name) == 0) {
            *with_ctors = x->with_ctors[i];
            return 1;
        }
    return 0;
}

static cg_decl *find_decl(const cg_module *m, const char *name)
{
    for (int i = 0; i < m->ndecls; i++)
        if (strcmp(m->decls[i]->name, name) == 0)
            return m->decls[i];
    return NULL;
}

/* `name` in module `module` (already known to be the module the source means). */
static int target_in(cg_app *app, const char *module, const char *name, target *t)
{
    cg_module *m = cg_find_module(app, module);
    memset(t, 0, sizeof *t);
    t->module = module;
    t->name = name;
    if (m == NULL)
        return -1;
    if (m->file != NULL) {
        t->decl = find_decl(m, name);
        t->found = t->decl != NULL;
        return 0;
    }
    t->found = 1;
    for (size_t i = 0; i < sizeof BUILTINS / sizeof BUILTINS[0]; i++)
        if (strcmp(BUILTINS[i].module, module) == 0 && strcmp(BUILTINS[i].name, name) == 0) {
            t->builtin = 1;
            t->kind = BUILTINS[i].kind;
            t->arity = BUILTINS[i].arity;
        }
    return 0;
}

static const char *qualifier_module(cg_app *app, const cg_module *m, const char *q)
{
    if (m->synthetic)
        return q;
    for (int i = 0; i < m->nimports; i++) {
        const cg_import *imp = &m->imports[i];
        if (imp->alias != NULL ? strcmp(imp->alias, q) == 0 : strcmp(imp->module, q) == 0)
            return imp->module;
    }
    for (size_t i = 0; i < sizeof DEFAULT_QUALIFIERS / sizeof DEFAULT_QUALIFIERS[0]; i++)
        if (strcmp(DEFAULT_QUALIFIERS[i].qualifier, q) == 0)
            return DEFAULT_QUALIFIERS[i].module;
    (void)app;
    return NULL;
}

static int package_exports(const char *module, const char *name)
{
    for (size_t i = 0; i < sizeof PACKAGE_EXPORTS / sizeof PACKAGE_EXPORTS[0]; i++)
        if (strcmp(PACKAGE_EXPORTS[i].module, module) == 0 &&
            strcmp(PACKAGE_EXPORTS[i].name, name) == 0)
            return 1;
    return 0;
}

/* An unqualified type name: this module, then the imports that expose it, then the defaults. */
static int lookup_plain(cg_app *app, cg_module *m, const char *name, target *t)
{
    int ctors;
    if (find_decl(m, name) != NULL)
        return target_in(app, m->name, name, t);
    for (int i = 0; i < m->nimports; i++) {
        const cg_import *imp = &m->imports[i];
        if (imp->has_exposing && !imp->exposing.all && exposes(&imp->exposing, name, &ctors))
            return target_in(app, imp->module, name, t);
    }
    for (int i = 0; i < m->nimports; i++) {
        const cg_import *imp = &m->imports[i];
        cg_module *other;
        if (!imp->has_exposing || !imp->exposing.all)
            continue;
        if (!(other = cg_find_module(app, imp->module)))
            return -1;
        if (other->file != NULL
                ? find_decl(other, name) != NULL && exposes(&other->exposing, name, &ctors)
                : package_exports(imp->module, name))
            return target_in(app, imp->module, name, t);
    }
    for (size_t i = 0; i < sizeof DEFAULT_TYPES / sizeof DEFAULT_TYPES[0]; i++)
        if (strcmp(DEFAULT_TYPES[i].name, name) == 0)
            return target_in(app, DEFAULT_TYPES[i].module, name, t);
    memset(t, 0, sizeof *t);
    t->name = name;
    return 0;
}

static int lookup(cg_app *app, cg_module *m, const cg_texpr *e, target *t)
{
    const char *dot = strrchr(e->name, '.');
    const char *q, *module;
    if (dot == NULL)
        return lookup_plain(app, m, e->name, t);
    q = cg_strndup(&app->ctx->arena, e->name, (size_t)(dot - e->name));
    module = qualifier_module(app, m, q);
    if (module == NULL)
        return cg_fail_at(app->ctx, m->file, e->line, e->col,
                          "`%s`: no import of a module named or aliased `%s`", e->name, q);
    return target_in(app, module, dot + 1, t);
}

static cg_type *new_type(cg_app *app, rt_kind kind)
{
    cg_type *t = cg_alloc(&app->ctx->arena, sizeof *t);
    t->kind = kind;
    return t;
}

static cg_type *resolve(cg_app *app, cg_module *m, const cg_texpr *e, const env *en,
                        const char *path);

static const char *seg(cg_app *app, const char *path, const char *fmt, const char *a)
{
    return cg_printf(&app->ctx->arena, "%s.(%s %s)", path, fmt, a);
}

static cg_type *fail_type(cg_app *app, const cg_module *m, const cg_texpr *e, const char *path,
                          const char *why)
{
    cg_fail_at(app->ctx, m->file, e->line, e->col, "%s: %s", path, why);
    return NULL;
}

static cg_named *named_for(cg_app *app, cg_decl *d, const char *path);

/* The arguments of a builtin container, each with its place in the path. */
static cg_type *resolve_builtin(cg_app *app, cg_module *m, const cg_texpr *e, const env *en,
                                const target *tg, const char *path)
{
    static const char *const part[][2] = {
        [RT_LIST] = {"element", NULL},    [RT_ARRAY] = {"element", NULL},
        [RT_SET] = {"element", NULL},     [RT_MAYBE] = {"value", NULL},
        [RT_RESULT] = {"error", "value"}, [RT_DICT] = {"key", "value"},
    };
    cg_type *t = new_type(app, tg->kind);
    t->nargs = tg->arity;
    t->args = cg_alloc(&app->ctx->arena, sizeof *t->args * (size_t)(t->nargs + 1));
    for (int i = 0; i < t->nargs; i++)
        if (!(t->args[i] =
                  resolve(app, m, e->args[i], en, seg(app, path, tg->name, part[tg->kind][i]))))
            return NULL;
    return t;
}

/* `type alias Named r = { r | name : String }` used as `Named { age : Int }`: expanded here. */
static int is_extensible_alias(const cg_decl *d)
{
    return d->is_alias && d->body->kind == TX_RECORD && d->body->name != NULL;
}

static cg_type *resolve_app_type(cg_app *app, cg_module *m, const cg_texpr *e, const env *en,
                                 const target *tg, const char *path)
{
    cg_decl *d = tg->decl;
    cg_type **args = cg_alloc(&app->ctx->arena, sizeof *args * (size_t)(d->nparams + 1));
    cg_type *t;
    for (int i = 0; i < d->nparams; i++)
        if (!(args[i] = resolve(app, m, e->args[i], en, seg(app, path, d->name, d->params[i]))))
            return NULL;
    if (is_extensible_alias(d)) {
        env inner = {d->params, args, d->nparams};
        return resolve(app, d->mod, d->body, &inner, path);
    }
    t = new_type(app, RT_NAMED);
    t->args = args;
    t->nargs = d->nparams;
    if (!(t->named = named_for(app, d, path)))
        return NULL;
    return t;
}

static cg_type *resolve_name(cg_app *app, cg_module *m, const cg_texpr *e, const env *en,
                             const char *path)
{
    target tg;
    int arity;
    if (lookup(app, m, e, &tg) < 0)
        return NULL;
    if (!tg.found)
        return fail_type(app, m, e, path,
                         cg_printf(&app->ctx->arena, "cannot find the type `%s`%s", e->name,
                                   tg.module
                                       ? cg_printf(&app->ctx->arena, " in module %s", tg.module)
                                       : " (not declared here nor imported)"));
    if (!tg.builtin && tg.decl == NULL)
        return fail_type(
            app, m, e, path,
            cg_printf(&app->ctx->arena,
                      "`%s.%s` is a type from a package whose values have no JSON form "
                      "(functions, commands, tasks, views and opaque types cannot be stored); "
                      "keep a plain representation in the state instead",
                      tg.module, tg.name));
    arity = tg.builtin ? tg.arity : tg.decl->nparams;
    if (e->nargs != arity)
        return fail_type(app, m, e, path,
                         cg_printf(&app->ctx->arena, "`%s` takes %d type argument%s, not %d",
                                   e->name, arity, arity == 1 ? "" : "s", e->nargs));
    if (tg.builtin)
        return tg.arity == 0 ? new_type(app, tg.kind) : resolve_builtin(app, m, e, en, &tg, path);
    return resolve_app_type(app, m, e, en, &tg, path);
}

static int add_field(cg_app *app, cg_type *t, const char *name, cg_type *ft, int *cap, int *tcap)
{
    for (int i = 0; i < t->nfields; i++)
        if (strcmp(t->fields[i], name) == 0)
            return 0; /* { r | a : Int } with r = { a : Int }: Elm rejects that; keep one */
    cg_push(&app->ctx->arena, (void ***)&t->fields, &t->nfields, cap, (void *)name);
    t->nfields--;
    cg_push(&app->ctx->arena, (void ***)&t->ftypes, &t->nfields, tcap, ft);
    return 0;
}

static cg_type *resolve_record(cg_app *app, cg_module *m, const cg_texpr *e, const env *en,
                               const char *path)
{
    cg_type *t = new_type(app, RT_RECORD);
    int cap = 0, tcap = 0;
    for (int i = 0; i < e->nfields; i++) {
        cg_type *ft = resolve(app, m, e->ftypes[i], en,
                              cg_printf(&app->ctx->arena, "%s.%s", path, e->fields[i]));
        if (ft == NULL)
            return NULL;
        add_field(app, t, e->fields[i], ft, &cap, &tcap);
    }
    if (e->name != NULL) {
        cg_type *base = NULL;
        for (int i = 0; i < en->n; i++)
            if (strcmp(en->names[i], e->name) == 0)
                base = en->types != NULL ? en->types[i] : NULL;
        if (base == NULL || base->kind != RT_RECORD)
            return fail_type(app, m, e, path,
                             cg_printf(&app->ctx->arena,
                                       "the extensible record `{ %s | ... }` must be given a "
                                       "record type for `%s` to be serialized",
                                       e->name, e->name));
        for (int i = 0; i < base->nfields; i++)
            add_field(app, t, base->fields[i], base->ftypes[i], &cap, &tcap);
    }
    return t;
}

static cg_type *resolve_var(cg_app *app, cg_module *m, const cg_texpr *e, const env *en,
                            const char *path)
{
    cg_type *t;
    for (int i = 0; i < en->n; i++)
        if (strcmp(en->names[i], e->name) == 0) {
            if (en->types != NULL)
                return en->types[i];
            t = new_type(app, RT_VAR);
            t->var = e->name;
            return t;
        }
    return fail_type(app, m, e, path,
                     cg_printf(&app->ctx->arena,
                               "the type variable `%s` is not a parameter of a type: the state "
                               "must be a concrete type",
                               e->name));
}

static cg_type *resolve(cg_app *app, cg_module *m, const cg_texpr *e, const env *en,
                        const char *path)
{
    cg_type *t;
    int cap = 0;
    switch (e->kind) {
    case TX_VAR: return resolve_var(app, m, e, en, path);
    case TX_UNIT: return new_type(app, RT_UNIT);
    case TX_RECORD: return resolve_record(app, m, e, en, path);
    case TX_NAME: return resolve_name(app, m, e, en, path);
    case TX_FUNC:
        return fail_type(app, m, e, path, "a function cannot be serialized (it has no JSON form)");
    case TX_TUPLE:
        t = new_type(app, RT_TUPLE);
        for (int i = 0; i < e->nargs; i++) {
            char idx[16];
            cg_type *item;
            snprintf(idx, sizeof idx, "%d", i);
            if (!(item = resolve(app, m, e->args[i], en, seg(app, path, "Tuple", idx))))
                return NULL;
            cg_push(&app->ctx->arena, (void ***)&t->args, &t->nargs, &cap, item);
        }
        return t;
    }
    return NULL;
}

/* Game.Types + Player -> Game_Types_Player; an underscore inside a name is doubled, so two
 * different types never get one name. */
static const char *mangle(cg_arena *a, const char *module, const char *name)
{
    const char *full = cg_printf(a, "%s.%s", module, name);
    char *out = cg_alloc(a, strlen(full) * 2 + 1), *o = out;
    for (const char *s = full; *s; s++) {
        if (*s == '_')
            *o++ = '_';
        *o++ = *s == '.' ? '_' : *s;
    }
    *o = '\0';
    return out;
}

/* The generated module refers to the type by name (and to its constructors), so the module
 * must expose them, must not be the main module, and must not import the generated module. */
static int check_reachable(cg_app *app, const cg_decl *d, const char *path)
{
    const cg_module *m = d->mod;
    int ctors = 0;
    if (strcmp(m->name, app->main_module) == 0)
        return cg_fail_at(app->ctx, m->file, d->line, d->col,
                          "%s: the type %s is declared in the main module %s, which will import "
                          "the generated module %s; move the type to a module of its own (for "
                          "example Backend.State), so the imports have no cycle",
                          path, d->name, m->name, app->generated_module);
    for (int i = 0; i < m->nimports; i++)
        if (strcmp(m->imports[i].module, app->generated_module) == 0)
            return cg_fail_at(app->ctx, m->file, m->imports[i].line, m->imports[i].col,
                              "%s: module %s declares a type of the state and imports the "
                              "generated module %s: the imports would have a cycle",
                              path, m->name, app->generated_module);
    if (!exposes(&m->exposing, d->name, &ctors) || (!d->is_alias && !ctors))
        return cg_fail_at(app->ctx, m->file, d->line, d->col,
                          "%s: module %s does not expose %s%s, so the generated module cannot "
                          "%s it; expose `%s%s`",
                          path, m->name, d->name, d->is_alias ? "" : " with its constructors",
                          d->is_alias ? "name" : "build and match", d->name,
                          d->is_alias ? "" : "(..)");
    return 0;
}

static int resolve_ctors(cg_app *app, cg_named *n, const env *en, const char *path)
{
    cg_decl *d = n->decl;
    n->nctors = d->nctors;
    n->ctor_names = cg_alloc(&app->ctx->arena, sizeof *n->ctor_names * (size_t)d->nctors);
    n->ctor_args = cg_alloc(&app->ctx->arena, sizeof *n->ctor_args * (size_t)d->nctors);
    n->ctor_nargs = cg_alloc(&app->ctx->arena, sizeof *n->ctor_nargs * (size_t)d->nctors);
    for (int k = 0; k < d->nctors; k++) {
        const cg_ctor *ct = &d->ctors[k];
        n->ctor_names[k] = ct->name;
        n->ctor_nargs[k] = ct->nargs;
        n->ctor_args[k] = cg_alloc(&app->ctx->arena, sizeof(cg_type *) * (size_t)(ct->nargs + 1));
        for (int i = 0; i < ct->nargs; i++) {
            char idx[16];
            snprintf(idx, sizeof idx, "%d", i);
            if (!(n->ctor_args[k][i] =
                      resolve(app, d->mod, ct->args[i], en, seg(app, path, ct->name, idx))))
                return -1;
        }
    }
    return 0;
}

/* How many named types may be resolved one inside the other (State holds a Game, which holds a
 * Board, ...): far beyond real states, and shallow enough for the recursion of every pass. */
#define MAX_NAMED_DEPTH 100

/* The app type's entry, created (and its body resolved, depth first) on first use. */
static cg_named *named_for(cg_app *app, cg_decl *d, const char *path)
{
    cg_named *n;
    env en = {d->params, NULL, d->nparams};
    int ok;
    for (int i = 0; i < app->nnamed; i++)
        if (app->named[i]->decl == d)
            return app->named[i];
    if (check_reachable(app, d, path) < 0)
        return NULL;
    if (app->depth >= MAX_NAMED_DEPTH)
        return cg_fail_at(app->ctx, d->mod->file, d->line, d->col,
                          "%s: the state's types nest more than %d named types deep, one inside "
                          "the other (%s is inside all of them); the generator stops there",
                          d->name, MAX_NAMED_DEPTH, d->name),
               NULL;
    n = cg_alloc(&app->ctx->arena, sizeof *n);
    n->decl = d;
    n->module = d->mod->name;
    n->name = d->name;
    n->mangled = mangle(&app->ctx->arena, n->module, n->name);
    n->is_alias = d->is_alias;
    n->index = app->nnamed;
    cg_push(&app->ctx->arena, (void ***)&app->named, &app->nnamed, &app->capnamed, n);
    app->depth++;
    ok = d->is_alias ? (n->alias_body = resolve(app, d->mod, d->body, &en, path)) != NULL
                     : resolve_ctors(app, n, &en, path) == 0;
    app->depth--;
    if (!ok)
        return NULL;
    if (!d->is_alias && d->nctors == 0)
        return cg_fail_at(app->ctx, d->mod->file, d->line, d->col,
                          "%s: a type without constructors", path),
               NULL;
    n->done = 1;
    return n;
}

/* The state is the second parameter of interfaceToHost_processEvent : String -> State -> ... */
static const cg_texpr *state_of_annotation(cg_app *app, cg_module *main)
{
    const cg_texpr *a = main->process_event;
    if (a == NULL) {
        cg_fail_at(app->ctx, main->file, 1, 1,
                   "no type annotation `interfaceToHost_processEvent : String -> State -> ( "
                   "State, String )` in %s; add one, or name the state type with --state",
                   main->name);
        return NULL;
    }
    if (a->kind != TX_FUNC || a->args[1]->kind != TX_FUNC) {
        cg_fail_at(app->ctx, main->file, a->line, a->col,
                   "interfaceToHost_processEvent must have the type String -> State -> ( State, "
                   "String )");
        return NULL;
    }
    return a->args[1]->args[0];
}

static const char *root_path(cg_app *app, const cg_texpr *s)
{
    const char *dot;
    if (s->kind != TX_NAME)
        return "state";
    dot = strrchr(s->name, '.');
    return cg_strdup(&app->ctx->arena, dot ? dot + 1 : s->name);
}

int cg_app_load(cg_app *app, cg_ctx *c, const char *dir, const char *shown, const char *main_module,
                const char *state_option, const char *generated_module)
{
    cg_module *main, *scope;
    const cg_texpr *s;
    env none = {NULL, NULL, 0};
    if (cg_project_open(app, c, dir, shown) < 0)
        return -1;
    app->main_module = main_module;
    app->generated_module = generated_module;
    if (!(main = cg_find_module(app, main_module)))
        return -1;
    if (main->file == NULL)
        return cg_fail(c, CG_EXIT_ELM, "%selm.json: no module %s in the source directories", shown,
                       main_module);
    scope = main;
    if (state_option != NULL) {
        scope = cg_alloc(&c->arena, sizeof *scope);
        scope->name = "--state";
        scope->file = "--state";
        scope->synthetic = 1;
        s = cg_parse_type_text(c, state_option);
    } else {
        s = state_of_annotation(app, main);
    }
    if (s == NULL)
        return -1;
    app->state_text = root_path(app, s);
    app->state = resolve(app, scope, s, &none, app->state_text);
    return app->state != NULL ? 0 : -1;
}

int cg_type_has_named(const cg_type *t)
{
    if (t->kind == RT_NAMED || t->kind == RT_VAR)
        return 1;
    for (int i = 0; i < t->nargs; i++)
        if (cg_type_has_named(t->args[i]))
            return 1;
    for (int i = 0; i < t->nfields; i++)
        if (cg_type_has_named(t->ftypes[i]))
            return 1;
    return 0;
}

void cg_app_schema(const cg_app *app, cg_buf *out)
{
    cg_naming q = {0};
    cg_buf_puts(out, "state ");
    cg_write_type(out, app->state, &q, 0);
    for (int i = 0; i < app->nnamed; i++) {
        const cg_named *n = app->named[i];
        cg_buf_printf(out, "\n%s.%s", n->module, n->name);
        for (int k = 0; k < n->decl->nparams; k++)
            cg_buf_printf(out, " %s", n->decl->params[k]);
        if (n->is_alias) {
            cg_buf_puts(out, " = ");
            cg_write_type(out, n->alias_body, &q, 0);
        }
        for (int k = 0; k < n->nctors; k++) {
            cg_buf_printf(out, " %s %s", k ? "|" : "=", n->ctor_names[k]);
            for (int j = 0; j < n->ctor_nargs[k]; j++) {
                cg_buf_puts(out, " ");
                cg_write_type(out, n->ctor_args[k][j], &q, 1);
            }
        }
    }
}
