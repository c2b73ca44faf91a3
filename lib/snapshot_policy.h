/* snapshot_policy.h - when to snapshot: every N records and/or a restore-time budget (pure). */
#ifndef PERSIST_SNAPSHOT_POLICY_H
#define PERSIST_SNAPSHOT_POLICY_H

#include "internal.h"

typedef struct persist__policy {
    uint32_t every;     /* snapshot when this many records follow the newest snapshot */
    uint32_t budget_ms; /* ... or when their estimated replay time exceeds this (0 = off) */
    double avg_ns;      /* moving average of the app's time per event */
} persist__policy;

void persist__policy_init(persist__policy *p, uint32_t every, uint32_t budget_ms);

/* Record how long one update took (nanoseconds). */
void persist__policy_observe(persist__policy *p, uint64_t ns);

/* 1 when a snapshot should follow a record that leaves `since` records after the newest one. */
int persist__policy_due(const persist__policy *p, uint64_t since);

#endif
