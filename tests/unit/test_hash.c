/* test_hash.c - SHA-256 over spans: known answers, spans joined in order, and threads hashing at
 * once while they share the kept digest contexts (also run under ThreadSanitizer: make tsan). */
#include "support.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"

static void hex_of(const persist__span *spans, size_t count, char hex[PERSIST__HASH_LEN * 2 + 1])
{
    uint8_t h[PERSIST__HASH_LEN];
    assert_int_equal(persist__sha256(h, spans, count), 0);
    persist__hash_hex(h, hex, PERSIST__HASH_LEN * 2 + 1);
}

/* FIPS 180-2's examples. */
static void test_known_answers(void **state)
{
    char hex[PERSIST__HASH_LEN * 2 + 1];
    persist__span empty = {"", 0}, abc = {"abc", 3};
    persist__span two_blocks = {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56};
    (void)state;
    hex_of(&empty, 1, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hex_of(NULL, 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hex_of(&abc, 1, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    hex_of(&two_blocks, 1, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* again after other inputs went through the same kept context */
    hex_of(&abc, 1, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_spans_join_in_order(void **state)
{
    char whole[PERSIST__HASH_LEN * 2 + 1], parts[PERSIST__HASH_LEN * 2 + 1];
    const char *text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    persist__span one = {text, 56};
    persist__span three[] = {{text, 5}, {text + 5, 0}, {text + 5, 51}};
    persist__span swapped[] = {{text + 5, 51}, {text, 5}};
    (void)state;
    hex_of(&one, 1, whole);
    hex_of(three, 3, parts);
    assert_string_equal(whole, parts);
    hex_of(swapped, 2, parts);
    assert_string_not_equal(whole, parts);
}

#define THREADS 8
#define ROUNDS  500

/* Each thread hashes its own sequence of inputs and compares with the answers computed before
 * the threads started, one at a time. */
typedef struct {
    int id;
    const uint8_t (*want)[PERSIST__HASH_LEN];
    int wrong;
} hasher;

static void input_of(int id, int round, char *buf, size_t cap, persist__span spans[2])
{
    int n = snprintf(buf, cap, "thread %d round %d %0*d", id, round, round % 97, 0);
    spans[0] = (persist__span){buf, (size_t)n / 2};
    spans[1] = (persist__span){buf + n / 2, (size_t)n - (size_t)n / 2};
}

static void *hash_rounds(void *arg)
{
    hasher *h = arg;
    char buf[160];
    persist__span spans[2];
    uint8_t got[PERSIST__HASH_LEN];
    for (int r = 0; r < ROUNDS; r++) {
        input_of(h->id, r, buf, sizeof buf, spans);
        if (persist__sha256(got, spans, 2) != 0 || memcmp(got, h->want[r], sizeof got) != 0)
            h->wrong++;
    }
    return NULL;
}

static void test_threads_hash_at_once(void **state)
{
    static uint8_t want[THREADS][ROUNDS][PERSIST__HASH_LEN];
    hasher hs[THREADS];
    pthread_t th[THREADS];
    char buf[160];
    persist__span spans[2];
    (void)state;
    for (int t = 0; t < THREADS; t++)
        for (int r = 0; r < ROUNDS; r++) {
            input_of(t, r, buf, sizeof buf, spans);
            assert_int_equal(persist__sha256(want[t][r], spans, 2), 0);
        }
    /* the answers differ from round to round: a context that kept state would show */
    assert_memory_not_equal(want[0][0], want[0][1], PERSIST__HASH_LEN);
    for (int t = 0; t < THREADS; t++) {
        hs[t] = (hasher){t, want[t], 0};
        assert_int_equal(pthread_create(&th[t], NULL, hash_rounds, &hs[t]), 0);
    }
    for (int t = 0; t < THREADS; t++) {
        assert_int_equal(pthread_join(th[t], NULL), 0);
        assert_int_equal(hs[t].wrong, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_answers),
        cmocka_unit_test(test_spans_join_in_order),
        cmocka_unit_test(test_threads_hash_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
