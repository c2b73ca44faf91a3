/* snapshot_policy.c - pure decision logic: snapshot after N records, or when the estimated replay
 * time of the records since the newest snapshot exceeds a budget. No I/O. */
#include "snapshot_policy.h"

void persist__policy_init(persist__policy *p, uint32_t every, uint32_t budget_ms)
{
    p->every = every;
    p->budget_ms = budget_ms;
    p->avg_ns = 0.0;
}

void persist__policy_observe(persist__policy *p, uint64_t ns)
{
    /* Exponential moving average with weight 1/16: follows drifts, ignores single outliers. */
    if (p->avg_ns == 0.0)
        p->avg_ns = (double)ns;
    else
        p->avg_ns += ((double)ns - p->avg_ns) / 16.0;
}

int persist__policy_due(const persist__policy *p, uint64_t since)
{
    if (p->every > 0 && since >= p->every)
        return 1;
    if (p->budget_ms > 0 && (double)since * p->avg_ns >= (double)p->budget_ms * 1e6)
        return 1;
    return 0;
}
