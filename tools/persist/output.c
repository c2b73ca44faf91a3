/* output.c - what persist writes: text, JSON (Jansson), messages, errors, progress, exit codes. */
#include "output.h"

#include <persist.h>

#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 30

static volatile sig_atomic_t interrupted;
static struct sigaction sigint_before; /* SIGINT's handler outside long work */

/* ---- exit statuses and error texts ---- */

int exit_status(int code)
{
    switch (code) {
    case PERSIST_OK: return XS_OK;
    case PERSIST_EINVAL:
    case PERSIST_EFOLLOWER:
    case PERSIST_EEXISTS: return XS_USAGE;
    case PERSIST_EGAP:
    case PERSIST_EFOREIGN:
    case PERSIST_EFORKED: return XS_SYNC;
    case PERSIST_ENOTFOUND:
    case PERSIST_ENOAPP: return XS_NOTFOUND;
    case PERSIST_EBUSY: return XS_BUSY;
    case PERSIST_ECORRUPT: return XS_CORRUPT;
    case PERSIST_ESCRIPT:
    case PERSIST_ETIMEOUT:
    case PERSIST_ELOAD:
    case PERSIST_ECONTRACT:
    case PERSIST_EREJECTED:
    case PERSIST_EMIGRATE:
    case PERSIST_EROUNDTRIP:
    case PERSIST_ENOTQUERY:
    case PERSIST_EMEMORY: return XS_APP;
    case PERSIST_EIO:
    case PERSIST_EFULL: return XS_IO;
    default: return XS_OTHER;
    }
}

