/* headers.c - the public header under strict compilers: built as -std=c99 and -std=c11 with
 * -pedantic -Wall -Wextra -Werror (tests/bindings/header-test.sh), linked against the shared
 * library and run. Every declaration is used with its exact type, so a changed signature, type or
 * constant stops the build here before it reaches a binding. */
#include <persist.h>
#include <persist.h> /* the include guard works */

#include <stdio.h>
#include <string.h>

/* Each function with the signature the bindings (ctypes, cgo) were written against. */
static uint32_t (*const p_version_number)(void) = persist_version_number;
static const char *(*const p_version_string)(void) = persist_version_string;
static const char *(*const p_strerror)(int) = persist_strerror;
static int (*const p_options_init)(persist_options *, size_t) = persist_options_init;
static void (*const p_free)(void *) = persist_free;
static int (*const p_open)(persist_store **, const char *,
                           const persist_options *) = persist_store_open;
static int (*const p_close)(persist_store *) = persist_store_close;
static size_t (*const p_errmsg)(persist_store *, char *, size_t) = persist_store_errmsg;
static int (*const p_deploy)(persist_store *, const char *, size_t, uint32_t,
                             const char *) = persist_store_deploy;
static int (*const p_submit)(persist_store *, const char *, size_t, char **,
                             size_t *) = persist_store_submit;
static int (*const p_submit_batch)(persist_store *, persist_batch_item *,
                                   size_t) = persist_store_submit_batch;
static int (*const p_flush)(persist_store *) = persist_store_flush;
static int (*const p_set_state)(persist_store *, const char *, size_t) = persist_store_set_state;
static int (*const p_snapshot)(persist_store *) = persist_store_snapshot;
static int (*const p_restore)(persist_store *) = persist_store_restore;
static int (*const p_state)(persist_store *, char **, size_t *) = persist_store_state;
static int (*const p_head)(persist_store *, uint64_t *) = persist_store_head;
static int (*const p_record_count)(persist_store *, uint64_t *) = persist_store_record_count;
static int (*const p_snapshot_seq)(persist_store *, uint64_t *) = persist_store_snapshot_seq;
static int (*const p_app_hash)(persist_store *, char *, size_t) = persist_store_app_hash;
static int (*const p_records)(persist_store *, uint64_t, uint32_t, uint32_t, persist_record **,
                              size_t *) = persist_store_records;
static int (*const p_state_at)(persist_store *, uint64_t, char **,
                               size_t *) = persist_store_state_at;
static int (*const p_response_at)(persist_store *, uint64_t, char **,
                                  size_t *) = persist_store_response_at;
static int (*const p_snapshots)(persist_store *, persist_snapshot_info **,
                                size_t *) = persist_store_snapshots;
static int (*const p_apps)(persist_store *, persist_app_info **, size_t *) = persist_store_apps;
static int (*const p_app_code)(persist_store *, const char *, char **,
                               size_t *) = persist_store_app_code;
static int (*const p_verify)(persist_store *, uint32_t,
                             persist_verify_report *) = persist_store_verify;
static int (*const p_revert)(persist_store *, uint64_t) = persist_store_revert;
static int (*const p_prune)(persist_store *, uint64_t,
                            persist_prune_report *) = persist_store_prune;
static int (*const p_backup)(persist_store *, const char *) = persist_store_backup;
static int (*const p_export)(persist_store *, const char *) = persist_store_export;
static int (*const p_import)(persist_store *, const char *) = persist_store_import;

/* Constants are integer constant expressions (usable in case labels and array sizes). */
static const char *status_name(int code)
{
    switch (code) {
    case PERSIST_OK: return "OK";
    case PERSIST_ERROR: return "ERROR";
    case PERSIST_ENOMEM: return "ENOMEM";
    case PERSIST_EINVAL: return "EINVAL";
    case PERSIST_EMISUSE: return "EMISUSE";
    case PERSIST_ECANCELED: return "ECANCELED";
    case PERSIST_ENOTFOUND: return "ENOTFOUND";
    case PERSIST_EEXISTS: return "EEXISTS";
    case PERSIST_EBUSY: return "EBUSY";
    case PERSIST_ENOAPP: return "ENOAPP";
    case PERSIST_EREADONLY: return "EREADONLY";
    case PERSIST_EIO: return "EIO";
    case PERSIST_ECORRUPT: return "ECORRUPT";
    case PERSIST_EFULL: return "EFULL";
    case PERSIST_EVERSION: return "EVERSION";
    case PERSIST_ESCRIPT: return "ESCRIPT";
    case PERSIST_ETIMEOUT: return "ETIMEOUT";
    case PERSIST_ELOAD: return "ELOAD";
    case PERSIST_ECONTRACT: return "ECONTRACT";
    case PERSIST_EREJECTED: return "EREJECTED";
    case PERSIST_EMIGRATE: return "EMIGRATE";
    case PERSIST_EROUNDTRIP: return "EROUNDTRIP";
    case PERSIST_EMEMORY: return "EMEMORY";
    case PERSIST_EFATAL: return "EFATAL";
    default: return NULL;
    }
}

