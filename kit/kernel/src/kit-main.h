/* SPDX-License-Identifier: MIT */
/*
 * The protocol main's private interfaces (docs/exec-protocol.md is the protocol; the table of
 * how each method maps to <linux/ioasid.h> is in docs/writing-an-implementation.md).
 *
 * Rules:
 *  1. The main translates, it never decides: every answer comes from the file's API, from the
 *     kit's stand-ins (an aborted call), or from a translation that could not be made (a
 *     NoErrno "untranslatable" answer naming the argument).
 *  2. Strings travel with their length (names may hold any character, NUL included) and go back
 *     to the harness byte for byte.
 *  3. Hostile input never crashes the main: a line that is not a message is reported on stderr
 *     and skipped; a call whose arguments do not fit its method is answered "untranslatable".
 */
#ifndef KIT_MAIN_H
#define KIT_MAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/ioasid.h>
#include <kit/inspect.h>
#include <kit/runtime.h>

/* ---- strings (rule 2) */
struct kit_str {
	const char *s;
	size_t len;
};

bool kit_str_eq(struct kit_str a, struct kit_str b);
bool kit_str_is(struct kit_str a, const char *lit);

/* ---- JSON (json.c) */
enum json_type { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_type type;
	double number;
	struct kit_str str;	/* JSON_STRING */
	struct kit_str key;	/* an object member's name */
	struct json *items;	/* JSON_ARRAY: the items; JSON_OBJECT: the members (key in str) */
	size_t n;
};

/* Parse one message; false with a reason in err when the text is not strict JSON. */
bool json_parse(const char *text, size_t len, struct json *out, char *err, size_t errlen);
void json_free(struct json *v);
/* The string whose opening quote is at *p (json-string.c): NULL, or why it is malformed. */
const char *json_string(const char **p, const char *end, struct kit_str *out);
const struct json *json_member(const struct json *obj, const char *key);
/* An integer in the JavaScript sense (a finite number with no fraction). */
bool json_integer(const struct json *v, double *out);

struct json_out {
	char *buf;
	size_t len, cap;
};

void jo_raw(struct json_out *o, const char *text);
void jo_str(struct json_out *o, struct kit_str s);
void jo_cstr(struct json_out *o, const char *s);
void jo_uint(struct json_out *o, unsigned long long n);
void jo_int(struct json_out *o, long long n);
void jo_reset(struct json_out *o);

/* ---- the wire (wire.c) */
enum msg_type { MSG_INIT, MSG_CALL, MSG_HANDLER_DONE, MSG_ALLOCATOR_ANSWER, MSG_SHUTDOWN };

struct msg {
	enum msg_type type;
	struct json root;
	long long seq;			/* call, handler-done, allocator-answer */
	struct kit_str method;		/* call */
	const struct json *args;	/* call: an array, or NULL when malformed */
	const struct json *value;	/* allocator-answer */
	const struct json *config;	/* init */
	const struct json *version;	/* init */
	char *raw;			/* the line itself (for a handover) */
	size_t rawlen;
};

/* The next message (false at end of input). Lines that are not messages are skipped (rule 3). */
bool wire_next(struct msg *m);
void wire_free(struct msg *m);
/* Write one message (a newline is added) to the protocol's stdout. */
void wire_send(struct json_out *o);
/* Bytes read ahead of the last message, for a handover to the next core's process. */
void wire_prime(const char *bytes, size_t n);
void wire_unread(const char **bytes, size_t *n);
void wire_set_output(int fd);

/* ---- handles: what the harness names, as the file knows it (handles.c) */
struct kit_nb {
	struct notifier_block nb;
	struct kit_str name;
};

struct kit_ops {
	struct ioasid_allocator_ops ops;
	struct kit_str name;
};

long kit_set_handle_of(const struct ioasid_set *set);
long kit_set_adopt(struct ioasid_set *set);
/* The set of a handle: NULL with *why set when it was never handed out or the file freed it. */
struct ioasid_set *kit_set_of_handle(double handle, const char **why);
void kit_free_observed(const void *ptr);
struct mm_struct *kit_mm_of(unsigned long n);
void *kit_data_intern(struct kit_str s);
bool kit_data_lookup(const void *p, struct kit_str *out);
struct kit_nb *kit_nb_named(struct kit_str name);
struct kit_ops *kit_ops_named(struct kit_str name);
bool kit_ops_known(const void *p);
/* The allocator functions standing for a `fns` key; false when the pool is used up. */
bool kit_fns_of(struct kit_str fns, ioasid_alloc_fn_t *alloc, ioasid_free_fn_t *free);

