/* test_options.c - pins the options struct layout (ABI), version macros, and option reading. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "errors.h"
#include "options.h"
#include "snapshot_policy.h"

static void test_options_layout_is_pinned(void **state)
{
    (void)state;
    /* Changing any of these breaks the ABI: fields may only be appended. */
    assert_int_equal(offsetof(persist_options, struct_size), 0);
    assert_int_equal(offsetof(persist_options, flags), 4);
    assert_int_equal(offsetof(persist_options, map_size), 8);
    assert_int_equal(offsetof(persist_options, snapshot_every), 16);
    assert_int_equal(offsetof(persist_options, snapshot_budget_ms), 20);
    assert_int_equal(offsetof(persist_options, log_fn), 24);
    assert_int_equal(offsetof(persist_options, log_userdata), 24 + sizeof(void *));
    assert_int_equal(offsetof(persist_options, durability), 24 + 2 * sizeof(void *));
    assert_int_equal(offsetof(persist_options, js_budget_ms), 28 + 2 * sizeof(void *));
    assert_int_equal(offsetof(persist_options, js_memory_limit), 32 + 2 * sizeof(void *));
    assert_int_equal(offsetof(persist_options, progress_fn), 40 + 2 * sizeof(void *));
    assert_int_equal(offsetof(persist_options, progress_userdata), 40 + 3 * sizeof(void *));
    assert_int_equal(offsetof(persist_options, client_id_keep), 40 + 4 * sizeof(void *)); /* 1.1 */
    assert_int_equal(offsetof(persist_options, client_id_keep_s), 44 + 4 * sizeof(void *));
    assert_int_equal(sizeof(persist_options), 48 + 4 * sizeof(void *));
    /* persist_event (1.1): callers pass its size, so fields are only ever appended. */
    assert_int_equal(offsetof(persist_event, event), 0);
    assert_int_equal(offsetof(persist_event, event_len), sizeof(void *));
    assert_int_equal(offsetof(persist_event, client_id), 2 * sizeof(void *));
    assert_int_equal(offsetof(persist_event, client_id_len), 3 * sizeof(void *));
    assert_int_equal(offsetof(persist_event, time_us), 4 * sizeof(void *));
    assert_int_equal(offsetof(persist_event, response), 8 + 4 * sizeof(void *));
    assert_int_equal(offsetof(persist_event, response_len), 8 + 5 * sizeof(void *));
    assert_int_equal(offsetof(persist_event, seq), 8 + 6 * sizeof(void *));
    assert_int_equal(offsetof(persist_event, status), 16 + 6 * sizeof(void *));
    assert_int_equal(offsetof(persist_event, duplicate), 20 + 6 * sizeof(void *));
    assert_int_equal(sizeof(persist_event), 24 + 6 * sizeof(void *));
    assert_int_equal(offsetof(persist_sync_info, head), 8);
    assert_int_equal(offsetof(persist_sync_info, first), 16);
    assert_int_equal(offsetof(persist_sync_info, snapshot_seq), 24);
    assert_int_equal(offsetof(persist_sync_info, store_id), 32);
    assert_int_equal(sizeof(persist_sync_info), 72);
    assert_int_equal(offsetof(persist_batch_item, event), 0);
    assert_int_equal(offsetof(persist_batch_item, event_len), sizeof(void *));
    assert_int_equal(offsetof(persist_batch_item, status), 2 * sizeof(void *));
    assert_int_equal(offsetof(persist_batch_item, response), 3 * sizeof(void *));
    assert_int_equal(offsetof(persist_batch_item, response_len), 4 * sizeof(void *));
    assert_int_equal(sizeof(persist_batch_item), 5 * sizeof(void *));
    assert_int_equal(PERSIST_DURABILITY_SYNC, 1);
    assert_int_equal(PERSIST_DURABILITY_RELAXED, 2);
    /* Flag and mode values are ABI too. */
    assert_int_equal(PERSIST_OPEN_READONLY, 1);
    assert_int_equal(PERSIST_OPEN_NO_CREATE, 2);
    assert_int_equal(PERSIST_LOG_ALL_EVENTS, 4);
    assert_int_equal(PERSIST_DEPLOY_INIT, 1);
    assert_int_equal(PERSIST_DEPLOY_MIGRATE, 2);
}