static const uint32_t u32_constants[] = {PERSIST_OPEN_READONLY,
                                         PERSIST_OPEN_NO_CREATE,
                                         PERSIST_LOG_ALL_EVENTS,
                                         PERSIST_DURABILITY_SYNC,
                                         PERSIST_DURABILITY_RELAXED,
                                         PERSIST_NO_LIMIT_MS,
                                         PERSIST_DEPLOY_INIT,
                                         PERSIST_DEPLOY_MIGRATE,
                                         PERSIST_VERSION_MAJOR,
                                         PERSIST_VERSION_MINOR,
                                         PERSIST_VERSION_PATCH,
                                         PERSIST_VERSION_NUMBER,
                                         PERSIST_LOG_DEBUG,
                                         PERSIST_LOG_INFO,
                                         PERSIST_LOG_WARN,
                                         PERSIST_LOG_ERROR,
                                         PERSIST_OPEN_NO_RESTORE,
                                         PERSIST_RECORD_EVENT,
                                         PERSIST_RECORD_SET_STATE,
                                         PERSIST_RECORD_DEPLOY_INIT,
                                         PERSIST_RECORD_DEPLOY_MIGRATE,
                                         PERSIST_RECORD_RESET,
                                         PERSIST_VERIFY_ALL_SNAPSHOTS};
static const uint64_t no_limit_bytes = PERSIST_NO_LIMIT_BYTES;
static char version_string_size[sizeof PERSIST_VERSION_STRING];

static void log_fn(int level, const char *message, size_t len, void *userdata)
{
    (void)level;
    (void)message;
    (void)len;
    (void)userdata;
}

static int progress_fn(uint64_t done, uint64_t total, void *userdata)
{
    (void)userdata;
    return done > total;
}

int main(void)
{
    persist_options opts;
    persist_batch_item item;
    persist_log_fn fn = log_fn;
    persist_progress_fn pfn = progress_fn;
    persist_record record;
    persist_snapshot_info snapshot_info;
    persist_app_info app_info;
    persist_verify_report verify_report;
    persist_prune_report prune_report;
    persist_status st = PERSIST_EFATAL;
    persist_log_level lvl = PERSIST_LOG_WARN;
    int bad = 0;

    if (p_options_init(&opts, sizeof opts) != PERSIST_OK)
        bad = 1;
    opts.flags = PERSIST_OPEN_NO_CREATE;
    opts.log_fn = fn;
    opts.log_userdata = NULL;
    opts.progress_fn = pfn;
    opts.progress_userdata = NULL;
    memset(&record, 0, sizeof record);
    memset(&snapshot_info, 0, sizeof snapshot_info);
    memset(&app_info, 0, sizeof app_info);
    memset(&verify_report, 0, sizeof verify_report);
    memset(&prune_report, 0, sizeof prune_report);
    verify_report.struct_size = sizeof verify_report;
    prune_report.struct_size = sizeof prune_report;
    if (sizeof record.app_hash != 65 || sizeof snapshot_info.app_hash != 65 ||
        sizeof app_info.app_hash != 65) {
        fprintf(stderr, "app_hash fields are not 65 bytes\n");
        bad = 1;
    }
    opts.js_memory_limit = no_limit_bytes;
    memset(&item, 0, sizeof item);
    item.event = "x";
    item.event_len = 1;
    (void)lvl;
    for (size_t i = 0; i < sizeof u32_constants / sizeof u32_constants[0]; i++)
        version_string_size[i % sizeof version_string_size] ^= (char)u32_constants[i];

    if (opts.struct_size != sizeof(persist_options)) {
        fprintf(stderr, "persist_options_init: struct_size %u\n", (unsigned)opts.struct_size);
        bad = 1;
    }
    if (p_version_number() != PERSIST_VERSION_NUMBER ||
        strcmp(p_version_string(), PERSIST_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s, library %s\n", PERSIST_VERSION_STRING, p_version_string());
        bad = 1;
    }
    for (int code = 0; code >= (int)st; code--)
        if (status_name(code) != NULL && p_strerror(code)[0] == '\0') {
            fprintf(stderr, "persist_strerror(%d) is empty\n", code);
            bad = 1;
        }
    /* NULL handles are rejected or ignored, never dereferenced. */
    if (p_close(NULL) != PERSIST_OK || p_flush(NULL) != PERSIST_EMISUSE ||
        p_errmsg(NULL, NULL, 0) == 0 || p_open(NULL, "x", &opts) != PERSIST_EINVAL ||
        p_verify(NULL, 0, &verify_report) != PERSIST_EMISUSE ||
        p_prune(NULL, 1, &prune_report) != PERSIST_EMISUSE) {
        fprintf(stderr, "NULL handle handling\n");
        bad = 1;
    }
    p_free(NULL);
    /* The rest are referenced so that the compiler checks their types. */
    (void)p_deploy;
    (void)p_submit;
    (void)p_submit_batch;
    (void)p_set_state;
    (void)p_snapshot;
    (void)p_restore;
    (void)p_state;
    (void)p_head;
    (void)p_record_count;
    (void)p_snapshot_seq;
    (void)p_app_hash;
    (void)p_records;
    (void)p_state_at;
    (void)p_response_at;
    (void)p_snapshots;
    (void)p_apps;
    (void)p_app_code;
    (void)p_revert;
    (void)p_backup;
    (void)p_export;
    (void)p_import;
    if (!bad)
        printf("headers (C %ld): ok, libpersist %s\n", (long)__STDC_VERSION__, p_version_string());
    return bad;
}
