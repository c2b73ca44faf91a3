/* inspect.c - the commands that read a store: info, log, state, response and verify. */
#include "cli.h"
#include "pager.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define TEXT_SHOWN 120 /* payload bytes `log` shows without --full */

static const char *kind_name(uint32_t kind)
{
    static const char *const names[] = {"unknown",     "event",          "set_state",
                                        "deploy_init", "deploy_migrate", "reset"};
    return kind < sizeof names / sizeof names[0] ? names[kind] : names[0];
}

/* ---- info: facts read from the store; no app code runs ---- */

struct info {
    uint64_t head, count, oldest, snapshot_seq, data_bytes;
    int has_data;
    persist_snapshot_info *snaps; /* NULL with snaps_err set when a damaged snapshot hides them */
    size_t nsnaps;
    persist_app_info *apps; /* NULL with apps_err set when damaged history hides them */
    size_t napps;
    char snaps_err[512], apps_err[512];
    const char *app_hash;             /* the app at the head; NULL: none, or not known */
    const persist_app_info *deployed; /* its deployment, when it is stored */
    char module[256];
    persist_sync_info sync; /* identity and role (docs/sync.md) */
};

/* A list that damage hides: its message is kept, the first damage is the command's error (exit 4),
 * and info goes on. */
static int list_damage(struct ctx *c, int rc, char *msg, size_t cap)
{
    if (rc == PERSIST_OK)
        return XS_OK;
    if (rc != PERSIST_ECORRUPT)
        return fail(c, rc);
    persist_store_errmsg(c->s, msg, cap);
    if (c->out.err.code == PERSIST_OK)
        out_fail_lib(&c->out, rc, msg);
    return XS_OK;
}

static int info_counts(struct ctx *c, struct info *inf)
{
    persist_record *r = NULL;
    size_t n = 0;
    int rc;
    if ((rc = persist_store_head(c->s, &inf->head)) != PERSIST_OK ||
        (rc = persist_store_record_count(c->s, &inf->count)) != PERSIST_OK ||
        (rc = persist_store_snapshot_seq(c->s, &inf->snapshot_seq)) != PERSIST_OK ||
        (rc = persist_store_records(c->s, 0, 1, 0, &r, &n)) != PERSIST_OK)
        return fail(c, rc);
    inf->sync.struct_size = sizeof inf->sync;
    if ((rc = persist_store_sync_info(c->s, &inf->sync)) != PERSIST_OK) {
        persist_free(r);
        return fail(c, rc);
    }
    inf->oldest = n > 0 ? r[0].seq : 0;
    persist_free(r);
    rc = persist_store_snapshots(c->s, &inf->snaps, &inf->nsnaps);
    if ((rc = list_damage(c, rc, inf->snaps_err, sizeof inf->snaps_err)) != XS_OK)
        return rc;
    rc = persist_store_apps(c->s, &inf->apps, &inf->napps);
    return list_damage(c, rc, inf->apps_err, sizeof inf->apps_err);
}

/* The app at the head is the one of the newest deployment stored; when prune removed them all (or
 * damaged history hides them), the newest snapshot's, which the same app wrote. */
static int info_app(struct ctx *c, struct info *inf)
{
    persist_record *r = NULL;
    size_t n = 0;
    int rc;
    if (inf->napps == 0) {
        inf->app_hash = inf->nsnaps > 0 ? inf->snaps[inf->nsnaps - 1].app_hash : NULL;
        return XS_OK;
    }
    inf->deployed = &inf->apps[inf->napps - 1];
    inf->app_hash = inf->deployed->app_hash;
    rc = persist_store_records(c->s, inf->deployed->seq, 1, 0, &r, &n);
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (n > 0)
        snprintf(inf->module, sizeof inf->module, "%.*s", (int)r[0].module_len, r[0].module);
    persist_free(r);
    return XS_OK;
}

