/* drop_tail.c - test helper for tests/cli: deletes the newest N records of a closed store through
 * LMDB, as damage that leaves LMDB's structure intact would (the store's snapshots stay).
 * Usage: drop_tail STORE N. */
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    MDB_cursor *cur;
    MDB_val k, v;
    int n, rc;
    if (argc != 3 || (n = atoi(argv[2])) < 1) {
        fprintf(stderr, "usage: drop_tail STORE N\n");
        return 2;
    }
    if ((rc = mdb_env_create(&env)) != 0 || (rc = mdb_env_set_maxdbs(env, 8)) != 0 ||
        (rc = mdb_env_open(env, argv[1], 0, 0644)) != 0 ||
        (rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0 ||
        (rc = mdb_dbi_open(txn, "records", 0, &dbi)) != 0 ||
        (rc = mdb_cursor_open(txn, dbi, &cur)) != 0) {
        fprintf(stderr, "drop_tail: %s: %s\n", argv[1], mdb_strerror(rc));
        return 1;
    }
    for (int i = 0; i < n && rc == 0; i++)
        if ((rc = mdb_cursor_get(cur, &k, &v, MDB_LAST)) == 0)
            rc = mdb_cursor_del(cur, 0);
    mdb_cursor_close(cur);
    if (rc != 0)
        mdb_txn_abort(txn);
    if (rc != 0 || (rc = mdb_txn_commit(txn)) != 0) {
        fprintf(stderr, "drop_tail: %s: %s\n", argv[1], mdb_strerror(rc));
        return 1;
    }
    mdb_env_close(env);
    return 0;
}
