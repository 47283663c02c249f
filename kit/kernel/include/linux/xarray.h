/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/xarray.h>: an index -> pointer map with the kernel's interface.
 *
 *  1. Entries are kept sorted by index. Every index the array starts holding costs one
 *     allocation through the slab stand-in (so kit_fail_nth reaches the xarray too): a store,
 *     insert, reserve or alloc that cannot get it answers -ENOMEM and changes nothing.
 *  2. xa_alloc() honours its limit: the lowest free index in [min, max] (at least 1 for
 *     XA_FLAGS_ALLOC1), -EBUSY when there is none, -EINVAL on an array made without
 *     XA_FLAGS_ALLOC. xa_alloc_cyclic() searches from *next and wraps to min (answering 1).
 *  3. In an allocating array, storing NULL (or allocating with a NULL entry) reserves the
 *     index: it reads as NULL, is skipped by iteration, and is only freed by xa_erase().
 *  4. The xa_* calls take the array's own spinlock (xa_lock); the __xa_* forms expect the
 *     caller to hold it. An allocation that may sleep warns only if the caller holds a
 *     spinlock other than xa_lock.
 */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

#include <limits.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/types.h>

typedef unsigned int xa_mark_t;
#define XA_MARK_0 0U
#define XA_MARK_1 1U
#define XA_MARK_2 2U
#define XA_PRESENT 8U
#define XA_MARK_MAX XA_MARK_2

#define XA_FLAGS_ALLOC 0x1U
#define XA_FLAGS_ZERO_BUSY 0x2U
#define XA_FLAGS_ALLOC1 (XA_FLAGS_ALLOC | XA_FLAGS_ZERO_BUSY)
#define XA_FLAGS_LOCK_IRQ 0U
#define XA_FLAGS_LOCK_BH 0U

struct kit_xa_node;

struct xarray {
	spinlock_t xa_lock;
	unsigned int xa_flags;
	unsigned long xa_count;		/* kit: entries held, reserved ones included */
	unsigned long xa_capacity;
	struct kit_xa_node **xa_nodes;	/* kit: sorted by index */
};

struct xa_limit {
	u32 max;
	u32 min;
};

#define XA_LIMIT(_min, _max) (struct xa_limit) { .min = (_min), .max = (_max) }
#define xa_limit_32b XA_LIMIT(0, UINT_MAX)
#define xa_limit_31b XA_LIMIT(0, INT_MAX)
#define xa_limit_16b XA_LIMIT(0, USHRT_MAX)

#define XARRAY_INIT(name, flags) {					\
	.xa_lock = __SPIN_LOCK_UNLOCKED(name.xa_lock), .xa_flags = (flags), \
	.xa_count = 0, .xa_capacity = 0, .xa_nodes = NULL }
#define DEFINE_XARRAY_FLAGS(name, flags) struct xarray name = XARRAY_INIT(name, flags)
#define DEFINE_XARRAY(name) DEFINE_XARRAY_FLAGS(name, 0)
#define DEFINE_XARRAY_ALLOC(name) DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC)
#define DEFINE_XARRAY_ALLOC1(name) DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC1)

static inline void xa_init_flags(struct xarray *xa, unsigned int flags)
{
	*xa = (struct xarray)XARRAY_INIT(*xa, flags);
}

static inline void xa_init(struct xarray *xa)
{
	xa_init_flags(xa, 0);
}

/* Errors travel as internal entries (low bits 10), values as odd words. */
static inline void *xa_mk_value(unsigned long v) { return (void *)((v << 1) | 1); }
static inline unsigned long xa_to_value(const void *entry) { return (unsigned long)entry >> 1; }
static inline bool xa_is_value(const void *entry) { return (unsigned long)entry & 1; }
static inline void *xa_mk_err(int err) { return (void *)(((unsigned long)-err << 2) | 2UL); }
static inline bool xa_is_err(const void *entry)
{
	unsigned long v = (unsigned long)entry;

	return (v & 3) == 2 && v <= ((4095UL << 2) | 2UL) && v > 2;
}
static inline int xa_err(void *entry)
{
	return xa_is_err(entry) ? -(int)((unsigned long)entry >> 2) : 0;
}

void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
void *__xa_erase(struct xarray *xa, unsigned long index);
void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry, gfp_t gfp);
int __must_check xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
int __must_check __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
int __must_check xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp);
int __must_check __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp);
int xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, u32 *next, gfp_t gfp);
int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, u32 *next, gfp_t gfp);
int __must_check xa_reserve(struct xarray *xa, unsigned long index, gfp_t gfp);
void xa_release(struct xarray *xa, unsigned long index);
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t filter);
void *xa_find_after(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t filter);
void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_destroy(struct xarray *xa);

static inline bool xa_empty(const struct xarray *xa)
{
	return xa->xa_count == 0;
}

#define xa_lock(xa) spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa) spin_unlock(&(xa)->xa_lock)
#define xa_lock_irq(xa) xa_lock(xa)
#define xa_unlock_irq(xa) xa_unlock(xa)
#define xa_lock_bh(xa) xa_lock(xa)
#define xa_unlock_bh(xa) xa_unlock(xa)
#define xa_lock_irqsave(xa, flags) spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags) spin_unlock_irqrestore(&(xa)->xa_lock, flags)

#define xa_for_each_range(xa, index, entry, start, last)		\
	for (index = (start), entry = xa_find(xa, &index, last, XA_PRESENT); \
	     entry; entry = xa_find_after(xa, &index, last, XA_PRESENT))
#define xa_for_each_start(xa, index, entry, start) \
	xa_for_each_range(xa, index, entry, start, ULONG_MAX)
#define xa_for_each(xa, index, entry) xa_for_each_start(xa, index, entry, 0)
#define xa_for_each_marked(xa, index, entry, filter)			\
	for (index = 0, entry = xa_find(xa, &index, ULONG_MAX, filter);	\
	     entry; entry = xa_find_after(xa, &index, ULONG_MAX, filter))

#endif
