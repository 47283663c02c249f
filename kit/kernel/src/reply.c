// SPDX-License-Identifier: MIT
/*
 * From what the API returned to the answer on the wire (D30 in spec/decisions.ts).
 *
 * Rules:
 *  1. An int function's 0 is success; its negative errno is compared with the spec's when the
 *     protocol lists it, and is a NoErrno "errno" answer otherwise (it agrees with nothing).
 *  2. A void function that raised no warning succeeded; one that raised warnings is a NoErrno
 *     "void" answer carrying them.
 *  3. INVALID_IOASID and a NULL set are NoErrno "sentinel" answers; an ERR_PTR carries its errno.
 *  4. A call the stand-ins aborted answers the abort's errno (EDEADLK for a self-deadlock,
 *     EINVAL for a lock that should have been held), whatever the function returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/err.h>
#include <linux/errno.h>
#include "kit-main.h"

#if __has_include("kit-errnos.h")
#include "kit-errnos.h"	/* generated from api/errno.ts by the build */
#else
#define KIT_PROTOCOL_ERRNOS(X) X(ENOENT) X(EACCES) X(EINVAL) X(ENOSPC) X(EBUSY) X(EEXIST) X(EAGAIN) X(EDQUOT) X(EDEADLK) X(ENOMEM)
#endif

#define KIT_OTHER_ERRNOS(X) X(EPERM) X(ESRCH) X(EIO) X(ENXIO) X(E2BIG) X(EFAULT) X(ENODEV) \
	X(ENOTTY) X(ERANGE) X(ENOSYS) X(EOVERFLOW) X(EOPNOTSUPP) X(ETIMEDOUT) X(EALREADY) X(ENOTSUPP)

struct errno_name {
	int number;
	const char *name;
	bool listed;
};

#define LISTED(e) { e, #e, true },
#define OTHER(e) { e, #e, false },
static const struct errno_name errnos[] = { KIT_PROTOCOL_ERRNOS(LISTED) KIT_OTHER_ERRNOS(OTHER) };

static const struct errno_name *errno_named(int e)
{
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].number == e)
			return &errnos[i];
	return NULL;
}

bool invoke(struct kit_call *c, void (*fn)(void *))
{
	int aborted = kit_guarded(&c->frame, fn, c);

	for (unsigned int i = 0; i < c->frame.nwarnings; i++) {
		if (c->nwarnings < KIT_MAX_NOTES)
			c->warnings[c->nwarnings++] = c->frame.warnings[i];
		else
			free(c->frame.warnings[i]);
	}
	c->frame.nwarnings = 0;
	if (c->frame.dropped > 0)
		note(c, "%u more warnings were not kept", c->frame.dropped);
	if (aborted == 0)
		return true;
	answer_errno(c, -aborted);
	return false;
}

static void no_errno(struct kit_call *c, const char *via)
{
	c->kind = ANS_NO_ERRNO;
	c->via = via;
}

void answer_errno(struct kit_call *c, int negative)
{
	const struct errno_name *e = errno_named(-negative);

	if (e != NULL && e->listed) {
		c->kind = ANS_ERR;
		c->err = e->number;
		return;
	}
	note(c, "returned %d (%s), an errno the protocol does not list", negative, e == NULL ? "unknown" : e->name);
	no_errno(c, "errno");
}

void answer_void(struct kit_call *c)
{
	if (c->nwarnings > 0)
		no_errno(c, "void");
	else
		c->kind = ANS_OK_NULL;
}

void answer_int(struct kit_call *c, int ret)
{
	if (ret == 0) {
		c->kind = ANS_OK_NULL;
	} else if (ret < 0) {
		answer_errno(c, ret);
	} else {
		note(c, "returned %d, neither 0 nor a negative errno", ret);
		no_errno(c, "errno");
	}
}

void answer_id(struct kit_call *c, ioasid_t id)
{
	if (id == INVALID_IOASID) {
		note(c, "returned INVALID_IOASID");
		no_errno(c, "sentinel");
		return;
	}
	c->kind = ANS_OK_NUMBER;
	c->number = id;
}

