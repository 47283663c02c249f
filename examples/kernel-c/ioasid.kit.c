// SPDX-License-Identifier: MIT
/*
 * The kit's accessor hooks for ioasid.c (kit/kernel/include/kit/inspect.h): compiled right
 * after it, in the same unit, so they can read its static structures. They only read.
 * All five are defined, so every part of the state is compared with the spec.
 */
#include <kit/inspect.h>

int kit_inspect_id(ioasid_t id, struct kit_id_view *view)
{
	struct ioasid_data *data = xa_load(&ioasid_xa, id);

	if (!data)
		return -ENOENT;
	view->free_pending = data->state == IOASID_STATE_FREE_PENDING;
	view->refs = refcount_read(&data->users);
	view->set = data->set;
	view->spid = data->spid;
	return 0;
}

/* A set is gone once ioasid_set_destroy() took it off ioasid_sets (its memory waits for RCU). */
int kit_inspect_set(const struct ioasid_set *set, struct kit_set_view *view)
{
	if (list_empty(&set->list))
		return -ENOENT;
	view->quota = set->quota;
	view->held = set->nr_ioasids;
	view->dying = set->dying;
	view->type = set->type;
	view->token = set->token;
	view->refs = refcount_read(&set->ref);
	return 0;
}

int kit_capacity_left(ioasid_t *left)
{
	*left = ioasid_capacity_avail;
	return 0;
}

int kit_inspect_notifier(struct notifier_block *nb, struct kit_notifier_view *view)
{
	struct ioasid_registration *reg = ioasid_registration_of(nb);

	if (!reg)
		return -ENOENT;
	view->global = reg->scope == IOASID_SCOPE_GLOBAL;
	view->set = reg->set;
	view->mm = reg->scope == IOASID_SCOPE_MM ? reg->mm : NULL;
	return 0;
}

/* The active space is the oldest group's (rule 5 of ioasid.c). */
int kit_inspect_allocator(struct ioasid_allocator_ops *ops, struct kit_allocator_view *view)
{
	struct ioasid_allocator_data *allocator = ioasid_allocator_of(ops);

	if (!allocator)
		return -ENOENT;
	view->active = allocator == list_first_entry(&ioasid_allocators, struct ioasid_allocator_data, list);
	view->outstanding = allocator->nr_ioasids;
	return 0;
}