static void test_history_structs_are_pinned(void **state)
{
    (void)state;
    assert_int_equal(offsetof(persist_record, seq), 0);
    assert_int_equal(offsetof(persist_record, time_us), 8);
    assert_int_equal(offsetof(persist_record, source_seq), 16);
    assert_int_equal(offsetof(persist_record, kind), 24);
    assert_int_equal(offsetof(persist_record, payload), 32);
    assert_int_equal(offsetof(persist_record, payload_len), 32 + sizeof(void *));
    assert_int_equal(offsetof(persist_record, module), 32 + 2 * sizeof(void *));
    assert_int_equal(offsetof(persist_record, module_len), 32 + 3 * sizeof(void *));
    assert_int_equal(offsetof(persist_record, app_hash), 32 + 4 * sizeof(void *));
    assert_int_equal(offsetof(persist_snapshot_info, app_hash), 24);
    assert_int_equal(offsetof(persist_app_info, kind), 16);
    assert_int_equal(offsetof(persist_app_info, app_hash), 24);
    assert_int_equal(offsetof(persist_verify_report, records_checked), 8);
    assert_int_equal(offsetof(persist_verify_report, first_problem_seq), 32);
    assert_int_equal(sizeof(persist_verify_report), 40);
    assert_int_equal(offsetof(persist_prune_report, kept_from), 8);
    assert_int_equal(offsetof(persist_prune_report, bytes_after), 48);
    assert_int_equal(sizeof(persist_prune_report), 56);
    assert_int_equal(PERSIST_RECORD_EVENT, 1);
    assert_int_equal(PERSIST_RECORD_RESET, 5);
    assert_int_equal(PERSIST_OPEN_NO_RESTORE, 8);
    assert_int_equal(PERSIST_VERIFY_ALL_SNAPSHOTS, 1);
    assert_int_equal(PERSIST_ECANCELED, -5);
}

static void test_status_codes_are_pinned(void **state)
{
    (void)state;
    assert_int_equal(PERSIST_ENOMEM, -2);
    assert_int_equal(PERSIST_EMISUSE, -4);
    assert_int_equal(PERSIST_EBUSY, -12);
    assert_int_equal(PERSIST_ENOAPP, -13);
    assert_int_equal(PERSIST_EIO, -20);
    assert_int_equal(PERSIST_ECORRUPT, -21);
    assert_int_equal(PERSIST_EVERSION, -23);
    assert_int_equal(PERSIST_ESCRIPT, -30);
    assert_int_equal(PERSIST_EROUNDTRIP, -36);
    assert_int_equal(PERSIST_EMEMORY, -37);
    assert_int_equal(PERSIST_ETIMEOUT, -31);
    assert_int_equal(PERSIST_EFATAL, -40);
}

static void test_version(void **state)
{
    char expect[32];
    (void)state;
    assert_int_equal(PERSIST_VERSION_NUMBER, PERSIST_VERSION_MAJOR * 10000 +
                                                 PERSIST_VERSION_MINOR * 100 +
                                                 PERSIST_VERSION_PATCH);
    assert_int_equal(persist_version_number(), PERSIST_VERSION_NUMBER);
    snprintf(expect, sizeof expect, "%d.%d.%d", PERSIST_VERSION_MAJOR, PERSIST_VERSION_MINOR,
             PERSIST_VERSION_PATCH);
    assert_string_equal(persist_version_string(), expect);
    assert_string_equal(PERSIST_VERSION_STRING, expect);
}

static void test_defaults_and_zero_means_default(void **state)
{
    persist_options in, out;
    persist__err err;
    (void)state;
    persist_options_init(&in, sizeof in);
    assert_int_equal(in.struct_size, sizeof in);
    assert_int_equal(persist__options_read(&out, &in, &err), PERSIST_OK);
    assert_int_equal(out.map_size, PERSIST__DEFAULT_MAP_SIZE);
    assert_int_equal(out.snapshot_every, PERSIST__DEFAULT_SNAPSHOT_EVERY);
    assert_int_equal(out.snapshot_budget_ms, 0);
    assert_int_equal(out.durability, PERSIST_DURABILITY_SYNC);
    assert_int_equal(out.js_budget_ms, PERSIST__DEFAULT_JS_BUDGET_MS);
    assert_int_equal(out.js_memory_limit, PERSIST__DEFAULT_JS_MEMORY);
    in.durability = 3;
    assert_int_equal(persist__options_read(&out, &in, &err), PERSIST_EINVAL);
    in.durability = 0;
    assert_int_equal(persist__options_read(&out, NULL, &err), PERSIST_OK);
    assert_int_equal(out.snapshot_every, PERSIST__DEFAULT_SNAPSHOT_EVERY);
    in.snapshot_every = 5;
    in.map_size = 1 << 20;
    assert_int_equal(persist__options_read(&out, &in, &err), PERSIST_OK);
    assert_int_equal(out.snapshot_every, 5);
    assert_int_equal(out.map_size, 1 << 20);
}