static const char *status_name(int code)
{
    static const struct {
        int code;
        const char *name;
    } names[] = {{PERSIST_ERROR, "PERSIST_ERROR"},
                 {PERSIST_ENOMEM, "PERSIST_ENOMEM"},
                 {PERSIST_EINVAL, "PERSIST_EINVAL"},
                 {PERSIST_EMISUSE, "PERSIST_EMISUSE"},
                 {PERSIST_ECANCELED, "PERSIST_ECANCELED"},
                 {PERSIST_ENOTFOUND, "PERSIST_ENOTFOUND"},
                 {PERSIST_EEXISTS, "PERSIST_EEXISTS"},
                 {PERSIST_EBUSY, "PERSIST_EBUSY"},
                 {PERSIST_ENOAPP, "PERSIST_ENOAPP"},
                 {PERSIST_EREADONLY, "PERSIST_EREADONLY"},
                 {PERSIST_EIO, "PERSIST_EIO"},
                 {PERSIST_ECORRUPT, "PERSIST_ECORRUPT"},
                 {PERSIST_EFULL, "PERSIST_EFULL"},
                 {PERSIST_EVERSION, "PERSIST_EVERSION"},
                 {PERSIST_ESCRIPT, "PERSIST_ESCRIPT"},
                 {PERSIST_ETIMEOUT, "PERSIST_ETIMEOUT"},
                 {PERSIST_ELOAD, "PERSIST_ELOAD"},
                 {PERSIST_ECONTRACT, "PERSIST_ECONTRACT"},
                 {PERSIST_EREJECTED, "PERSIST_EREJECTED"},
                 {PERSIST_EMIGRATE, "PERSIST_EMIGRATE"},
                 {PERSIST_EROUNDTRIP, "PERSIST_EROUNDTRIP"},
                 {PERSIST_EMEMORY, "PERSIST_EMEMORY"},
                 {PERSIST_EFATAL, "PERSIST_EFATAL"},
                 {PERSIST_EFOLLOWER, "PERSIST_EFOLLOWER"},
                 {PERSIST_ENOTQUERY, "PERSIST_ENOTQUERY"},
                 {PERSIST_EGAP, "PERSIST_EGAP"},
                 {PERSIST_EFOREIGN, "PERSIST_EFOREIGN"},
                 {PERSIST_EFORKED, "PERSIST_EFORKED"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == code)
            return names[i].name;
    return "PERSIST_UNKNOWN";
}

/* What to do about a failure; the store is printed where the hint has "%s". */
static const char *hint_for(int code, uint64_t record)
{
    switch (code) {
    case PERSIST_ENOTFOUND:
        return record ? "`persist log %s` shows the records that are left"
                      : "check the path; `persist deploy` or `persist import` creates a store";
    case PERSIST_ENOAPP: return "`persist deploy %s APP.js` deploys one";
    case PERSIST_EBUSY:
        return "another process is writing the store: stop it first; read commands (info, log, "
               "state, verify, backup, export) work meanwhile";
    case PERSIST_ECORRUPT:
        return "run `persist verify %s --all` for details, and restore from a backup";
    case PERSIST_EINVAL: return record ? "`persist log %s` lists the records" : "";
    case PERSIST_EEXISTS: return "choose a new or empty target";
    case PERSIST_EFOLLOWER: return "`persist promote %s` makes the follower the writer";
    case PERSIST_EVERSION: return "the store needs a newer libpersist: use a newer persist";
    case PERSIST_EIO:
    case PERSIST_EFULL: return "check permissions and free disk space";
    case PERSIST_ECANCELED: return "interrupted; nothing was changed";
    default: return exit_status(code) == XS_APP ? "nothing was changed" : "";
    }
}

int out_fail_lib(struct out *o, int code, const char *msg)
{
    o->err.code = code;
    o->err.lib = 1;
    snprintf(o->err.msg, sizeof o->err.msg, "%s", msg);
    return exit_status(code);
}

int out_fail(struct out *o, int code, const char *hint, const char *fmt, ...)
{
    va_list ap;
    o->err.code = code;
    o->err.lib = 0;
    o->err.hint = hint;
    va_start(ap, fmt);
    vsnprintf(o->err.msg, sizeof o->err.msg, fmt, ap);
    va_end(ap);
    return exit_status(code);
}

/* Does the message already say "record N"? */
static int names_record(const char *msg, uint64_t record)
{
    char needle[40];
    size_t n = (size_t)snprintf(needle, sizeof needle, "record %" PRIu64, record);
    for (const char *p = strstr(msg, needle); p != NULL; p = strstr(p + 1, needle))
        if (p[n] < '0' || p[n] > '9')
            return 1;
    return 0;
}

/* "persist: store S: record N: <status>: <message> (<hint>)" on stderr. */
static void print_error(const struct out *o)
{
    const struct out_error *e = &o->err;
    const char *hint = e->hint ? e->hint : hint_for(e->code, e->record);
    fprintf(stderr, "persist: store %s: ", o->store);
    if (e->record != 0 && !names_record(e->msg, e->record))
        fprintf(stderr, "record %" PRIu64 ": ", e->record);
    if (e->lib)
        fprintf(stderr, "%s%s", persist_strerror(e->code), e->msg[0] ? ": " : "");
    fputs(e->msg, stderr);
    if (hint[0] != '\0') {
        fputs(strchr(e->msg, '\n') ? "\n(" : " (", stderr);
        for (const char *h = hint; *h; h++)
            if (h[0] == '%' && h[1] == 's')
                put_shell_word(stderr, o->store), h++;
            else
                putc(*h, stderr);
        putc(')', stderr);
    }
    putc('\n', stderr);
}

/* The "error" member of a failed command's JSON document. */
static json_t *json_error(const struct out_error *e, int status)
{
    json_t *j = json_object();
    json_object_set_new(j, "status", json_string(status_name(e->code)));
    json_object_set_new(j, "code", json_integer(e->code));
    json_object_set_new(j, "text", json_string(persist_strerror(e->code)));
    json_object_set_new(j, "message", jtext(e->msg, strlen(e->msg)));
    if (e->record != 0)
        json_object_set_new(j, "record", ju64(e->record));
    json_object_set_new(j, "exit", json_integer(status));
    return j;
}

/* ---- the document ---- */

void out_begin(struct out *o, const char *command, const char *store, unsigned flags)
{
    memset(o, 0, sizeof *o);
    o->store = store;
    o->json = (flags & OUT_JSON) != 0;
    o->verbose = (flags & OUT_VERBOSE) != 0;
    o->app_quiet = (flags & OUT_APP_QUIET) != 0;
    o->first = 1;
    o->prog.tty = isatty(STDERR_FILENO) && (!o->json || o->verbose);
    if (!o->json)
        return;
    putchar('{');
    out_member(o, "command", command ? json_string(command) : json_null());
    if (store != NULL)
        out_str(o, "store", store);
}

int out_end(struct out *o, int status)
{
    if (o->oom && status == XS_OK)
        status = out_fail(o, PERSIST_ENOMEM, "", "out of memory while writing the output");
    if (status != XS_OK && o->err.code != PERSIST_OK && (!o->json || o->verbose))
        print_error(o);
    free(o->seen.slots);
    o->seen.slots = NULL;
    if (!o->json)
        return status;
    if (json_array_size(o->messages) > 0)
        out_member(o, "messages", json_incref(o->messages));
    if (o->left_out > 0)
        out_u64(o, "messages_left_out", o->left_out);
    json_decref(o->messages);
    o->messages = NULL;
    if (status != XS_OK)
        out_member(o, "error", json_error(&o->err, status));
    out_member(o, "ok", json_boolean(status == XS_OK));
    fputs("}\n", stdout);
    return status;
}

int out_usage(const char *command, unsigned flags, const char *msg, const char *text)
{
    struct out o;
    if (!(flags & OUT_JSON) || (flags & OUT_VERBOSE))
        fputs(text, stderr);
    if (!(flags & OUT_JSON))
        return XS_USAGE;
    out_begin(&o, command, NULL, flags);
    out_fail(&o, PERSIST_EINVAL, "", "%s", msg);
    o.verbose = 0; /* the text is on stderr already */
    return out_end(&o, XS_USAGE);
}

static void put_json(struct out *o, const json_t *value)
{
    if (value == NULL || json_dumpf(value, stdout, JSON_COMPACT | JSON_ENCODE_ANY) != 0)
        o->oom = 1;
}

void out_member(struct out *o, const char *key, json_t *value)
{
    if (o->json) {
        printf("%s\"%s\":", o->first ? "" : ",", key);
        o->first = 0;
        put_json(o, value);
    }
    json_decref(value);
}

void out_u64(struct out *o, const char *key, uint64_t v)
{
    out_member(o, key, ju64(v));
}

void out_str(struct out *o, const char *key, const char *s)
{
    out_member(o, key, jtext(s, strlen(s)));
}

void out_text(struct out *o, const char *key, const char *s, size_t n)
{
    out_member(o, key, jtext(s, n));
}

void out_list_begin(struct out *o, const char *key)
{
    if (!o->json)
        return;
    printf("%s\"%s\":[", o->first ? "" : ",", key);
    o->first = 0;
}

void out_list_item(struct out *o, json_t *item, uint64_t index)
{
    if (o->json) {
        fputs(index ? ",\n" : "\n", stdout);
        put_json(o, item);
    }
    json_decref(item);
}

void out_list_end(struct out *o, uint64_t count)
{
    if (o->json)
        fputs(count ? "\n]" : "]", stdout);
}

/* ---- values ---- */

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 if it is not valid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    uint32_t cp, min;
    size_t len;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2, cp = p[0] & 0x1fu, min = 0x80;
    else if ((p[0] & 0xf0) == 0xe0)
        len = 3, cp = p[0] & 0x0fu, min = 0x800;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4, cp = p[0] & 0x07u, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

/* Jansson takes valid UTF-8 only: a text from the store with invalid bytes gets U+FFFD for each. */
json_t *jtext(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    json_t *j = json_stringn(s, n);
    char *clean;
    size_t i = 0, k, m = 0;
    if (j != NULL || (clean = malloc(n * 3 + 1)) == NULL)
        return j;
    while (i < n) {
        if ((k = utf8_len(p + i, n - i)) == 0) {
            memcpy(clean + m, "\xef\xbf\xbd", 3), m += 3, i++;
            continue;
        }
        memcpy(clean + m, p + i, k), m += k, i += k;
    }
    j = json_stringn(clean, m);
    free(clean);
    return j;
}

/* Record numbers, sizes and times fit in a JSON integer (int64). */
json_t *ju64(uint64_t v)
{
    return json_integer(v > (uint64_t)INT64_MAX ? INT64_MAX : (json_int_t)v);
}

/* ---- human text ---- */

void out_quoted(struct out *o, const char *s, size_t n)
{
    json_t *j = jtext(s, n);
    if (j == NULL || json_dumpf(j, stdout, JSON_ENCODE_ANY) != 0)
        o->oom = 1;
    json_decref(j);
}

/* The app's text (state, response) exactly as it is; a newline only for a person's terminal. */
void out_app_text(const char *s, size_t n)
{
    fwrite(s, 1, n, stdout);
    if (isatty(STDOUT_FILENO) && (n == 0 || s[n - 1] != '\n'))
        putchar('\n');
}

/* "2026-11-22T08:34:12.675Z"; `micro` gives six decimals. */
void format_time(uint64_t us, int micro, char *buf, size_t cap)
{
    time_t t = (time_t)(us / 1000000u);
    struct tm tm;
    size_t n;
    if (gmtime_r(&t, &tm) == NULL || (n = strftime(buf, cap, "%Y-%m-%dT%H:%M:%S", &tm)) == 0) {
        snprintf(buf, cap, "@%" PRIu64, us);
        return;
    }
    if (micro)
        snprintf(buf + n, cap - n, ".%06uZ", (unsigned)(us % 1000000u));
    else
        snprintf(buf + n, cap - n, ".%03uZ", (unsigned)(us % 1000000u / 1000u));
}

void format_bytes(uint64_t n, char *buf, size_t cap)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double v = (double)n;
    int u = -1;
    if (n < 1024) {
        snprintf(buf, cap, "%" PRIu64 " bytes", n);
        return;
    }
    while (v >= 1024.0 && u < 3)
        v /= 1024.0, u++;
    snprintf(buf, cap, "%.1f %s (%" PRIu64 " bytes)", v, units[u], n);
}

