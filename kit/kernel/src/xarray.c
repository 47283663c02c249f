// SPDX-License-Identifier: MIT
/* The xarray stand-in (linux/xarray.h states the rules): a sorted array of one node per index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/xarray.h>

struct kit_xa_node {
	unsigned long index;
	void *entry;		/* NULL: reserved (rule 3) */
	unsigned int marks;
};

/* The position of `index`, or of where it would go. */
static unsigned long position(const struct xarray *xa, unsigned long index)
{
	unsigned long lo = 0, hi = xa->xa_count;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (xa->xa_nodes[mid]->index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct kit_xa_node *lookup(const struct xarray *xa, unsigned long index)
{
	unsigned long at = position(xa, index);

	return at < xa->xa_count && xa->xa_nodes[at]->index == index ? xa->xa_nodes[at] : NULL;
}

/* Rule 1: a new node, from the slab stand-in (so it can be made to fail). */
static struct kit_xa_node *new_node(struct xarray *xa, gfp_t gfp)
{
	if (gfpflags_allow_blocking(gfp))
		kit_might_sleep_except(&xa->xa_lock.kit_dep, __FILE__, __LINE__);
	return kmalloc(sizeof(struct kit_xa_node), gfp & ~__GFP_DIRECT_RECLAIM);
}

static void link_node(struct xarray *xa, struct kit_xa_node *n)
{
	unsigned long at = position(xa, n->index);

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

static void unlink_node(struct xarray *xa, struct kit_xa_node *n)
{
	unsigned long at = position(xa, n->index);

	memmove(&xa->xa_nodes[at], &xa->xa_nodes[at + 1], (xa->xa_count - at - 1) * sizeof(xa->xa_nodes[0]));
	xa->xa_count--;
	kfree(n);
}

/* Put `entry` at a free index; the node is allocated first, so failure changes nothing. */
static int occupy(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
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
	struct kit_xa_node *n = lookup(xa, index);

	return n == NULL ? NULL : n->entry;
}

void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct kit_xa_node *n = lookup(xa, index);
	void *old;
	int err;

	if (n != NULL) {
		old = n->entry;
		if (entry == NULL && !allocating(xa))
			unlink_node(xa, n);
		else
			n->entry = entry;
		return old;
	}
	if (entry == NULL && !allocating(xa))
		return NULL;
	err = occupy(xa, index, entry, gfp);
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
	struct kit_xa_node *n = lookup(xa, index);
	void *old;

	if (n == NULL)
		return NULL;
	old = n->entry;
	unlink_node(xa, n);
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
	if (lookup(xa, index) != NULL || (index == 0 && (xa->xa_flags & XA_FLAGS_ZERO_BUSY)))
		return -EBUSY;
	return occupy(xa, index, entry, gfp);
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
	unsigned long at = position(xa, min);

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
	err = occupy(xa, index, entry, gfp);
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

int xa_reserve(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	int err = 0;

	xa_lock(xa);
	if (lookup(xa, index) == NULL)
		err = occupy(xa, index, NULL, gfp);
	xa_unlock(xa);
	return err;
}

void xa_release(struct xarray *xa, unsigned long index)
{
	struct kit_xa_node *n;

	xa_lock(xa);
	n = lookup(xa, index);
	if (n != NULL && n->entry == NULL)
		unlink_node(xa, n);
	xa_unlock(xa);
}

static bool matches(const struct kit_xa_node *n, xa_mark_t filter)
{
	if (n->entry == NULL)
		return false;
	return filter == XA_PRESENT || (filter <= XA_MARK_MAX && (n->marks & (1U << filter)));
}

/* The first matching entry with index in [*index, max]. */
static void *find_from(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t filter)
{
	for (unsigned long at = position(xa, *index); at < xa->xa_count; at++) {
		struct kit_xa_node *n = xa->xa_nodes[at];

		if (n->index > max)
			break;
		if (matches(n, filter)) {
			*index = n->index;
			return n->entry;
		}
	}
	return NULL;
}

void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t filter)
{
	return find_from(xa, index, max, filter);
}

void *xa_find_after(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t filter)
{
	unsigned long from = *index + 1;
	void *entry;

	if (*index == ULONG_MAX || from > max)
		return NULL;
	entry = find_from(xa, &from, max, filter);
	if (entry != NULL)
		*index = from;
	return entry;
}

void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct kit_xa_node *n = lookup(xa, index);

	if (n != NULL && n->entry != NULL && mark <= XA_MARK_MAX)
		n->marks |= 1U << mark;
}

void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct kit_xa_node *n = lookup(xa, index);

	if (n != NULL && mark <= XA_MARK_MAX)
		n->marks &= ~(1U << mark);
}

bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct kit_xa_node *n = lookup(xa, index);

	return n != NULL && mark <= XA_MARK_MAX && (n->marks & (1U << mark));
}

void xa_destroy(struct xarray *xa)
{
	for (unsigned long i = 0; i < xa->xa_count; i++)
		kfree(xa->xa_nodes[i]);
	free(xa->xa_nodes);
	xa->xa_nodes = NULL;
	xa->xa_count = 0;
	xa->xa_capacity = 0;
}
