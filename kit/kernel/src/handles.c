// SPDX-License-Identifier: MIT
/*
 * What the harness names, as the file knows it: set handles and set pointers, mm numbers and
 * mm structs, private data strings and pointers, notifier names and notifier blocks, allocator
 * names and ops. The kit's own memory (never the slab stand-in, so fail_nth is not disturbed).
 *
 * Rules:
 *  1. A set handle is made when ioasid_alloc_set() returns a pointer the kit does not know; it
 *     names that set until the file kfree()s it (then it is dead: calls naming it are not
 *     translatable, since the API cannot name a freed set). Handles are 1, 2, 3... per core.
 *  2. The same mm number, private data string, notifier name or allocator name always gives the
 *     same pointer, for the life of the core.
 *  3. Each distinct `fns` key gets its own pair of allocator functions from a fixed pool, so the
 *     file sees equal keys as the same functions (D28).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kit-main.h"

struct set_entry {
	const struct ioasid_set *set;
	long handle;
	bool dead;
};

struct named {
	struct kit_str key;
	void *object;
	unsigned long number;
};

struct table {
	struct named *items;
	size_t n, cap;
};

static struct set_entry *sets;
static size_t nsets, capsets;
static struct table mms, datas, nbs, opses, fnses;

static void *xmalloc(size_t n)
{
	void *p = calloc(1, n == 0 ? 1 : n);

	if (p == NULL) {
		fputs("kit: out of memory\n", stderr);
		abort();
	}
	return p;
}

static struct kit_str copy_str(struct kit_str s)
{
	char *c = xmalloc(s.len + 1);

	memcpy(c, s.s, s.len);
	return (struct kit_str){ c, s.len };
}

static struct named *find_key(struct table *t, struct kit_str key)
{
	for (size_t i = 0; i < t->n; i++)
		if (kit_str_eq(t->items[i].key, key))
			return &t->items[i];
	return NULL;
}

static struct named *add(struct table *t, struct kit_str key, void *object, unsigned long number)
{
	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 8 : t->cap * 2;
		t->items = realloc(t->items, t->cap * sizeof(t->items[0]));
		if (t->items == NULL)
			abort();
	}
	t->items[t->n] = (struct named){ copy_str(key), object, number };
	return &t->items[t->n++];
}

long kit_set_handle_of(const struct ioasid_set *set)
{
	for (size_t i = nsets; i-- > 0;)
		if (sets[i].set == set)
			return sets[i].handle;
	return 0;
}

long kit_set_adopt(struct ioasid_set *set)
{
	for (size_t i = nsets; i-- > 0;)
		if (sets[i].set == set && !sets[i].dead)
			return sets[i].handle;
	if (nsets == capsets) {
		capsets = capsets == 0 ? 8 : capsets * 2;
		sets = realloc(sets, capsets * sizeof(sets[0]));
		if (sets == NULL)
			abort();
	}
	sets[nsets] = (struct set_entry){ set, (long)nsets + 1, false };
	return sets[nsets++].handle;
}

struct ioasid_set *kit_set_of_handle(double handle, const char **why)
{
	for (size_t i = 0; i < nsets; i++) {
		if ((double)sets[i].handle != handle)
			continue;
		if (sets[i].dead) {
			*why = "names a set whose memory the file has freed";
			return NULL;
		}
		return (struct ioasid_set *)sets[i].set;
	}
	*why = "was never handed out by ioasid_alloc_set()";
	return NULL;
}

void kit_free_observed(const void *ptr)
{
	for (size_t i = 0; i < nsets; i++)
		if (sets[i].set == ptr)
			sets[i].dead = true;
}

struct mm_struct *kit_mm_of(unsigned long n)
{
	char key[32];
	struct kit_str k = { key, (size_t)snprintf(key, sizeof(key), "%lu", n) };
	struct named *found = find_key(&mms, k);
	struct mm_struct *mm;

	if (found != NULL)
		return found->object;
	mm = xmalloc(sizeof(*mm));
	mm->kit_mm = n;
	return add(&mms, k, mm, n)->object;
}

void *kit_data_intern(struct kit_str s)
{
	struct named *found = find_key(&datas, s);

	if (found != NULL)
		return found->object;
	found = add(&datas, s, NULL, 0);
	found->object = (void *)found->key.s;
	return found->object;
}

bool kit_data_lookup(const void *p, struct kit_str *out)
{
	for (size_t i = 0; i < datas.n; i++) {
		if (datas.items[i].object == p) {
			*out = datas.items[i].key;
			return true;
		}
	}
	return false;
}

struct kit_nb *kit_nb_named(struct kit_str name)
{
	struct named *found = find_key(&nbs, name);
	struct kit_nb *k;

	if (found != NULL)
		return found->object;
	k = xmalloc(sizeof(*k));
	k->nb.notifier_call = kit_nb_call;
	k->name = add(&nbs, name, k, 0)->key;
	return k;
}

struct kit_ops *kit_ops_named(struct kit_str name)
{
	struct named *found = find_key(&opses, name);
	struct kit_ops *k;

	if (found != NULL)
		return found->object;
	k = xmalloc(sizeof(*k));
	INIT_LIST_HEAD(&k->ops.list);
	k->ops.pdata = k;
	k->name = add(&opses, name, k, 0)->key;
	return k;
}

bool kit_ops_known(const void *p)
{
	for (size_t i = 0; i < opses.n; i++)
		if (opses.items[i].object == p)
			return true;
	return false;
}

/* Rule 3: the pool. */
#define POOL(k)								\
	static ioasid_t alloc_##k(ioasid_t min, ioasid_t max, void *pdata)	\
	{ return kit_allocator_alloc(k, min, max, pdata); }		\
	static void free_##k(ioasid_t id, void *pdata)			\
	{ kit_allocator_free(k, id, pdata); }
POOL(0) POOL(1) POOL(2) POOL(3) POOL(4) POOL(5) POOL(6) POOL(7)
POOL(8) POOL(9) POOL(10) POOL(11) POOL(12) POOL(13) POOL(14) POOL(15)

static const ioasid_alloc_fn_t alloc_pool[] = {
	alloc_0, alloc_1, alloc_2, alloc_3, alloc_4, alloc_5, alloc_6, alloc_7,
	alloc_8, alloc_9, alloc_10, alloc_11, alloc_12, alloc_13, alloc_14, alloc_15,
};
static const ioasid_free_fn_t free_pool[] = {
	free_0, free_1, free_2, free_3, free_4, free_5, free_6, free_7,
	free_8, free_9, free_10, free_11, free_12, free_13, free_14, free_15,
};

bool kit_fns_of(struct kit_str fns, ioasid_alloc_fn_t *alloc, ioasid_free_fn_t *free_fn)
{
	struct named *found = find_key(&fnses, fns);

	if (found == NULL) {
		if (fnses.n == sizeof(alloc_pool) / sizeof(alloc_pool[0]))
			return false;
		found = add(&fnses, fns, NULL, fnses.n);
	}
	*alloc = alloc_pool[found->number];
	*free_fn = free_pool[found->number];
	return true;
}
