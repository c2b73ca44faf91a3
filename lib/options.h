/* options.h - reading persist_options by size, with defaults. */
#ifndef PERSIST_OPTIONS_H
#define PERSIST_OPTIONS_H

#include "internal.h"

#define PERSIST__DEFAULT_MAP_SIZE       ((uint64_t)1 << 30)
#define PERSIST__DEFAULT_SNAPSHOT_EVERY 1000u

/* Copy the caller's options (NULL = defaults) into `out` with every default filled in. */
int persist__options_read(persist_options *out, const persist_options *in, persist__err *err);

#endif
