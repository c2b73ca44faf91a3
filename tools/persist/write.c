/* write.c - the commands that change the state: submit, deploy, set-state, snapshot, revert;
 * and query, which sends an event like submit but writes nothing. */
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* After a write: the new head and the live app, as JSON members or one line of text. */
int report_write(struct ctx *c, const char *what)
{
    uint64_t head = 0;
    char hash[65] = "";
    int rc = persist_store_head(c->s, &head);
    if (rc != PERSIST_OK)
        return fail(c, rc);
    rc = persist_store_app_hash(c->s, hash, sizeof hash);
    if (rc != PERSIST_OK && rc != PERSIST_ENOAPP)
        return fail(c, rc);
    if (c->out.json) {
        out_u64(&c->out, "head", head);
        out_str(&c->out, "app_hash", hash);
    } else {
        printf("store %s: %s; head is record %" PRIu64 ", app %.12s\n", c->store, what, head,
               hash[0] ? hash : "none");
    }
    return XS_OK;
}

/* submit --id: the event with its client id; *seq and *duplicate say where it was applied. */
static int submit_with_id(struct ctx *c, const char *event, char **resp, size_t *len, uint64_t *seq,
                          int *duplicate)
{
    persist_event ev;
    int rc;
    memset(&ev, 0, sizeof ev);
    ev.event = event;
    ev.event_len = strlen(event);
    ev.client_id = c->a->client_id;
    ev.client_id_len = strlen(c->a->client_id);
    rc = persist_store_submit_events(c->s, &ev, 1, sizeof ev);
    if (rc == PERSIST_OK)
        rc = ev.status;
    *resp = ev.response;
    *len = ev.response_len;
    *seq = ev.seq;
    *duplicate = ev.duplicate != 0;
    return rc;
}

/* submit and query: one event, its response printed byte for byte (and the head after a submit). */
static int send_event(struct ctx *c, int submit)
{
    const char *event = c->a->pos[1], *id = c->a->client_id;
    char *resp = NULL;
    size_t len = 0;
    uint64_t seq = 0;
    int duplicate = 0, rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    rc = submit && id != NULL ? submit_with_id(c, event, &resp, &len, &seq, &duplicate)
         : submit             ? persist_store_submit(c->s, event, strlen(event), &resp, &len)
                              : persist_store_query(c->s, event, strlen(event), &resp, &len);
    if (rc == PERSIST_ENOTQUERY)
        c->out.err.hint = "`persist submit %s EVENT` submits an event that changes the state";
    if (rc != PERSIST_OK) {
        persist_free(resp);
        return fail(c, rc);
    }
    if (duplicate)
        out_note(&c->out, PERSIST_LOG_INFO,
                 "client id %s was applied before (record %" PRIu64
                 "): nothing was applied again, and this is its first response",
                 id, seq);
    if (c->out.json) {
        uint64_t head = 0;
        out_text(&c->out, "response", resp, len);
        if (submit && persist_store_head(c->s, &head) == PERSIST_OK)
            out_u64(&c->out, "head", head);
        if (id != NULL) {
            out_u64(&c->out, "seq", seq);
            out_member(&c->out, "duplicate", json_boolean(duplicate));
        }
    } else {
        out_app_text(resp, len);
    }
    persist_free(resp);
    return XS_OK;
}

int cmd_submit(struct ctx *c)
{
    return send_event(c, 1);
}

int cmd_query(struct ctx *c)
{
    return send_event(c, 0);
}

/* What the deploy does with the state. A store with an app must be told: a plain deploy used to
 * start the new app from its initial state, silently. */
static int deploy_mode(struct ctx *c, uint32_t *mode)
{
    char hash[65];
    int rc;
    *mode = (c->a->seen & OPT(O_MIGRATE)) ? PERSIST_DEPLOY_MIGRATE : PERSIST_DEPLOY_INIT;
    if (c->a->seen & (OPT(O_MIGRATE) | OPT(O_INIT)))
        return XS_OK;
    rc = persist_store_app_hash(c->s, hash, sizeof hash);
    if (rc == PERSIST_ENOAPP)
        return XS_OK;
    if (rc != PERSIST_OK)
        return fail(c, rc);
    return out_fail(&c->out, PERSIST_EINVAL, "`persist deploy --help` says more",
                    "the store has an app (%.12s): say what this deploy does with its state: "
                    "--migrate keeps it (the new app converts the current state), --init "
                    "replaces it with the new app's initial state; nothing was changed",
                    hash);
}

int cmd_deploy(struct ctx *c)
{
    char *code = NULL, what[64];
    const char *name;
    size_t len = 0;
    uint32_t mode = 0;
    int rc = read_input(c, c->a->pos[1], &code, &len);
    if (rc == XS_OK && (rc = open_store(c)) == XS_OK && (rc = deploy_mode(c, &mode)) == XS_OK) {
        rc = persist_store_deploy(c->s, code, len, mode, c->a->module);
        if (rc != PERSIST_OK) {
            rc = fail(c, rc);
        } else {
            name = mode == PERSIST_DEPLOY_MIGRATE ? "migrate" : "init";
            out_str(&c->out, "mode", name);
            snprintf(what, sizeof what, "deployed (%s)", name);
            rc = report_write(c, what);
        }
    }
    free(code);
    return rc;
}

int cmd_set_state(struct ctx *c)
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

int cmd_snapshot(struct ctx *c)
{
    uint64_t seq = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if ((rc = persist_store_snapshot(c->s)) != PERSIST_OK ||
        (rc = persist_store_snapshot_seq(c->s, &seq)) != PERSIST_OK)
        return fail(c, rc);
    if (c->out.json)
        out_u64(&c->out, "snapshot_seq", seq);
    else
        printf("store %s: snapshot after record %" PRIu64 "\n", c->store, seq);
    return XS_OK;
}

int cmd_revert(struct ctx *c)
{
    char what[64];
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    c->out.err.record = c->a->record;
    rc = persist_store_revert(c->s, c->a->record);
    if (rc != PERSIST_OK)
        return fail(c, rc);
    out_u64(&c->out, "reverted_to", c->a->record);
    snprintf(what, sizeof what, "reverted to the state after record %" PRIu64, c->a->record);
    return report_write(c, what);
}
