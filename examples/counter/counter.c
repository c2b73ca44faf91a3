/* counter.c - a minimal libpersist host: opens a store, deploys the app once, submits events.
 *
 * Usage: counter STORE_DIR APP_JS [EVENT...]
 * The app in APP_JS is deployed (PERSIST_DEPLOY_INIT) only when the store has no app yet; after
 * that the store restores the app and its state by itself, and APP_JS is not read again.
 */
#include <persist.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints what failed with the store's detailed message; returns 1 (the exit status). */
static int fail(persist_store *s, const char *what, int rc)
{
    char msg[1024];
    persist_store_errmsg(s, msg, sizeof msg);
    fprintf(stderr, "counter: %s: %s (%d): %s\n", what, persist_strerror(rc), rc, msg);
    return 1;
}

/* Reads a whole file into a malloc'd buffer; NULL (after printing why) on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (f == NULL) {
        perror(path);
        return NULL;
    }
    do {
        if (n == cap) {
            char *bigger = realloc(buf, cap + 65536);
            if (bigger == NULL) {
                fprintf(stderr, "counter: out of memory reading %s\n", path);
                goto fail;
            }
            buf = bigger;
            cap += 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (ferror(f)) {
        perror(path);
        goto fail;
    }
    fclose(f);
    *len = n;
    return buf;
fail:
    free(buf);
    fclose(f);
    return NULL;
}

/* Deploys APP_JS when the store has no app yet; otherwise keeps the stored app. */
static int ensure_app(persist_store *s, const char *app_path)
{
    char hash[65];
    size_t len = 0;
    char *code;
    int rc = persist_store_app_hash(s, hash, sizeof hash);
    if (rc == PERSIST_OK) {
        printf("store already has app %.12s; %s is not deployed again\n", hash, app_path);
        return 0;
    }
    if (rc != PERSIST_ENOAPP)
        return fail(s, "reading the app hash", rc);
    code = read_file(app_path, &len);
    if (code == NULL)
        return 1;
    rc = persist_store_deploy(s, code, len, PERSIST_DEPLOY_INIT, NULL);
    free(code);
    if (rc != PERSIST_OK)
        return fail(s, "deploying the app", rc);
    persist_store_app_hash(s, hash, sizeof hash);
    printf("deployed %s as app %.12s\n", app_path, hash);
    return 0;
}

static int submit_all(persist_store *s, char **events, int count)
{
    for (int i = 0; i < count; i++) {
        char *response = NULL;
        size_t len = 0;
        int rc = persist_store_submit(s, events[i], strlen(events[i]), &response, &len);
        if (rc != PERSIST_OK)
            return fail(s, events[i], rc);
        printf("%s -> %.*s\n", events[i], (int)len, response);
        persist_free(response);
    }
    return 0;
}

static int report(persist_store *s)
{
    uint64_t head = 0;
    char *state = NULL;
    int rc = persist_store_head(s, &head);
    if (rc != PERSIST_OK)
        return fail(s, "reading the head", rc);
    rc = persist_store_state(s, &state, NULL);
    if (rc != PERSIST_OK)
        return fail(s, "serializing the state", rc);
    printf("head: record %llu\nstate: %s\n", (unsigned long long)head, state);
    persist_free(state);
    return 0;
}

int main(int argc, char **argv)
{
    persist_store *s = NULL;
    int rc, status;
    if (argc < 3) {
        fprintf(stderr, "usage: %s STORE_DIR APP_JS [EVENT...]\n", argv[0]);
        return 2;
    }
    rc = persist_store_open(&s, argv[1], NULL);
    if (rc != PERSIST_OK) {
        /* The handle is set even on failure (except out of memory) and carries the message. */
        status = fail(s, "opening the store", rc);
        persist_store_close(s);
        return status;
    }
    status = ensure_app(s, argv[2]);
    if (status == 0)
        status = submit_all(s, argv + 3, argc - 3);
    if (status == 0)
        status = report(s);
    persist_store_close(s);
    return status;
}
