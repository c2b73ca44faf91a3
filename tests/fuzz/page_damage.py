#!/usr/bin/env python3
"""page_damage.py BUILD [FLIPS] [SEED] - what damage to LMDB's own pages does to a libpersist store.

Builds a store of 1501 records (testapp_v1 deployed, 1500 events, snapshot after record 1000) with
BUILD/libpersist.so, then damages copies of its data.mdb - first a list of targeted bytes (meta
pages, the records branch page, leaves, the main DB), then FLIPS random single-bit flips (default
2000) in the live pages - and opens each copy in a child process (persist_store_open, state, one
submit). Prints how each ended: opened intact, clean error, opened with a WRONG state, or crashed.
The figures in tests/fuzz/README.md come from `page_damage.py build 2000 7`."""
import collections
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

PS = 4096
HELPER = r'''
#include <persist.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static char *slurp(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    long l;
    char *b;
    if (f == NULL)
        exit(2);
    fseek(f, 0, SEEK_END);
    l = ftell(f);
    rewind(f);
    b = malloc((size_t)l + 1);
    if (fread(b, 1, (size_t)l, f) != (size_t)l)
        exit(2);
    fclose(f);
    *n = (size_t)l;
    return b;
}
int main(int argc, char **argv)
{
    persist_store *s = NULL;
    persist_options o;
    char msg[200] = "", ev[32], *st = NULL;
    uint64_t h = 0, c = 0;
    int rc;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.snapshot_every = 1000;
    o.durability = PERSIST_DURABILITY_RELAXED;
    rc = persist_store_open(&s, argv[2], &o);
    persist_store_errmsg(s, msg, sizeof msg);
    if (strcmp(argv[1], "build") == 0) {
        size_t n;
        char *code = slurp(argv[3], &n);
        if (rc != 0 || persist_store_deploy(s, code, n, PERSIST_DEPLOY_INIT, NULL) != 0)
            return 2;
        for (int i = 1; i <= 1500; i++) {
            snprintf(ev, sizeof ev, "add %d", i);
            if (persist_store_submit(s, ev, strlen(ev), NULL, NULL) != 0)
                return 2;
        }
        persist_store_flush(s);
        return persist_store_close(s);
    }
    if (rc != 0) {
        printf("open rc=%d (%s): %.150s\n", rc, persist_strerror(rc), msg);
        persist_store_close(s);
        return 0;
    }
    persist_store_head(s, &h);
    persist_store_record_count(s, &c);
    rc = persist_store_state(s, &st, NULL);
    printf("open OK head=%llu count=%llu state(%d)=%.60s", (unsigned long long)h,
           (unsigned long long)c, rc, st ? st : "");
    persist_free(st);
    rc = persist_store_submit(s, "add 1", 5, NULL, NULL);
    persist_store_errmsg(s, msg, sizeof msg);
    printf(" | submit rc=%d %.100s\n", rc, rc ? msg : "");
    persist_store_close(s);
    return 0;
}
'''
GOOD = 'open OK head=1501 count=1501 state(0)={"v":1,"n":125747'


