/* main.c - the persist tool's entry point: command table, options (getopt_long), help, dispatch. */
#include "cli.h"
#include "pager.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct command COMMANDS[] = {
    {"info", cmd_info, OPEN_READ, RESTORE_NEVER, 1, 0, -1, 0, 0,
     "Usage: persist info STORE [--json]\n\n"
     "Show the head record, the records stored, the snapshots, the deployments, the app at the\n"
     "head (hash, module), the size of the newest snapshot's state and the records a restore\n"
     "replays after it, and the size of data.mdb. Reads facts only (runs no app code); a\n"
     "damaged snapshot or record is named where it hides a list, and info then exits with 4.\n"},
    {"log", cmd_log, OPEN_READ, RESTORE_NEVER, 1, 0, -1,
     OPT(O_FROM) | OPT(O_LIMIT) | OPT(O_KIND) | OPT(O_FULL), 0,
     "Usage: persist log STORE [--from N] [--limit K] [--kind KIND[,KIND...]] [--full] [--json]\n"
     "\n"
     "List records, oldest first: number, time (UTC), kind, and the event text (after its\n"
     "client id, when it has one), the state text or the app hash and module. Texts are shown\n"
     "quoted and escaped like JSON strings.\n\n"
     "  --from N      start at record N (default: the oldest stored)\n"
     "  --limit K     list at most K records\n"
     "  --kind KIND   only these kinds: event, set_state, deploy_init, deploy_migrate, reset,\n"
     "                or deploy (both deploy kinds); repeat the option or separate with commas\n"
     "  --full        whole texts and app hashes (default: texts cut at 120 bytes)\n\n"
     "On a terminal the list goes through $PERSIST_PAGER, else $PAGER, else `less -FRX`\n"
     "(none when that is empty or cat, with --no-pager or --json).\n"},
    {"state", cmd_state, OPEN_READ, RESTORE_UNLESS_AT, 1, 0, -1, OPT(O_AT), 0,
     "Usage: persist state STORE [--at N] [--json]\n\n"
     "Print the serialized state exactly as the app's serialize returned it: the bytes and\n"
     "nothing else (a newline is added only when stdout is a terminal).\n\n"
     "  --at N   the state after record N, replayed in a scratch heap (the newest snapshot\n"
     "           at or before N plus the records up to N)\n"},
    {"response", cmd_response, OPEN_READ, RESTORE_NEVER, 2, 0, 1, 0, 0,
     "Usage: persist response STORE N [--json]\n\n"
     "Print the response the app gives to event record N when it is replayed, byte for byte\n"
     "like `persist state`.\n"},
    {"verify", cmd_verify, OPEN_READ, RESTORE_OR_NOT, 1, 0, -1, OPT(O_ALL), 0,
     "Usage: persist verify STORE [--all] [--json]\n\n"
     "Check every record's checksum, every app's hash, the newest snapshots against a replay\n"
     "of the records before them, and the live state against the restore path. Exits with 4\n"
     "when a problem is found, naming the first damaged record, and with 5 when the only\n"
     "problems are the app failing on a state or record it had to check (the records are\n"
     "intact).\n\n"
     "  --all   replay the whole log and compare every snapshot\n"},
    {"backup", cmd_backup, OPEN_READ, RESTORE_NEVER, 2, 0, -1, 0, 0,
     "Usage: persist backup STORE DIR [--json]\n\n"
     "Write a consistent, compacted copy of the store into DIR (created if missing; it must not\n"
     "hold a store). Works while another process writes the store.\n"},
    {"export", cmd_export, OPEN_READ, RESTORE, 2, 0, -1, 0, 0,
     "Usage: persist export STORE FILE [--json]\n\n"
     "Write the live app's code and module and its serialized state to FILE, one JSON file\n"
     "(docs/format.md); `persist import FILE NEWSTORE` starts a store from it.\n"},
    {"query", cmd_query, OPEN_READ, RESTORE, 2, 0, -1, 0, 0,
     "Usage: persist query STORE EVENT [--json]\n\n"
     "Run the app's update with the text EVENT on the live state and print the response, byte\n"
     "for byte; nothing is written. Works on any store, also while a server writes it and on\n"
     "a follower. An event that changes the state is refused (exit status 5): submit it.\n"},
    {"export-since", cmd_export_since, OPEN_READ, RESTORE_NEVER, 3, 0, 1, OPT(O_MAX_BYTES), 0,
     "Usage: persist export-since STORE N FILE [--max-bytes B] [--json]\n\n"
     "Write the records after record N as one sync batch to FILE (- is stdout when it is not a\n"
     "terminal), for `persist apply` on a follower (docs/sync.md). N 0 starts at the first\n"
     "record. At least one record, more while the batch stays under B bytes (default 8 MiB);\n"
     "the output says the last record written, so the next batch starts there. Nothing is\n"
     "written when there are no records after N.\n\n"
     "  --max-bytes B   bound on the batch's size\n"},
    {"bootstrap", cmd_bootstrap, OPEN_READ, RESTORE_NEVER, 2, 0, -1, 0, 0,
     "Usage: persist bootstrap STORE FILE [--json]\n\n"
     "Write the newest snapshot, with its record and the app code it needs, to FILE (- is\n"
     "stdout when it is not a terminal): `persist apply NEWSTORE FILE` starts a follower from\n"
     "it.\n"},
    {"submit", cmd_submit, OPEN_WRITE, RESTORE, 2, 0, -1, OPT(O_ID), 0,
     "Usage: persist submit STORE EVENT [--id ID] [--json]\n\n"
     "Submit the text EVENT to the app and print its response byte for byte (a newline is\n"
     "added only when stdout is a terminal).\n\n"
     "  --id ID   the client id of the event (1 to 256 bytes of UTF-8): an event whose id was\n"
     "            applied before is not applied again, and gets its first response (stderr\n"
     "            says so)\n"},
    {"deploy", cmd_deploy, OPEN_CREATE, RESTORE, 2, 0, -1,
     OPT(O_INIT) | OPT(O_MIGRATE) | OPT(O_MODULE), 0,
     "Usage: persist deploy STORE APP.js [--init | --migrate] [--module M] [--json]\n\n"
     "Deploy app code (plain JavaScript or `elm make` output; - reads stdin). Creates the store\n"
     "if it does not exist (and removes it again if the deploy fails).\n\n"
     "On a store that has an app, say what the deploy does with its state:\n"
     "  --migrate    keep it: the new app converts the current state (its migration)\n"
     "  --init       replace it with the new app's initial state (the history keeps the old)\n"
     "With neither, nothing changes and persist exits with 1. A new store, or one without an\n"
     "app, starts from the new app's initial state (--init may be given, --migrate fails).\n\n"
     "  --module M   where the app's contract lives (default: app, or Backend.Main for Elm)\n"},
    {"set-state", cmd_set_state, OPEN_WRITE, RESTORE, 2, 0, -1, 0, 0,
     "Usage: persist set-state STORE FILE [--json]\n\n"
     "Replace the state with the app's deserialization of the text in FILE (- reads stdin).\n"
     "Nothing changes when the app rejects it.\n"},
    {"snapshot", cmd_snapshot, OPEN_WRITE, RESTORE, 1, 0, -1, 0, 0,
     "Usage: persist snapshot STORE [--json]\n\n"
     "Write a snapshot of the state after the head record (nothing if one is there already).\n"},
    {"revert", cmd_revert, OPEN_WRITE, RESTORE_OR_NOT, 2, 0, 1, 0, 0,
     "Usage: persist revert STORE N [--json]\n\n"
     "Make the live state (and app) what it was after record N by appending a reset record;\n"
     "history is not rewritten, so a revert can itself be reverted.\n"},
    {"prune", cmd_prune, OPEN_WRITE, RESTORE_OR_NOT, 1, 0, -1, OPT(O_BEFORE), OPT(O_BEFORE),
     "Usage: persist prune STORE --before N [--json]\n\n"
     "Remove the records and snapshots older than the newest snapshot at or before record N,\n"
     "and app versions nothing kept refers to, then compact data.mdb when no other process has\n"
     "the store open. What the newest restore needs is never removed.\n\n"
     "  --before N   the record number (required)\n"},
    {"import", cmd_import, OPEN_CREATE, RESTORE, 2, 1, -1, 0, 0,
     "Usage: persist import FILE STORE [--json]\n\n"
     "Start a store from a file written by `persist export`: one reset record with the file's\n"
     "app and state. Creates STORE if it does not exist; it must not hold records.\n"},
    {"apply", cmd_apply, OPEN_CREATE, RESTORE, 2, 0, -1, 0, 0,
     "Usage: persist apply STORE FILE [--json]\n\n"
     "Apply a sync batch or a bootstrap package (FILE; - reads stdin). A bootstrap package makes\n"
     "a new or empty STORE a follower of the store it came from; a batch adds the leader's\n"
     "records to a follower, through the restore path, all or nothing. Records the follower\n"
     "holds already are checked and skipped. A batch that starts after the follower's head,\n"
     "comes from another store, or from a history that forked is refused (exit status 8).\n"},
    {"promote", cmd_promote, OPEN_WRITE, RESTORE, 1, 0, -1, 0, 0,
     "Usage: persist promote STORE [--json]\n\n"
     "Make a follower the writer: it continues the leader's numbering, and the followers of\n"
     "the old leader can follow it. Batches the old leader writes afterwards are refused as\n"
     "forked. Nothing to do on a store that is no follower.\n"},
    {"help", NULL, OPEN_READ, RESTORE, 0, 0, -1, 0, 0,
     "Usage: persist help [COMMAND]\n\nShow the help of persist or of one command.\n"},
};

