// SPDX-License-Identifier: MIT
/*
 * Dispatch: one harness call to its method (the tables of methods-*.c), then its reply.
 *
 * Rules:
 *  1. A call whose method is unknown, or whose argument list does not have the method's length,
 *     is answered "untranslatable" (inspectId: no view; an introspection method: null).
 *  2. When the outermost call has been handled, an RCU grace period passes (kit_rcu_quiesce)
 *     before the reply is sent: callbacks queued during the call run, outside any handler.
 *  3. The call in progress is kept for the crash report of main.c.
 *  4. Fault injection (D32, api/faults.ts): `failNth(n)` is answered ok and arms the next
 *     outermost call: the slab stand-in fails that call's n-th allocation (kit_fail_nth), and
 *     the arming ends when the call returns (or at its first delivery, callbacks.c).
 */
#include <stdio.h>
#include <string.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include "kit-main.h"

static unsigned int depth;
/* Rule 4: failNth's n, for the next outermost call; 0 when none. */
static int fail_pending;

static void fail_nth(struct kit_call *c)
{
	int n;

	if (arg_int(c, 0, &n)) {
		fail_pending = n > 0 ? n : 0;
		answer_void(c);
	}
}

static const struct kit_method kit_fault_methods[] = {
	{ "failNth", fail_nth, 1 },
	{ NULL, NULL, 0 },
};
char kit_crash_context[160];

unsigned int kit_call_depth(void)
{
	return depth;
}

static const struct kit_method *lookup(struct kit_str name)
{
	const struct kit_method *const tables[] = { kit_set_methods, kit_id_methods, kit_notify_methods, kit_inspect_methods, kit_fault_methods };

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct kit_method *m = tables[t]; m->name != NULL; m++)
			if (kit_str_is(name, m->name))
				return m;
	return NULL;
}

static void grace_period(void *unused)
{
	(void)unused;
	kit_rcu_quiesce();
}

void kit_dispatch(const struct msg *m)
{
	const struct kit_method *method = lookup(m->method);
	struct kit_call c = { .msg = m };
	char saved[sizeof(kit_crash_context)];
	bool armed = depth == 0 && (method == NULL || method->fn != fail_nth);

	memcpy(saved, kit_crash_context, sizeof(saved));
	snprintf(kit_crash_context, sizeof(kit_crash_context), "call #%lld %.*s%s%.80s", m->seq,
		 (int)(m->method.len < 40 ? m->method.len : 40), m->method.s, depth > 0 ? ", inside " : "", depth > 0 ? saved : "");
	if (armed) {
		kit_fail_nth((unsigned long)fail_pending);
		fail_pending = 0;
	}
	depth++;
	if (method == NULL)
		untranslatable(&c, "unknown method \"%.*s\"", (int)(m->method.len < 60 ? m->method.len : 60), m->method.s);
	else if (m->args == NULL)
		untranslatable(&c, "the call has no argument list");
	else if (m->args->n != method->nargs)
		untranslatable(&c, "%s takes %zu arguments, not %zu", method->name, method->nargs, m->args->n);
	else
		method->fn(&c);
	depth--;
	if (armed)
		kit_fail_nth(0);
	if (kit_str_is(m->method, "inspectId") && c.kind != ANS_VIEW)
		c.kind = ANS_VIEW_NULL;
	if (kit_is_inspect_method(m->method) && c.kind != ANS_INSPECT)
		kit_inspect_unanswered(&c);
	if (depth == 0) {
		struct kit_frame f;

		if (kit_guarded(&f, grace_period, NULL) != 0)
			fputs("kit: an RCU callback was aborted\n", stderr);
		kit_frame_release(&f);
	}
	memcpy(kit_crash_context, saved, sizeof(saved));
	reply_send(&c);
	call_release(&c);
}
