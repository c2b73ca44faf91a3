/* handles.c - the values callers hold as persist_store pointers: slots of a table with generation
 * counters (as SQLite's magic numbers, but exact), so a handle used after its store was closed is
 * recognized instead of acting on memory that a later open may have reused for another store.
 * The values are never dereferenced; they are chosen to look like no pointer of a Go heap. */
#include "handles.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "alloc.h"
#include "fork_guard.h"

#define PAGE_BITS  10
#define PAGE_SLOTS (1u << PAGE_BITS)
#define MAX_PAGES  1024u /* at most 1 Mi stores open at once in one process */

#if UINTPTR_MAX > 0xffffffffu
#define SLOT_BITS 20 /* PAGE_BITS + log2(MAX_PAGES) */
#define GEN_BITS  16
#define SHIFT     3
#define BASE      ((uintptr_t)1 << 24) /* above the first page; below Go's heap (0xc000000000) */
#else
#define SLOT_BITS 16
#define GEN_BITS  8
#define SHIFT     2
#define BASE      ((uintptr_t)1 << 16)
#endif
#define GEN_MASK ((1u << GEN_BITS) - 1)

typedef struct slot {
    _Atomic uint32_t gen; /* the generation of the handle that owns the slot, 0 when free */
    void *_Atomic obj;
    uint32_t last_gen;  /* the generation it had last (under mu) */
    uint32_t next_free; /* free-list link (under mu): index + 1, 0 = none */
} slot;

static _Atomic(slot *) pages[MAX_PAGES];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
/* Free slots are reused first in, first out, so a slot's generation turns over as slowly as the
 * number of free slots allows. */
static uint32_t free_head, free_tail; /* index + 1, 0 = empty */
static uint32_t n_slots;              /* slots created so far */

static slot *slot_at(uint32_t i)
{
    slot *page = atomic_load_explicit(&pages[i >> PAGE_BITS], memory_order_acquire);
    return page != NULL ? &page[i & (PAGE_SLOTS - 1)] : NULL;
}

/* A free slot index (mu held): the oldest freed one, or a new one. */
static int take_slot(uint32_t *out)
{
    if (free_head != 0) {
        *out = free_head - 1;
        free_head = slot_at(*out)->next_free;
        if (free_head == 0)
            free_tail = 0;
        return 0;
    }
    if (n_slots == MAX_PAGES * PAGE_SLOTS)
        return -1;
    if ((n_slots & (PAGE_SLOTS - 1)) == 0) {
        slot *page = persist__calloc(PAGE_SLOTS, sizeof *page);
        if (page == NULL)
            return -1;
        atomic_store_explicit(&pages[n_slots >> PAGE_BITS], page, memory_order_release);
    }
    *out = n_slots++;
    return 0;
}

static uint32_t gen_of(uintptr_t v)
{
    return (uint32_t)(((v - BASE) >> SHIFT) >> SLOT_BITS) & GEN_MASK;
}

static uint32_t index_of(uintptr_t v)
{
    return (uint32_t)(((v - BASE) >> SHIFT) & ((1u << SLOT_BITS) - 1));
}

persist_store *persist__handle_new(void *obj)
{
    uintptr_t v;
    uint32_t i, gen;
    slot *s;
    pthread_mutex_lock(&mu);
    if (take_slot(&i) != 0) {
        pthread_mutex_unlock(&mu);
        return NULL;
    }
    s = slot_at(i);
    gen = (s->last_gen + 1) & GEN_MASK;
    if (gen == 0) /* 0 marks a free slot */
        gen = 1;
    s->last_gen = gen;
    s->next_free = 0;
    atomic_store_explicit(&s->obj, obj, memory_order_relaxed);
    atomic_store_explicit(&s->gen, gen, memory_order_release);
    pthread_mutex_unlock(&mu);
    v = BASE + ((((uintptr_t)gen << SLOT_BITS) | i) << SHIFT);
    return (persist_store *)v;
}

void *persist__handle_get(const persist_store *h)
{
    uintptr_t v = (uintptr_t)h;
    slot *s;
    if (v < BASE || ((v - BASE) & ((1u << SHIFT) - 1)) != 0 ||
        ((v - BASE) >> SHIFT) >> (SLOT_BITS + GEN_BITS) != 0)
        return NULL;
    s = index_of(v) < MAX_PAGES * PAGE_SLOTS ? slot_at(index_of(v)) : NULL;
    if (s == NULL || atomic_load_explicit(&s->gen, memory_order_acquire) != gen_of(v))
        return NULL;
    return atomic_load_explicit(&s->obj, memory_order_relaxed);
}

void persist__handle_free(const persist_store *h)
{
    uint32_t i = index_of((uintptr_t)h);
    slot *s;
    if (persist__handle_get(h) == NULL)
        return;
    pthread_mutex_lock(&mu);
    s = slot_at(i);
    atomic_store_explicit(&s->gen, 0, memory_order_release);
    atomic_store_explicit(&s->obj, NULL, memory_order_relaxed);
    s->next_free = 0;
    if (free_tail != 0)
        slot_at(free_tail - 1)->next_free = i + 1;
    else
        free_head = i + 1;
    free_tail = i + 1;
    pthread_mutex_unlock(&mu);
}

void persist__handles_fork(int phase)
{
    persist__fork_mutex(&mu, phase);
}