static const char USAGE[] =
    "Usage: persist COMMAND ARGUMENTS [OPTIONS]\n"
    "Inspect, repair and maintain libpersist stores.\n\n"
    "Read commands (open the store read-only; they work while a server writes it):\n"
    "  info STORE                    head, records, snapshots, deployments, app (no app code)\n"
    "  log STORE [--from N] [--limit K] [--kind KIND] [--full]\n"
    "                                list records (through a pager on a terminal)\n"
    "  state STORE [--at N]          print the serialized state, byte for byte\n"
    "  response STORE N              print the app's response to event record N\n"
    "  verify STORE [--all]          check checksums, app hashes and snapshots\n"
    "  backup STORE DIR              consistent copy of the store into DIR\n"
    "  export STORE FILE             write the app and its state to one file\n"
    "  query STORE EVENT             the app's response to a read-only event\n"
    "  export-since STORE N FILE [--max-bytes B]\n"
    "                                the records after N as a sync batch, for a follower\n"
    "  bootstrap STORE FILE          the newest snapshot as a package that starts a follower\n\n"
    "Write commands (need the store's single writer lock):\n"
    "  submit STORE EVENT [--id ID]  submit an event (with a client id), print the response\n"
    "  deploy STORE APP.js [--init | --migrate] [--module M]\n"
    "                                deploy app code (creates the store); on a store with an\n"
    "                                app, --init starts afresh and --migrate keeps the state\n"
    "  set-state STORE FILE          replace the state (FILE - is stdin)\n"
    "  snapshot STORE                write a snapshot at the head\n"
    "  revert STORE N                return to the state after record N (appends a record)\n"
    "  prune STORE --before N        remove history before the newest snapshot at or before N\n"
    "  import FILE STORE             start a store from an export file (creates it)\n"
    "  apply STORE FILE              apply a sync batch, or start a follower (creates it)\n"
    "  promote STORE                 make a follower the writer\n\n"
    "Options (any command):\n"
    "  --json        one JSON document on stdout, also on failure (\"ok\": false, \"error\");\n"
    "                messages go into it, and nothing is written to stderr\n"
    "  --verbose     every message: also the app's console.log and info, the app's output\n"
    "                during read commands, and with --json the messages on stderr too\n"
    "  -h, --help    show help; `persist COMMAND --help` for one command\n"
    "  --version     show the version\n"
    "  --map-size B  initial size of the store's memory map in bytes (it grows when full)\n"
    "  --no-pager    no pager for log on a terminal ($PERSIST_PAGER, $PAGER, less -FRX)\n"
    "  --            end of options (for an EVENT or path that starts with -)\n\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  usage error or invalid argument (unknown command or option, bad record number,\n"
    "     target already exists, a deploy onto an app without --init or --migrate)\n"
    "  2  not found: no store at STORE, no app deployed, input file missing, history pruned\n"
    "  3  busy: another process is writing the store\n"
    "  4  corrupt: the store is damaged, or verify found damage\n"
    "  5  app error: the app failed to load, threw, broke the app contract, rejected a state,\n"
    "     failed a migration or round trip, or ran out of time or memory\n"
    "  6  I/O error or disk full\n"
    "  7  other error (internal error, out of memory, interrupted, store format too new)\n"
    "  8  sync refused: a batch that starts after the follower's head, comes from another\n"
    "     store or from a forked history\n\n"
    "The app's console warnings and the library's warnings are shown on stderr, each once per\n"
    "command; read commands show none of the app's console output without --verbose.\n"
    "A progress bar is drawn on stderr for long work when stderr is a terminal; Ctrl-C stops\n"
    "that work without changing anything. See persist(1).\n";

