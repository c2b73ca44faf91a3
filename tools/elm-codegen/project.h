/* project.h - an app's elm.json and modules (project.c). */
#ifndef PERSIST_ELM_CODEGEN_PROJECT_H
#define PERSIST_ELM_CODEGEN_PROJECT_H

#include "codegen.h"

/* Reads `dir`/elm.json into a fresh app; `shown` prefixes file names in messages. */
int cg_project_open(cg_app *app, cg_ctx *c, const char *dir, const char *shown);
/* The module named `name`, read and parsed on first use; file == NULL for a package module. NULL
 * with the error set when its file cannot be read or parsed. */
cg_module *cg_find_module(cg_app *app, const char *name);

#endif