static void test_older_and_newer_callers(void **state)
{
    struct {
        persist_options o;
        uint64_t future_field;
    } big;
    persist_options out;
    persist__err err;
    (void)state;
    /* An older caller whose struct ends after snapshot_every: later fields read as defaults. */
    memset(&big, 0xff, sizeof big);
    big.o.struct_size = offsetof(persist_options, snapshot_budget_ms);
    big.o.flags = 0;
    big.o.map_size = 0;
    big.o.snapshot_every = 3;
    assert_int_equal(persist__options_read(&out, &big.o, &err), PERSIST_OK);
    assert_int_equal(out.snapshot_every, 3);
    assert_int_equal(out.snapshot_budget_ms, 0);
    assert_null(out.log_fn);
    /* A newer caller: unknown trailing fields must be zero. */
    memset(&big, 0, sizeof big);
    big.o.struct_size = sizeof big;
    assert_int_equal(persist__options_read(&out, &big.o, &err), PERSIST_OK);
    big.future_field = 1;
    assert_int_equal(persist__options_read(&out, &big.o, &err), PERSIST_EVERSION);
    /* Too small to hold flags, or unknown flags. */
    big.o.struct_size = 4;
    assert_int_equal(persist__options_read(&out, &big.o, &err), PERSIST_EINVAL);
    persist_options_init(&big.o, sizeof big.o);
    big.o.flags = 0x100;
    assert_int_equal(persist__options_read(&out, &big.o, &err), PERSIST_EINVAL);
    assert_non_null(strstr(err.msg, "0x100"));
}

static void test_init_never_writes_past_the_callers_struct(void **state)
{
    unsigned char buf[sizeof(persist_options) + 16];
    persist_options *o = (persist_options *)(void *)buf;
    (void)state;
    /* An older caller whose struct ends after snapshot_every (20 bytes). */
    memset(buf, 0xab, sizeof buf);
    assert_int_equal(persist_options_init(o, 20), PERSIST_OK);
    assert_int_equal(o->struct_size, 20);
    assert_int_equal(o->flags, 0);
    assert_int_equal(o->snapshot_every, 0);
    for (size_t i = 20; i < sizeof buf; i++)
        assert_int_equal(buf[i], 0xab);
    assert_int_equal(persist_options_init(o, 4), PERSIST_EINVAL);
    assert_int_equal(persist_options_init(NULL, sizeof *o), PERSIST_EINVAL);
    assert_int_equal(persist_options_init(o, sizeof *o), PERSIST_OK);
    assert_int_equal(o->struct_size, sizeof *o);
    {
        persist_options lit = PERSIST_OPTIONS_INIT; /* every field listed */
        assert_int_equal(lit.struct_size, sizeof lit);
        assert_null(lit.progress_fn);
    }
}

static void test_snapshot_policy(void **state)
{
    persist__policy p;
    (void)state;
    persist__policy_init(&p, 10, 0);
    assert_false(persist__policy_due(&p, 9));
    assert_true(persist__policy_due(&p, 10));
    /* Budget: 2 ms at ~100 us per event is due after 20 records, long before every = 10000. */
    persist__policy_init(&p, 10000, 2);
    for (int i = 0; i < 50; i++)
        persist__policy_observe(&p, 100000);
    assert_false(persist__policy_due(&p, 19));
    assert_true(persist__policy_due(&p, 20));
    /* The average follows a change in event cost. */
    for (int i = 0; i < 200; i++)
        persist__policy_observe(&p, 1000000);
    assert_true(persist__policy_due(&p, 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options_layout_is_pinned),
        cmocka_unit_test(test_status_codes_are_pinned),
        cmocka_unit_test(test_history_structs_are_pinned),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_defaults_and_zero_means_default),
        cmocka_unit_test(test_older_and_newer_callers),
        cmocka_unit_test(test_init_never_writes_past_the_callers_struct),
        cmocka_unit_test(test_snapshot_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
