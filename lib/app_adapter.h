/* app_adapter.h - an app loaded in its own heap: the app contract (init, update, serialize,
 * deserialize, migrate) and the app's current state. */
#ifndef PERSIST_APP_ADAPTER_H
#define PERSIST_APP_ADAPTER_H

#include "internal.h"

typedef struct persist__app persist__app;

/* What identifies an app version: its code, the code's hash and the module option. */
typedef struct persist__app_source {
    const char *code;
    size_t code_len;
    const uint8_t *hash; /* PERSIST__HASH_LEN bytes */
    const char *module;  /* not NUL-terminated; module_len 0 = the default */
    size_t module_len;
} persist__app_source;

/* Load an app into a fresh heap (everything in src is copied). PERSIST_ELOAD when the code fails
 * to evaluate, PERSIST_ECONTRACT when a contract function is missing. The app has no state yet. */
int persist__app_load(persist__app **out, const persist__app_source *src,
                      const persist__js_config *cfg, persist__err *err);
void persist__app_free(persist__app *app); /* NULL is ignored */

/* The module name an app is loaded with when the deploy names none: "Backend.Main" for elm make
 * output, "app" for a plain JavaScript app. */
const char *persist__app_default_module(const char *code, size_t len);

const uint8_t *persist__app_hash(const persist__app *app);
const char *persist__app_module(const persist__app *app, size_t *len);

/* state := init() */
int persist__app_init(persist__app *app, persist__err *err);

/* pending := update(event, pending if there is one, else state); the response is malloc'd.
 * *out_changed is 0 when the app returned the identical value it was given. The state stays as it
 * was until accept; a failed update leaves state and pending as they were (so a batch can go on
 * from the state before the failed event). */
int persist__app_update(persist__app *app, const char *event, size_t len, int *out_changed,
                        char **out_resp, size_t *out_resp_len, persist__err *err);
int persist__app_accept(persist__app *app, persist__err *err); /* state := pending */
void persist__app_discard(persist__app *app);                  /* forget pending, sealed and mark */

/* Group commit (docs/design.md section 7): events of several calls are applied on the pending
 * state while an earlier commit is being synced. seal: sealed := pending (the state the commit
 * being written will make live); accept_sealed: state := sealed once it is committed, and pending
 * is forgotten if nothing was applied after it. mark: remember pending before one call's events;
 * rollback: pending := the mark (the call failed), unmark: forget it (the call was staged). */
int persist__app_seal(persist__app *app, persist__err *err);
int persist__app_accept_sealed(persist__app *app, persist__err *err);
int persist__app_mark(persist__app *app, persist__err *err);
int persist__app_rollback(persist__app *app, persist__err *err);
void persist__app_unmark(persist__app *app);

/* serialize(state), or serialize(pending) when `pending` is set; malloc'd text. */
int persist__app_serialize(persist__app *app, int pending, char **out, size_t *out_len,
                           persist__err *err);

/* deserialize(text) as the state, if the state serializes back to text exactly (a snapshot's
 * check at load: PERSIST_EROUNDTRIP, or the app's own error, when it does not). */
int persist__app_load_checked(persist__app *app, const char *text, size_t len, persist__err *err);

/* state := deserialize(text); PERSIST_EREJECTED with the app's reason when it rejects. */
int persist__app_deserialize(persist__app *app, const char *text, size_t len, persist__err *err);

/* state := migrate(previous app's serialized state); PERSIST_EMIGRATE when it rejects. */
int persist__app_migrate(persist__app *app, const char *text, size_t len, persist__err *err);

/* A serialized state a snapshot may keep: deserialize(text) must succeed and serialize to the same
 * text (PERSIST_EROUNDTRIP otherwise, also when deserialize rejects it). State and pending state
 * are not touched. */
int persist__app_check_text(persist__app *app, const char *text, size_t len, persist__err *err);

/* s1 = serialize(state), s2 = serialize(deserialize(s1)); PERSIST_EROUNDTRIP unless s1 == s2.
 * On success the state is the deserialized copy and *out is s1 (malloc'd). */
int persist__app_roundtrip(persist__app *app, char **out, size_t *out_len, persist__err *err);

#endif
