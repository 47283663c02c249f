// SPDX-License-Identifier: MIT
/*
 * The kit's accessor hooks for ioasid.c (kit/kernel/include/kit/inspect.h): compiled right
 * after it, in the same unit, so they can read its static structures. They only read.
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
