// SPDX-License-Identifier: MIT
/*
 * The notifier and allocator methods: (un)registerNotifier, (un)registerNotifierMm, notify,
 * (un)registerAllocator.
 *
 * Rules:
 *  1. A name is one notifier block (one allocator ops) for the life of the core, so the file
 *     recognises a name registered twice as the same block (D22, D28). A registration sets the
 *     block's priority (the ops' functions) for the call and puts the old ones back if the file
 *     refuses it, so a refused duplicate cannot change a registered block.
 *  2. The design's ioasid_notify() names no set. When the harness names one for BIND or UNBIND,
 *     the main first asks ioasid_find(set, id, NULL), as an IOMMU driver checks ownership before
 *     publishing: -EACCES there answers EACCES. The event goes to both chains
 *     (IOASID_NOTIFY_FLAG_ALL | IOASID_NOTIFY_FLAG_SET, D26).
 */
#include <linux/err.h>
#include "kit-main.h"

static const char *const priorities[] = { "LAST", "IOMMU", "DEVICE", "CPU" };
static const int priority_values[] = { IOASID_PRIO_LAST, IOASID_PRIO_IOMMU, IOASID_PRIO_DEVICE, IOASID_PRIO_CPU };

/* Argument i as a notifier block {name, priority}, with the priority it asks for. */
static struct kit_nb *arg_nb(struct kit_call *c, size_t i, int *priority)
{
	const struct json *obj = arg_object(c, i);
	const struct json *name = json_member(obj, "name"), *prio = json_member(obj, "priority");

	if (obj == NULL)
		return NULL;
	if (name == NULL || name->type != JSON_STRING || name->str.len == 0) {
		untranslatable(c, "argument %zu: the notifier block has no name", i + 1);
		return NULL;
	}
	for (size_t k = 0; prio != NULL && prio->type == JSON_STRING && k < 4; k++) {
		if (kit_str_is(prio->str, priorities[k])) {
			*priority = priority_values[k];
			return kit_nb_named(name->str);
		}
	}
	untranslatable(c, "argument %zu: the notifier block's priority is not CPU, DEVICE, IOMMU or LAST", i + 1);
	return NULL;
}

static void do_register(void *p)
{
	struct kit_call *c = p;

	c->ret = c->a[2].u ? ioasid_register_notifier_mm(c->a[0].mm, &c->a[1].nb->nb)
			   : ioasid_register_notifier(c->a[0].set, &c->a[1].nb->nb);
}

/* Rule 1, for both registration methods. */
static void register_nb(struct kit_call *c, int priority)
{
	int saved = c->a[1].nb->nb.priority;
	bool ran;

	c->a[1].nb->nb.priority = priority;
	ran = invoke(c, do_register);
	if (!ran || c->ret != 0)
		c->a[1].nb->nb.priority = saved;
	if (ran)
		answer_int(c, c->ret);
}

static void register_notifier(struct kit_call *c)
{
	int priority = 0;

	if (arg_set_or_null(c, 0, &c->a[0].set) && (c->a[1].nb = arg_nb(c, 1, &priority)) != NULL)
		register_nb(c, priority);
}

static void register_notifier_mm(struct kit_call *c)
{
	int priority = 0;

	c->a[2].u = 1;
	if (arg_mm(c, 0, &c->a[0].mm) && (c->a[1].nb = arg_nb(c, 1, &priority)) != NULL)
		register_nb(c, priority);
}

static void do_unregister(void *p)
{
	struct kit_call *c = p;

	if (c->a[2].u)
		ioasid_unregister_notifier_mm(c->a[0].mm, &c->a[1].nb->nb);
	else
		ioasid_unregister_notifier(c->a[0].set, &c->a[1].nb->nb);
}

static void unregister_notifier(struct kit_call *c)
{
	struct kit_str name;

	if (arg_set_or_null(c, 0, &c->a[0].set) && arg_name(c, 1, &name)) {
		c->a[1].nb = kit_nb_named(name);
		if (invoke(c, do_unregister))
			answer_void(c);
	}
}

