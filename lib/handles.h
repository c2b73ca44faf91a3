/* handles.h - handle values for persist_store pointers: table slots with generation counters. */
#ifndef PERSIST_HANDLES_H
#define PERSIST_HANDLES_H

#include "internal.h"

/* A new handle that stands for obj; NULL when the table is full or out of memory. */
persist_store *persist__handle_new(void *obj);

/* The object of a live handle; NULL for NULL, a closed handle, or any other value. */
void *persist__handle_get(const persist_store *h);

/* The handle stops standing for its object; later gets of it give NULL. */
void persist__handle_free(const persist_store *h);

/* Holds the table's mutex across a fork (lib/fork_guard.c). */
void persist__handles_fork(int phase);

#endif
