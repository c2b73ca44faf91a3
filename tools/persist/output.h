/* output.h - what the persist tool writes: text and JSON on stdout, messages, errors and the
 * progress bar on stderr, and the exit statuses. */
#ifndef PERSIST_TOOL_OUTPUT_H
#define PERSIST_TOOL_OUTPUT_H

#include <jansson.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses; documented in the usage text and docs/persist.1. */
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

#define ERRMSG_SIZE 2048

struct progress {
    int tty;           /* stderr is a terminal: draw the bar */
    const char *label; /* what the library is doing */
    int shown;         /* a bar is on the screen */
    int pct;
};

/* The failure of a command, reported once at its end. */
struct out_error {
    int code;         /* persist_status of the failure, PERSIST_OK if none */
    int lib;          /* msg came from the library: prefix persist_strerror() */
    uint64_t record;  /* record involved in the failure, 0 if none */
    const char *hint; /* overrides the hint of code; "" for none */
    char msg[ERRMSG_SIZE];
};

/* A command's output. */
struct out {
    const char *store; /* the path as given, named in messages */
    int json;          /* --json: one JSON document on stdout */
    int verbose;       /* --verbose: also the informational messages */
    int first;         /* no JSON member written yet */
    int oom;           /* an output allocation failed */
    struct progress prog;
    struct out_error err;
};

int exit_status(int code);

/* The document: out_begin writes its start (with --json), out_end its end and the failure. */
void out_begin(struct out *o, const char *command, const char *store, int json, int verbose);
int out_end(struct out *o, int status);

/* JSON members, written at once (with --json only); `value` is stolen, NULL means out of memory. */
void out_member(struct out *o, const char *key, json_t *value);
void out_u64(struct out *o, const char *key, uint64_t v);
void out_str(struct out *o, const char *key, const char *s);
void out_text(struct out *o, const char *key, const char *s, size_t n);
/* A list written item by item (a long log never sits in memory). */
void out_list_begin(struct out *o, const char *key);
void out_list_item(struct out *o, json_t *item, uint64_t index);
void out_list_end(struct out *o, uint64_t count);
/* Values: a text as a JSON string (invalid UTF-8 bytes become U+FFFD), a number. */
json_t *jtext(const char *s, size_t n);
json_t *ju64(uint64_t v);

/* Human text: a text quoted and escaped like a JSON string; the app's text as it is. */
void out_quoted(struct out *o, const char *s, size_t n);
void out_app_text(const char *s, size_t n);
void format_time(uint64_t us, int micro, char *buf, size_t cap);
void format_bytes(uint64_t n, char *buf, size_t cap);
void put_shell_word(FILE *f, const char *s);

/* Failures: of a library call (`msg` its message), or of the tool itself. Return the exit status.
 */
int out_fail_lib(struct out *o, int code, const char *msg);
int out_fail(struct out *o, int code, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Messages on stderr. out_log is the library's log callback (userdata: the struct out). */
void out_log(int level, const char *message, size_t len, void *userdata);

/* The progress bar: the library's progress callback (userdata: the struct progress), and the calls
 * around long work (Ctrl-C then asks the library to stop). */
int out_progress(uint64_t done, uint64_t total, void *userdata);
void out_long_begin(struct out *o, const char *label);
void out_long_end(struct out *o);

#endif
