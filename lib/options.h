/* options.h - reading persist_options by size, with defaults. */
#ifndef PERSIST_OPTIONS_H
#define PERSIST_OPTIONS_H

#include "internal.h"

#define PERSIST__DEFAULT_MAP_SIZE         ((uint64_t)64 << 20)
#define PERSIST__DEFAULT_SNAPSHOT_EVERY   1000u
#define PERSIST__DEFAULT_JS_BUDGET_MS     10000u
#define PERSIST__DEFAULT_JS_MEMORY        ((uint64_t)512 << 20)
#define PERSIST__DEFAULT_CLIENT_ID_KEEP   100000u
#define PERSIST__DEFAULT_CLIENT_ID_KEEP_S 86400u

/* Copy the caller's options (NULL = defaults) into `out` with every default filled in. */
int persist__options_read(persist_options *out, const persist_options *in, persist__err *err);

#endif
