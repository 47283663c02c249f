// SPDX-License-Identifier: MIT
/*
 * The wire: newline-delimited messages on stdin, answers on the protocol's stdout.
 *
 * Rules:
 *  1. A line longer than WIRE_MAX_LINE is dropped whole (reported on stderr).
 *  2. A line that is not one of the harness's messages is reported and skipped; a `call` whose
 *     `seq` is readable is kept even when its method or arguments are not (the dispatcher
 *     answers it), so the harness never waits for an answer that will not come.
 *  3. Writes go to the descriptor set by wire_set_output (a copy of the original stdout; fd 1
 *     is pointed at stderr, so stray printf output cannot corrupt the protocol).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kit-main.h"

#define WIRE_MAX_LINE (16UL << 20)

static char *buf;
static size_t start, end, cap;
static int out_fd = 1;

void wire_set_output(int fd)
{
	out_fd = fd;
}

void wire_prime(const char *bytes, size_t n)
{
	free(buf);
	cap = n + 4096;
	buf = malloc(cap);
	if (buf == NULL)
		abort();
	memcpy(buf, bytes, n);
	start = 0;
	end = n;
}

void wire_unread(const char **bytes, size_t *n)
{
	*bytes = buf + start;
	*n = end - start;
}

/* Read more input; false at end of input. */
static bool fill(void)
{
	ssize_t got;

	if (start > 0) {
		memmove(buf, buf + start, end - start);
		end -= start;
		start = 0;
	}
	if (end == cap) {
		cap = cap == 0 ? 65536 : cap * 2;
		buf = realloc(buf, cap);
		if (buf == NULL)
			abort();
	}
	do
		got = read(0, buf + end, cap - end);
	while (got < 0 && errno == EINTR);
	if (got <= 0)
		return false;
	end += (size_t)got;
	return true;
}

/* The next line (without its newline), or false at end of input. */
static bool next_line(char **line, size_t *len)
{
	bool dropping = false;

	for (;;) {
		char *nl = end > start ? memchr(buf + start, '\n', end - start) : NULL;

		if (nl != NULL) {
			*line = buf + start;
			*len = (size_t)(nl - (buf + start));
			start += *len + 1;
			if (!dropping)
				return true;
			dropping = false;
			continue;
		}
		if (end - start > WIRE_MAX_LINE) {
			if (!dropping)
				fprintf(stderr, "kit: dropping a line longer than %lu bytes\n", WIRE_MAX_LINE);
			dropping = true;
			start = end;
		}
		if (!fill())
			return false;
	}
}

static bool seq_of(const struct json *root, long long *seq)
{
	double d;

	if (!json_integer(json_member(root, "seq"), &d) || d < 0 || d > 9007199254740991.0)
		return false;
	*seq = (long long)d;
	return true;
}

/* Rule 2: classify one parsed line. */
static bool classify(struct msg *m)
{
	const struct json *type = json_member(&m->root, "type");
	const struct json *method;

	if (type == NULL || type->type != JSON_STRING)
		return false;
	if (kit_str_is(type->str, "init")) {
		m->type = MSG_INIT;
		m->config = json_member(&m->root, "config");
		m->version = json_member(&m->root, "version");
		return true;
	}
	if (kit_str_is(type->str, "shutdown")) {
		m->type = MSG_SHUTDOWN;
		return true;
	}
	if (!seq_of(&m->root, &m->seq))
		return false;
	if (kit_str_is(type->str, "call")) {
		m->type = MSG_CALL;
		method = json_member(&m->root, "method");
		if (method != NULL && method->type == JSON_STRING)
			m->method = method->str;
		m->args = json_member(&m->root, "args");
		if (m->args != NULL && m->args->type != JSON_ARRAY)
			m->args = NULL;
		return true;
	}
	if (kit_str_is(type->str, "handler-done")) {
		m->type = MSG_HANDLER_DONE;
		return true;
	}
	if (kit_str_is(type->str, "allocator-answer")) {
		m->type = MSG_ALLOCATOR_ANSWER;
		m->value = json_member(&m->root, "value");
		return true;
	}
	return false;
}

bool wire_next(struct msg *m)
{
	char *line, err[96];
	size_t len;

	for (;;) {
		memset(m, 0, sizeof(*m));
		if (!next_line(&line, &len))
			return false;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;
		if (!json_parse(line, len, &m->root, err, sizeof(err))) {
			fprintf(stderr, "kit: skipping a line that is not JSON (%s): %.*s\n", err, (int)(len < 200 ? len : 200), line);
			continue;
		}
		if (!classify(m)) {
			fprintf(stderr, "kit: skipping a line that is not a harness message: %.*s\n", (int)(len < 200 ? len : 200), line);
			json_free(&m->root);
			continue;
		}
		m->raw = malloc(len);
		if (m->raw == NULL)
			abort();
		memcpy(m->raw, line, len);
		m->rawlen = len;
		return true;
	}
}

void wire_free(struct msg *m)
{
	json_free(&m->root);
	free(m->raw);
	memset(m, 0, sizeof(*m));
}

void wire_send(struct json_out *o)
{
	size_t done = 0;

	jo_raw(o, "\n");
	while (done < o->len) {
		ssize_t n = write(out_fd, o->buf + done, o->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fputs("kit: the harness is gone (stdout closed); exiting\n", stderr);
			_exit(0);
		}
		done += (size_t)n;
	}
	jo_reset(o);
}
