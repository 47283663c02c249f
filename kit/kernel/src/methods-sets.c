// SPDX-License-Identifier: MIT
/*
 * The set methods: allocSet, adjustSet, setGet(Locked), setPut(Locked), forEachIoasid.
 * Each translates its arguments, makes the one API call in a call frame, and maps the return
 * (reply.c): the set_get / set_put family is void, for_each reports the IDs in the order the
 * file calls back.
 */
#include <stdlib.h>
#include "kit-main.h"

static void do_alloc_set(void *p)
{
	struct kit_call *c = p;

	c->ret_ptr = ioasid_alloc_set(c->a[0].ptr, c->a[1].id, c->a[2].u);
}

/* allocSet({type:"null", value} | {type:"mm", mm}, quota) */
static void alloc_set(struct kit_call *c)
{
	static const char *const types[] = { "null", "mm" };
	const struct json *token = arg_object(c, 0);
	const struct json *type = json_member(token, "type");
	double v;

	if (token == NULL)
		return;
	if (type == NULL || type->type != JSON_STRING || !(kit_str_is(type->str, types[0]) || kit_str_is(type->str, types[1]))) {
		untranslatable(c, "argument 1: the token's type is neither \"null\" nor \"mm\"");
		return;
	}
	if (kit_str_is(type->str, "null")) {
		if (!member_number(c, token, "value", &v))
			return;
		if (v < 0 || v > 18446744073709551615.0) {
			untranslatable(c, "argument 1: token value %.17g does not fit a void *", v);
			return;
		}
		c->a[0].ptr = (void *)(uintptr_t)v;
		c->a[2].u = IOASID_SET_TYPE_NULL;
	} else {
		if (!member_number(c, token, "mm", &v))
			return;
		if (v < 0 || v > 9007199254740991.0) {
			untranslatable(c, "argument 1: mm %.17g is not an mm number >= 0", v);
			return;
		}
		c->a[0].mm = v == 0 ? NULL : kit_mm_of((unsigned long)v);
		c->a[2].u = IOASID_SET_TYPE_MM;
	}
	if (!arg_id(c, 1, &c->a[1].id))
		return;
	if (invoke(c, do_alloc_set))
		answer_set(c, c->ret_ptr);
}

static void do_adjust_set(void *p)
{
	struct kit_call *c = p;

	c->ret = ioasid_adjust_set(c->a[0].set, c->a[1].i);
}

static void adjust_set(struct kit_call *c)
{
	if (arg_set(c, 0, &c->a[0].set) && arg_int(c, 1, &c->a[1].i) && invoke(c, do_adjust_set))
		answer_int(c, c->ret);
}

#define VOID_SET_METHOD(method, api)					\
	static void do_##method(void *p)				\
	{								\
		struct kit_call *c = p;					\
									\
		api(c->a[0].set);					\
	}								\
	static void method(struct kit_call *c)				\
	{								\
		if (arg_set(c, 0, &c->a[0].set) && invoke(c, do_##method)) \
			answer_void(c);					\
	}

VOID_SET_METHOD(set_get, ioasid_set_get)
VOID_SET_METHOD(set_get_locked, ioasid_set_get_locked)
VOID_SET_METHOD(set_put, ioasid_set_put)
VOID_SET_METHOD(set_put_locked, ioasid_set_put_locked)

/* The callback given to ioasid_set_for_each_ioasid(): the IDs, in the order it reports them. */
static void collect(ioasid_t id, void *data)
{
	struct kit_call *c = data;

	if (c->nids == c->idcap) {
		c->idcap = c->idcap == 0 ? 16 : c->idcap * 2;
		c->ids = realloc(c->ids, c->idcap * sizeof(c->ids[0]));
		if (c->ids == NULL)
			abort();
	}
	c->ids[c->nids++] = id;
}

static void do_for_each(void *p)
{
	struct kit_call *c = p;

	c->ret = ioasid_set_for_each_ioasid(c->a[0].set, collect, c);
}

static void for_each_ioasid(struct kit_call *c)
{
	if (arg_set(c, 0, &c->a[0].set) && invoke(c, do_for_each)) {
		answer_int(c, c->ret);
		if (c->kind == ANS_OK_NULL)
			c->kind = ANS_OK_IDS;
	}
}

const struct kit_method kit_set_methods[] = {
	{ "allocSet", alloc_set, 2 },
	{ "adjustSet", adjust_set, 2 },
	{ "setGet", set_get, 1 },
	{ "setGetLocked", set_get_locked, 1 },
	{ "setPut", set_put, 1 },
	{ "setPutLocked", set_put_locked, 1 },
	{ "forEachIoasid", for_each_ioasid, 1 },
	{ NULL, NULL, 0 },
};
