/* persist.c - the `persist` command-line tool: inspect, repair and maintain libpersist stores. */
#include <persist.h>

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Exit statuses; documented in USAGE and docs/persist.1. */
enum {
    XS_OK = 0,
    XS_USAGE = 1,    /* usage error or invalid argument */
    XS_NOTFOUND = 2, /* no store, no app, missing input file, pruned history */
    XS_BUSY = 3,     /* another process is writing the store */
    XS_CORRUPT = 4,  /* damaged store, or verify found problems */
    XS_APP = 5,      /* the app failed */
    XS_IO = 6,       /* I/O error or disk full */
    XS_OTHER = 7
};

/* Options; a command accepts the bits in its `opts` plus OPT_GLOBAL. */
enum {
    OPT_FROM = 1u << 0,
    OPT_LIMIT = 1u << 1,
    OPT_KIND = 1u << 2,
    OPT_AT = 1u << 3,
    OPT_ALL = 1u << 4,
    OPT_MIGRATE = 1u << 5,
    OPT_MODULE = 1u << 6,
    OPT_BEFORE = 1u << 7,
    OPT_FULL = 1u << 8,
    OPT_JSON = 1u << 9,
    OPT_VERBOSE = 1u << 10,
    OPT_HELP = 1u << 11,
    OPT_VERSION = 1u << 12
};
#define OPT_GLOBAL (OPT_JSON | OPT_VERBOSE | OPT_HELP | OPT_VERSION)

/* How a command opens its store. */
enum { OPEN_READ, OPEN_WRITE, OPEN_CREATE };

#define MAX_POS     2
#define TEXT_SHOWN  120 /* payload bytes `log` shows without --full */
#define BAR_WIDTH   30
#define ERRMSG_SIZE 2048

struct ctx;

struct command {
    const char *name;
    int (*run)(struct ctx *c);
    int open;          /* OPEN_* */
    int npos;          /* positional arguments */
    int store_pos;     /* which of them is the store */
    int record_pos;    /* which of them is a record number, -1 if none */
    unsigned opts;     /* OPT_* accepted */
    unsigned required; /* OPT_* required */
    const char *help;  /* usage line, description and options */
};

struct args {
    const struct command *cmd;
    int help_cmd; /* `persist help [COMMAND]` */
    const char *pos[MAX_POS];
    int npos;
    unsigned seen; /* OPT_* given */
    uint64_t from, limit, at, before, record;
    uint32_t kinds;
    const char *module;
};

struct progress {
    int tty;           /* stderr is a terminal: draw the bar */
    const char *label; /* what the library is doing */
    int shown;         /* a bar is on the screen */
    int pct;
};

struct ctx {
    const struct args *a;
    const char *store; /* the path as given */
    persist_store *s;
    int opened;  /* persist_store_open succeeded */
    int created; /* the store directory did not exist before this command */
    int json;
    int first; /* no JSON member written yet */
    struct progress prog;
    int err_code;         /* persist_status of the failure, PERSIST_OK if none */
    int err_lib;          /* err_msg came from the library: prefix persist_strerror() */
    uint64_t err_record;  /* record involved in the failure, 0 if none */
    const char *err_hint; /* overrides the hint of err_code; "" for none */
    char err_msg[ERRMSG_SIZE];
};

static volatile sig_atomic_t interrupted;

static const char *const KIND_NAMES[] = {"unknown",     "event",          "set_state",
                                         "deploy_init", "deploy_migrate", "reset"};

/* ---- text and JSON output ---- */

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

static void put_escaped_byte(FILE *f, unsigned char ch)
{
    switch (ch) {
    case '"': fputs("\\\"", f); break;
    case '\\': fputs("\\\\", f); break;
    case '\n': fputs("\\n", f); break;
    case '\r': fputs("\\r", f); break;
    case '\t': fputs("\\t", f); break;
    case '\b': fputs("\\b", f); break;
    case '\f': fputs("\\f", f); break;
    default:
        if (ch < 0x20 || ch == 0x7f)
            fprintf(f, "\\u%04x", ch);
        else
            putc(ch, f);
    }
}

/* A JSON string: quotes, escapes for '"', '\' and control characters, UTF-8 kept as is and
 * invalid UTF-8 bytes replaced by U+FFFD. Also how `log` shows texts. */
static void put_quoted(FILE *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, k;
    putc('"', f);
    while (i < n) {
        k = utf8_len(p + i, n - i);
        if (k == 0)
            fputs("\\ufffd", f), k = 1;
        else if (k > 1)
            fwrite(p + i, 1, k, f);
        else
            put_escaped_byte(f, p[i]);
        i += k;
    }
    putc('"', f);
}

/* Writes `"key":` after a comma unless it is the first member of its object. */
static void jkey(int *first, const char *key)
{
    printf("%s\"%s\":", *first ? "" : ",", key);
    *first = 0;
}

static void jstrn(int *first, const char *key, const char *s, size_t n)
{
    jkey(first, key);
    put_quoted(stdout, s, n);
}

static void jstr(int *first, const char *key, const char *s)
{
    jstrn(first, key, s, strlen(s));
}

static void ju64(int *first, const char *key, uint64_t v)
{
    jkey(first, key);
    printf("%" PRIu64, v);
}

/* The app's text (state, response) exactly as it is; a newline only for a person's terminal. */
static void put_text(const char *s, size_t n)
{
    fwrite(s, 1, n, stdout);
    if (isatty(STDOUT_FILENO) && (n == 0 || s[n - 1] != '\n'))
        putchar('\n');
}

/* "2026-11-22T08:34:12.675Z"; `micro` gives six decimals. */
static void format_time(uint64_t us, int micro, char *buf, size_t cap)
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

static void format_bytes(uint64_t n, char *buf, size_t cap)
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

static const char *kind_name(uint32_t kind)
{
    return kind < sizeof KIND_NAMES / sizeof KIND_NAMES[0] ? KIND_NAMES[kind] : KIND_NAMES[0];
}

/* A path as the shell needs it in a suggested command. */
static void put_shell_word(FILE *f, const char *s)
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

/* ---- progress bar and interruption ---- */

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void progress_clear(struct progress *p)
{
    if (!p->shown)
        return;
    fprintf(stderr, "\r%*s\r", 79, "");
    p->shown = 0;
}

/* Called by the library during restores, replays, verify and prune. Ctrl-C asks the library to
 * stop (PERSIST_ECANCELED, nothing changed); a second Ctrl-C kills the process. */
static int on_progress(uint64_t done, uint64_t total, void *userdata)
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
static void long_begin(struct ctx *c, const char *label)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sa.sa_flags = (int)SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    c->prog.label = label;
}

