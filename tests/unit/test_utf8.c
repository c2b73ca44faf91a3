/* test_utf8.c - strict UTF-8 validation and the UTF-8 <-> CESU-8 conversion at the engine. */
#include "support.h"

#include <string.h>

#include "alloc.h"
#include "utf8.h"

static void test_valid_and_invalid(void **state)
{
    size_t bad = 99;
    (void)state;
    assert_true(persist__utf8_valid("", 0, &bad));
    assert_true(persist__utf8_valid("plain ascii", 11, &bad));
    assert_true(persist__utf8_valid("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 12, &bad));
    assert_true(persist__utf8_valid("\xf4\x8f\xbf\xbf", 4, &bad)); /* U+10FFFF */
    static const struct {
        const char *s;
        size_t n, at;
    } invalid[] = {
        {"a\x80", 2, 1},            /* lone continuation byte */
        {"\xc0\xaf", 2, 0},         /* overlong '/' */
        {"\xe0\x80\xaf", 3, 0},     /* overlong 3-byte */
        {"ab\xed\xa0\x80", 5, 2},   /* a surrogate */
        {"\xf4\x90\x80\x80", 4, 0}, /* beyond U+10FFFF */
        {"\xf0\x9f\x98", 3, 0},     /* truncated */
        {"\xff", 1, 0},
        {"x\xe2\x82", 3, 1},
    };
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        assert_false(persist__utf8_valid(invalid[i].s, invalid[i].n, &bad));
        assert_int_equal(bad, invalid[i].at);
    }
}

static void test_cesu8_roundtrip(void **state)
{
    const char *text = "a\xf0\x9f\x98\x80 b \xe2\x82\xac \xf4\x8f\xbf\xbf";
    size_t n = strlen(text), cn;
    char *c;
    (void)state;
    c = persist__utf8_to_cesu8(text, n, &cn);
    assert_non_null(c);
    assert_int_equal(cn, n + 4);
    assert_memory_equal(c + 1, "\xed\xa0\xbd\xed\xb8\x80", 6); /* U+1F600 as D83D DE00 */
    assert_int_equal(persist__cesu8_to_utf8(c, cn), n);
    assert_memory_equal(c, text, n);
    persist__free(c);
    /* Nothing to convert: no copy. */
    assert_null(persist__utf8_to_cesu8("h\xc3\xa9", 3, &cn));
    assert_int_equal(cn, 3);
}

static void test_lone_surrogates_become_replacement(void **state)
{
    char s[] = "x\xed\xa0\xbdy\xed\xb8\x80";
    (void)state;
    assert_int_equal(persist__cesu8_to_utf8(s, 8), 8);
    assert_memory_equal(s, "x\xef\xbf\xbdy\xef\xbf\xbd", 8);
}

/* Texts without a surrogate come back as they are; with one, only from it on do bytes move. */
static void test_cesu8_to_utf8_exact_bytes(void **state)
{
    char ascii[] = "{\"count\":42}", other[] = "h\xc3\xa9 \xe2\x82\xac \xed\x9f\xbf!";
    char pair[] = "abcdefghij \xed\xa0\xbd\xed\xb8\x80 \xc3\xa9 \xed\xaf\xbf\xed\xbf\xbf.";
    char empty[] = "";
    (void)state;
    assert_int_equal(persist__cesu8_to_utf8(ascii, strlen(ascii)), 12);
    assert_memory_equal(ascii, "{\"count\":42}", 13);
    /* U+00E9, U+20AC and U+D7FF (ED 9F BF: an ED that starts no surrogate) */
    assert_int_equal(persist__cesu8_to_utf8(other, 12), 12);
    assert_memory_equal(other, "h\xc3\xa9 \xe2\x82\xac \xed\x9f\xbf!", 12);
    /* U+1F600 and U+10FFFF after an ASCII prefix */
    assert_int_equal(persist__cesu8_to_utf8(pair, 28), 24);
    assert_memory_equal(pair, "abcdefghij \xf0\x9f\x98\x80 \xc3\xa9 \xf4\x8f\xbf\xbf.", 24);
    assert_int_equal(persist__cesu8_to_utf8(empty, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_and_invalid),
        cmocka_unit_test(test_cesu8_roundtrip),
        cmocka_unit_test(test_lone_surrogates_become_replacement),
        cmocka_unit_test(test_cesu8_to_utf8_exact_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