static void info_text_app(const struct info *inf)
{
    char size[64];
    const persist_snapshot_info *snap = inf->nsnaps ? &inf->snaps[inf->nsnaps - 1] : NULL;
    uint64_t replay = snap && snap->seq < inf->head ? inf->head - snap->seq : 0;
    if (inf->app_hash != NULL)
        printf("app          %s\n", inf->app_hash);
    else
        printf("app          %s\n", inf->head == 0 ? "none deployed" : "unknown (damaged history)");
    if (inf->deployed != NULL)
        printf("             from record %" PRIu64 " (%s), module %s\n", inf->deployed->seq,
               kind_name(inf->deployed->kind), inf->module[0] ? inf->module : "(default)");
    else if (inf->app_hash != NULL)
        printf("             from before record %" PRIu64 " (its deployment is not stored)\n",
               inf->oldest);
    if (snap == NULL)
        return;
    format_bytes(snap->state_len, size, sizeof size);
    if (snap->seq > inf->head) { /* damage: the restore refuses it */
        printf("state        %s in the newest snapshot, after record %" PRIu64
               ", which the store lacks: records %" PRIu64 " to %" PRIu64 " are missing\n",
               size, snap->seq, inf->head + 1, snap->seq);
        return;
    }
    printf("state        %s in the newest snapshot; a restore replays ", size);
    replay ? printf("%" PRIu64 " record%s after it\n", replay, replay == 1 ? "" : "s")
           : printf("no records\n");
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
    if (inf->snaps_err[0])
        printf("snapshots    damaged: %s\n", inf->snaps_err);
    else if (inf->nsnaps > 0)
        printf("snapshots    %zu, the newest after record %" PRIu64 "\n", inf->nsnaps,
               inf->snaps[inf->nsnaps - 1].seq);
    else
        printf("snapshots    none\n");
    if (inf->apps_err[0])
        printf("deployments  unknown (damaged history: %s)\n", inf->apps_err);
    else
        printf("deployments  %zu\n", inf->napps);
    info_text_app(inf);
    if (inf->has_data) {
        format_bytes(inf->data_bytes, size, sizeof size);
        printf("data.mdb     %s\n", size);
    }
    printf("store id     %s (%s)\n", inf->sync.store_id,
           inf->sync.follower ? "a follower: it applies its leader's batches" : "the writer");
}

static json_t *snapshots_json(const struct info *inf)
{
    json_t *list;
    if (inf->snaps_err[0])
        return json_null();
    list = json_array();
    for (size_t i = 0; i < inf->nsnaps; i++) {
        json_t *j = json_object();
        json_object_set_new(j, "seq", ju64(inf->snaps[i].seq));
        json_object_set_new(j, "time_us", ju64(inf->snaps[i].time_us));
        json_object_set_new(j, "state_bytes", ju64(inf->snaps[i].state_len));
        json_object_set_new(j, "app_hash", json_string(inf->snaps[i].app_hash));
        json_array_append_new(list, j);
    }
    return list;
}

static json_t *apps_json(const struct info *inf)
{
    json_t *list;
    if (inf->apps_err[0])
        return json_null();
    list = json_array();
    for (size_t i = 0; i < inf->napps; i++) {
        json_t *j = json_object();
        json_object_set_new(j, "seq", ju64(inf->apps[i].seq));
        json_object_set_new(j, "kind", json_string(kind_name(inf->apps[i].kind)));
        json_object_set_new(j, "code_bytes", ju64(inf->apps[i].code_len));
        json_object_set_new(j, "app_hash", json_string(inf->apps[i].app_hash));
        json_array_append_new(list, j);
    }
    return list;
}

static void info_json(struct ctx *c, const struct info *inf)
{
    struct out *o = &c->out;
    out_u64(o, "head", inf->head);
    out_u64(o, "record_count", inf->count);
    out_u64(o, "oldest", inf->oldest);
    out_u64(o, "snapshot_seq", inf->snapshot_seq);
    out_member(o, "app_hash", inf->app_hash ? json_string(inf->app_hash) : json_null());
    if (inf->deployed != NULL)
        out_str(o, "module", inf->module);
    if (inf->nsnaps > 0 && inf->snaps[inf->nsnaps - 1].seq <= inf->head)
        out_u64(o, "replay_records", inf->head - inf->snaps[inf->nsnaps - 1].seq);
    if (inf->has_data)
        out_u64(o, "data_bytes", inf->data_bytes);
    out_str(o, "store_id", inf->sync.store_id);
    out_member(o, "follower", json_boolean(inf->sync.follower));
    out_member(o, "snapshots", snapshots_json(inf));
    if (inf->snaps_err[0])
        out_str(o, "snapshots_error", inf->snaps_err);
    out_member(o, "apps", apps_json(inf));
    if (inf->apps_err[0])
        out_str(o, "apps_error", inf->apps_err);
}

