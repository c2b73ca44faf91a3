/* bench_util.h - what the benchmark programs share: reading a whole file or its lines, inserting a
 * statement before the final "}(this));" of `elm make` output as lib/app_adapter.c does, clocks,
 * percentiles and the process's memory and open files. */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The file's contents, NUL-terminated; NULL if it cannot be read and `must` is 0, else exits. */
static inline char *bench_slurp(const char *path, size_t *n, int must)
{
    FILE *f = fopen(path, "rb");
    char *b;
    long len;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0) {
        if (f != NULL)
            fclose(f);
        if (!must)
            return NULL;
        fprintf(stderr, "bench: cannot read %s\n", path);
        exit(2);
    }
    rewind(f);
    b = malloc((size_t)len + 1);
    if (b == NULL || fread(b, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "bench: cannot read %s\n", path);
        exit(2);
    }
    b[len] = '\0';
    *n = (size_t)len;
    fclose(f);
    return b;
}

/* head, then the code with stmt inserted (on lines of its own) before its last "}(this));". */
static inline char *bench_insert(const char *code, size_t len, const char *head, const char *stmt,
                                 size_t *out_len)
{
    static const char tail[] = "}(this));";
    size_t at = len, h = strlen(head), s = strlen(stmt), n = 0;
    char *out;
    for (size_t i = 0; i + sizeof tail - 1 <= len; i++)
        if (memcmp(code + i, tail, sizeof tail - 1) == 0)
            at = i;
    if (at == len) {
        fprintf(stderr, "bench: the code has no final }(this)); to insert before\n");
        exit(2);
    }
    out = malloc(h + len + s + 3);
    if (out == NULL)
        exit(2);
    memcpy(out, head, h);
    n = h;
    memcpy(out + n, code, at);
    n += at;
    out[n++] = '\n';
    memcpy(out + n, stmt, s);
    n += s;
    out[n++] = '\n';
    memcpy(out + n, code + at, len - at);
    *out_len = n + len - at;
    return out;
}

/* Seconds on a clock: CLOCK_MONOTONIC for wall time, CLOCK_PROCESS_CPUTIME_ID for CPU time. */
static inline double bench_clock(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile (0 to 1, nearest rank) of v[0..n); sorts v. 0 when n is 0. */
static inline double bench_quantile(double *v, size_t n, double q)
{
    size_t i;
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, bench_cmp_double);
    i = (size_t)(q * (double)n + 0.999999);
    return v[i == 0 ? 0 : i > n ? n - 1 : i - 1];
}

/* The lines of a text file (without their newlines; empty lines skipped), or its whole text as one
 * line when `whole`, or, when no such file can be read, `path` itself as the only line. */
typedef struct bench_lines {
    char *text;
    char **line;
    size_t *len;
    long n;
} bench_lines;

static inline bench_lines bench_read_lines(const char *path, int whole)
{
    bench_lines l = {NULL, NULL, NULL, 0};
    size_t n, cap = 0;
    l.text = bench_slurp(path, &n, 0);
    if (l.text == NULL) {
        n = strlen(path);
        l.text = malloc(n + 1);
        if (l.text == NULL)
            exit(2);
        memcpy(l.text, path, n + 1);
    }
    for (size_t i = 0; i <= n; i++)
        cap += i == n || l.text[i] == '\n';
    l.line = malloc(cap * sizeof *l.line);
    l.len = malloc(cap * sizeof *l.len);
    if (l.line == NULL || l.len == NULL)
        exit(2);
    for (size_t at = 0, end; at < n; at = end + 1) {
        char *nl = whole ? NULL : memchr(l.text + at, '\n', n - at);
        end = nl != NULL ? (size_t)(nl - l.text) : n;
        l.text[end] = '\0';
        if (end == at)
            continue;
        l.line[l.n] = l.text + at;
        l.len[l.n++] = end - at;
    }
    return l;
}

/* A field of /proc/self/status in KB (VmRSS, VmHWM, ...); -1 when it cannot be read. */
static inline long bench_status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            kb = atol(line + n + 1);
    if (f != NULL)
        fclose(f);
    return kb;
}

/* How many files the process has open. */
static inline long bench_open_files(void)
{
    DIR *d = opendir("/proc/self/fd");
    long n = -1; /* the directory's own descriptor */
    if (d == NULL)
        return -1;
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n - 2; /* . and .. */
}

#endif
