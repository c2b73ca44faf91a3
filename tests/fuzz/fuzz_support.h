/* fuzz_support.h - what the libFuzzer targets share: REQUIRE, whole files read and written, a
 * fixture deployed, outcomes printed, the scratch directory removed. Define FUZZ_NAME (the
 * target's name, a string literal) before including it; each target is one translation unit. */
#ifndef FUZZ_SUPPORT_H
#define FUZZ_SUPPORT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <persist.h>

#ifndef PERSIST_SOURCE_DIR
#define PERSIST_SOURCE_DIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, FUZZ_NAME ": requirement failed: %s (line %d)\n", #cond, __LINE__);    \
            __builtin_trap();                                                                      \
        }                                                                                          \
    } while (0)

/* A new scratch directory persist-fuzz-XXXXXX under $TMPDIR (or /tmp), into dir. */
static inline void fuzz_make_dir(char *dir, size_t cap)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, cap, "%s/persist-fuzz-XXXXXX", base && base[0] ? base : "/tmp");
    REQUIRE(mkdtemp(dir) != NULL);
}

/* Every default (zeroed, struct_size set) but relaxed durability, and the app cut short:
 * `budget_ms` per call, `heap` bytes. */
static inline void fuzz_options(persist_options *o, uint32_t budget_ms, uint64_t heap)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->durability = PERSIST_DURABILITY_RELAXED;
    o->js_budget_ms = budget_ms;
    o->js_memory_limit = heap;
}

/* The whole file, NUL-terminated (malloc'd). */
static inline char *fuzz_read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long n;
    char *buf;
    REQUIRE(f != NULL);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    REQUIRE(buf != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static inline void fuzz_write_all(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    REQUIRE(f != NULL && fwrite(data, 1, len, f) == len);
    REQUIRE(fclose(f) == 0);
}

/* Deploys tests/fixtures/NAME. */
static inline void fuzz_deploy_fixture(persist_store *s, const char *name, uint32_t mode)
{
    char path[4096];
    size_t n;
    char *code;
    snprintf(path, sizeof path, "%s/tests/fixtures/%s", PERSIST_SOURCE_DIR, name);
    code = fuzz_read_all(path, &n);
    REQUIRE(persist_store_deploy(s, code, n, mode, NULL) == PERSIST_OK);
    free(code);
}

/* A call on a damaged store, with valid arguments, returns PERSIST_OK or a status that names what
 * is wrong: never an internal error, "invalid argument" (the caller's are valid) or "not found"
 * (the store exists), each of which would send its user looking in the wrong place. */
#define REQUIRE_DAMAGE_STATUS(status)                                                              \
    do {                                                                                           \
        int rc_ = (status);                                                                        \
        if (rc_ > 0 || rc_ <= -64 || strcmp(persist_strerror(rc_), "unknown status") == 0 ||       \
            rc_ == PERSIST_ERROR || rc_ == PERSIST_EINVAL || rc_ == PERSIST_ENOTFOUND) {           \
            fprintf(stderr, FUZZ_NAME ": status %d (%s) for %s (line %d)\n", rc_,                  \
                    persist_strerror(rc_), #status, __LINE__);                                     \
            __builtin_trap();                                                                      \
        }                                                                                          \
    } while (0)

/* "FUZZ_NAME: LABEL: OK=n <status>=n ...", from counts indexed by -status. */
static inline void fuzz_print_outcomes(const char *label, const long outcomes[64])
{
    fprintf(stderr, FUZZ_NAME ": %s:", label);
    for (int i = 0; i < 64; i++)
        if (outcomes[i] > 0)
            fprintf(stderr, " %s=%ld", i == 0 ? "OK" : persist_strerror(-i), outcomes[i]);
    fprintf(stderr, "\n");
}

/* Removes a scratch directory the target made (named persist-fuzz-*), with what is in it. */
static inline void fuzz_remove_dir(const char *dir)
{
    char cmd[4200];
    if (strstr(dir, "persist-fuzz-") == NULL)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, FUZZ_NAME ": could not remove %s\n", dir);
}

#endif
