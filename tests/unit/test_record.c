/* test_record.c - record and snapshot codecs: round trips, and every damaged byte is detected. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "record.h"

static void test_record_roundtrip(void **state)
{
    const char payload[] = "add 5";
    persist__record rec = {42,
                           PERSIST__REC_EVENT,
                           1700000000123456ull,
                           (const uint8_t *)payload,
                           sizeof payload - 1,
                           NULL,
                           0};
    persist__record out;
    persist__err err;
    uint8_t buf[64];
    (void)state;
    assert_int_equal(persist__record_size(rec.payload_len), PERSIST__REC_HEADER + 5);
    assert_int_equal(persist__record_encode(buf, &rec, &err), PERSIST_OK);
    assert_int_equal(buf[0], PERSIST__REC_EVENT);
    assert_int_equal(persist__be64_get(buf + 8), rec.time_us);
    assert_int_equal(persist__record_decode(&out, 42, buf, persist__record_size(5), &err),
                     PERSIST_OK);
    assert_int_equal(out.seq, 42);
    assert_int_equal(out.kind, PERSIST__REC_EVENT);
    assert_int_equal(out.time_us, rec.time_us);
    assert_int_equal(out.payload_len, 5);
    assert_memory_equal(out.payload, "add 5", 5);
}

static void test_record_every_damaged_byte_is_detected(void **state)
{
    const char payload[] = "append MARKER";
    persist__record rec = {
        7, PERSIST__REC_SET_STATE, 99, (const uint8_t *)payload, sizeof payload - 1, NULL, 0};
    persist__record out;
    persist__err err;
    uint8_t buf[64];
    size_t n = persist__record_size(rec.payload_len);
    (void)state;
    assert_int_equal(persist__record_encode(buf, &rec, &err), PERSIST_OK);
    for (size_t i = 0; i < n; i++) {
        for (int bit = 0; bit < 8; bit++) {
            buf[i] ^= (uint8_t)(1u << bit);
            assert_int_equal(persist__record_decode(&out, 7, buf, n, &err), PERSIST_ECORRUPT);
            buf[i] ^= (uint8_t)(1u << bit);
        }
    }
    /* Under another key (a record moved or a key damaged), or truncated, or extended. */
    assert_int_equal(persist__record_decode(&out, 8, buf, n, &err), PERSIST_ECORRUPT);
    assert_non_null(strstr(err.msg, "record 8"));
    assert_int_equal(persist__record_decode(&out, 7, buf, n - 1, &err), PERSIST_ECORRUPT);
    assert_int_equal(persist__record_decode(&out, 7, buf, 10, &err), PERSIST_ECORRUPT);
    assert_int_equal(persist__record_decode(&out, 7, buf, n, &err), PERSIST_OK);
}

/* Format 2: an event with a client id. The id comes back apart from the event, every damaged
 * byte is still detected, and the flag is refused on other kinds and with a damaged length. */
static void test_record_with_client_id(void **state)
{
    persist__record rec = {.seq = 5, .kind = PERSIST__REC_EVENT, .time_us = 77};
    persist__record out;
    persist__err err;
    uint8_t buf[64];
    size_t n;
    (void)state;
    rec.payload = (const uint8_t *)"add 1";
    rec.payload_len = 5;
    rec.client_id = (const uint8_t *)"req-9";
    rec.client_id_len = 5;
    n = persist__record_value_size(&rec);
    assert_int_equal(n, PERSIST__REC_HEADER + 2 + 5 + 5);
    assert_int_equal(persist__record_encode(buf, &rec, &err), PERSIST_OK);
    assert_int_equal(buf[1], PERSIST__REC_FLAG_CLIENT_ID);
    assert_int_equal(persist__record_decode(&out, 5, buf, n, &err), PERSIST_OK);
    assert_int_equal(out.payload_len, 5);
    assert_memory_equal(out.payload, "add 1", 5);
    assert_int_equal(out.client_id_len, 5);
    assert_memory_equal(out.client_id, "req-9", 5);
    for (size_t i = 0; i < n; i++) {
        buf[i] ^= 0x10;
        assert_int_equal(persist__record_decode(&out, 5, buf, n, &err), PERSIST_ECORRUPT);
        buf[i] ^= 0x10;
    }
    rec.kind = PERSIST__REC_SET_STATE; /* only events carry ids */
    assert_int_equal(persist__record_encode(buf, &rec, &err), PERSIST_EINVAL);
    rec.kind = PERSIST__REC_EVENT;
    rec.client_id_len = PERSIST__CLIENT_ID_MAX + 1;
    assert_int_equal(persist__record_encode(buf, &rec, &err), PERSIST_EINVAL);
}

