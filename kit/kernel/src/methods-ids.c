// SPDX-License-Identifier: MIT
/*
 * The ID methods: alloc, free, get(Locked), put(Locked), find, attachData, attachSpid,
 * detachSpid, findBySpid, and inspectId (through the kit file's hook, kit/inspect.h).
 * free and the put family are void; alloc and findBySpid fail with INVALID_IOASID only.
 */
#include <stdio.h>
#include <string.h>
#include <linux/err.h>
#include "kit-main.h"

static void do_alloc(void *p)
{
	struct kit_call *c = p;

	c->ret_id = ioasid_alloc(c->a[0].set, c->a[1].id, c->a[2].id, c->a[3].ptr);
}

/* alloc(set, min, max, data) */
static void alloc(struct kit_call *c)
{
	if (arg_set(c, 0, &c->a[0].set) && arg_id(c, 1, &c->a[1].id) && arg_id(c, 2, &c->a[2].id) &&
	    arg_data(c, 3, &c->a[3].ptr) && invoke(c, do_alloc))
		answer_id(c, c->ret_id);
}

/* The methods taking (set or null, id). */
#define SET_ID_METHOD(method, call, answer)				\
	static void do_##method(void *p)				\
	{								\
		struct kit_call *c = p;					\
									\
		call;							\
	}								\
	static void method(struct kit_call *c)				\
	{								\
		if (arg_set_or_null(c, 0, &c->a[0].set) && arg_id(c, 1, &c->a[1].id) && \
		    invoke(c, do_##method))				\
			answer;						\
	}

SET_ID_METHOD(free_id, ioasid_free(c->a[0].set, c->a[1].id), answer_void(c))
SET_ID_METHOD(get, c->ret = ioasid_get(c->a[0].set, c->a[1].id), answer_int(c, c->ret))
SET_ID_METHOD(get_locked, c->ret = ioasid_get_locked(c->a[0].set, c->a[1].id), answer_int(c, c->ret))
SET_ID_METHOD(put, ioasid_put(c->a[0].set, c->a[1].id), answer_void(c))
SET_ID_METHOD(put_locked, ioasid_put_locked(c->a[0].set, c->a[1].id), answer_void(c))
SET_ID_METHOD(detach_spid, c->ret = ioasid_detach_spid(c->a[0].set, c->a[1].id), answer_int(c, c->ret))
SET_ID_METHOD(find_by_spid, c->ret_id = ioasid_find_by_spid(c->a[0].set, c->a[1].id), answer_id(c, c->ret_id))

static void do_attach_spid(void *p)
{
	struct kit_call *c = p;

	c->ret = ioasid_attach_spid(c->a[0].set, c->a[1].id, c->a[2].id);
}

static void attach_spid(struct kit_call *c)
{
	if (arg_set_or_null(c, 0, &c->a[0].set) && arg_id(c, 1, &c->a[1].id) && arg_id(c, 2, &c->a[2].id) &&
	    invoke(c, do_attach_spid))
		answer_int(c, c->ret);
}

static void do_attach_data(void *p)
{
	struct kit_call *c = p;

	c->ret = ioasid_attach_data(c->a[0].set, c->a[1].id, c->a[2].ptr);
}

static void attach_data(struct kit_call *c)
{
	if (arg_set_or_null(c, 0, &c->a[0].set) && arg_id(c, 1, &c->a[1].id) && arg_data(c, 2, &c->a[2].ptr) &&
	    invoke(c, do_attach_data))
		answer_int(c, c->ret);
}

/* The getters find() may pass: one that takes the data, one that refuses it (and says so). */
static bool refused;

static bool accept_getter(void *data)
{
	(void)data;
	return true;
}

static bool reject_getter(void *data)
{
	(void)data;
	refused = true;
	return false;
}

static void do_find(void *p)
{
	struct kit_call *c = p;

	c->ret_ptr = ioasid_find(c->a[0].set, c->a[1].id, c->a[2].getter);
}

/* find(set or null, id, "none" | "accept" | "reject") */
static void find(struct kit_call *c)
{
	static const char *const getters[] = { "none", "accept", "reject" };
	bool (*const fns[])(void *) = { NULL, accept_getter, reject_getter };
	size_t g;

	if (!arg_set_or_null(c, 0, &c->a[0].set) || !arg_id(c, 1, &c->a[1].id) || !arg_string_of(c, 2, getters, 3, &g))
		return;
	c->a[2].getter = fns[g];
	refused = false;
	if (!invoke(c, do_find))
		return;
	if (IS_ERR(c->ret_ptr)) {
		answer_errno(c, (int)PTR_ERR(c->ret_ptr));
	} else if (c->ret_ptr == NULL && refused) {
		note(c, "returned NULL after the getter refused the data");
		c->kind = ANS_NO_ERRNO;
		c->via = "sentinel";
	} else if (c->ret_ptr == NULL) {
		c->kind = ANS_OK_NULL;
	} else if (kit_data_lookup(c->ret_ptr, &c->data)) {
		c->kind = ANS_OK_DATA;
	} else {
		static char unknown[80];

		snprintf(unknown, sizeof(unknown), "(kit: pointer %p is no private data the harness gave)", c->ret_ptr);
		c->kind = ANS_OK_DATA;
		c->data = (struct kit_str){ unknown, strlen(unknown) };
	}
}

static void do_inspect(void *p)
{
	struct kit_call *c = p;

	c->ret = kit_inspect_id(c->a[0].id, &c->view);
}

/* inspectId(id): the hook of kit/inspect.h; any ID it cannot name has no view. */
static void inspect_id(struct kit_call *c)
{
	double d;

	c->kind = ANS_VIEW_NULL;
	if (!json_integer(c->msg->args != NULL && c->msg->args->n > 0 ? &c->msg->args->items[0] : NULL, &d) ||
	    d < 0 || d > 4294967295.0)
		return;
	c->a[0].id = (ioasid_t)d;
	c->view = (struct kit_id_view){ .spid = INVALID_IOASID };
	if (!invoke(c, do_inspect)) {
		fprintf(stderr, "kit: kit_inspect_id(%u) was aborted\n", c->a[0].id);
		c->kind = ANS_VIEW_NULL;
		return;
	}
	c->kind = c->ret == 0 ? ANS_VIEW : ANS_VIEW_NULL;
}

const struct kit_method kit_id_methods[] = {
	{ "alloc", alloc, 4 },
	{ "free", free_id, 2 },
	{ "get", get, 2 },
	{ "getLocked", get_locked, 2 },
	{ "put", put, 2 },
	{ "putLocked", put_locked, 2 },
	{ "find", find, 3 },
	{ "attachData", attach_data, 3 },
	{ "attachSpid", attach_spid, 3 },
	{ "detachSpid", detach_spid, 2 },
	{ "findBySpid", find_by_spid, 2 },
	{ "inspectId", inspect_id, 1 },
	{ NULL, NULL, 0 },
};
