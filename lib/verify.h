/* verify.h - checking a store: checksums, app hashes, snapshots against replay, the invariant. */
#ifndef PERSIST_VERIFY_H
#define PERSIST_VERIFY_H

#include "engine.h"

/* Fills *rep (counts); PERSIST_ECORRUPT with the first problem's message when any was found. */
int persist__verify(persist__engine *eng, uint32_t flags, persist_verify_report *rep,
                    persist__err *err);

#endif