/* A path as the shell needs it in a suggested command. */
void put_shell_word(FILE *f, const char *s)
{
    if (s[0] != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789_./+:@%,=-") == strlen(s)) {
        fputs(s, f);
        return;
    }
    putc('\'', f);
    for (; *s; s++)
        *s == '\'' ? fputs("'\\''", f) : putc(*s, f);
    putc('\'', f);
}

/* ---- messages ---- */

static void progress_clear(struct progress *p)
{
    if (!p->shown)
        return;
    fprintf(stderr, "\r%*s\r", 79, "");
    p->shown = 0;
}

static int seen_grow(struct msg_set *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64, k;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i] == 0)
            continue;
        for (k = m->slots[i] & (cap - 1); slots[k] != 0; k = (k + 1) & (cap - 1))
            ;
        slots[k] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return 0;
}

/* Is this the first time the command meets this message (FNV-1a of its level and text)? */
static int seen_first(struct msg_set *m, int level, const char *text, size_t len)
{
    uint64_t h = 14695981039346656037ull ^ (uint64_t)level;
    size_t i;
    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 1099511628211ull;
    h += h == 0;
    if (m->n * 2 >= m->cap && seen_grow(m) != 0)
        return 1; /* out of memory: rather twice than never */
    for (i = h & (m->cap - 1); m->slots[i] != 0; i = (i + 1) & (m->cap - 1))
        if (m->slots[i] == h)
            return 0;
    m->slots[i] = h;
    m->n++;
    return 1;
}

