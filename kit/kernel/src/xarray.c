// SPDX-License-Identifier: MIT
/* The xarray stand-in (linux/xarray.h states the rules): a sorted array of one node per index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "xarray-node.h"

/* Rule 1: a new node, from the slab stand-in (so it can be made to fail). */
static struct kit_xa_node *new_node(struct xarray *xa, gfp_t gfp)
{
	if (gfpflags_allow_blocking(gfp))
		kit_might_sleep_except(&xa->xa_lock.kit_dep, __FILE__, __LINE__);
	return kmalloc(sizeof(struct kit_xa_node), gfp & ~__GFP_DIRECT_RECLAIM);
}

static void link_node(struct xarray *xa, struct kit_xa_node *n)
{
	unsigned long at = kit_xa_position(xa, n->index);

	if (xa->xa_count == xa->xa_capacity) {
		unsigned long cap = xa->xa_capacity == 0 ? 8 : xa->xa_capacity * 2;
		struct kit_xa_node **grown = realloc(xa->xa_nodes, cap * sizeof(*grown));

		if (grown == NULL) {
			fputs("kit: out of memory growing an xarray\n", stderr);
			abort();
		}
		xa->xa_nodes = grown;
		xa->xa_capacity = cap;
	}
	memmove(&xa->xa_nodes[at + 1], &xa->xa_nodes[at], (xa->xa_count - at) * sizeof(xa->xa_nodes[0]));
	xa->xa_nodes[at] = n;
	xa->xa_count++;
}

void kit_xa_unlink(struct xarray *xa, struct kit_xa_node *n)
{
	unsigned long at = kit_xa_position(xa, n->index);

	memmove(&xa->xa_nodes[at], &xa->xa_nodes[at + 1], (xa->xa_count - at - 1) * sizeof(xa->xa_nodes[0]));
	xa->xa_count--;
	kfree(n);
}

/* Put `entry` at a free index; the node is allocated first, so failure changes nothing. */
int kit_xa_occupy(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct kit_xa_node *n = new_node(xa, gfp);

	if (n == NULL)
		return -ENOMEM;
	n->index = index;
	n->entry = entry;
	n->marks = 0;
	link_node(xa, n);
	return 0;
}

static bool allocating(const struct xarray *xa)
{
	return xa->xa_flags & XA_FLAGS_ALLOC;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	struct kit_xa_node *n = kit_xa_lookup(xa, index);

	return n == NULL ? NULL : n->entry;
}

void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct kit_xa_node *n = kit_xa_lookup(xa, index);
	void *old;
	int err;

	if (n != NULL) {
		old = n->entry;
		if (entry == NULL && !allocating(xa))
			kit_xa_unlink(xa, n);
		else
			n->entry = entry;
		return old;
	}
	if (entry == NULL && !allocating(xa))
		return NULL;
	err = kit_xa_occupy(xa, index, entry, gfp);
	return err ? xa_mk_err(err) : NULL;
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *old;

	xa_lock(xa);
	old = __xa_store(xa, index, entry, gfp);
	xa_unlock(xa);
	return old;
}

void *__xa_erase(struct xarray *xa, unsigned long index)
{
	struct kit_xa_node *n = kit_xa_lookup(xa, index);
	void *old;

	if (n == NULL)
		return NULL;
	old = n->entry;
	kit_xa_unlink(xa, n);
	return old;
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *old;

	xa_lock(xa);
	old = __xa_erase(xa, index);
	xa_unlock(xa);
	return old;
}

void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry, gfp_t gfp)
{
	void *cur;

	xa_lock(xa);
	cur = xa_load(xa, index);
	if (cur == old)
		cur = __xa_store(xa, index, entry, gfp);
	xa_unlock(xa);
	return cur;
}

int __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	if (kit_xa_lookup(xa, index) != NULL || (index == 0 && (xa->xa_flags & XA_FLAGS_ZERO_BUSY)))
		return -EBUSY;
	return kit_xa_occupy(xa, index, entry, gfp);
}

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	int err;

	xa_lock(xa);
	err = __xa_insert(xa, index, entry, gfp);
	xa_unlock(xa);
	return err;
}

/* The lowest free index in [min, max], or false. */
static bool lowest_free(const struct xarray *xa, unsigned long min, unsigned long max, unsigned long *found)
{
	unsigned long at = kit_xa_position(xa, min);

	if (min > max)
		return false;
	for (unsigned long want = min;; want++) {
		if (at >= xa->xa_count || xa->xa_nodes[at]->index != want) {
			*found = want;
			return true;
		}
		at++;
		if (want == max)
			return false;
	}
}

int __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp)
{
	unsigned long min = limit.min, index;
	int err;

	if (WARN_ON(!allocating(xa)))
		return -EINVAL;
	if (min == 0 && (xa->xa_flags & XA_FLAGS_ZERO_BUSY))
		min = 1;
	if (!lowest_free(xa, min, limit.max, &index))
		return -EBUSY;
	err = kit_xa_occupy(xa, index, entry, gfp);
	if (!err)
		*id = (u32)index;
	return err;
}

int xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp)
{
	int err;

	xa_lock(xa);
	err = __xa_alloc(xa, id, entry, limit, gfp);
	xa_unlock(xa);
	return err;
}

int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, u32 *next, gfp_t gfp)
{
	u32 min = limit.min;
	int err, wrapped = 0;

	if (*next > min)
		limit.min = *next;
	err = __xa_alloc(xa, id, entry, limit, gfp);
	if (err == -EBUSY && limit.min > min) {
		limit.min = min;
		err = __xa_alloc(xa, id, entry, limit, gfp);
		wrapped = 1;
	}
	if (err)
		return err;
	*next = *id + 1;
	return wrapped;
}

int xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, u32 *next, gfp_t gfp)
{
	int ret;

	xa_lock(xa);
	ret = __xa_alloc_cyclic(xa, id, entry, limit, next, gfp);
	xa_unlock(xa);
	return ret;
}