/* Opens the store without restoring it (PERSIST_OPEN_NO_RESTORE in the command table): a long tail
 * to replay costs nothing, and a store whose restore fails is described too. */
int cmd_info(struct ctx *c)
{
    struct info inf;
    struct stat st;
    char path[4096];
    int rc;
    memset(&inf, 0, sizeof inf);
    if ((rc = open_store(c)) != XS_OK || (rc = info_counts(c, &inf)) != XS_OK ||
        (rc = info_app(c, &inf)) != XS_OK)
        goto out;
    if (inf.nsnaps > 0 && inf.snaps[inf.nsnaps - 1].seq > inf.head &&
        c->out.err.code == PERSIST_OK) {
        snprintf(path, sizeof path,
                 "records %" PRIu64 " to %" PRIu64 " are missing (the store ends at record %" PRIu64
                 " but holds a snapshot after record %" PRIu64 ")",
                 inf.head + 1, inf.snaps[inf.nsnaps - 1].seq, inf.head,
                 inf.snaps[inf.nsnaps - 1].seq);
        out_fail_lib(&c->out, PERSIST_ECORRUPT, path); /* exit 4, after the facts */
    }
    snprintf(path, sizeof path, "%s/data.mdb", c->store);
    if (stat(path, &st) == 0)
        inf.has_data = 1, inf.data_bytes = (uint64_t)st.st_size;
    if (c->out.json)
        info_json(c, &inf);
    else
        info_text(c, &inf);
    rc = exit_status(c->out.err.code); /* a damaged snapshot or record: 4, after the facts */
out:
    persist_free(inf.snaps);
    persist_free(inf.apps);
    return rc;
}

/* ---- log ---- */

/* A payload in `log` text: quoted, and cut at TEXT_SHOWN bytes (on a character boundary). */
static void put_payload(struct ctx *c, const char *p, size_t n)
{
    size_t shown = n;
    if (!(c->a->seen & OPT(O_FULL)) && n > TEXT_SHOWN) {
        shown = TEXT_SHOWN;
        while (shown > 0 && ((unsigned char)p[shown] & 0xc0) == 0x80)
            shown--;
    }
    out_quoted(&c->out, p, shown);
    if (shown < n)
        printf("... (%zu bytes)", n);
}

static void record_text(struct ctx *c, const persist_record *r, const char *id, size_t id_len)
{
    char when[40];
    int full = (c->a->seen & OPT(O_FULL)) != 0;
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
    if (id != NULL) {
        fputs(" id ", stdout);
        out_quoted(&c->out, id, id_len);
    }
    if (r->payload != NULL) {
        fputs(r->kind == PERSIST_RECORD_EVENT ? " " : " state ", stdout);
        put_payload(c, r->payload, r->payload_len);
    }
    putchar('\n');
}

static json_t *record_json(const persist_record *r, const char *id, size_t id_len)
{
    json_t *j = json_object();
    char when[40];
    format_time(r->time_us, 1, when, sizeof when);
    json_object_set_new(j, "seq", ju64(r->seq));
    json_object_set_new(j, "kind", json_string(kind_name(r->kind)));
    json_object_set_new(j, "time_us", ju64(r->time_us));
    json_object_set_new(j, "time", json_string(when));
    if (r->payload != NULL)
        json_object_set_new(j, r->kind == PERSIST_RECORD_EVENT ? "event" : "state",
                            jtext(r->payload, r->payload_len));
    if (r->app_hash[0] != '\0') {
        json_object_set_new(j, "app_hash", json_string(r->app_hash));
        json_object_set_new(j, "module", jtext(r->module, r->module_len));
    }
    if (r->kind == PERSIST_RECORD_RESET)
        json_object_set_new(j, "source_seq", ju64(r->source_seq));
    if (id != NULL)
        json_object_set_new(j, "client_id", jtext(id, id_len));
    return j;
}

/* The client id of an event record (NULL: none; the caller frees it). A record pruned since the
 * listing has none to show. */
static int record_client_id(struct ctx *c, const persist_record *r, char **id, size_t *len)
{
    int rc = PERSIST_OK;
    *id = NULL;
    *len = 0;
    if (r->kind == PERSIST_RECORD_EVENT)
        rc = persist_store_client_id_at(c->s, r->seq, id, len);
    return rc == PERSIST_ENOTFOUND ? PERSIST_OK : rc;
}