/* ---- one call (args.c, reply.c) */
#define KIT_MAX_NOTES 20

union kit_slot {
	ioasid_t id;
	int i;
	unsigned int u;
	struct ioasid_set *set;
	struct mm_struct *mm;
	void *ptr;
	struct kit_nb *nb;
	struct kit_ops *ops;
	bool (*getter)(void *);
	enum ioasid_notify_val event;
};

enum kit_answer {
	ANS_OK_NULL, ANS_OK_NUMBER, ANS_OK_DATA, ANS_OK_IDS, ANS_ERR, ANS_NO_ERRNO, ANS_VIEW, ANS_VIEW_NULL,
	ANS_INSPECT,	/* an introspection answer: `inspect` (methods-inspect.c) */
};

struct kit_call {
	const struct msg *msg;
	union kit_slot a[4];
	/* what the API returned */
	int ret;
	ioasid_t ret_id;
	void *ret_ptr;
	struct kit_frame frame;
	/* the answer */
	enum kit_answer kind;
	long long number;
	struct kit_str data;
	unsigned int *ids;
	size_t nids, idcap;
	int err;
	const char *via;
	char *warnings[KIT_MAX_NOTES];	/* raised by the file during the call */
	unsigned int nwarnings;
	char *notes[KIT_MAX_NOTES];	/* the kit's own remarks */
	unsigned int nnotes;
	struct kit_id_view view;
	char inspect[192];	/* ANS_INSPECT: the JSON of the answer */
};

/* Translate argument i (rule 1: false means the call is answered "untranslatable"). */
bool arg_id(struct kit_call *c, size_t i, ioasid_t *out);
bool arg_int(struct kit_call *c, size_t i, int *out);
bool arg_set(struct kit_call *c, size_t i, struct ioasid_set **out);
bool arg_set_or_null(struct kit_call *c, size_t i, struct ioasid_set **out);
bool arg_mm(struct kit_call *c, size_t i, struct mm_struct **out);
bool arg_name(struct kit_call *c, size_t i, struct kit_str *out);
bool arg_data(struct kit_call *c, size_t i, void **out);
bool arg_string_of(struct kit_call *c, size_t i, const char *const *choices, size_t n, size_t *out);
const struct json *arg_object(struct kit_call *c, size_t i);
bool member_number(struct kit_call *c, const struct json *obj, const char *key, double *out);

void note(struct kit_call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void untranslatable(struct kit_call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Run fn in a call frame; false when the stand-ins aborted it (the answer is then set). */
bool invoke(struct kit_call *c, void (*fn)(void *));
/* Turn what the API returned into the answer. */
void answer_void(struct kit_call *c);
void answer_int(struct kit_call *c, int ret);
void answer_id(struct kit_call *c, ioasid_t id);
void answer_errno(struct kit_call *c, int negative);
void answer_set(struct kit_call *c, struct ioasid_set *set);
void reply_send(struct kit_call *c);
void call_release(struct kit_call *c);

/* ---- callbacks into the harness (callbacks.c) */
int kit_nb_call(struct notifier_block *nb, unsigned long action, void *data);
ioasid_t kit_allocator_alloc(unsigned int k, ioasid_t min, ioasid_t max, void *pdata);
void kit_allocator_free(unsigned int k, ioasid_t id, void *pdata);
/* A handover to the next core's process (main.c): never returns. */
_Noreturn void kit_reinit(struct msg *m);

/* ---- methods (methods-*.c) and dispatch (dispatch.c) */
typedef void (*kit_method_fn)(struct kit_call *c);

struct kit_method {
	const char *name;
	kit_method_fn fn;
	size_t nargs;
};

extern const struct kit_method kit_set_methods[];
extern const struct kit_method kit_id_methods[];
extern const struct kit_method kit_notify_methods[];
extern const struct kit_method kit_inspect_methods[];
/* The optional introspection (methods-inspect.c): is `name` one of its methods; its answer when
 * the call could not be made (null); the `features` member of `ready`. */
bool kit_is_inspect_method(struct kit_str name);
void kit_inspect_unanswered(struct kit_call *c);
void kit_features(struct json_out *o);
void kit_dispatch(const struct msg *m);
/* Is a call of the harness in progress (a handler or allocator callback is being served)? */
unsigned int kit_call_depth(void);


#endif
