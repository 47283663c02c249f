// SPDX-License-Identifier: MIT
/*
 * Callbacks into the harness: a notifier call becomes a `deliver`, an allocator call an
 * `allocator-alloc` / `allocator-free`, and the main keeps serving the harness until the answer
 * with the callback's seq arrives (docs/exec-protocol.md, "Callbacks").
 *
 * Rules:
 *  1. While a delivery is outstanding, the harness's calls are dispatched as usual: they run
 *     inside the file's notifier call, with whatever lock the file holds (handler context).
 *  2. While an allocator callback is outstanding, a call is answered EDEADLK without reaching
 *     the file (the protocol's rule).
 *  3. An allocator's answer that ioasid_t cannot hold (a fraction, "NaN", a negative number)
 *     reaches the file as INVALID_IOASID, which it must refuse (D29).
 *  4. Answers with another seq are reported on stderr and ignored; a new `init` hands over to
 *     the next core's process; `shutdown` or the end of input ends the process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/slab.h>
#include "kit-main.h"

static long long next_seq;
static const char *const events[] = { "?", "ALLOC", "FREE", "BIND", "UNBIND" };

/* Rule 4 for anything that is not the awaited answer; false when m was not consumed. */
static void other_message(struct msg *m, long long seq)
{
	switch (m->type) {
	case MSG_INIT:
		kit_reinit(m);
	case MSG_SHUTDOWN:
		exit(0);
	case MSG_CALL:
	case MSG_HANDLER_DONE:
	case MSG_ALLOCATOR_ANSWER:
		break;
	}
	fprintf(stderr, "kit: ignoring an answer with seq %lld while waiting for callback #%lld\n", m->seq, seq);
}

/* Serve the harness until the answer of callback `seq` of type `want`; its message in *m. */
static void await(long long seq, enum msg_type want, struct msg *m)
{
	for (;;) {
		if (!wire_next(m))
			exit(0);
		if (m->type == want && m->seq == seq)
			return;
		if (m->type == MSG_CALL) {
			if (want == MSG_HANDLER_DONE) {
				kit_dispatch(m);
			} else {
				struct kit_call c = { .msg = m, .kind = ANS_ERR, .err = EDEADLK };

				if (kit_str_is(m->method, "inspectId"))
					c.kind = ANS_VIEW_NULL;
				reply_send(&c);
			}
		} else {
			other_message(m, seq);
		}
		wire_free(m);
	}
}

int kit_nb_call(struct notifier_block *nb, unsigned long action, void *data)
{
	struct kit_nb *k = container_of(nb, struct kit_nb, nb);
	const struct ioasid_nb_args *args = data;
	long long seq = ++next_seq;
	struct json_out o = { 0 };
	struct msg m;

	kit_fail_nth(0); /* D32: nothing fails after the first delivery (dispatch.c rule 4) */
	if (args == NULL)
		fprintf(stderr, "kit: notifier \"%.*s\" called without struct ioasid_nb_args\n", (int)k->name.len, k->name.s);
	jo_raw(&o, "{\"type\":\"deliver\",\"seq\":");
	jo_int(&o, seq);
	jo_raw(&o, ",\"delivery\":{\"event\":");
	if (action >= 1 && action <= 4) {
		jo_cstr(&o, events[action]);
	} else {
		char b[40];

		snprintf(b, sizeof(b), "event %lu", action);
		fprintf(stderr, "kit: notifier called with unknown %s\n", b);
		jo_cstr(&o, b);
	}
	jo_raw(&o, ",\"id\":");
	jo_uint(&o, args == NULL ? 0 : args->id);
	jo_raw(&o, ",\"spid\":");
	if (args == NULL || args->spid == INVALID_IOASID)
		jo_raw(&o, "null");
	else
		jo_uint(&o, args->spid);
	jo_raw(&o, ",\"set\":");
	jo_int(&o, args == NULL ? 0 : kit_set_handle_of(args->set));
	jo_raw(&o, ",\"notifier\":");
	jo_str(&o, k->name);
	jo_raw(&o, "}}");
	wire_send(&o);
	free(o.buf);
	await(seq, MSG_HANDLER_DONE, &m);
	wire_free(&m);
	return NOTIFY_OK;
}

/* The ops a callback names: the kit_ops its pdata points to. */
static const struct kit_ops *ops_of(void *pdata)
{
	if (kit_ops_known(pdata))
		return pdata;
	fputs("kit: an allocator function was called with data that is not the pdata of registered ops\n", stderr);
	return NULL;
}

static long long send_allocator(const char *type, const struct kit_ops *ops, ioasid_t a, ioasid_t b, bool two)
{
	long long seq = ++next_seq;
	struct json_out o = { 0 };

	jo_raw(&o, "{\"type\":");
	jo_cstr(&o, type);
	jo_raw(&o, ",\"seq\":");
	jo_int(&o, seq);
	jo_raw(&o, ",\"name\":");
	jo_str(&o, ops == NULL ? (struct kit_str){ "", 0 } : ops->name);
	jo_raw(&o, two ? ",\"min\":" : ",\"id\":");
	jo_uint(&o, a);
	if (two) {
		jo_raw(&o, ",\"max\":");
		jo_uint(&o, b);
	}
	jo_raw(&o, "}");
	wire_send(&o);
	free(o.buf);
	return seq;
}

ioasid_t kit_allocator_alloc(unsigned int k, ioasid_t min, ioasid_t max, void *pdata)
{
	long long seq = send_allocator("allocator-alloc", ops_of(pdata), min, max, true);
	ioasid_t id = INVALID_IOASID;
	struct msg m;
	double d;

	(void)k;
	await(seq, MSG_ALLOCATOR_ANSWER, &m);
	if (json_integer(m.value, &d) && d >= 0 && d <= 4294967295.0)
		id = (ioasid_t)d;
	wire_free(&m);
	return id;
}

void kit_allocator_free(unsigned int k, ioasid_t id, void *pdata)
{
	long long seq = send_allocator("allocator-free", ops_of(pdata), id, 0, false);
	struct msg m;

	(void)k;
	await(seq, MSG_ALLOCATOR_ANSWER, &m);
	wire_free(&m);
}
