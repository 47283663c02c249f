// SPDX-License-Identifier: MIT
/*
 * The optional introspection (api/introspection.ts): inspectSet, capacityLeft, inspectNotifier
 * and inspectAllocator, each answered by its hook of kit/inspect.h, which the file's
 * `<name>.kit.c` may define.
 *
 * Rules:
 *  1. A method is advertised at `ready` (kit_features) exactly when its hook is defined; `ready`
 *     lists failNth too (fault injection, dispatch.c), which needs no hook.
 *  2. Every reply carries `inspect`: the view, or null when the argument names nothing the kit
 *     can hand to the hook (a handle never handed out or already freed, a non-integer), when
 *     the hook answers an error, or when the stand-ins aborted the hook.
 *  3. What the hooks answer in the file's terms goes back in the harness's: a set as its handle,
 *     an mm as its number, a NULL-type token as its value.
 *  4. The hooks only read (kit/inspect.h rule 1), so no callback can run while a view is
 *     being taken: one static view of each kind is enough.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "kit-main.h"

static struct kit_set_view set_view;
static ioasid_t capacity_left;
static struct kit_notifier_view notifier_view;
static struct kit_allocator_view allocator_view;

static unsigned long long mm_number(const struct mm_struct *mm)
{
	return mm == NULL ? 0 : mm->kit_mm;
}

/* Rule 2: the answer when nothing can be shown. */
static void inspect_null(struct kit_call *c)
{
	c->kind = ANS_INSPECT;
	snprintf(c->inspect, sizeof(c->inspect), "null");
}

/* Run the hook in a call frame; rule 2 when it was aborted or answered an error. */
static bool run_hook(struct kit_call *c, void (*fn)(void *), const char *hook)
{
	if (!invoke(c, fn)) {
		fprintf(stderr, "kit: %s() was aborted\n", hook);
		inspect_null(c);
		return false;
	}
	if (c->ret != 0) {
		inspect_null(c);
		return false;
	}
	return true;
}

static void do_inspect_set(void *p)
{
	struct kit_call *c = p;

	c->ret = kit_inspect_set(c->a[0].set, &set_view);
}

/* inspectSet(handle) */
static void inspect_set(struct kit_call *c)
{
	const char *why;
	double d;
	unsigned long long token;

	inspect_null(c);
	if (kit_inspect_set == NULL || !json_integer(&c->msg->args->items[0], &d))
		return;
	c->a[0].set = kit_set_of_handle(d, &why);
	memset(&set_view, 0, sizeof(set_view));
	if (c->a[0].set == NULL || !run_hook(c, do_inspect_set, "kit_inspect_set"))
		return;
	token = set_view.type == IOASID_SET_TYPE_MM ? mm_number(set_view.token) : (unsigned long long)(uintptr_t)set_view.token;
	snprintf(c->inspect, sizeof(c->inspect),
		 "{\"quota\":%u,\"held\":%u,\"dying\":%s,\"kind\":\"%s\",\"token\":%llu,\"refs\":%u}",
		 set_view.quota, set_view.held, set_view.dying ? "true" : "false",
		 set_view.type == IOASID_SET_TYPE_MM ? "mm" : "null", token, set_view.refs);
}

static void do_capacity_left(void *p)
{
	struct kit_call *c = p;

	c->ret = kit_capacity_left(&capacity_left);
}

/* capacityLeft() */
static void capacity(struct kit_call *c)
{
	inspect_null(c);
	if (kit_capacity_left == NULL || !run_hook(c, do_capacity_left, "kit_capacity_left"))
		return;
	snprintf(c->inspect, sizeof(c->inspect), "%u", capacity_left);
}

static void do_inspect_notifier(void *p)
{
	struct kit_call *c = p;

	c->ret = kit_inspect_notifier(&c->a[0].nb->nb, &notifier_view);
}

