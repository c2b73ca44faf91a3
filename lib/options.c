/* options.c - reads a caller's persist_options of any struct_size and fills in defaults. */
#include "options.h"

#include <string.h>

#include "errors.h"

#define KNOWN_FLAGS                                                                                \
    (PERSIST_OPEN_READONLY | PERSIST_OPEN_NO_CREATE | PERSIST_LOG_ALL_EVENTS |                     \
     PERSIST_OPEN_NO_RESTORE | PERSIST_LOG_TAG_APP)

int persist__options_read(persist_options *out, const persist_options *in, persist__err *err)
{
    size_t n;
    memset(out, 0, sizeof *out);
    if (in != NULL) {
        n = in->struct_size;
        if (n < offsetof(persist_options, flags) + sizeof in->flags)
            return persist__err_set(
                err, PERSIST_EINVAL,
                "options.struct_size %zu is too small; set it to "
                "sizeof(persist_options) or use persist_options_init(&o, sizeof o)",
                n);
        if (n > sizeof *out) {
            /* A newer caller: the fields this library does not know must be zero (default). */
            const unsigned char *extra = (const unsigned char *)in + sizeof *out;
            for (size_t i = 0; i < n - sizeof *out; i++)
                if (extra[i] != 0)
                    return persist__err_set(err, PERSIST_EVERSION,
                                            "options struct (%zu bytes) sets fields this library "
                                            "version (%s, %zu bytes) does not know",
                                            n, PERSIST_VERSION_STRING, sizeof *out);
            n = sizeof *out;
        }
        memcpy(out, in, n);
    }
    out->struct_size = sizeof *out;
    if (out->flags & ~KNOWN_FLAGS)
        return persist__err_set(err, PERSIST_EINVAL, "options.flags has unknown bits 0x%x",
                                (unsigned)(out->flags & ~KNOWN_FLAGS));
    if (out->map_size == 0)
        out->map_size = PERSIST__DEFAULT_MAP_SIZE;
    if (out->snapshot_every == 0)
        out->snapshot_every = PERSIST__DEFAULT_SNAPSHOT_EVERY;
    if (out->durability == 0)
        out->durability = PERSIST_DURABILITY_SYNC;
    if (out->durability != PERSIST_DURABILITY_SYNC && out->durability != PERSIST_DURABILITY_RELAXED)
        return persist__err_set(err, PERSIST_EINVAL,
                                "options.durability %u is not a "
                                "PERSIST_DURABILITY_* value",
                                (unsigned)out->durability);
    if (out->js_budget_ms == 0)
        out->js_budget_ms = PERSIST__DEFAULT_JS_BUDGET_MS;
    if (out->js_memory_limit == 0)
        out->js_memory_limit = PERSIST__DEFAULT_JS_MEMORY;
    if (out->client_id_keep == 0)
        out->client_id_keep = PERSIST__DEFAULT_CLIENT_ID_KEEP;
    if (out->client_id_keep_s == 0)
        out->client_id_keep_s = PERSIST__DEFAULT_CLIENT_ID_KEEP_S;
    return PERSIST_OK;
}
