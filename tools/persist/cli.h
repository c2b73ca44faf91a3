/* cli.h - what the persist tool's files share: arguments, context, command table, commands. */
#ifndef PERSIST_TOOL_CLI_H
#define PERSIST_TOOL_CLI_H

#include "output.h"

#include <persist.h>

#include <stddef.h>
#include <stdint.h>

/* Options; OPT(id) is an option's bit in a command's `opts` and in args.seen. */
enum opt_id {
    O_FROM,
    O_LIMIT,
    O_KIND,
    O_AT,
    O_ALL,
    O_INIT,
    O_MIGRATE,
    O_MODULE,
    O_BEFORE,
    O_FULL,
    O_JSON,
    O_VERBOSE,
    O_HELP,
    O_VERSION,
    O_MAP_SIZE,
    O_NO_PAGER,
    O_MAX_BYTES,
    O_ID,
    O_COUNT
};
#define OPT(id) (1u << (id))
#define OPT_GLOBAL                                                                                 \
    (OPT(O_JSON) | OPT(O_VERBOSE) | OPT(O_HELP) | OPT(O_VERSION) | OPT(O_MAP_SIZE) |               \
     OPT(O_NO_PAGER))

/* How a command opens its store, and whether it restores the live app. */
enum { OPEN_READ, OPEN_WRITE, OPEN_CREATE };
enum {
    RESTORE,       /* the command needs the live app */
    RESTORE_NEVER, /* it reads facts only: faster, and works when the restore fails */
    RESTORE_UNLESS_AT /* state: the live app, or (--at) a scratch replay */,
    RESTORE_OR_NOT /* it uses the live app when there is one: the restore may fail */
};

#define MAX_POS 3

struct ctx;

struct command {
    const char *name;
    int (*run)(struct ctx *c);
    int open;          /* OPEN_* */
    int restore;       /* RESTORE* */
    int npos;          /* positional arguments */
    int store_pos;     /* which of them is the store */
    int record_pos;    /* which of them is a record number, -1 if none */
    unsigned opts;     /* OPT() bits accepted besides OPT_GLOBAL */
    unsigned required; /* OPT() bits required */
    const char *help;  /* usage line, description and options */
};

struct args {
    const struct command *cmd;
    int help_cmd; /* `persist help [COMMAND]` */
    const char *pos[MAX_POS];
    int npos;
    unsigned seen;  /* OPT() bits given */
    unsigned flags; /* OUT_JSON, OUT_VERBOSE */
    uint64_t from, limit, at, before, record, map_size, max_bytes;
    uint32_t kinds;
    const char *module;
    const char *client_id; /* submit --id */
};

struct ctx {
    const struct args *a;
    const char *store; /* the path as given */
    persist_store *s;
    int opened;  /* persist_store_open succeeded */
    int created; /* the store directory did not exist before this command */
    struct out out;
};

/* store.c */
int open_store(struct ctx *c);
void discard_created_store(struct ctx *c);
int read_input(struct ctx *c, const char *path, char **out, size_t *len);
int fail(struct ctx *c, int code);

/* inspect.c */
int cmd_info(struct ctx *c);
int cmd_log(struct ctx *c);
int cmd_state(struct ctx *c);
int cmd_response(struct ctx *c);
int cmd_verify(struct ctx *c);

/* write.c */
int cmd_submit(struct ctx *c);
int cmd_query(struct ctx *c);
int cmd_deploy(struct ctx *c);
int cmd_set_state(struct ctx *c);
int cmd_snapshot(struct ctx *c);
int cmd_revert(struct ctx *c);
int report_write(struct ctx *c, const char *what);

/* maintain.c */
int cmd_prune(struct ctx *c);
int cmd_backup(struct ctx *c);
int cmd_export(struct ctx *c);
int cmd_import(struct ctx *c);

/* sync.c */
int cmd_export_since(struct ctx *c);
int cmd_bootstrap(struct ctx *c);
int cmd_apply(struct ctx *c);
int cmd_promote(struct ctx *c);

#endif