/* inspectNotifier(name): the block the kit registers under that name (handles.c rule 2). */
static void inspect_notifier(struct kit_call *c)
{
	const struct json *name = &c->msg->args->items[0];

	inspect_null(c);
	if (kit_inspect_notifier == NULL || name->type != JSON_STRING)
		return;
	c->a[0].nb = kit_nb_named(name->str);
	memset(&notifier_view, 0, sizeof(notifier_view));
	if (!run_hook(c, do_inspect_notifier, "kit_inspect_notifier"))
		return;
	if (notifier_view.global)
		snprintf(c->inspect, sizeof(c->inspect), "{\"where\":\"global\",\"set\":null,\"mm\":null}");
	else if (notifier_view.set != NULL && notifier_view.mm == NULL)
		snprintf(c->inspect, sizeof(c->inspect), "{\"where\":\"set\",\"set\":%ld,\"mm\":null}", kit_set_handle_of(notifier_view.set));
	else if (notifier_view.set != NULL)
		snprintf(c->inspect, sizeof(c->inspect), "{\"where\":\"set\",\"set\":%ld,\"mm\":%llu}",
			 kit_set_handle_of(notifier_view.set), mm_number(notifier_view.mm));
	else if (notifier_view.mm != NULL)
		snprintf(c->inspect, sizeof(c->inspect), "{\"where\":\"pending\",\"set\":null,\"mm\":%llu}", mm_number(notifier_view.mm));
	else
		snprintf(c->inspect, sizeof(c->inspect), "{\"where\":\"pending\",\"set\":null,\"mm\":null}");
}

static void do_inspect_allocator(void *p)
{
	struct kit_call *c = p;

	c->ret = kit_inspect_allocator(&c->a[0].ops->ops, &allocator_view);
}

/* inspectAllocator(name): the ops the kit registers under that name (handles.c rule 2). */
static void inspect_allocator(struct kit_call *c)
{
	const struct json *name = &c->msg->args->items[0];

	inspect_null(c);
	if (kit_inspect_allocator == NULL || name->type != JSON_STRING)
		return;
	c->a[0].ops = kit_ops_named(name->str);
	memset(&allocator_view, 0, sizeof(allocator_view));
	if (!run_hook(c, do_inspect_allocator, "kit_inspect_allocator"))
		return;
	snprintf(c->inspect, sizeof(c->inspect), "{\"active\":%s,\"outstanding\":%u}",
		 allocator_view.active ? "true" : "false", allocator_view.outstanding);
}

const struct kit_method kit_inspect_methods[] = {
	{ "inspectSet", inspect_set, 1 },
	{ "capacityLeft", capacity, 0 },
	{ "inspectNotifier", inspect_notifier, 1 },
	{ "inspectAllocator", inspect_allocator, 1 },
	{ NULL, NULL, 0 },
};

bool kit_is_inspect_method(struct kit_str name)
{
	for (const struct kit_method *m = kit_inspect_methods; m->name != NULL; m++)
		if (kit_str_is(name, m->name))
			return true;
	return false;
}

void kit_inspect_unanswered(struct kit_call *c)
{
	inspect_null(c);
}

void kit_features(struct json_out *o)
{
	const bool defined[] = {
		kit_inspect_set != NULL, kit_capacity_left != NULL, kit_inspect_notifier != NULL, kit_inspect_allocator != NULL,
	};
	bool first = true;

	jo_raw(o, ",\"features\":[");
	for (size_t i = 0; i < sizeof(defined) / sizeof(defined[0]); i++) {
		if (!defined[i])
			continue;
		if (!first)
			jo_raw(o, ",");
		first = false;
		jo_cstr(o, kit_inspect_methods[i].name);
	}
	/* Fault injection (dispatch.c, D32) needs no hook: the kit always offers it. */
	if (!first)
		jo_raw(o, ",");
	jo_cstr(o, "failNth");
	jo_raw(o, "]");
}