#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

/* getopt_long returns OPT_VAL + id for option `id` (above every character it returns). */
#define OPT_VAL                 0x100
#define LONG_OPT(id, name, arg) [id] = {name, arg, NULL, OPT_VAL + (id)}

static const struct option LONG_OPTIONS[] = {LONG_OPT(O_FROM, "from", required_argument),
                                             LONG_OPT(O_LIMIT, "limit", required_argument),
                                             LONG_OPT(O_KIND, "kind", required_argument),
                                             LONG_OPT(O_AT, "at", required_argument),
                                             LONG_OPT(O_ALL, "all", no_argument),
                                             LONG_OPT(O_INIT, "init", no_argument),
                                             LONG_OPT(O_MIGRATE, "migrate", no_argument),
                                             LONG_OPT(O_MODULE, "module", required_argument),
                                             LONG_OPT(O_BEFORE, "before", required_argument),
                                             LONG_OPT(O_FULL, "full", no_argument),
                                             LONG_OPT(O_JSON, "json", no_argument),
                                             LONG_OPT(O_VERBOSE, "verbose", no_argument),
                                             LONG_OPT(O_HELP, "help", no_argument),
                                             LONG_OPT(O_VERSION, "version", no_argument),
                                             LONG_OPT(O_MAP_SIZE, "map-size", required_argument),
                                             LONG_OPT(O_NO_PAGER, "no-pager", no_argument),
                                             LONG_OPT(O_MAX_BYTES, "max-bytes", required_argument),
                                             LONG_OPT(O_ID, "id", required_argument),
                                             [O_COUNT] = {NULL, 0, NULL, 0}};

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(COMMANDS[i].name, name) == 0)
            return &COMMANDS[i];
    return NULL;
}