static void long_end(struct ctx *c)
{
    signal(SIGINT, SIG_DFL);
    progress_clear(&c->prog);
}

static void on_log(int level, const char *message, size_t len, void *userdata)
{
    static const char *const names[] = {"debug", "info", "warning", "error"};
    struct ctx *c = userdata;
    if (level < PERSIST_LOG_WARN && !(c->a->seen & OPT_VERBOSE))
        return;
    if (level < PERSIST_LOG_DEBUG || level > PERSIST_LOG_ERROR)
        level = PERSIST_LOG_ERROR;
    progress_clear(&c->prog);
    fprintf(stderr, "persist: store %s: %s: %.*s\n", c->store, names[level],
            len > 65536 ? 65536 : (int)len, message);
}

/* ---- errors ---- */

static int exit_status(int code)
{
    switch (code) {
    case PERSIST_OK: return XS_OK;
    case PERSIST_EINVAL:
    case PERSIST_EEXISTS: return XS_USAGE;
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
                 {PERSIST_EFATAL, "PERSIST_EFATAL"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == code)
            return names[i].name;
    return "PERSIST_UNKNOWN";
}

/* What to do about a failure; `store` is printed where the hint has "%s". */
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
    case PERSIST_EVERSION: return "the store needs a newer libpersist: use a newer persist";
    case PERSIST_EIO:
    case PERSIST_EFULL: return "check permissions and free disk space";
    case PERSIST_ECANCELED: return "interrupted; nothing was changed";
    default: return exit_status(code) == XS_APP ? "nothing was changed" : "";
    }
}

/* Records a failure of the library call that returned `code`; returns the exit status. */
static int fail(struct ctx *c, int code)
{
    c->err_code = code;
    c->err_lib = 1;
    c->err_msg[0] = '\0';
    if (c->s != NULL)
        persist_store_errmsg(c->s, c->err_msg, sizeof c->err_msg);
    return exit_status(code);
}