static void unregister_notifier_mm(struct kit_call *c)
{
	struct kit_str name;

	c->a[2].u = 1;
	if (arg_mm(c, 0, &c->a[0].mm) && arg_name(c, 1, &name)) {
		c->a[1].nb = kit_nb_named(name);
		if (invoke(c, do_unregister))
			answer_void(c);
	}
}

static void do_owner_check(void *p)
{
	struct kit_call *c = p;

	c->ret_ptr = ioasid_find(c->a[0].set, c->a[1].id, NULL);
}

static void do_notify(void *p)
{
	struct kit_call *c = p;

	c->ret = ioasid_notify(c->a[1].id, c->a[2].event, IOASID_NOTIFY_FLAG_ALL | IOASID_NOTIFY_FLAG_SET);
}

/* notify(set or null, id, event): rule 2. */
static void notify(struct kit_call *c)
{
	static const char *const events[] = { "ALLOC", "FREE", "BIND", "UNBIND" };
	size_t e;

	if (!arg_set_or_null(c, 0, &c->a[0].set) || !arg_id(c, 1, &c->a[1].id) || !arg_string_of(c, 2, events, 4, &e))
		return;
	c->a[2].event = (enum ioasid_notify_val)(IOASID_NOTIFY_ALLOC + (int)e);
	if (c->a[0].set != NULL && (c->a[2].event == IOASID_NOTIFY_BIND || c->a[2].event == IOASID_NOTIFY_UNBIND)) {
		if (!invoke(c, do_owner_check))
			return;
		if (IS_ERR(c->ret_ptr) && PTR_ERR(c->ret_ptr) == -EACCES) {
			answer_errno(c, -EACCES);
			return;
		}
	}
	if (invoke(c, do_notify))
		answer_int(c, c->ret);
}

static void do_register_allocator(void *p)
{
	struct kit_call *c = p;

	c->ret = ioasid_register_allocator(&c->a[0].ops->ops);
}

/* registerAllocator({name, fns}): rule 1, with the functions of the fns key. */
static void register_allocator(struct kit_call *c)
{
	const struct json *obj = arg_object(c, 0);
	const struct json *name = json_member(obj, "name"), *fns = json_member(obj, "fns");
	ioasid_alloc_fn_t alloc, old_alloc;
	ioasid_free_fn_t free_fn, old_free;
	struct kit_ops *k;
	bool ran;

	if (obj == NULL)
		return;
	if (name == NULL || name->type != JSON_STRING || name->str.len == 0 ||
	    fns == NULL || fns->type != JSON_STRING || fns->str.len == 0) {
		untranslatable(c, "argument 1: allocator ops need a name and a functions key");
		return;
	}
	if (!kit_fns_of(fns->str, &alloc, &free_fn)) {
		untranslatable(c, "argument 1: more distinct allocator functions than the kit's pool holds");
		return;
	}
	k = kit_ops_named(name->str);
	old_alloc = k->ops.alloc;
	old_free = k->ops.free;
	k->ops.alloc = alloc;
	k->ops.free = free_fn;
	c->a[0].ops = k;
	ran = invoke(c, do_register_allocator);
	if (!ran || c->ret != 0) {
		k->ops.alloc = old_alloc;
		k->ops.free = old_free;
	}
	if (ran)
		answer_int(c, c->ret);
}

static void do_unregister_allocator(void *p)
{
	struct kit_call *c = p;

	ioasid_unregister_allocator(&c->a[0].ops->ops);
}

static void unregister_allocator(struct kit_call *c)
{
	struct kit_str name;

	if (!arg_name(c, 0, &name))
		return;
	c->a[0].ops = kit_ops_named(name);
	if (invoke(c, do_unregister_allocator))
		answer_void(c);
}

const struct kit_method kit_notify_methods[] = {
	{ "registerNotifier", register_notifier, 2 },
	{ "unregisterNotifier", unregister_notifier, 2 },
	{ "registerNotifierMm", register_notifier_mm, 2 },
	{ "unregisterNotifierMm", unregister_notifier_mm, 2 },
	{ "notify", notify, 3 },
	{ "registerAllocator", register_allocator, 1 },
	{ "unregisterAllocator", unregister_allocator, 1 },
	{ NULL, NULL, 0 },
};