#define MAX_JSON_MESSAGES 1000

static void show_message(struct out *o, int level, const char *text, size_t len)
{
    static const char *const names[] = {"debug", "info", "warning", "error"};
    json_t *j;
    if (!seen_first(&o->seen, level, text, len))
        return;
    if (o->json && json_array_size(o->messages) >= MAX_JSON_MESSAGES) {
        o->left_out++;
    } else if (o->json) {
        if (o->messages == NULL)
            o->messages = json_array();
        j = json_pack("{s:s,s:o}", "level", names[level], "message", jtext(text, len));
        if (j == NULL || json_array_append_new(o->messages, j) != 0)
            o->oom = 1;
    }
    if (o->json && !o->verbose)
        return;
    progress_clear(&o->prog);
    fprintf(stderr, "persist: store %s: %s: %.*s\n", o->store, names[level],
            len > 65536 ? 65536 : (int)len, text);
}

/* Warnings and errors are shown, the rest with --verbose; an inspection command shows none of the
 * app's console output without --verbose. */
void out_log(int level, const char *message, size_t len, void *userdata)
{
    struct out *o = userdata;
    int from_app = (level & PERSIST_LOG_FROM_APP) != 0; /* the stores open with LOG_TAG_APP */
    level &= ~PERSIST_LOG_FROM_APP;
    if (level < PERSIST_LOG_DEBUG || level > PERSIST_LOG_ERROR)
        level = PERSIST_LOG_ERROR;
    if (!o->verbose && (level < PERSIST_LOG_WARN || (o->app_quiet && from_app)))
        return;
    show_message(o, level, message, len);
}

void out_note(struct out *o, int level, const char *fmt, ...)
{
    char text[ERRMSG_SIZE];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n >= 0)
        show_message(o, level, text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
}

/* ---- progress bar and interruption ---- */

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Called by the library during restores, replays, verify and prune. Ctrl-C asks the library to
 * stop (PERSIST_ECANCELED, nothing changed); a second Ctrl-C kills the process. */
int out_progress(uint64_t done, uint64_t total, void *userdata)
{
    struct progress *p = userdata;
    char bar[BAR_WIDTH + 1];
    int pct, fill;
    if (interrupted)
        return 1;
    if (!p->tty || total == 0)
        return 0;
    pct = done >= total ? 100 : (int)((double)done * 100.0 / (double)total);
    if (p->shown && pct == p->pct)
        return 0;
    fill = pct * BAR_WIDTH / 100;
    memset(bar, '#', (size_t)fill);
    memset(bar + fill, '.', (size_t)(BAR_WIDTH - fill));
    bar[BAR_WIDTH] = '\0';
    fprintf(stderr, "\rpersist: %-7s [%s] %3d%% %" PRIu64 "/%" PRIu64, p->label, bar, pct, done,
            total);
    fflush(stderr);
    p->shown = 1;
    p->pct = pct;
    return 0;
}

/* Around each call that reports progress: label the bar, let Ctrl-C cancel it. */
void out_long_begin(struct out *o, const char *label)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sa.sa_flags = (int)SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &sigint_before);
    o->prog.label = label;
}

void out_long_end(struct out *o)
{
    sigaction(SIGINT, &sigint_before, NULL);
    progress_clear(&o->prog);
}