static void test_unknown_kind_is_corrupt_not_skipped(void **state)
{
    persist__record rec = {3, 9 /* a kind from the future */, 1, (const uint8_t *)"x", 1, NULL, 0};
    persist__record out;
    persist__err err;
    uint8_t buf[64];
    (void)state;
    assert_int_equal(persist__record_encode(buf, &rec, &err), PERSIST_OK);
    assert_int_equal(persist__record_decode(&out, 3, buf, persist__record_size(1), &err),
                     PERSIST_ECORRUPT);
    assert_non_null(strstr(err.msg, "unknown kind 9"));
}

static void test_deploy_payload(void **state)
{
    persist__deploy_ref ref, back;
    persist__record rec = {0};
    persist__err err;
    uint8_t buf[64];
    (void)state;
    for (int i = 0; i < PERSIST__HASH_LEN; i++)
        ref.app_hash[i] = (uint8_t)i;
    ref.module = "game";
    ref.module_len = 4;
    assert_int_equal(persist__deploy_payload_size(4), PERSIST__HASH_LEN + 4);
    persist__deploy_payload_encode(buf, &ref);
    rec.payload = buf;
    rec.payload_len = persist__deploy_payload_size(4);
    assert_int_equal(persist__deploy_payload_decode(&back, &rec, &err), PERSIST_OK);
    assert_memory_equal(back.app_hash, ref.app_hash, PERSIST__HASH_LEN);
    assert_int_equal(back.module_len, 4);
    assert_memory_equal(back.module, "game", 4);
    rec.payload_len = PERSIST__HASH_LEN - 1;
    assert_int_equal(persist__deploy_payload_decode(&back, &rec, &err), PERSIST_ECORRUPT);
}

static void test_snapshot_roundtrip_and_damage(void **state)
{
    persist__snapshot snap = {0}, out;
    persist__err err;
    uint8_t buf[256];
    size_t n;
    (void)state;
    snap.seq = 1000;
    snap.time_us = 5;
    memset(snap.app_hash, 0xab, sizeof snap.app_hash);
    snap.module = "app";
    snap.module_len = 3;
    snap.state = "{\"count\":7}";
    snap.state_len = strlen(snap.state);
    n = persist__snapshot_size(3, snap.state_len);
    assert_int_equal(persist__snapshot_encode(buf, &snap, &err), PERSIST_OK);
    assert_int_equal(persist__snapshot_decode(&out, 1000, buf, n, &err), PERSIST_OK);
    assert_int_equal(out.seq, 1000);
    assert_memory_equal(out.app_hash, snap.app_hash, PERSIST__HASH_LEN);
    assert_int_equal(out.module_len, 3);
    assert_memory_equal(out.module, "app", 3);
    assert_int_equal(out.state_len, snap.state_len);
    assert_memory_equal(out.state, snap.state, snap.state_len);
    for (size_t i = 0; i < n; i++) {
        buf[i] ^= 0x20;
        assert_int_equal(persist__snapshot_decode(&out, 1000, buf, n, &err), PERSIST_ECORRUPT);
        buf[i] ^= 0x20;
    }
    assert_int_equal(persist__snapshot_decode(&out, 999, buf, n, &err), PERSIST_ECORRUPT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_roundtrip),
        cmocka_unit_test(test_record_every_damaged_byte_is_detected),
        cmocka_unit_test(test_record_with_client_id),
        cmocka_unit_test(test_unknown_kind_is_corrupt_not_skipped),
        cmocka_unit_test(test_deploy_payload),
        cmocka_unit_test(test_snapshot_roundtrip_and_damage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
