/* maintenance.h - keeping a store healthy: prune with compaction, hot backup, export, import. */
#ifndef PERSIST_MAINTENANCE_H
#define PERSIST_MAINTENANCE_H

#include "engine.h"

int persist__prune(persist__engine *eng, uint64_t before, persist_prune_report *rep,
                   persist__err *err);
int persist__backup(persist__engine *eng, const char *dir, persist__err *err);
int persist__export_file(persist__engine *eng, const char *file, persist__err *err);
int persist__import_file(persist__engine *eng, const char *file, persist__err *err);

#endif
