/* shim.h - declarations shared by the cgo preamble and shim.c. */
#ifndef PERSIST_GO_SHIM_H
#define PERSIST_GO_SHIM_H

#include <stdint.h>
#include <persist.h>

/* A valid pointer for empty inputs where the library rejects NULL. */
extern const char persist_go_empty[1];

/* Route the store's log output (if `log`) and progress reports (if `progress`) to Go
 * (persistGoLog, persistGoProgress) with `handle` as the userdata. */
void persist_go_set_callbacks(persist_options *opts, uintptr_t handle, int log, int progress);

#endif