/* Pages through the records (the library returns at most 1000 per call). */
static int log_records(struct ctx *c, uint64_t *shown)
{
    const struct args *a = c->a;
    uint64_t from = a->from, left = (a->seen & OPT(O_LIMIT)) ? a->limit : UINT64_MAX;
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
        for (size_t i = 0; i < n; i++, (*shown)++) {
            char *id = NULL;
            size_t id_len = 0;
            if ((rc = record_client_id(c, &r[i], &id, &id_len)) != PERSIST_OK) {
                persist_free(r);
                return fail(c, rc);
            }
            c->out.json ? out_list_item(&c->out, record_json(&r[i], id, id_len), *shown)
                        : record_text(c, &r[i], id, id_len);
            persist_free(id);
        }
        if (n > 0)
            from = r[n - 1].seq + 1;
        persist_free(r);
        if (n == 0)
            break;
        left -= n;
    }
    return XS_OK;
}

/* A long log goes through a pager on a terminal (never JSON); started first, so that the pager
 * inherits none of the store's files. */
int cmd_log(struct ctx *c)
{
    uint64_t shown = 0;
    int rc;
    if (!c->out.json && !(c->a->seen & OPT(O_NO_PAGER)))
        pager_start();
    if ((rc = open_store(c)) != XS_OK)
        return rc;
    out_list_begin(&c->out, "records");
    rc = log_records(c, &shown);
    out_list_end(&c->out, shown);
    if (!c->out.json && shown == 0 && rc == XS_OK)
        printf("no records\n");
    return rc;
}

/* ---- state, response: the app's text, from the live app or replayed in a scratch heap ---- */

static int print_app_text(struct ctx *c, int rc, char *text, size_t len, const char *key)
{
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (c->out.json)
        out_text(&c->out, key, text, len);
    else
        out_app_text(text, len);
    persist_free(text);
    return XS_OK;
}

/* The state after a record, or the response to it, replayed in a scratch heap. */
static int print_replayed(struct ctx *c, const char *seq_key, uint64_t seq, const char *key,
                          int (*replay)(persist_store *, uint64_t, char **, size_t *))
{
    char *text = NULL;
    size_t len = 0;
    int rc;
    c->out.err.record = seq;
    out_u64(&c->out, seq_key, seq);
    out_long_begin(&c->out, "replay");
    rc = replay(c->s, seq, &text, &len);
    out_long_end(&c->out);
    return print_app_text(c, rc, text, len, key);
}

int cmd_state(struct ctx *c)
{
    char *text = NULL;
    size_t len = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if (c->a->seen & OPT(O_AT))
        return print_replayed(c, "at", c->a->at, "state", persist_store_state_at);
    rc = persist_store_state(c->s, &text, &len);
    return print_app_text(c, rc, text, len, "state");
}

int cmd_response(struct ctx *c)
{
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    return print_replayed(c, "seq", c->a->record, "response", persist_store_response_at);
}

/* ---- verify ---- */

static void verify_print(struct ctx *c, const persist_verify_report *r)
{
    struct out *o = &c->out;
    if (o->json) {
        out_u64(o, "problems", r->problems);
        out_u64(o, "records_checked", r->records_checked);
        out_u64(o, "snapshots_checked", r->snapshots_checked);
        out_u64(o, "apps_checked", r->apps_checked);
        out_u64(o, "first_problem_seq", r->first_problem_seq);
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

int cmd_verify(struct ctx *c)
{
    persist_verify_report r;
    int rc = open_store(c);
    if (rc != XS_OK) {
        if (c->out.err.code == PERSIST_ECORRUPT)
            c->out.err.hint = "restore the store from a backup";
        return rc;
    }
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    out_long_begin(&c->out, "verify");
    rc = persist_store_verify(c->s, (c->a->seen & OPT(O_ALL)) ? PERSIST_VERIFY_ALL_SNAPSHOTS : 0,
                              &r);
    out_long_end(&c->out);
    if (rc != PERSIST_OK && (r.problems == 0 || rc == PERSIST_ECANCELED))
        return fail(c, rc);
    verify_print(c, &r);
    if (rc == PERSIST_OK)
        return XS_OK;
    c->out.err.record = r.first_problem_seq;
    c->out.err.hint = rc == PERSIST_ECORRUPT
                          ? "restore the store from a backup, or revert to a record before the "
                            "damage"
                          : "the records are intact, and the app fails on them: fix the app, or "
                            "revert to a record before the state it fails on";
    return fail(c, rc);
}
