// SPDX-License-Identifier: MIT
/* The xarray stand-in's reservations, searches, marks and teardown (linux/xarray.h rules). */
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "xarray-node.h"

int xa_reserve(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	int err = 0;

	xa_lock(xa);
	if (kit_xa_lookup(xa, index) == NULL)
		err = kit_xa_occupy(xa, index, NULL, gfp);
	xa_unlock(xa);
	return err;
}

void xa_release(struct xarray *xa, unsigned long index)
{
	struct kit_xa_node *n;

	xa_lock(xa);
	n = kit_xa_lookup(xa, index);
	if (n != NULL && n->entry == NULL)
		kit_xa_unlink(xa, n);
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
	for (unsigned long at = kit_xa_position(xa, *index); at < xa->xa_count; at++) {
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
	struct kit_xa_node *n = kit_xa_lookup(xa, index);

	if (n != NULL && n->entry != NULL && mark <= XA_MARK_MAX)
		n->marks |= 1U << mark;
}

void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct kit_xa_node *n = kit_xa_lookup(xa, index);

	if (n != NULL && mark <= XA_MARK_MAX)
		n->marks &= ~(1U << mark);
}

bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct kit_xa_node *n = kit_xa_lookup(xa, index);

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
