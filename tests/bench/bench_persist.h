/* bench_persist.h - what the benchmark programs that link libpersist share: failing loudly on a
 * status, and the app code to deploy (with a statement inserted for a plain JavaScript app made of
 * `elm make` output). Only the 1.0 API, so the programs also run against libpersist 1.0. */
#ifndef BENCH_PERSIST_H
#define BENCH_PERSIST_H

#include <persist.h>

#include "bench_util.h"

/* Exits with the store's message unless rc is PERSIST_OK. */
static inline void bench_ok(persist_store *s, int rc, const char *what)
{
    char msg[1024] = "";
    if (rc == PERSIST_OK)
        return;
    if (s != NULL)
        persist_store_errmsg(s, msg, sizeof msg);
    fprintf(stderr, "bench: %s: %s: %s\n", what, persist_strerror(rc), msg);
    exit(1);
}

/* The code of CODE.js as deployed: as it is, or with EXPOSE.js's statement inserted before its
 * final "}(this));" and "var app;" in front, so that the library takes it for a plain JavaScript
 * app (EXPOSE.js defines the global `app`) rather than `elm make` output. */
static inline char *bench_app_code(const char *code_path, const char *expose_path, size_t *len)
{
    size_t code_len, n;
    char *code = bench_slurp(code_path, &code_len, 1), *stmt, *out;
    if (expose_path == NULL) {
        *len = code_len;
        return code;
    }
    stmt = bench_slurp(expose_path, &n, 1);
    out = bench_insert(code, code_len, "var app;\n", stmt, len);
    free(stmt);
    free(code);
    return out;
}

/* Opens STORE afresh (removing what is there) and deploys the code with init. */
static inline persist_store *bench_fresh_store(const char *dir, const persist_options *o,
                                               const char *code, size_t len)
{
    persist_store *s;
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        exit(2);
    bench_ok(NULL, persist_store_open(&s, dir, o), "open");
    bench_ok(s, persist_store_deploy(s, code, len, PERSIST_DEPLOY_INIT, NULL), "deploy");
    return s;
}

#endif
