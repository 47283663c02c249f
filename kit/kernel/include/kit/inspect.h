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

#endif
