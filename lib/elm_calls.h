/* elm_calls.h - direct calls in compiled Elm code, rewritten when the code is loaded. */
#ifndef PERSIST_ELM_CALLS_H
#define PERSIST_ELM_CALLS_H

#include <stddef.h>

/* `code` is `elm make` output (the adapter has recognized its wrapper). Returns the code with its
 * calls through the kernel's A2..A9 made direct where that computes the same thing, as a
 * NUL-terminated persist__malloc'd string of *out_len bytes, and the number of call sites changed
 * in *sites. Returns NULL when nothing was changed: no such call, code whose shape the rewrite does
 * not rely on knowing (the rules are in elm_calls.c), or no memory; the original code is then
 * loaded as it is, which computes the same results, only slower. Deterministic: the same code
 * always gives the same output. */
char *persist__elm_direct_calls(const char *code, size_t len, size_t *out_len, size_t *sites);

#endif
