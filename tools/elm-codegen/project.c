/* project.c - reads an app's elm.json and finds, reads and parses its modules in the source
 * directories. */
#include "project.h"

#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

static int read_elm_json(cg_app *app, const char *dir)
{
    cg_ctx *c = app->ctx;
    const char *path = cg_printf(&c->arena, "%s/elm.json", dir);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr), *dirs, *type;
    int rc = -1, cap = 0;
    size_t i;
    if (root == NULL) {
        cg_fail(c, CG_EXIT_IO, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
        goto out;
    }
    type = json_object_get(root, "type");
    dirs = json_object_get(root, "source-directories");
    if (!json_is_string(type) || strcmp(json_string_value(type), "application") != 0) {
        cg_fail(c, CG_EXIT_IO, "%s: not an application's elm.json (\"type\": \"application\")",
                path);
        goto out;
    }
    if (!json_is_array(dirs) || json_array_size(dirs) == 0) {
        cg_fail(c, CG_EXIT_IO, "%s: \"source-directories\" is not a list of directories", path);
        goto out;
    }
    for (i = 0; i < json_array_size(dirs); i++) {
        json_t *d = json_array_get(dirs, i);
        if (!json_is_string(d)) {
            cg_fail(c, CG_EXIT_IO, "%s: \"source-directories\" item %zu is not a string", path, i);
            goto out;
        }
        cg_push(&c->arena, (void ***)&app->srcdirs, &app->nsrcdirs, &cap,
                cg_strdup(&c->arena, json_string_value(d)));
    }
    cg_push(&c->arena, (void ***)&app->files, &app->nfiles, &app->capfiles,
            cg_printf(&c->arena, "%selm.json", app->shown));
    rc = 0;
out:
    json_decref(root);
    return rc;
}

static const char *module_path(cg_arena *a, const char *dir, const char *module)
{
    char *p = cg_printf(a, "%s/%s.elm", dir, module);
    for (char *q = p + strlen(dir) + 1; *q; q++)
        if (*q == '.' && strcmp(q, ".elm") != 0)
            *q = '/';
    return p;
}

/* The module, parsed; a package module (not in the source directories) has file == NULL. */
cg_module *cg_find_module(cg_app *app, const char *name)
{
    cg_ctx *c = app->ctx;
    cg_module *m;
    for (int i = 0; i < app->nmodules; i++)
        if (strcmp(app->modules[i]->name, name) == 0)
            return app->modules[i];
    m = cg_alloc(&c->arena, sizeof *m);
    m->name = cg_strdup(&c->arena, name);
    for (int i = 0; i < app->nsrcdirs; i++) {
        const char *rel = module_path(&c->arena, app->srcdirs[i], name);
        const char *full = cg_printf(&c->arena, "%s/%s", app->root, rel);
        struct stat st;
        size_t len;
        char *src;
        if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (!(src = cg_read_file(c, full, &len)))
            return NULL;
        rel = cg_printf(&c->arena, "%s%s", app->shown, rel);
        if (cg_parse_module(c, rel, src, len, m) < 0)
            return NULL;
        if (strcmp(m->name, name) != 0) {
            cg_fail_at(c, rel, 1, 1, "this file declares module %s, but its path says %s", m->name,
                       name);
            return NULL;
        }
        cg_push(&c->arena, (void ***)&app->files, &app->nfiles, &app->capfiles, (void *)rel);
        break;
    }
    cg_push(&c->arena, (void ***)&app->modules, &app->nmodules, &app->capmodules, m);
    return m;
}

int cg_project_open(cg_app *app, cg_ctx *c, const char *dir, const char *shown)
{
    memset(app, 0, sizeof *app);
    app->ctx = c;
    app->root = dir;
    app->shown = shown;
    return read_elm_json(app, dir);
}
