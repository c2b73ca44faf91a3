/* history.h - reading the past of a store: records, snapshots, app versions, the state after any
 * record and the response to any event, without touching the live app. */
#ifndef PERSIST_HISTORY_H
#define PERSIST_HISTORY_H

#include "engine.h"

int persist__history_records(persist__engine *eng, uint64_t from, uint32_t limit, uint32_t kinds,
                             persist_record **out, size_t *count, persist__err *err);
int persist__history_snapshots(persist__engine *eng, persist_snapshot_info **out, size_t *count,
                               persist__err *err);
int persist__history_apps(persist__engine *eng, persist_app_info **out, size_t *count,
                          persist__err *err);
int persist__history_app_code(persist__engine *eng, const char *hex, char **out, size_t *len,
                              persist__err *err);
int persist__history_state_at(persist__engine *eng, uint64_t seq, char **out, size_t *len,
                              persist__err *err);
int persist__history_response_at(persist__engine *eng, uint64_t seq, char **out, size_t *len,
                                 persist__err *err);
int persist__history_client_id_at(persist__engine *eng, uint64_t seq, char **out, size_t *len,
                                  persist__err *err);

/* Parse 64 hex digits into a hash; 0 when `hex` is not one. */
int persist__hash_parse(uint8_t out[PERSIST__HASH_LEN], const char *hex);

#endif
