/* fuzz_record.c - libFuzzer target: the decoders of record values, deploy and reset payloads and
 * snapshots, given raw bytes (what a damaged store hands them). The input is an 8-byte record
 * number followed by the value. Decoding must stay inside the value (it is copied into a buffer of
 * exactly its size, so ASan sees any overread), a failure must be PERSIST_ECORRUPT with a message,
 * and whatever decodes must re-encode to the same bytes. Then the same bytes are encoded as a
 * record with a valid checksum, so the checks behind the checksum get fuzzed too. Last, the value
 * goes through the UTF-8 checks and conversions the engine boundary uses (lib/utf8.c): valid
 * UTF-8 survives UTF-8 -> CESU-8 -> UTF-8 unchanged, and the in-place CESU-8 -> UTF-8 conversion
 * of any bytes stays inside them and never grows them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "errors.h"
#include "record.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken property is a finding: stop here so libFuzzer saves the input. */
#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond))                                                                               \
            __builtin_trap();                                                                      \
    } while (0)

static void require_corrupt(int rc, const persist__err *err)
{
    REQUIRE(rc == PERSIST_ECORRUPT && err->code == rc && err->msg[0] != '\0');
}

static int within(const void *p, size_t n, const uint8_t *buf, size_t len)
{
    const uint8_t *q = p;
    return q >= buf && q <= buf + len && n <= (size_t)(buf + len - q);
}

static void check_deploy_payload(const persist__record *rec)
{
    persist__deploy_ref ref;
    persist__err err = {0, ""};
    uint8_t *again;
    int rc = persist__deploy_payload_decode(&ref, rec, &err);
    if (rc != PERSIST_OK) {
        require_corrupt(rc, &err);
        return;
    }
    REQUIRE(within(ref.module, ref.module_len, rec->payload, rec->payload_len));
    REQUIRE(persist__deploy_payload_size(ref.module_len) == rec->payload_len);
    again = malloc(rec->payload_len);
    REQUIRE(again != NULL);
    persist__deploy_payload_encode(again, &ref);
    REQUIRE(memcmp(again, rec->payload, rec->payload_len) == 0);
    free(again);
}

static void check_reset_payload(const persist__record *rec)
{
    persist__reset_ref ref;
    persist__err err = {0, ""};
    uint8_t *again;
    int rc = persist__reset_payload_decode(&ref, rec, &err);
    if (rc != PERSIST_OK) {
        require_corrupt(rc, &err);
        return;
    }
    REQUIRE(within(ref.module, ref.module_len, rec->payload, rec->payload_len));
    REQUIRE(within(ref.state, ref.state_len, rec->payload, rec->payload_len));
    REQUIRE(persist__reset_payload_size(ref.module_len, ref.state_len) == rec->payload_len);
    again = malloc(rec->payload_len);
    REQUIRE(again != NULL);
    REQUIRE(persist__reset_payload_encode(again, &ref, &err) == PERSIST_OK);
    REQUIRE(memcmp(again, rec->payload, rec->payload_len) == 0);
    free(again);
}

static void check_record(uint64_t seq, const uint8_t *val, size_t len)
{
    persist__record rec;
    persist__err err = {0, ""};
    uint8_t *again;
    int rc = persist__record_decode(&rec, seq, val, len, &err);
    if (rc != PERSIST_OK) {
        require_corrupt(rc, &err);
        return;
    }
    REQUIRE(rec.seq == seq && rec.kind >= PERSIST__REC_EVENT && rec.kind <= PERSIST__REC_RESET);
    REQUIRE(within(rec.payload, rec.payload_len, val, len));
    REQUIRE(persist__record_size(rec.payload_len) == len);
    again = malloc(len);
    REQUIRE(again != NULL);
    REQUIRE(persist__record_encode(again, &rec, &err) == PERSIST_OK);
    REQUIRE(memcmp(again, val, len) == 0);
    free(again);
    if (rec.kind == PERSIST__REC_DEPLOY_INIT || rec.kind == PERSIST__REC_DEPLOY_MIGRATE)
        check_deploy_payload(&rec);
    if (rec.kind == PERSIST__REC_RESET)
        check_reset_payload(&rec);
    /* Under another record number the checksum no longer matches. */
    REQUIRE(persist__record_decode(&rec, seq + 1, val, len, &err) == PERSIST_ECORRUPT);
}