class Store:
    """The pristine store's pages, and which of them are live (reachable from the newest meta)."""

    def __init__(self, path):
        self.d = open(os.path.join(path, 'data.mdb'), 'rb').read()
        metas = [self.meta(0), self.meta(1)]
        self.newest = 0 if metas[0]['txnid'] > metas[1]['txnid'] else 1
        self.live = {}
        self.main = metas[self.newest]['main_root']
        flags, ns = self.nodes(self.main)
        self.live[self.main] = ('main', 'leaf')
        self.sub = {}
        for off, lo, hi, fl, ks, key in ns:
            root = struct.unpack_from('<IHHQQQQQ', self.page(self.main), off + 8 + ks)[7]
            self.sub[key.decode()] = root
            self.walk(root, key.decode())

    def page(self, pg):
        return self.d[pg * PS:(pg + 1) * PS]

    def meta(self, i):
        p = self.page(i)
        dbs = [struct.unpack_from('<IHHQQQQQ', p, 40 + 48 * k) for k in range(2)]
        last, txnid = struct.unpack_from('<QQ', p, 136)
        return {'txnid': txnid, 'main_root': dbs[1][7], 'last': last}

    def nodes(self, pg):
        p = self.page(pg)
        _, _, flags, lower, _ = struct.unpack_from('<QHHHH', p, 0)
        out = []
        for i in range((lower - 16) // 2):
            off = struct.unpack_from('<H', p, 16 + 2 * i)[0]
            lo, hi, fl, ks = struct.unpack_from('<HHHH', p, off)
            out.append((off, lo, hi, fl, ks, p[off + 8:off + 8 + ks]))
        return flags, out

    def walk(self, root, name):
        flags, ns = self.nodes(root)
        self.live[root] = (name, 'branch' if flags & 1 else 'leaf')
        if flags & 1:
            for off, lo, hi, fl, ks, key in ns:
                self.walk(lo | (hi << 16) | (fl << 32), name)

    def node_off(self, pg, i):
        return struct.unpack_from('<H', self.page(pg), 16 + 2 * i)[0]

    def first_key(self, pg):
        return struct.unpack('>Q', self.nodes(pg)[1][0][5])[0]


def run(helper, pristine, patches):
    work = tempfile.mkdtemp(prefix='persist-pagedamage-')
    try:
        shutil.rmtree(work)
        shutil.copytree(pristine, work)
        with open(os.path.join(work, 'data.mdb'), 'r+b') as f:
            for off, fn in patches:
                f.seek(off)
                b = f.read(1)[0]
                f.seek(off)
                f.write(bytes([fn(b) & 0xff]))
        try:
            r = subprocess.run([helper, 'open', work], capture_output=True, text=True, timeout=30)
            out = 'CRASH signal %d' % -r.returncode if r.returncode < 0 else r.stdout.strip()
        except subprocess.TimeoutExpired:
            out = 'HANG (>30 s)'
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if out.startswith(GOOD):
        return 'opened, state intact', out
    if out.startswith('open OK'):
        return 'opened, WRONG state or head', out
    if out.startswith('open rc'):
        return 'clean error', out
    return out.split(' (')[0], out


def targeted(st):
    def meta_field(field):
        offs = {'magic': 16, 'main_root': 16 + 24 + 48 + 40, 'last_pg': 136, 'txnid': 144}
        return st.newest * PS + offs[field]

    xor = lambda v: (lambda b: b ^ v)
    setv = lambda v: (lambda b: v)
    recs = sorted((st.first_key(k), k) for k, v in st.live.items() if v == ('records', 'leaf'))
    branch = [k for k, v in st.live.items() if v == ('records', 'branch')][0]
    newest, oldest = recs[-1][1], recs[0][1]
    replayed = [k for f, k in recs if f > 1000][0]
    main, no = st.main, st.node_off
    return [
        ('newest meta page: magic number', [(meta_field('magic'), xor(0xff))]),
        ('both meta pages: magic number', [(16, xor(0xff)), (PS + 16, xor(0xff))]),
        ('newest meta page: transaction id lowered', [(meta_field('txnid'), lambda b: b - 4)]),
        ('newest meta page: main DB root +1', [(meta_field('main_root'), lambda b: b + 1)]),
        ('newest meta page: main DB root past the end', [(meta_field('main_root'), setv(200))]),
        ('newest meta page: last page number lowered', [(meta_field('last_pg'), lambda b: b - 8)]),
        ('records branch page: branch flag cleared', [(branch * PS + 10, setv(2))]),
        ('records branch page: key count (mp_lower)', [(branch * PS + 12, lambda b: b + 8)]),
        ('records branch page: child page of node 3 +1', [(branch * PS + no(branch, 3), lambda b: b + 1)]),
        ('replayed records leaf: leaf flag -> branch', [(replayed * PS + 10, setv(1))]),
        ('newest records leaf: key count raised', [(newest * PS + 12, lambda b: b + 16)]),
        ('newest records leaf: node offset high byte', [(newest * PS + 16 + 11, xor(0x08))]),
        ('newest records leaf: key size 8 -> 200', [(newest * PS + no(newest, 5) + 6, setv(200))]),
        ('newest records leaf: data size +100', [(newest * PS + no(newest, 5), lambda b: b + 100)]),
        ('newest records leaf: big-data flag', [(newest * PS + no(newest, 5) + 4, setv(1))]),
        ('newest records leaf: key byte', [(newest * PS + no(newest, 5) + 15, xor(0x01))]),
        ('newest records leaf: payload byte', [(newest * PS + no(newest, 5) + 46, xor(0x01))]),
        ('records leaf before the snapshot: payload byte', [(oldest * PS + no(oldest, 5) + 46, xor(0x01))]),
        ('main DB leaf: records sub-DB root +1', [(main * PS + no(main, 2) + 15 + 40, lambda b: b + 1)]),
        ('main DB leaf: records sub-DB entry count', [(main * PS + no(main, 2) + 15 + 32, xor(0x10))]),
    ]


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    flips = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    tmp = tempfile.mkdtemp(prefix='persist-pagedamage-')
    try:
        helper = os.path.join(tmp, 'helper')
        with open(helper + '.c', 'w') as f:
            f.write(HELPER)
        lib = os.path.abspath(os.path.join(src, build))
        subprocess.run(['cc', '-std=c11', '-I' + os.path.join(src, 'include'), helper + '.c', '-o',
                        helper, '-L' + lib, '-lpersist', '-Wl,-rpath,' + lib], check=True)
        pristine = os.path.join(tmp, 'store')
        subprocess.run([helper, 'build', pristine,
                        os.path.join(src, 'tests/fixtures/testapp_v1.js')], check=True)
        st = Store(pristine)
        print('store: %d pages, %d live; %s' % (len(st.d) // PS, len(st.live), run(helper, pristine, [])[0]))
        for label, patches in targeted(st):
            cls, out = run(helper, pristine, patches)
            print('%-50s %-28s %s' % (label, cls, out[:110]))
        stats, examples = collections.Counter(), {}
        pages = sorted(st.live) + [0, 1]
        for _ in range(flips):
            pg = random.choice(pages)
            r = random.random()
            off = random.randrange(16) if r < 0.4 else 16 + random.randrange(64) if r < 0.7 else random.randrange(PS)
            bit = 1 << random.randrange(8)
            cls, out = run(helper, pristine, [(pg * PS + off, lambda b, bit=bit: b ^ bit)])
            stats[cls] += 1
            if cls not in ('opened, state intact', 'clean error'):
                where = st.live.get(pg, ('meta', 'meta'))
                examples.setdefault(cls, []).append('page %d (%s %s) byte %d bit %d: %s' % (pg, where[0], where[1], off, bit, out[:90]))
        print('\n%d random single-bit flips in live pages:' % flips)
        for cls, n in stats.most_common():
            print('  %-30s %5d  %5.2f%%' % (cls, n, 100.0 * n / flips))
        for cls, ex in examples.items():
            print(cls)
            for e in ex[:5]:
                print('   ', e)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