/* Records a failure of the tool itself, described by a message. */
static int fail_msg(struct ctx *c, int code, const char *hint, const char *fmt, ...)
{
    va_list ap;
    c->err_code = code;
    c->err_lib = 0;
    c->err_hint = hint;
    va_start(ap, fmt);
    vsnprintf(c->err_msg, sizeof c->err_msg, fmt, ap);
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
static void print_error(const struct ctx *c)
{
    const char *hint = c->err_hint ? c->err_hint : hint_for(c->err_code, c->err_record);
    fprintf(stderr, "persist: store %s: ", c->store);
    if (c->err_record != 0 && !names_record(c->err_msg, c->err_record))
        fprintf(stderr, "record %" PRIu64 ": ", c->err_record);
    if (c->err_lib)
        fprintf(stderr, "%s%s", persist_strerror(c->err_code), c->err_msg[0] ? ": " : "");
    fputs(c->err_msg, stderr);
    if (hint[0] != '\0') {
        fputs(strchr(c->err_msg, '\n') ? "\n(" : " (", stderr);
        for (const char *h = hint; *h; h++)
            if (h[0] == '%' && h[1] == 's')
                put_shell_word(stderr, c->store), h++;
            else
                putc(*h, stderr);
        putc(')', stderr);
    }
    putc('\n', stderr);
}

/* The "error" member of a failed command's JSON document. */
static void json_error(struct ctx *c, int status)
{
    int first = 1;
    jkey(&c->first, "error");
    putchar('{');
    jstr(&first, "status", status_name(c->err_code));
    jkey(&first, "code");
    printf("%d", c->err_code);
    jstr(&first, "text", persist_strerror(c->err_code));
    jstr(&first, "message", c->err_msg);
    if (c->err_record != 0)
        ju64(&first, "record", c->err_record);
    ju64(&first, "exit", (uint64_t)status);
    putchar('}');
}

/* ---- stores and files ---- */

/* Write commands other than deploy and import must not turn a directory without a store into
 * one (the library's NO_CREATE only refuses a missing directory). */
static int check_store_exists(struct ctx *c)
{
    char path[4096];
    struct stat st;
    if (stat(c->store, &st) != 0 || !S_ISDIR(st.st_mode))
        return XS_OK; /* the library reports it */
    snprintf(path, sizeof path, "%s/data.mdb", c->store);
    if (stat(path, &st) == 0 || errno != ENOENT)
        return XS_OK;
    return fail_msg(c, PERSIST_ENOTFOUND, NULL, "not found: %s holds no store (no data.mdb)",
                    c->store);
}

/* Commands that never need the live app open without restoring it: faster, and they still work on
 * a store whose restore fails (a damaged record after the newest snapshot, say). */
static int skips_restore(const struct ctx *c)
{
    const char *n = c->a->cmd->name;
    return !strcmp(n, "log") || !strcmp(n, "response") || !strcmp(n, "backup") ||
           (!strcmp(n, "state") && (c->a->seen & OPT_AT));
}

/* Commands that use the live app when there is one but can work without it: when the restore
 * fails they open again without it (verify then checks everything but the live state; revert is
 * the repair). */
static int falls_back(const struct ctx *c)
{
    const char *n = c->a->cmd->name;
    return !strcmp(n, "verify") || !strcmp(n, "revert") || !strcmp(n, "prune");
}

static int restore_failed(int rc)
{
    return rc != PERSIST_OK && rc != PERSIST_ENOTFOUND && rc != PERSIST_EBUSY &&
           rc != PERSIST_EVERSION && rc != PERSIST_EINVAL && rc != PERSIST_EMISUSE &&
           rc != PERSIST_ENOMEM && rc != PERSIST_EIO;
}

static int open_with(struct ctx *c, persist_options *o)
{
    int rc;
    long_begin(c, "restore");
    rc = persist_store_open(&c->s, c->store, o);
    long_end(c);
    return rc;
}

/* Opens c->store as the command needs it; records a failure. */
static int open_store(struct ctx *c)
{
    persist_options o;
    struct stat st;
    char msg[1024];
    int rc, mode = c->a->cmd->open;
    persist_options_init(&o, sizeof o);
    o.flags = mode == OPEN_READ    ? PERSIST_OPEN_READONLY | PERSIST_OPEN_NO_CREATE
              : mode == OPEN_WRITE ? PERSIST_OPEN_NO_CREATE
                                   : 0;
    if (skips_restore(c))
        o.flags |= PERSIST_OPEN_NO_RESTORE;
    o.log_fn = on_log;
    o.log_userdata = c;
    o.progress_fn = on_progress;
    o.progress_userdata = &c->prog;
    c->created = mode == OPEN_CREATE && stat(c->store, &st) != 0 && errno == ENOENT;
    if (mode == OPEN_WRITE && (rc = check_store_exists(c)) != XS_OK)
        return rc;
    rc = open_with(c, &o);
    if (restore_failed(rc) && falls_back(c)) {
        persist_store_errmsg(c->s, msg, sizeof msg);
        fprintf(stderr,
                "persist: store %s: its restore fails (%s: %s); going on without the live "
                "app\n",
                c->store, persist_strerror(rc), msg);
        persist_store_close(c->s);
        c->s = NULL;
        o.flags |= PERSIST_OPEN_NO_RESTORE;
        rc = open_with(c, &o);
    }
    if (rc != PERSIST_OK)
        return fail(c, rc);
    c->opened = 1;
    return XS_OK;
}

/* A failed deploy or import into a store this command created removes the store again. The
 * files go while the writer lock is still held; rmdir then fails if anyone else added files. */
static void discard_created_store(struct ctx *c)
{
    static const char *const files[] = {"data.mdb", "lock.mdb", "writer.lock"};
    char path[4096];
    uint64_t head = 1;
    if (!c->created || !c->opened || persist_store_head(c->s, &head) != PERSIST_OK || head != 0)
        return;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if ((size_t)snprintf(path, sizeof path, "%s/%s", c->store, files[i]) < sizeof path)
            unlink(path);
    persist_store_close(c->s);
    c->s = NULL;
    rmdir(c->store);
}

/* Reads a whole file ("-" is stdin) into *out (NUL-terminated; free()). */
static int read_input(struct ctx *c, const char *path, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    size_t cap = 65536, n = 0;
    char *buf = NULL, *grown = NULL;
    const char *why = NULL;
    if (f == NULL)
        return fail_msg(c, errno == ENOENT ? PERSIST_ENOTFOUND : PERSIST_EIO, "",
                        "cannot open %s: %s; nothing was changed", path, strerror(errno));
    while (why == NULL) {
        if (cap > (size_t)UINT32_MAX)
            why = "larger than 4 GiB";
        else if ((grown = realloc(buf, cap + 1)) == NULL)
            why = "out of memory";
        else if ((n += fread((buf = grown) + n, 1, cap - n, f)) < cap)
            break;
        else
            cap *= 2;
    }
    if (why == NULL && ferror(f))
        why = strerror(errno);
    if (f != stdin)
        fclose(f);
    if (why != NULL) {
        free(buf);
        return fail_msg(c, PERSIST_EIO, "", "cannot read %s: %s; nothing was changed", path, why);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return XS_OK;
}

/* ---- read commands ---- */

struct info {
    uint64_t head, count, oldest, snapshot_seq, state_len, data_bytes;
    int has_app, has_data, apps_damaged;
    char app_hash[65];
    char module[256];
    persist_snapshot_info *snaps;
    size_t nsnaps;
    persist_app_info *apps;
    size_t napps;
};

static int info_counts(struct ctx *c, struct info *inf)
{
    persist_record *r = NULL;
    size_t n = 0;
    int rc;
    if ((rc = persist_store_head(c->s, &inf->head)) != PERSIST_OK ||
        (rc = persist_store_record_count(c->s, &inf->count)) != PERSIST_OK ||
        (rc = persist_store_snapshot_seq(c->s, &inf->snapshot_seq)) != PERSIST_OK ||
        (rc = persist_store_snapshots(c->s, &inf->snaps, &inf->nsnaps)) != PERSIST_OK ||
        (rc = persist_store_records(c->s, 0, 1, 0, &r, &n)) != PERSIST_OK)
        return fail(c, rc);
    inf->oldest = n > 0 ? r[0].seq : 0;
    persist_free(r);
    /* The list reads every record: damaged history leaves it out, and info goes on. */
    rc = persist_store_apps(c->s, &inf->apps, &inf->napps);
    if (rc == PERSIST_ECORRUPT) {
        inf->apps_damaged = 1;
        fail(c, rc);
    } else if (rc != PERSIST_OK) {
        return fail(c, rc);
    }
    return XS_OK;
}

/* The live app: hash, module (from its deploy record) and the size of its state. */
static int info_app(struct ctx *c, struct info *inf)
{
    persist_record *r = NULL;
    char *state = NULL;
    size_t n = 0;
    int rc = persist_store_app_hash(c->s, inf->app_hash, sizeof inf->app_hash);
    if (rc == PERSIST_ENOAPP)
        return XS_OK;
    if (rc != PERSIST_OK || (rc = persist_store_state(c->s, &state, &n)) != PERSIST_OK)
        return fail(c, rc);
    inf->has_app = 1;
    inf->state_len = n;
    persist_free(state);
    if (inf->napps == 0)
        return XS_OK;
    rc = persist_store_records(c->s, inf->apps[inf->napps - 1].seq, 1, 0, &r, &n);
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (n > 0)
        snprintf(inf->module, sizeof inf->module, "%.*s", (int)r[0].module_len, r[0].module);
    persist_free(r);
    return XS_OK;
}

static void info_text(const struct ctx *c, const struct info *inf)
{
    char size[64];
    printf("store        %s\n", c->store);
    printf("head         %" PRIu64 "\n", inf->head);
    if (inf->count > 0)
        printf("records      %" PRIu64 " stored (%" PRIu64 "-%" PRIu64 ")\n", inf->count,
               inf->oldest, inf->head);
    else
        printf("records      none\n");
    printf("snapshots    %zu", inf->nsnaps);
    if (inf->snapshot_seq != 0)
        printf(", the newest after record %" PRIu64, inf->snapshot_seq);
    if (inf->apps_damaged)
        printf("\ndeployments  unknown (damaged history)\n");
    else
        printf("\ndeployments  %zu\n", inf->napps);
    if (inf->has_app) {
        const persist_app_info *last = inf->napps ? &inf->apps[inf->napps - 1] : NULL;
        printf("app          %s\n", inf->app_hash);
        if (last != NULL)
            printf("             from record %" PRIu64 " (%s), module %s\n", last->seq,
                   kind_name(last->kind), inf->module[0] ? inf->module : "(default)");
        format_bytes(inf->state_len, size, sizeof size);
        printf("state        %s\n", size);
    } else {
        printf("app          none deployed\n");
    }
    if (inf->has_data) {
        format_bytes(inf->data_bytes, size, sizeof size);
        printf("data.mdb     %s\n", size);
    }
}

static void info_json_lists(struct ctx *c, const struct info *inf)
{
    jkey(&c->first, "snapshots");
    putchar('[');
    for (size_t i = 0; i < inf->nsnaps; i++) {
        int first = 1;
        printf("%s{", i ? "," : "");
        ju64(&first, "seq", inf->snaps[i].seq);
        ju64(&first, "time_us", inf->snaps[i].time_us);
        ju64(&first, "state_bytes", inf->snaps[i].state_len);
        jstr(&first, "app_hash", inf->snaps[i].app_hash);
        putchar('}');
    }
    printf("]");
    jkey(&c->first, "apps");
    if (inf->apps_damaged) {
        printf("null");
        return;
    }
    putchar('[');
    for (size_t i = 0; i < inf->napps; i++) {
        int first = 1;
        printf("%s{", i ? "," : "");
        ju64(&first, "seq", inf->apps[i].seq);
        jstr(&first, "kind", kind_name(inf->apps[i].kind));
        ju64(&first, "code_bytes", inf->apps[i].code_len);
        jstr(&first, "app_hash", inf->apps[i].app_hash);
        putchar('}');
    }
    printf("]");
}

static void info_json(struct ctx *c, const struct info *inf)
{
    ju64(&c->first, "head", inf->head);
    ju64(&c->first, "record_count", inf->count);
    ju64(&c->first, "oldest", inf->oldest);
    ju64(&c->first, "snapshot_seq", inf->snapshot_seq);
    if (inf->has_app) {
        jstr(&c->first, "app_hash", inf->app_hash);
        jstr(&c->first, "module", inf->module);
        ju64(&c->first, "state_bytes", inf->state_len);
    } else {
        jkey(&c->first, "app_hash");
        printf("null");
    }
    if (inf->has_data)
        ju64(&c->first, "data_bytes", inf->data_bytes);
    info_json_lists(c, inf);
}

static int cmd_info(struct ctx *c)
{
    struct info inf;
    struct stat st;
    char path[4096];
    int rc;
    memset(&inf, 0, sizeof inf);
    if ((rc = open_store(c)) != XS_OK || (rc = info_counts(c, &inf)) != XS_OK ||
        (rc = info_app(c, &inf)) != XS_OK)
        goto out;
    snprintf(path, sizeof path, "%s/data.mdb", c->store);
    if (stat(path, &st) == 0)
        inf.has_data = 1, inf.data_bytes = (uint64_t)st.st_size;
    if (c->json)
        info_json(c, &inf);
    else
        info_text(c, &inf);
    rc = inf.apps_damaged ? exit_status(PERSIST_ECORRUPT) : XS_OK;
out:
    persist_free(inf.snaps);
    persist_free(inf.apps);
    return rc;
}

/* A payload in `log` text: quoted, and cut at TEXT_SHOWN bytes (on a character boundary). */
static void put_payload(const struct ctx *c, const char *p, size_t n)
{
    size_t shown = n;
    if (!(c->a->seen & OPT_FULL) && n > TEXT_SHOWN) {
        shown = TEXT_SHOWN;
        while (shown > 0 && ((unsigned char)p[shown] & 0xc0) == 0x80)
            shown--;
    }
    put_quoted(stdout, p, shown);
    if (shown < n)
        printf("... (%zu bytes)", n);
}

static void record_text(const struct ctx *c, const persist_record *r)
{
    char when[40];
    int full = (c->a->seen & OPT_FULL) != 0;
    format_time(r->time_us, 0, when, sizeof when);
    printf("%6" PRIu64 "  %s  %-14s", r->seq, when, kind_name(r->kind));
    if (r->kind == PERSIST_RECORD_DEPLOY_INIT || r->kind == PERSIST_RECORD_DEPLOY_MIGRATE ||
        r->kind == PERSIST_RECORD_RESET) {
        printf(" app %.*s", full ? 64 : 12, r->app_hash);
        if (r->module_len > 0)
            printf(" module %.*s", (int)r->module_len, r->module);
    }
    if (r->kind == PERSIST_RECORD_RESET)
        r->source_seq ? printf(" revert to %" PRIu64, r->source_seq) : printf(" import");
    if (r->payload != NULL) {
        fputs(r->kind == PERSIST_RECORD_EVENT ? " " : " state ", stdout);
        put_payload(c, r->payload, r->payload_len);
    }
    putchar('\n');
}

static void record_json(const persist_record *r, int index)
{
    char when[40];
    int first = 1;
    format_time(r->time_us, 1, when, sizeof when);
    printf("%s\n{", index ? "," : "");
    ju64(&first, "seq", r->seq);
    jstr(&first, "kind", kind_name(r->kind));
    ju64(&first, "time_us", r->time_us);
    jstr(&first, "time", when);
    if (r->payload != NULL)
        jstrn(&first, r->kind == PERSIST_RECORD_EVENT ? "event" : "state", r->payload,
              r->payload_len);
    if (r->app_hash[0] != '\0') {
        jstr(&first, "app_hash", r->app_hash);
        jstrn(&first, "module", r->module, r->module_len);
    }
    if (r->kind == PERSIST_RECORD_RESET)
        ju64(&first, "source_seq", r->source_seq);
    putchar('}');
}

/* Pages through the records (the library returns at most 1000 per call). */
static int log_records(struct ctx *c, uint64_t *shown)
{
    const struct args *a = c->a;
    uint64_t from = a->from, left = (a->seen & OPT_LIMIT) ? a->limit : UINT64_MAX;
    uint32_t page = 1000;
    while (left > 0) {
        persist_record *r = NULL;
        size_t n = 0;
        int rc = persist_store_records(c->s, from, left < page ? (uint32_t)left : page, a->kinds,
                                       &r, &n);
        if (rc == PERSIST_ECORRUPT && page > 1) {
            page = 1; /* a damaged record fails its page: list the records before it */
            continue;
        }
        if (rc != PERSIST_OK)
            return fail(c, rc);
        for (size_t i = 0; i < n; i++, (*shown)++)
            c->json ? record_json(&r[i], *shown != 0) : record_text(c, &r[i]);
        if (n > 0)
            from = r[n - 1].seq + 1;
        persist_free(r);
        if (n == 0)
            break;
        left -= n;
    }
    return XS_OK;
}

static int cmd_log(struct ctx *c)
{
    uint64_t shown = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if (c->json) {
        jkey(&c->first, "records");
        putchar('[');
    }
    rc = log_records(c, &shown);
    if (c->json)
        printf("%s]", shown ? "\n" : "");
    else if (shown == 0 && rc == XS_OK)
        printf("no records\n");
    return rc;
}

/* state, and response: the app's text, from the live app or replayed in a scratch heap. */
static int print_app_text(struct ctx *c, int rc, char *text, size_t len, const char *key)
{
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (c->json)
        jstrn(&c->first, key, text, len);
    else
        put_text(text, len);
    persist_free(text);
    return XS_OK;
}

static int cmd_state(struct ctx *c)
{
    char *text = NULL;
    size_t len = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if (!(c->a->seen & OPT_AT)) {
        rc = persist_store_state(c->s, &text, &len);
        return print_app_text(c, rc, text, len, "state");
    }
    c->err_record = c->a->at;
    if (c->json)
        ju64(&c->first, "at", c->a->at);
    long_begin(c, "replay");
    rc = persist_store_state_at(c->s, c->a->at, &text, &len);
    long_end(c);
    return print_app_text(c, rc, text, len, "state");
}

static int cmd_response(struct ctx *c)
{
    char *text = NULL;
    size_t len = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    c->err_record = c->a->record;
    if (c->json)
        ju64(&c->first, "seq", c->a->record);
    long_begin(c, "replay");
    rc = persist_store_response_at(c->s, c->a->record, &text, &len);
    long_end(c);
    return print_app_text(c, rc, text, len, "response");
}

static void verify_print(struct ctx *c, const persist_verify_report *r)
{
    if (c->json) {
        ju64(&c->first, "problems", r->problems);
        ju64(&c->first, "records_checked", r->records_checked);
        ju64(&c->first, "snapshots_checked", r->snapshots_checked);
        ju64(&c->first, "apps_checked", r->apps_checked);
        ju64(&c->first, "first_problem_seq", r->first_problem_seq);
        return;
    }
    printf("store %s: ", c->store);
    if (r->problems == 0)
        printf("ok");
    else if (r->first_problem_seq == 0) /* an app, or the page structure: the message says */
        printf("%" PRIu32 " problem%s", r->problems, r->problems == 1 ? "" : "s");
    else
        printf("%" PRIu32 " problem%s, the first at record %" PRIu64, r->problems,
               r->problems == 1 ? "" : "s", r->first_problem_seq);
    printf(" (checked records: %" PRIu64 ", snapshots: %" PRIu64 ", apps: %" PRIu64 ")\n",
           r->records_checked, r->snapshots_checked, r->apps_checked);
}

#define VERIFY_HINT "restore the store from a backup, or revert to a record before the damage"

static int cmd_verify(struct ctx *c)
{
    persist_verify_report r;
    int rc = open_store(c);
    if (rc != XS_OK) {
        if (c->err_code == PERSIST_ECORRUPT)
            c->err_hint = "restore the store from a backup";
        return rc;
    }
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    long_begin(c, "verify");
    rc = persist_store_verify(c->s, (c->a->seen & OPT_ALL) ? PERSIST_VERIFY_ALL_SNAPSHOTS : 0, &r);
    long_end(c);
    if (rc != PERSIST_OK && rc != PERSIST_ECORRUPT)
        return fail(c, rc);
    verify_print(c, &r);
    if (rc == PERSIST_OK)
        return XS_OK;
    c->err_record = r.first_problem_seq;
    c->err_hint = VERIFY_HINT;
    return fail(c, rc);
}

static int cmd_backup(struct ctx *c)
{
    const char *dir = c->a->pos[1];
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if ((rc = persist_store_backup(c->s, dir)) != PERSIST_OK)
        return fail(c, rc);
    if (c->json)
        jstr(&c->first, "backup", dir);
    else
        printf("store %s: backed up to %s\n", c->store, dir);
    return XS_OK;
}

static int cmd_export(struct ctx *c)
{
    const char *file = c->a->pos[1];
    char hash[65];
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if ((rc = persist_store_export(c->s, file)) != PERSIST_OK ||
        (rc = persist_store_app_hash(c->s, hash, sizeof hash)) != PERSIST_OK)
        return fail(c, rc);
    if (c->json) {
        jstr(&c->first, "file", file);
        jstr(&c->first, "app_hash", hash);
    } else {
        printf("store %s: exported app %.12s and its state to %s\n", c->store, hash, file);
    }
    return XS_OK;
}

/* ---- write commands ---- */

/* After a write: the new head and the live app, as JSON members or one line of text. */
static int report_write(struct ctx *c, const char *what)
{
    uint64_t head = 0;
    char hash[65] = "";
    int rc = persist_store_head(c->s, &head);
    if (rc != PERSIST_OK)
        return fail(c, rc);
    rc = persist_store_app_hash(c->s, hash, sizeof hash);
    if (rc != PERSIST_OK && rc != PERSIST_ENOAPP)
        return fail(c, rc);
    if (c->json) {
        ju64(&c->first, "head", head);
        jstr(&c->first, "app_hash", hash);
    } else {
        printf("store %s: %s; head is record %" PRIu64 ", app %.12s\n", c->store, what, head,
               hash[0] ? hash : "none");
    }
    return XS_OK;
}

static int cmd_submit(struct ctx *c)
{
    const char *event = c->a->pos[1];
    char *resp = NULL;
    size_t len = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    rc = persist_store_submit(c->s, event, strlen(event), &resp, &len);
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (c->json) {
        uint64_t head = 0;
        jstrn(&c->first, "response", resp, len);
        if (persist_store_head(c->s, &head) == PERSIST_OK)
            ju64(&c->first, "head", head);
    } else {
        put_text(resp, len);
    }
    persist_free(resp);
    return XS_OK;
}

static int cmd_deploy(struct ctx *c)
{
    const char *file = c->a->pos[1];
    int migrate = (c->a->seen & OPT_MIGRATE) != 0;
    char *code = NULL, what[64];
    size_t len = 0;
    int rc = read_input(c, file, &code, &len);
    if (rc == XS_OK && (rc = open_store(c)) == XS_OK) {
        rc = persist_store_deploy(
            c->s, code, len, migrate ? PERSIST_DEPLOY_MIGRATE : PERSIST_DEPLOY_INIT, c->a->module);
        if (rc != PERSIST_OK) {
            rc = fail(c, rc);
        } else {
            if (c->json)
                jstr(&c->first, "mode", migrate ? "migrate" : "init");
            snprintf(what, sizeof what, "deployed (%s)", migrate ? "migrate" : "init");
            rc = report_write(c, what);
        }
    }
    free(code);
    return rc;
}

static int cmd_set_state(struct ctx *c)
{
    char *text = NULL;
    size_t len = 0;
    int rc = read_input(c, c->a->pos[1], &text, &len);
    if (rc == XS_OK && (rc = open_store(c)) == XS_OK) {
        rc = persist_store_set_state(c->s, text, len);
        rc = rc != PERSIST_OK ? fail(c, rc) : report_write(c, "state set");
    }
    free(text);
    return rc;
}

static int cmd_snapshot(struct ctx *c)
{
    uint64_t seq = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if ((rc = persist_store_snapshot(c->s)) != PERSIST_OK ||
        (rc = persist_store_snapshot_seq(c->s, &seq)) != PERSIST_OK)
        return fail(c, rc);
    if (c->json)
        ju64(&c->first, "snapshot_seq", seq);
    else
        printf("store %s: snapshot after record %" PRIu64 "\n", c->store, seq);
    return XS_OK;
}

static int cmd_revert(struct ctx *c)
{
    char what[64];
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    c->err_record = c->a->record;
    rc = persist_store_revert(c->s, c->a->record);
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (c->json)
        ju64(&c->first, "reverted_to", c->a->record);
    snprintf(what, sizeof what, "reverted to the state after record %" PRIu64, c->a->record);
    return report_write(c, what);
}

static void prune_print(struct ctx *c, const persist_prune_report *r)
{
    char before[64], after[64];
    if (c->json) {
        ju64(&c->first, "kept_from", r->kept_from);
        ju64(&c->first, "records_removed", r->records_removed);
        ju64(&c->first, "snapshots_removed", r->snapshots_removed);
        ju64(&c->first, "apps_removed", r->apps_removed);
        jkey(&c->first, "compacted");
        printf(r->compacted ? "true" : "false");
        ju64(&c->first, "bytes_before", r->bytes_before);
        ju64(&c->first, "bytes_after", r->bytes_after);
        return;
    }
    format_bytes(r->bytes_before, before, sizeof before);
    format_bytes(r->bytes_after, after, sizeof after);
    printf("store %s: kept the records from %" PRIu64 " on; removed %" PRIu64 " records, %" PRIu64
           " snapshots and %" PRIu64 " apps\n",
           c->store, r->kept_from, r->records_removed, r->snapshots_removed, r->apps_removed);
    printf("data.mdb: %s before, %s after%s\n", before, after,
           r->compacted ? "" : " (not compacted: another process has the store open)");
}

static int cmd_prune(struct ctx *c)
{
    persist_prune_report r;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    c->err_record = c->a->before;
    long_begin(c, "prune");
    rc = persist_store_prune(c->s, c->a->before, &r);
    long_end(c);
    if (rc == PERSIST_ENOTFOUND)
        c->err_hint = "`persist snapshot %s` writes a snapshot at the head";
    if (rc != PERSIST_OK)
        return fail(c, rc);
    prune_print(c, &r);
    return XS_OK;
}

static int cmd_import(struct ctx *c)
{
    const char *file = c->a->pos[0];
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    rc = persist_store_import(c->s, file);
    if (rc == PERSIST_EEXISTS)
        c->err_hint = "choose a new or empty STORE";
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (c->json)
        jstr(&c->first, "file", file);
    return report_write(c, "imported");
}

/* ---- commands, options and help ---- */

static const struct command COMMANDS[] = {
    {"info", cmd_info, OPEN_READ, 1, 0, -1, 0, 0,
     "Usage: persist info STORE [--json]\n\n"
     "Show the head record, the records stored, the snapshots, the deployments, the live app\n"
     "(hash, module) and the size of its state and of data.mdb.\n"},
    {"log", cmd_log, OPEN_READ, 1, 0, -1, OPT_FROM | OPT_LIMIT | OPT_KIND | OPT_FULL, 0,
     "Usage: persist log STORE [--from N] [--limit K] [--kind KIND[,KIND...]] [--full] [--json]\n"
     "\n"
     "List records, oldest first: number, time (UTC), kind, and the event text, the state text\n"
     "or the app hash and module. Texts are shown quoted and escaped like JSON strings.\n\n"
     "  --from N      start at record N (default: the oldest stored)\n"
     "  --limit K     list at most K records\n"
     "  --kind KIND   only these kinds: event, set_state, deploy_init, deploy_migrate, reset,\n"
     "                or deploy (both deploy kinds); repeat the option or separate with commas\n"
     "  --full        whole texts and app hashes (default: texts cut at 120 bytes)\n"},
    {"state", cmd_state, OPEN_READ, 1, 0, -1, OPT_AT, 0,
     "Usage: persist state STORE [--at N] [--json]\n\n"
     "Print the serialized state exactly as the app's serialize returned it: the bytes and\n"
     "nothing else (a newline is added only when stdout is a terminal).\n\n"
     "  --at N   the state after record N, replayed in a scratch heap (the newest snapshot\n"
     "           at or before N plus the records up to N)\n"},
    {"response", cmd_response, OPEN_READ, 2, 0, 1, 0, 0,
     "Usage: persist response STORE N [--json]\n\n"
     "Print the response the app gives to event record N when it is replayed, byte for byte\n"
     "like `persist state`.\n"},
    {"verify", cmd_verify, OPEN_READ, 1, 0, -1, OPT_ALL, 0,
     "Usage: persist verify STORE [--all] [--json]\n\n"
     "Check every record's checksum, every app's hash, the newest snapshots against a replay\n"
     "of the records before them, and the live state against the restore path. Exits with 4\n"
     "when a problem is found, naming the first damaged record.\n\n"
     "  --all   replay the whole log and compare every snapshot\n"},
    {"backup", cmd_backup, OPEN_READ, 2, 0, -1, 0, 0,
     "Usage: persist backup STORE DIR [--json]\n\n"
     "Write a consistent, compacted copy of the store into DIR (created if missing; it must not\n"
     "hold a store). Works while another process writes the store.\n"},
    {"export", cmd_export, OPEN_READ, 2, 0, -1, 0, 0,
     "Usage: persist export STORE FILE [--json]\n\n"
     "Write the live app's code and module and its serialized state to FILE, one JSON file\n"
     "(docs/format.md); `persist import FILE NEWSTORE` starts a store from it.\n"},
    {"submit", cmd_submit, OPEN_WRITE, 2, 0, -1, 0, 0,
     "Usage: persist submit STORE EVENT [--json]\n\n"
     "Submit the text EVENT to the app and print its response byte for byte (a newline is\n"
     "added only when stdout is a terminal).\n"},
    {"deploy", cmd_deploy, OPEN_CREATE, 2, 0, -1, OPT_MIGRATE | OPT_MODULE, 0,
     "Usage: persist deploy STORE APP.js [--migrate] [--module M] [--json]\n\n"
     "Deploy app code (plain JavaScript or `elm make` output; - reads stdin). Creates the store\n"
     "if it does not exist (and removes it again if the deploy fails).\n\n"
     "  --migrate    migrate the current state with the new app's migrate function\n"
     "               (default: start from the new app's initial state)\n"
     "  --module M   where the app's contract lives (default: app, or Backend.Main for Elm)\n"},
    {"set-state", cmd_set_state, OPEN_WRITE, 2, 0, -1, 0, 0,
     "Usage: persist set-state STORE FILE [--json]\n\n"
     "Replace the state with the app's deserialization of the text in FILE (- reads stdin).\n"
     "Nothing changes when the app rejects it.\n"},
    {"snapshot", cmd_snapshot, OPEN_WRITE, 1, 0, -1, 0, 0,
     "Usage: persist snapshot STORE [--json]\n\n"
     "Write a snapshot of the state after the head record (nothing if one is there already).\n"},
    {"revert", cmd_revert, OPEN_WRITE, 2, 0, 1, 0, 0,
     "Usage: persist revert STORE N [--json]\n\n"
     "Make the live state (and app) what it was after record N by appending a reset record;\n"
     "history is not rewritten, so a revert can itself be reverted.\n"},
    {"prune", cmd_prune, OPEN_WRITE, 1, 0, -1, OPT_BEFORE, OPT_BEFORE,
     "Usage: persist prune STORE --before N [--json]\n\n"
     "Remove the records and snapshots older than the newest snapshot at or before record N,\n"
     "and app versions nothing kept refers to, then compact data.mdb when no other process has\n"
     "the store open. What the newest restore needs is never removed.\n\n"
     "  --before N   the record number (required)\n"},
    {"import", cmd_import, OPEN_CREATE, 2, 1, -1, 0, 0,
     "Usage: persist import FILE STORE [--json]\n\n"
     "Start a store from a file written by `persist export`: one reset record with the file's\n"
     "app and state. Creates STORE if it does not exist; it must not hold records.\n"},
    {"help", NULL, OPEN_READ, 0, 0, -1, 0, 0,
     "Usage: persist help [COMMAND]\n\nShow the help of persist or of one command.\n"},
};

#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static const char USAGE[] =
    "Usage: persist COMMAND ARGUMENTS [OPTIONS]\n"
    "Inspect, repair and maintain libpersist stores.\n\n"
    "Read commands (open the store read-only; they work while a server writes it):\n"
    "  info STORE                    head, records, snapshots, deployments, live app\n"
    "  log STORE [--from N] [--limit K] [--kind KIND] [--full]\n"
    "                                list records\n"
    "  state STORE [--at N]          print the serialized state, byte for byte\n"
    "  response STORE N              print the app's response to event record N\n"
    "  verify STORE [--all]          check checksums, app hashes and snapshots\n"
    "  backup STORE DIR              consistent copy of the store into DIR\n"
    "  export STORE FILE             write the app and its state to one file\n\n"
    "Write commands (need the store's single writer lock):\n"
    "  submit STORE EVENT            submit an event, print the response\n"
    "  deploy STORE APP.js [--migrate] [--module M]\n"
    "                                deploy app code (creates the store)\n"
    "  set-state STORE FILE          replace the state (FILE - is stdin)\n"
    "  snapshot STORE                write a snapshot at the head\n"
    "  revert STORE N                return to the state after record N (appends a record)\n"
    "  prune STORE --before N        remove history before the newest snapshot at or before N\n"
    "  import FILE STORE             start a store from an export file (creates it)\n\n"
    "Options (any command):\n"
    "  --json        one JSON document on stdout, also on failure (\"ok\": false, \"error\")\n"
    "  --verbose     also show the app's console output and library notes on stderr\n"
    "  -h, --help    show help; `persist COMMAND --help` for one command\n"
    "  --version     show the version\n"
    "  --            end of options (for an EVENT or path that starts with -)\n\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  usage error or invalid argument (unknown command or option, bad record number,\n"
    "     target already exists)\n"
    "  2  not found: no store at STORE, no app deployed, input file missing, history pruned\n"
    "  3  busy: another process is writing the store\n"
    "  4  corrupt: the store is damaged, or verify found problems\n"
    "  5  app error: the app failed to load, threw, broke the app contract, rejected a state,\n"
    "     failed a migration or round trip, or ran out of time or memory\n"
    "  6  I/O error or disk full\n"
    "  7  other error (internal error, out of memory, interrupted, store format too new)\n\n"
    "A progress bar is drawn on stderr for long work when stderr is a terminal; Ctrl-C stops\n"
    "that work without changing anything. See persist(1).\n";

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(COMMANDS[i].name, name) == 0)
            return &COMMANDS[i];
    return NULL;
}