/* --json and --verbose, as exact words before any "--": known before parsing, so that a usage error
 * found on the way is reported the way they ask. */
static unsigned early_flags(int argc, char **argv)
{
    unsigned flags = 0;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        flags |= strcmp(argv[i], "--json") == 0      ? OUT_JSON
                 : strcmp(argv[i], "--verbose") == 0 ? OUT_VERBOSE
                                                     : 0;
    return flags;
}

/* Reports a usage error: "persist: MSG", MORE, and what to try on stderr, or a JSON document whose
 * message is JSON_MSG (MSG when NULL). Returns XS_USAGE. */
static int report_usage(const struct args *a, const char *msg, const char *more,
                        const char *json_msg)
{
    char text[2048];
    const char *cmd = a->cmd != NULL && a->cmd->run != NULL ? a->cmd->name : NULL;
    snprintf(text, sizeof text, "persist: %s\n%sTry `persist %s%s--help`.\n", msg, more,
             cmd ? cmd : "", cmd ? " " : "");
    return out_usage(a->cmd ? a->cmd->name : NULL, a->flags, json_msg ? json_msg : msg, text);
}

static int usage_error(const struct args *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int usage_error(const struct args *a, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return report_usage(a, msg, "", NULL);
}

/* ---- an unknown command: the most similar ones, as git names them ---- */

/* Optimal string alignment distance: inserting, deleting or replacing a character, or swapping two
 * neighbours (staet, state), costs 1. */
static size_t edit_distance(const char *s, const char *t)
{
    size_t n = strlen(s), m = strlen(t), d[33][33], best;
    if (n > 32 || m > 32)
        return SIZE_MAX;
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            best = d[i - 1][j - 1] + (s[i - 1] != t[j - 1]);
            best = d[i - 1][j] + 1 < best ? d[i - 1][j] + 1 : best;
            best = d[i][j - 1] + 1 < best ? d[i][j - 1] + 1 : best;
            if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

/* 0 when `typed` begins `name`, else their distance when it is small for the length of `typed`
 * (one edit per three characters, at least one); SIZE_MAX when they are not alike. */
static size_t unlikeness(const char *typed, const char *name)
{
    size_t n = strlen(typed), d;
    if (n >= 2 && strncmp(name, typed, n) == 0)
        return 0;
    d = edit_distance(typed, name);
    return d <= (n / 3 > 1 ? n / 3 : 1) ? d : SIZE_MAX;
}

/* The commands most like `typed`, one per line after a tab and comma-separated; their number. */
static size_t most_similar(const char *typed, char *lines, size_t lcap, char *list, size_t cap)
{
    size_t best = SIZE_MAX, d, n = 0, k = 0, m = 0;
    for (size_t i = 0; i < NCOMMANDS; i++)
        if ((d = unlikeness(typed, COMMANDS[i].name)) < best)
            best = d;
    for (size_t i = 0; best != SIZE_MAX && i < NCOMMANDS && k < lcap && m < cap; i++) {
        if (unlikeness(typed, COMMANDS[i].name) != best)
            continue;
        k += (size_t)snprintf(lines + k, lcap - k, "\t%s\n", COMMANDS[i].name);
        m += (size_t)snprintf(list + m, cap - m, "%s%s", n++ ? ", " : "", COMMANDS[i].name);
    }
    return n;
}

static int unknown_command(const struct args *a, const char *typed)
{
    char msg[256], lines[256] = "", list[256] = "", more[320], json_msg[600];
    size_t n = most_similar(typed, lines, sizeof lines, list, sizeof list);
    snprintf(msg, sizeof msg, "unknown command '%.200s'", typed);
    if (n == 0)
        return report_usage(a, msg, "", NULL);
    snprintf(more, sizeof more, "The most similar command%s\n%s", n == 1 ? " is" : "s are", lines);
    snprintf(json_msg, sizeof json_msg, "%s; the most similar command%s %s", msg,
             n == 1 ? " is" : "s are", list);
    return report_usage(a, msg, more, json_msg);
}

/* ---- option values ---- */

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
        return usage_error(a, "%s: '%s' is not a number", what, text);
    if (*out < min)
        return usage_error(a, "%s: must be at least %" PRIu64 "%s", what, min,
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
            return usage_error(a,
                               "--kind: unknown kind '%.*s' (event, set_state, "
                               "deploy_init, deploy_migrate, reset, deploy)",
                               (int)n, text);
        a->kinds |= kinds[i].mask;
        text += n + (text[n] == ',');
    }
    return XS_OK;
}

/* Records option `id` and its value. */
static int take_option(struct args *a, int id, const char *value)
{
    if ((a->seen & OPT(id)) && value != NULL && id != O_KIND)
        return usage_error(a, "option --%s given twice", LONG_OPTIONS[id].name);
    a->seen |= OPT(id);
    switch (id) {
    case O_FROM: return parse_number(a, "--from", value, 0, &a->from);
    case O_LIMIT: return parse_number(a, "--limit", value, 1, &a->limit);
    case O_AT: return parse_number(a, "--at", value, 1, &a->at);
    case O_BEFORE: return parse_number(a, "--before", value, 1, &a->before);
    case O_MAP_SIZE: return parse_number(a, "--map-size", value, 1, &a->map_size);
    case O_MAX_BYTES: return parse_number(a, "--max-bytes", value, 1, &a->max_bytes);
    case O_KIND: return parse_kinds(a, value);
    case O_MODULE: a->module = value; return XS_OK;
    case O_ID: a->client_id = value; return XS_OK;
    default: return XS_OK;
    }
}

/* ---- the command line ---- */

/* The command, then its arguments. */
static int take_positional(struct args *a, const char *arg)
{
    if (a->cmd == NULL) {
        if ((a->cmd = find_command(arg)) == NULL)
            return unknown_command(a, arg);
        a->help_cmd = a->cmd->run == NULL;
    } else if (a->npos == MAX_POS || (a->help_cmd && a->npos == 1)) {
        return usage_error(a, "too many arguments ('%s')", arg);
    } else {
        a->pos[a->npos++] = arg;
    }
    return XS_OK;
}

/* getopt_long also takes an abbreviation (--verb): options are spelled out here. */
static int spelled_out(const char *arg, int id)
{
    size_t n = strlen(LONG_OPTIONS[id].name);
    return strncmp(arg + 2, LONG_OPTIONS[id].name, n) == 0 &&
           (arg[n + 2] == '\0' || arg[n + 2] == '=');
}

/* What getopt_long refused; `arg` is the element it was reading. */
static int option_error(const struct args *a, int ch, const char *arg)
{
    if (ch == ':')
        return usage_error(a, "option --%s needs a value", LONG_OPTIONS[optopt - OPT_VAL].name);
    if (ch == '?' && optopt >= OPT_VAL)
        return usage_error(a, "option --%s takes no value", LONG_OPTIONS[optopt - OPT_VAL].name);
    if (ch == '?' && optopt != 0)
        return usage_error(a, "unknown option '-%c'", optopt);
    return usage_error(a, "unknown option '%.*s'", (int)strcspn(arg, "="), arg);
}

/* Options may come before, between and after the arguments ("-" keeps their order); "--" ends
 * them. */
static int parse_args(int argc, char **argv, struct args *a)
{
    int ch, at, rc;
    opterr = 0;
    for (;;) {
        at = optind;
        if ((ch = getopt_long(argc, argv, "-:h", LONG_OPTIONS, NULL)) == -1)
            break;
        if (ch == 1)
            rc = take_positional(a, optarg);
        else if (ch == 'h')
            rc = take_option(a, O_HELP, NULL);
        else if (ch >= OPT_VAL && ch < OPT_VAL + O_COUNT && spelled_out(argv[at], ch - OPT_VAL))
            rc = take_option(a, ch - OPT_VAL, optarg);
        else
            rc = option_error(a, ch, argv[at < argc ? at : argc - 1]);
        if (rc != XS_OK)
            return rc;
    }
    for (int i = optind; i < argc; i++)
        if ((rc = take_positional(a, argv[i])) != XS_OK)
            return rc;
    return XS_OK;
}

/* The command's arguments and options, checked after parsing. */
static int check_args(struct args *a)
{
    const struct command *cmd = a->cmd;
    unsigned extra = a->seen & ~(cmd->opts | OPT_GLOBAL);
    for (int id = 0; extra != 0 && id < O_COUNT; id++)
        if (extra & OPT(id))
            return usage_error(a, "option --%s does not apply to `persist %s`",
                               LONG_OPTIONS[id].name, cmd->name);
    if (a->npos != cmd->npos)
        return usage_error(a, "`persist %s` takes %d argument%s, not %d", cmd->name, cmd->npos,
                           cmd->npos == 1 ? "" : "s", a->npos);
    if ((a->seen & OPT(O_INIT)) && (a->seen & OPT(O_MIGRATE)))
        return usage_error(a, "--init and --migrate exclude each other: choose one");
    if ((a->seen & cmd->required) != cmd->required)
        return usage_error(a, "`persist %s` needs --before N", cmd->name);
    if (a->pos[cmd->store_pos][0] == '\0')
        return usage_error(a, "the store path is empty");
    if (cmd->record_pos >= 0) /* export-since counts from 0: the records after none */
        return parse_number(a, "record number", a->pos[cmd->record_pos],
                            cmd->run == cmd_export_since ? 0 : 1, &a->record);
    return XS_OK;
}

/* `persist help [COMMAND]`, `persist [COMMAND] --help`. */
static int show_help(const struct args *a)
{
    const struct command *cmd = a->cmd;
    if (a->help_cmd && a->npos == 1 && (cmd = find_command(a->pos[0])) == NULL) {
        struct args none = {0};
        none.flags = a->flags;
        return unknown_command(&none, a->pos[0]);
    }
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
    out_begin(&c.out, a->cmd->name, c.store,
              a->flags | (a->cmd->open == OPEN_READ ? OUT_APP_QUIET : 0));
    status = a->cmd->run(&c);
    if (status != XS_OK)
        discard_created_store(&c);
    persist_store_close(c.s);
    c.s = NULL;
    return out_end(&c.out, status);
}

int main(int argc, char **argv)
{
    struct args a;
    int status;
    memset(&a, 0, sizeof a);
    a.flags = early_flags(argc, argv);
    if ((status = parse_args(argc, argv, &a)) != XS_OK)
        return status;
    a.flags =
        ((a.seen & OPT(O_JSON)) ? OUT_JSON : 0) | ((a.seen & OPT(O_VERBOSE)) ? OUT_VERBOSE : 0);
    if (a.seen & OPT(O_VERSION)) {
        printf("persist %s (libpersist %s)\n", PERSIST_VERSION_STRING, persist_version_string());
        return fflush(stdout) == 0 ? XS_OK : XS_IO;
    }
    if ((a.seen & OPT(O_HELP)) || a.help_cmd)
        return show_help(&a);
    if (a.cmd == NULL) {
        return usage_error(&a, "no command given");
    }
    if ((status = check_args(&a)) != XS_OK)
        return status;
    status = run_command(&a);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "persist: cannot write to stdout: %s\n", strerror(errno));
        status = status == XS_OK ? XS_IO : status;
    }
    pager_end();
    return status;
}
