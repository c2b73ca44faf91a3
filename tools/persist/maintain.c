/* maintain.c - the commands that keep or move a store: prune, backup, export and import. */
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void prune_print(struct ctx *c, const persist_prune_report *r)
{
    struct out *o = &c->out;
    char before[64], after[64];
    if (o->json) {
        out_u64(o, "kept_from", r->kept_from);
        out_u64(o, "records_removed", r->records_removed);
        out_u64(o, "snapshots_removed", r->snapshots_removed);
        out_u64(o, "apps_removed", r->apps_removed);
        out_member(o, "compacted", json_boolean(r->compacted));
        out_u64(o, "bytes_before", r->bytes_before);
        out_u64(o, "bytes_after", r->bytes_after);
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

int cmd_prune(struct ctx *c)
{
    persist_prune_report r;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    c->out.err.record = c->a->before;
    out_long_begin(&c->out, "prune");
    rc = persist_store_prune(c->s, c->a->before, &r);
    out_long_end(&c->out);
    if (rc == PERSIST_ENOTFOUND)
        c->out.err.hint = "`persist snapshot %s` writes a snapshot at the head";
    if (rc != PERSIST_OK)
        return fail(c, rc);
    prune_print(c, &r);
    return XS_OK;
}

int cmd_backup(struct ctx *c)
{
    const char *dir = c->a->pos[1];
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if ((rc = persist_store_backup(c->s, dir)) != PERSIST_OK)
        return fail(c, rc);
    if (c->out.json)
        out_str(&c->out, "backup", dir);
    else
        printf("store %s: backed up to %s\n", c->store, dir);
    return XS_OK;
}

int cmd_export(struct ctx *c)
{
    const char *file = c->a->pos[1];
    char hash[65];
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if ((rc = persist_store_export(c->s, file)) != PERSIST_OK ||
        (rc = persist_store_app_hash(c->s, hash, sizeof hash)) != PERSIST_OK)
        return fail(c, rc);
    if (c->out.json) {
        out_str(&c->out, "file", file);
        out_str(&c->out, "app_hash", hash);
    } else {
        printf("store %s: exported app %.12s and its state to %s\n", c->store, hash, file);
    }
    return XS_OK;
}

int cmd_import(struct ctx *c)
{
    const char *file = c->a->pos[0];
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    rc = persist_store_import(c->s, file);
    if (rc == PERSIST_EEXISTS)
        c->out.err.hint = "choose a new or empty STORE";
    if (rc != PERSIST_OK)
        return fail(c, rc);
    out_str(&c->out, "file", file);
    return report_write(c, "imported");
}
