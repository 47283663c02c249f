/* SPDX-License-Identifier: MIT */
/* The xarray stand-in's nodes, shared by xarray.c and xarray-walk.c: one per index, sorted. */
#ifndef KIT_XARRAY_NODE_H
#define KIT_XARRAY_NODE_H

#include <linux/xarray.h>

struct kit_xa_node {
	unsigned long index;
	void *entry;		/* NULL: reserved (rule 3) */
	unsigned int marks;
};

/* The position of `index`, or of where it would go. */
static inline unsigned long kit_xa_position(const struct xarray *xa, unsigned long index)
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

static inline struct kit_xa_node *kit_xa_lookup(const struct xarray *xa, unsigned long index)
{
	unsigned long at = kit_xa_position(xa, index);

	return at < xa->xa_count && xa->xa_nodes[at]->index == index ? xa->xa_nodes[at] : NULL;
}

/* Shared by the two halves (xarray.c). */
int kit_xa_occupy(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void kit_xa_unlink(struct xarray *xa, struct kit_xa_node *n);

#endif
