/* output.h - what persist writes: text, JSON (Jansson), messages, errors, progress, exit codes. */
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
    XS_CORRUPT = 4,  /* damaged store, or verify found damage */
    XS_APP = 5,      /* the app failed */
    XS_IO = 6,       /* I/O error or disk full */
    XS_OTHER = 7,
    XS_SYNC = 8 /* a sync batch that does not fit the store */
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

/* Hashes of the messages a command has shown: each is shown once. */
struct msg_set {
    uint64_t *slots; /* open addressing; 0 is a free slot */
    size_t cap, n;
};

/* out_begin flags. --json: one JSON document on stdout, no human text on stderr. --verbose: every
 * message, and the human text on stderr also with --json. An inspection command shows the app's
 * console output only with --verbose. */
#define OUT_JSON      0x1u
#define OUT_VERBOSE   0x2u
#define OUT_APP_QUIET 0x4u

/* A command's output. */
struct out {
    const char *store; /* the path as given, named in messages */
    int json, verbose, app_quiet;
    int first;           /* no JSON member written yet */
    int oom;             /* an output allocation failed */
    json_t *messages;    /* with --json: the messages shown, for the document */
    uint64_t left_out;   /* messages beyond the document's limit */
    struct msg_set seen; /* the messages shown */
    struct progress prog;
    struct out_error err;
};

int exit_status(int code);

/* The document: out_begin writes its start (with --json), out_end its end and the failure. */
void out_begin(struct out *o, const char *command, const char *store, unsigned flags);
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

/* A usage error: `text` on stderr (unless --json without --verbose), and with --json a document
 * whose error message is `msg`. Returns XS_USAGE. */
int out_usage(const char *command, unsigned flags, const char *msg, const char *text);

/* Messages on stderr (and in the JSON document), each at most once per command. out_log is the
 * library's log callback (userdata: the struct out); out_note is the tool's own. */
void out_log(int level, const char *message, size_t len, void *userdata);
void out_note(struct out *o, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The progress bar: the library's progress callback (userdata: the struct progress), and the calls
 * around long work (Ctrl-C then asks the library to stop). */
int out_progress(uint64_t done, uint64_t total, void *userdata);
void out_long_begin(struct out *o, const char *label);
void out_long_end(struct out *o);

#endif
