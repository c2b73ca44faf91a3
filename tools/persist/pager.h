/* pager.h - paging output on a terminal as git does: $PERSIST_PAGER, $PAGER or less -FRX. */
#ifndef PERSIST_TOOL_PAGER_H
#define PERSIST_TOOL_PAGER_H

/* The pager: $PERSIST_PAGER, else $PAGER, else "less -FRX"; NULL when that is "" or "cat". */
const char *pager_command(void);

/* When stdout is a terminal, sends stdout (and stderr, if it is a terminal too) through the pager.
 * Returns 1 when it runs; 0 when there is no terminal or pager, or it cannot be started (the
 * output then goes to the terminal as it is). Start it before opening a store, so that the pager
 * inherits none of the store's files. */
int pager_start(void);

/* Sends the pager end of file and waits for it to quit. Nothing when no pager runs. */
void pager_end(void);

#endif
