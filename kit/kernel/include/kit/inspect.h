/* SPDX-License-Identifier: MIT */
/*
 * The accessor hooks: what the kit needs to read and the design's API cannot tell. A file under
 * test does not change for them; they live in a small companion file, `<name>.kit.c` beside
 * `<name>.c`, which the kit compiles in the same translation unit right after the file, so the
 * hooks can read its static structures.
 *
 * Rules:
 *  1. A hook only reads: it takes no lock (it may be called while a handler runs, with the
 *     file's lock held) and calls no API function.
 *  2. kit_inspect_id() answers `inspectId`: 0 and the ID's state, reference count, set and SPID
 *     when the ID exists (ALLOCATED or FREE_PENDING), -ENOENT when it does not.
 *  3. The other hooks are optional (weak): each one a file's `<name>.kit.c` defines is
 *     advertised at `ready` and answers its introspection method (api/introspection.ts); one
 *     left out is reported as not checked. Each answers 0 and the view, or -ENOENT when its
 *     argument names nothing live or dying (a set already destroyed, a block or ops not
 *     registered).
 */
#ifndef KIT_INSPECT_H
#define KIT_INSPECT_H

#include <linux/ioasid.h>

struct kit_id_view {
	bool free_pending;		/* FREE_PENDING, else ALLOCATED */
	unsigned int refs;		/* refcount_read() of the ID's reference count */
	struct ioasid_set *set;		/* the set that owns it */
	ioasid_t spid;			/* INVALID_IOASID when it has none */
};

int kit_inspect_id(ioasid_t id, struct kit_id_view *view);

/* ---- optional hooks (rule 3) */

struct kit_set_view {
	ioasid_t quota;
	ioasid_t held;			/* its IDs, ALLOCATED or FREE_PENDING */
	bool dying;			/* the last ioasid_set_put() is done */
	u32 type;			/* IOASID_SET_TYPE_NULL or IOASID_SET_TYPE_MM */
	void *token;			/* as given to ioasid_alloc_set() */
	unsigned int refs;		/* refcount_read() of the set's references */
};

struct kit_notifier_view {
	bool global;			/* registered with ioasid_register_notifier(NULL, ...) */
	struct ioasid_set *set;		/* the set whose events it hears, NULL when global or pending */
	struct mm_struct *mm;		/* registered with ioasid_register_notifier_mm(), else NULL */
};

struct kit_allocator_view {
	bool active;			/* its functions are the ones ioasid_alloc() calls now */
	unsigned int outstanding;	/* IDs of its space, ALLOCATED or FREE_PENDING */
};

/* `inspectSet`: a set the kit has handed out. */
int kit_inspect_set(const struct ioasid_set *set, struct kit_set_view *view) __attribute__((weak));
/* `capacityLeft`: the capacity no set's quota reserves (always 0 and the number). */
int kit_capacity_left(ioasid_t *left) __attribute__((weak));
/* `inspectNotifier`: where the block @nb is registered. */
int kit_inspect_notifier(struct notifier_block *nb, struct kit_notifier_view *view) __attribute__((weak));
/* `inspectAllocator`: the registered ops @ops. */
int kit_inspect_allocator(struct ioasid_allocator_ops *ops, struct kit_allocator_view *view) __attribute__((weak));

#endif