/* Prints a usage error and returns XS_USAGE. */
static int usage_error(const struct command *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("persist: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd != NULL && cmd->run != NULL)
        fprintf(stderr, "\nTry `persist %s --help`.\n", cmd->name);
    else
        fputs("\nTry `persist --help`.\n", stderr);
    return XS_USAGE;
}

/* Decimal digits only, no sign, no overflow. */
static int parse_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (d > 9 || v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int parse_number(const struct args *a, const char *what, const char *text, uint64_t min,
                        uint64_t *out)
{
    if (parse_u64(text, out) != 0)
        return usage_error(a->cmd, "%s: '%s' is not a number", what, text);
    if (*out < min)
        return usage_error(a->cmd, "%s: must be at least %" PRIu64 "%s", what, min,
                           min == 1 ? " (records are numbered from 1)" : "");
    return XS_OK;
}

static int parse_kinds(struct args *a, const char *text)
{
    static const struct {
        const char *name;
        uint32_t mask;
    } kinds[] = {
        {"event", 1u << PERSIST_RECORD_EVENT},
        {"set_state", 1u << PERSIST_RECORD_SET_STATE},
        {"deploy_init", 1u << PERSIST_RECORD_DEPLOY_INIT},
        {"deploy_migrate", 1u << PERSIST_RECORD_DEPLOY_MIGRATE},
        {"reset", 1u << PERSIST_RECORD_RESET},
        {"deploy", 1u << PERSIST_RECORD_DEPLOY_INIT | 1u << PERSIST_RECORD_DEPLOY_MIGRATE}};
    while (*text != '\0') {
        size_t n = strcspn(text, ","), i;
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(n < 31 ? n : 31), text);
        for (char *p = name; *p; p++)
            *p = *p == '-' ? '_' : *p;
        for (i = 0; i < sizeof kinds / sizeof kinds[0] && strcmp(kinds[i].name, name) != 0; i++)
            ;
        if (i == sizeof kinds / sizeof kinds[0] || n >= 31)
            return usage_error(a->cmd,
                               "--kind: unknown kind '%.*s' (event, set_state, "
                               "deploy_init, deploy_migrate, reset, deploy)",
                               (int)n, text);
        a->kinds |= kinds[i].mask;
        text += n + (text[n] == ',');
    }
    return XS_OK;
}

/* Stores the value of option `bit`. */
static int set_option(struct args *a, unsigned bit, const char *value)
{
    switch (bit) {
    case OPT_FROM: return parse_number(a, "--from", value, 0, &a->from);
    case OPT_LIMIT: return parse_number(a, "--limit", value, 1, &a->limit);
    case OPT_AT: return parse_number(a, "--at", value, 1, &a->at);
    case OPT_BEFORE: return parse_number(a, "--before", value, 1, &a->before);
    case OPT_KIND: return parse_kinds(a, value);
    case OPT_MODULE: a->module = value; return XS_OK;
    default: return XS_OK;
    }
}

static const struct {
    const char *name;
    unsigned bit;
    int has_value;
} OPTIONS[] = {{"from", OPT_FROM, 1},      {"limit", OPT_LIMIT, 1},     {"kind", OPT_KIND, 1},
               {"at", OPT_AT, 1},          {"all", OPT_ALL, 0},         {"migrate", OPT_MIGRATE, 0},
               {"module", OPT_MODULE, 1},  {"before", OPT_BEFORE, 1},   {"full", OPT_FULL, 0},
               {"json", OPT_JSON, 0},      {"verbose", OPT_VERBOSE, 0}, {"help", OPT_HELP, 0},
               {"version", OPT_VERSION, 0}};

/* One option at argv[*i] ("--name", "--name=value" or "--name value"; "-h"). */
static int parse_option(int argc, char **argv, int *i, struct args *a)
{
    const char *arg = argv[*i], *eq, *value = NULL;
    size_t n, k;
    if (strcmp(arg, "-h") == 0)
        arg = "--help";
    if (arg[1] != '-')
        return usage_error(a->cmd, "unknown option '%s'", arg);
    eq = strchr(arg, '=');
    n = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
    for (k = 0; k < sizeof OPTIONS / sizeof OPTIONS[0]; k++)
        if (strlen(OPTIONS[k].name) == n && strncmp(OPTIONS[k].name, arg + 2, n) == 0)
            break;
    if (k == sizeof OPTIONS / sizeof OPTIONS[0])
        return usage_error(a->cmd, "unknown option '%.*s'", (int)n + 2, arg);
    if (OPTIONS[k].has_value) {
        if (eq == NULL && *i + 1 >= argc)
            return usage_error(a->cmd, "option --%s needs a value", OPTIONS[k].name);
        value = eq ? eq + 1 : argv[++*i];
    } else if (eq != NULL) {
        return usage_error(a->cmd, "option --%s takes no value", OPTIONS[k].name);
    }
    if ((a->seen & OPTIONS[k].bit) && OPTIONS[k].bit != OPT_KIND && OPTIONS[k].has_value)
        return usage_error(a->cmd, "option --%s given twice", OPTIONS[k].name);
    a->seen |= OPTIONS[k].bit;
    return set_option(a, OPTIONS[k].bit, value);
}

static int parse_args(int argc, char **argv, struct args *a)
{
    int only_pos = 0, rc;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_pos && strcmp(arg, "--") == 0) {
            only_pos = 1;
        } else if (!only_pos && arg[0] == '-' && arg[1] != '\0') {
            if ((rc = parse_option(argc, argv, &i, a)) != XS_OK)
                return rc;
        } else if (a->cmd == NULL) {
            if ((a->cmd = find_command(arg)) == NULL)
                return usage_error(NULL, "unknown command '%s'", arg);
            a->help_cmd = a->cmd->run == NULL;
        } else if (a->npos == MAX_POS || (a->help_cmd && a->npos == 1)) {
            return usage_error(a->cmd, "too many arguments ('%s')", arg);
        } else {
            a->pos[a->npos++] = arg;
        }
    }
    return XS_OK;
}

