/* elm_calls.h - direct calls in compiled Elm code, rewritten when the code is loaded. */
#ifndef PERSIST_ELM_CALLS_H
#define PERSIST_ELM_CALLS_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* The global, a native function made by lib/js_host.c, that the rewrite calls where the code calls
 * the kernel's _Utils_update (a record update). */
#define PERSIST__ELM_RECORD_UPDATE "__persist_update"

/* `code` is `elm make` output (the adapter has recognized its wrapper). Returns the code with its
 * calls through the kernel's A2..A9 made direct, and its calls of the kernel's _Utils_update made
 * calls of PERSIST__ELM_RECORD_UPDATE, its comparisons' first case (numbers, strings) tested in
 * place of a call of _Utils_cmp, and calls of constructors (_List_Cons, _Utils_Tuple2, ...)
 * replaced by their object literals, where that computes the same thing, as a
 * NUL-terminated persist__malloc'd string of *out_len bytes, and the number of call sites changed
 * in *sites. Returns NULL when nothing was changed: no such call, code whose shape the rewrite does
 * not rely on knowing (the rules are in elm_calls.c), or no memory; the original code is then
 * loaded as it is, which computes the same results, only slower. Deterministic: the same code
 * always gives the same output. */
char *persist__elm_direct_calls(const char *code, size_t len, size_t *out_len, size_t *sites);

/* The same for code whose SHA-256 is `hash` (an app's content address, which the library checks
 * against the stored code before loading it): the process keeps the results of its last rewrites
 * (8 apps, 16 MiB), so that loading an app again, at each open of its stores and each rebuild of a
 * heap, costs a copy instead of a rewrite. */
char *persist__elm_direct_calls_of(const uint8_t hash[PERSIST__HASH_LEN], const char *text,
                                   size_t len, size_t *out_len, size_t *sites);

/* Holds the memo's mutex across a fork (lib/fork_guard.c). */
void persist__elm_calls_fork(int phase);

#endif
