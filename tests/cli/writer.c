/* writer.c - test helper for tests/cli: holds a store open for writing and keeps submitting
 * events, so the CLI tests can read a store while another process writes it.
 * Usage: writer STORE READY_FILE STOP_FILE. Creates READY_FILE once the store is open, then
 * submits "add 1" every 20 ms until STOP_FILE exists (at most 120 s), closes the store and prints
 * the number of events it submitted. */
#include <persist.h>

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int fail(persist_store *s, const char *what, int rc)
{
    char msg[1024] = "";
    persist_store_errmsg(s, msg, sizeof msg);
    fprintf(stderr, "writer: %s: %s: %s\n", what, persist_strerror(rc), msg);
    persist_store_close(s);
    return 1;
}

int main(int argc, char **argv)
{
    const struct timespec pause = {0, 20 * 1000 * 1000};
    persist_options o;
    persist_store *s = NULL;
    FILE *ready;
    int rc, n;
    if (argc != 4) {
        fprintf(stderr, "usage: writer STORE READY_FILE STOP_FILE\n");
        return 2;
    }
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_NO_CREATE;
    if ((rc = persist_store_open(&s, argv[1], &o)) != PERSIST_OK)
        return fail(s, "open", rc);
    if ((ready = fopen(argv[2], "w")) == NULL || fclose(ready) != 0)
        return fail(s, "ready file", PERSIST_EIO);
    for (n = 0; n < 6000 && access(argv[3], F_OK) != 0; n++) {
        if ((rc = persist_store_submit(s, "add 1", 5, NULL, NULL)) != PERSIST_OK)
            return fail(s, "submit", rc);
        nanosleep(&pause, NULL);
    }
    printf("%d\n", n);
    return persist_store_close(s) == PERSIST_OK ? 0 : 1;
}