/* The command's arguments and options, checked after parsing. */
static int check_args(struct args *a)
{
    const struct command *cmd = a->cmd;
    unsigned extra = a->seen & ~(cmd->opts | OPT_GLOBAL);
    for (size_t k = 0; extra != 0 && k < sizeof OPTIONS / sizeof OPTIONS[0]; k++)
        if (extra & OPTIONS[k].bit)
            return usage_error(cmd, "option --%s does not apply to `persist %s`", OPTIONS[k].name,
                               cmd->name);
    if (a->npos != cmd->npos)
        return usage_error(cmd, "`persist %s` takes %d argument%s, not %d", cmd->name, cmd->npos,
                           cmd->npos == 1 ? "" : "s", a->npos);
    if ((a->seen & cmd->required) != cmd->required)
        return usage_error(cmd, "`persist %s` needs --before N", cmd->name);
    if (a->pos[cmd->store_pos][0] == '\0')
        return usage_error(cmd, "the store path is empty");
    if (cmd->record_pos >= 0)
        return parse_number(a, "record number", a->pos[cmd->record_pos], 1, &a->record);
    return XS_OK;
}

/* `persist help [COMMAND]`, `persist [COMMAND] --help`. */
static int show_help(const struct args *a)
{
    const struct command *cmd = a->cmd;
    if (a->help_cmd && a->npos == 1 && (cmd = find_command(a->pos[0])) == NULL)
        return usage_error(NULL, "unknown command '%s'", a->pos[0]);
    if (cmd != NULL && !(a->help_cmd && a->npos == 0))
        fputs(cmd->help, stdout);
    else
        fputs(USAGE, stdout);
    return fflush(stdout) == 0 ? XS_OK : XS_IO;
}