void answer_set(struct kit_call *c, struct ioasid_set *set)
{
	if (IS_ERR(set)) {
		answer_errno(c, (int)PTR_ERR(set));
	} else if (set == NULL) {
		note(c, "returned NULL");
		no_errno(c, "sentinel");
	} else {
		c->kind = ANS_OK_NUMBER;
		c->number = kit_set_adopt(set);
	}
}

static void put_strings(struct json_out *o, char *const *list, unsigned int n, bool *first)
{
	for (unsigned int i = 0; i < n; i++) {
		if (!*first)
			jo_raw(o, ",");
		*first = false;
		jo_cstr(o, list[i]);
	}
}

static void put_result(struct json_out *o, struct kit_call *c)
{
	bool first = true;

	switch (c->kind) {
	case ANS_OK_NULL:
		jo_raw(o, "{\"ok\":true,\"value\":null}");
		return;
	case ANS_OK_NUMBER:
		jo_raw(o, "{\"ok\":true,\"value\":");
		jo_int(o, c->number);
		jo_raw(o, "}");
		return;
	case ANS_OK_DATA:
		jo_raw(o, "{\"ok\":true,\"value\":");
		jo_str(o, c->data);
		jo_raw(o, "}");
		return;
	case ANS_OK_IDS:
		jo_raw(o, "{\"ok\":true,\"value\":[");
		for (size_t i = 0; i < c->nids; i++) {
			if (i > 0)
				jo_raw(o, ",");
			jo_uint(o, c->ids[i]);
		}
		jo_raw(o, "]}");
		return;
	case ANS_ERR:
		jo_raw(o, "{\"ok\":false,\"errno\":");
		jo_cstr(o, errno_named(c->err)->name);
		jo_raw(o, "}");
		return;
	case ANS_NO_ERRNO:
	case ANS_VIEW:
	case ANS_VIEW_NULL:
	case ANS_INSPECT:
		break;
	}
	jo_raw(o, "{\"ok\":false,\"errno\":null,\"via\":");
	jo_cstr(o, c->via == NULL ? "untranslatable" : c->via);
	jo_raw(o, ",\"warnings\":[");
	put_strings(o, c->warnings, c->nwarnings, &first);
	put_strings(o, c->notes, c->nnotes, &first);
	jo_raw(o, "]}");
}

void reply_send(struct kit_call *c)
{
	static struct json_out o;

	jo_raw(&o, "{\"type\":\"reply\",\"seq\":");
	jo_int(&o, c->msg->seq);
	if (c->kind == ANS_VIEW) {
		jo_raw(&o, ",\"view\":{\"state\":");
		jo_cstr(&o, c->view.free_pending ? "FREE_PENDING" : "ALLOCATED");
		jo_raw(&o, ",\"refs\":");
		jo_uint(&o, c->view.refs);
		jo_raw(&o, ",\"set\":");
		jo_int(&o, kit_set_handle_of(c->view.set));
		jo_raw(&o, ",\"spid\":");
		if (c->view.spid == INVALID_IOASID)
			jo_raw(&o, "null");
		else
			jo_uint(&o, c->view.spid);
		jo_raw(&o, "}}");
	} else if (c->kind == ANS_VIEW_NULL) {
		jo_raw(&o, ",\"view\":null}");
	} else if (c->kind == ANS_INSPECT) {
		jo_raw(&o, ",\"inspect\":");
		jo_raw(&o, c->inspect);
		jo_raw(&o, "}");
	} else {
		jo_raw(&o, ",\"result\":");
		put_result(&o, c);
		jo_raw(&o, "}");
	}
	wire_send(&o);
}

void call_release(struct kit_call *c)
{
	for (unsigned int i = 0; i < c->nwarnings; i++)
		free(c->warnings[i]);
	for (unsigned int i = 0; i < c->nnotes; i++)
		free(c->notes[i]);
	free(c->ids);
	kit_frame_release(&c->frame);
	memset(c, 0, sizeof(*c));
}
