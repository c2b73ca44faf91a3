/* fuzz_pages.c - libFuzzer target: damage to LMDB's own pages. A store is built once
 * (tests/fixtures/testapp_v1.js deployed, events, every 40th on overflow pages, snapshots, so that
 * the records database has branch pages and the free list entries). For each input a copy of the
 * pristine data.mdb gets bytes overwritten at input-chosen places, biased to what LMDB follows:
 * page headers, node offsets and node headers; the file may also be cut short. Then the store is
 * opened for writing (and, if it opens, asked for head and state and given one submit) and opened
 * read-only and verified. Every call must return PERSIST_OK or a known error code with a message,
 * never PERSIST_ERROR, PERSIST_EINVAL or PERSIST_ENOTFOUND; no crash, hang or leak:
 * lib/lmdb_check.c must stop any damage before LMDB follows it.
 *
 * Input: byte 0: bit 7 set = cut the file to 2 + (bits 0-6 mod the page count) pages; then groups
 * of 4 bytes, at most 16: page (mod the page count), where (2 bytes: the top 2 bits pick the page
 * header, the node offsets, a node header or anywhere, the rest the byte), value (XORed in; 0 sets
 * the byte to 0). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <persist.h>

#define FUZZ_NAME "fuzz_pages"
#include "fuzz_support.h"

#define PSIZE       4096u /* the page size LMDB chooses on x86-64 Linux (checked at start) */
#define MAX_PATCHES 16

static char store_dir[4096], data_path[4200];
static uint8_t *pristine;
static size_t pristine_len, pages;
static persist_options opts;
static long outcomes[2][64]; /* by -status: writable open, read-only verify */

static void report(void)
{
    fuzz_print_outcomes("open", outcomes[0]);
    fuzz_print_outcomes("read-only open + verify", outcomes[1]);
    fuzz_remove_dir(store_dir);
}

static void build_store(void)
{
    char ev[4200];
    persist_store *s = NULL;
    REQUIRE(persist_store_open(&s, store_dir, &opts) == PERSIST_OK);
    fuzz_deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 1; i <= 400; i++) {
        if (i % 40 == 0) {
            memcpy(ev, "append ", 7);
            memset(ev + 7, 'a' + i % 26, 4100); /* 2 overflow pages */
            ev[7 + 4100] = '\0';
        } else {
            snprintf(ev, sizeof ev, "add %d", i);
        }
        REQUIRE(persist_store_submit(s, ev, strlen(ev), NULL, NULL) == PERSIST_OK);
    }
    REQUIRE(persist_store_close(s) == PERSIST_OK);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_make_dir(store_dir, sizeof store_dir);
    snprintf(data_path, sizeof data_path, "%s/data.mdb", store_dir);
    fuzz_options(&opts, 200, 0);
    opts.snapshot_every = 150;
    build_store();
    pristine = (uint8_t *)fuzz_read_all(data_path, &pristine_len);
    REQUIRE(pristine_len % PSIZE == 0 && pristine[16 + 24] == 0 && pristine[16 + 25] == 0x10);
    pages = pristine_len / PSIZE;
    atexit(report);
    return 0;
}

/* The byte a patch hits: in the page header, among the node offsets, in the header of a node the
 * pristine page has (offsets of a damaged page would lead nowhere), or anywhere. */
static size_t patch_offset(size_t page, unsigned where)
{
    const uint8_t *p = pristine + page * PSIZE;
    unsigned lower = (unsigned)p[12] | (unsigned)p[13] << 8, nkeys, ptr;
    switch (where >> 14) {
    case 0: return page * PSIZE + where % 16;
    case 1: return page * PSIZE + 16 + where % 128;
    case 2:
        nkeys = lower > 16 && lower < PSIZE ? (lower - 16) / 2 : 0;
        if (nkeys == 0)
            return page * PSIZE + where % 16;
        ptr = (unsigned)p[16 + 2 * ((where & 0xff) % nkeys)] |
              (unsigned)p[17 + 2 * ((where & 0xff) % nkeys)] << 8;
        return page * PSIZE + (ptr + ((where >> 8) & 0x0f)) % PSIZE;
    default: return page * PSIZE + where % PSIZE;
    }
}

static void write_damaged(const uint8_t *data, size_t size)
{
    uint8_t *buf = malloc(pristine_len);
    size_t len = pristine_len;
    FILE *f;
    REQUIRE(buf != NULL);
    memcpy(buf, pristine, pristine_len);
    for (size_t i = 1; i + 4 <= size && i < 1 + 4 * MAX_PATCHES; i += 4) {
        size_t off = patch_offset(data[i] % pages, (unsigned)data[i + 1] << 8 | data[i + 2]);
        buf[off] = data[i + 3] != 0 ? buf[off] ^ data[i + 3] : 0;
    }
    if (data[0] & 0x80)
        len = (2 + (data[0] & 0x7f) % pages) * PSIZE;
    if (len > pristine_len)
        len = pristine_len;
    f = fopen(data_path, "wb");
    REQUIRE(f != NULL && fwrite(buf, 1, len, f) == len && fclose(f) == 0);
    free(buf);
}

static void expect_known(persist_store *s, int rc)
{
    char msg[256];
    REQUIRE_DAMAGE_STATUS(rc);
    if (rc != PERSIST_OK && s != NULL)
        REQUIRE(persist_store_errmsg(s, msg, sizeof msg) > 0); /* a message says what broke */
}

static void writable_open(void)
{
    persist_store *s = NULL;
    char *text = NULL;
    uint64_t head;
    int rc = persist_store_open(&s, store_dir, &opts);
    expect_known(s, rc);
    outcomes[0][-rc]++;
    if (rc == PERSIST_OK) {
        expect_known(s, persist_store_head(s, &head));
        rc = persist_store_state(s, &text, NULL);
        expect_known(s, rc);
        persist_free(text);
        expect_known(s, persist_store_submit(s, "add 1", 5, NULL, NULL));
    }
    expect_known(NULL, persist_store_close(s));
}

static void readonly_verify(void)
{
    persist_options ro = opts;
    persist_verify_report rep;
    persist_store *s = NULL;
    int rc;
    ro.flags = PERSIST_OPEN_READONLY | PERSIST_OPEN_NO_RESTORE;
    rc = persist_store_open(&s, store_dir, &ro);
    expect_known(s, rc);
    if (rc == PERSIST_OK) {
        memset(&rep, 0, sizeof rep);
        rep.struct_size = sizeof rep;
        rc = persist_store_verify(s, 0, &rep);
        expect_known(s, rc);
        REQUIRE(rc != PERSIST_OK || rep.problems == 0);
        REQUIRE(rc != PERSIST_ECORRUPT || rep.problems > 0);
    }
    outcomes[1][-rc]++;
    expect_known(NULL, persist_store_close(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    write_damaged(data, size);
    writable_open();
    write_damaged(data, size); /* the writer may have written */
    readonly_verify();
    return 0;
}