static int run_command(const struct args *a)
{
    struct ctx c;
    int status;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.store = a->pos[a->cmd->store_pos];
    c.json = (a->seen & OPT_JSON) != 0;
    c.first = 1;
    c.prog.tty = isatty(STDERR_FILENO);
    if (c.json) {
        putchar('{');
        jstr(&c.first, "command", a->cmd->name);
        jstr(&c.first, "store", c.store);
    }
    status = a->cmd->run(&c);
    if (status != XS_OK)
        discard_created_store(&c);
    persist_store_close(c.s);
    if (status != XS_OK && c.err_code != PERSIST_OK)
        print_error(&c);
    if (c.json) {
        if (status != XS_OK)
            json_error(&c, status);
        printf(",\"ok\":%s}\n", status == XS_OK ? "true" : "false");
    }
    return status;
}

int main(int argc, char **argv)
{
    struct args a;
    int status;
    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a)) != XS_OK)
        return status;
    if (a.seen & OPT_VERSION) {
        printf("persist %s (libpersist %s)\n", PERSIST_VERSION_STRING, persist_version_string());
        return fflush(stdout) == 0 ? XS_OK : XS_IO;
    }
    if ((a.seen & OPT_HELP) || a.help_cmd)
        return show_help(&a);
    if (a.cmd == NULL)
        return usage_error(NULL, "no command given");
    if ((status = check_args(&a)) != XS_OK)
        return status;
    status = run_command(&a);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "persist: cannot write to stdout: %s\n", strerror(errno));
        return status == XS_OK ? XS_IO : status;
    }
    return status;
}