static void check_snapshot(uint64_t seq, const uint8_t *val, size_t len)
{
    persist__snapshot snap;
    persist__err err = {0, ""};
    uint8_t *again;
    int rc = persist__snapshot_decode(&snap, seq, val, len, &err);
    if (rc != PERSIST_OK) {
        require_corrupt(rc, &err);
        return;
    }
    REQUIRE(snap.seq == seq);
    REQUIRE(within(snap.module, snap.module_len, val, len));
    REQUIRE(within(snap.state, snap.state_len, val, len));
    REQUIRE(persist__snapshot_size(snap.module_len, snap.state_len) == len);
    again = malloc(len);
    REQUIRE(again != NULL);
    REQUIRE(persist__snapshot_encode(again, &snap, &err) == PERSIST_OK);
    REQUIRE(memcmp(again, val, len) == 0);
    free(again);
}

/* The value's bytes as the payload of a record of kind `kind` with a valid checksum: it must
 * decode exactly when the kind is known, and the payload decoders see arbitrary payloads. */
static void check_encoded(uint64_t seq, unsigned kind, const uint8_t *payload, size_t len)
{
    persist__record rec = {seq, kind, seq ^ 0x5a5a5a5aull, payload, len, NULL, 0}, back;
    persist__err err = {0, ""};
    size_t n = persist__record_size(len);
    uint8_t *buf = malloc(n);
    int rc;
    REQUIRE(buf != NULL);
    REQUIRE(persist__record_encode(buf, &rec, &err) == PERSIST_OK);
    rc = persist__record_decode(&back, seq, buf, n, &err);
    if (kind >= PERSIST__REC_EVENT && kind <= PERSIST__REC_RESET) {
        REQUIRE(rc == PERSIST_OK && back.kind == kind && back.payload_len == len);
        REQUIRE(len == 0 || memcmp(back.payload, payload, len) == 0);
        check_deploy_payload(&back);
        check_reset_payload(&back);
    } else {
        require_corrupt(rc, &err);
    }
    free(buf);
}

static void check_utf8(const uint8_t *val, size_t len)
{
    size_t bad = 0, n = 0, back;
    char *copy = malloc(len > 0 ? len : 1), *cesu;
    REQUIRE(copy != NULL);
    memcpy(copy, val, len);
    REQUIRE(persist__cesu8_to_utf8(copy, len) <= len); /* any bytes: in place, never longer */
    free(copy);
    if (!persist__utf8_valid((const char *)val, len, &bad)) {
        REQUIRE(bad < len);
        return;
    }
    cesu = persist__utf8_to_cesu8((const char *)val, len, &n);
    if (cesu == NULL) { /* nothing to convert: no character outside the BMP */
        REQUIRE(n == len);
        return;
    }
    REQUIRE(n > len);
    back = persist__cesu8_to_utf8(cesu, n);
    REQUIRE(back == len && memcmp(cesu, val, len) == 0);
    persist__free(cesu);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t seq;
    size_t len;
    uint8_t *val;
    if (size < 8)
        return 0;
    seq = persist__be64_get(data);
    len = size - 8;
    val = malloc(len > 0 ? len : 1); /* exactly the value's size: ASan catches overreads */
    if (val == NULL)
        return 0;
    memcpy(val, data + 8, len);
    check_record(seq, val, len);
    check_snapshot(seq, val, len);
    check_encoded(seq, len > 0 ? val[0] % 7 : 0, val, len);
    check_utf8(val, len);
    free(val);
    return 0;
}
