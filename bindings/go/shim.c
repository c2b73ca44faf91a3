/* shim.c - C side of the callbacks: libpersist calls the trampolines, which hand over to the Go
 * functions persistGoLog and persistGoProgress with the cgo.Handle that identifies the store's
 * callbacks. (A file with //export may only declare C functions in its preamble, so they are
 * defined here.) */
#include <stdint.h>

#include "_cgo_export.h"
#include "shim.h"

const char persist_go_empty[1] = {0};

static void persist_go_log_tramp(int level, const char *message, size_t len, void *userdata)
{
    persistGoLog(level, (char *)message, len, (uintptr_t)userdata);
}

static int persist_go_progress_tramp(uint64_t done, uint64_t total, void *userdata)
{
    return persistGoProgress(done, total, (uintptr_t)userdata);
}

void persist_go_set_callbacks(persist_options *opts, uintptr_t handle, int log, int progress)
{
    if (log) {
        opts->log_fn = persist_go_log_tramp;
        opts->log_userdata = (void *)handle;
    }
    if (progress) {
        opts->progress_fn = persist_go_progress_tramp;
        opts->progress_userdata = (void *)handle;
    }
}
