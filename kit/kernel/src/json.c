// SPDX-License-Identifier: MIT
/*
 * A strict JSON parser and printer for the protocol's messages, no library needed.
 *
 * Rules:
 *  1. The grammar is RFC 8259's, nothing more: no comments, trailing commas, NaN or hex; a
 *     duplicate key, nesting deeper than JSON_MAX_DEPTH, or bytes after the value are errors.
 *  2. Strings are stored as WTF-8 with their length: escaped lone surrogates survive the round
 *     trip, and the printer writes every surrogate, control character and invalid byte back as
 *     an escape, so a name comes back to the harness exactly as it came.
 *  3. Numbers become doubles (strtod on the validated text): out-of-range ones become infinite,
 *     which is simply not an integer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kit-main.h"

#define JSON_MAX_DEPTH 32

struct parser {
	const char *p, *end;
	char *err;
	size_t errlen;
	int depth;
};

static bool fail(struct parser *ps, const char *what)
{
	if (ps->err[0] == '\0')
		snprintf(ps->err, ps->errlen, "%s", what);
	return false;
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static bool literal(struct parser *ps, const char *word, struct json *out, enum json_type t)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "not a JSON value");
	ps->p += n;
	out->type = t;
	return true;
}

static bool digits(struct parser *ps)
{
	const char *start = ps->p;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return ps->p > start;
}

static bool number(struct parser *ps, struct json *out)
{
	const char *start = ps->p;
	char small[64], *copy;
	size_t n;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0')
		ps->p++;
	else if (!digits(ps))
		return fail(ps, "malformed number");
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (!digits(ps))
			return fail(ps, "malformed number");
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (!digits(ps))
			return fail(ps, "malformed number");
	}
	n = (size_t)(ps->p - start);
	copy = n < sizeof(small) ? small : malloc(n + 1);
	if (copy == NULL)
		return fail(ps, "out of memory");
	memcpy(copy, start, n);
	copy[n] = '\0';
	out->type = JSON_NUMBER;
	out->number = strtod(copy, NULL);
	if (copy != small)
		free(copy);
	return true;
}

/* A string at the parser's position. */
static bool string(struct parser *ps, struct kit_str *out)
{
	const char *err = json_string(&ps->p, ps->end, out);

	return err == NULL || fail(ps, err);
}

static bool value(struct parser *ps, struct json *out);

static bool push(struct parser *ps, struct json *parent, size_t *cap)
{
	if (parent->n == *cap) {
		size_t grown = *cap == 0 ? 4 : *cap * 2;
		struct json *items = realloc(parent->items, grown * sizeof(*items));

		if (items == NULL)
			return fail(ps, "out of memory");
		parent->items = items;
		*cap = grown;
	}
	memset(&parent->items[parent->n], 0, sizeof(parent->items[0]));
	return true;
}

static bool container(struct parser *ps, struct json *out, bool object)
{
	size_t cap = 0;

	out->type = object ? JSON_OBJECT : JSON_ARRAY;
	if (++ps->depth > JSON_MAX_DEPTH)
		return fail(ps, "nested too deeply");
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
		ps->p++;
		ps->depth--;
		return true;
	}
	for (;;) {
		struct json *item;

		if (!push(ps, out, &cap))
			return false;
		item = &out->items[out->n++];
		skip_ws(ps);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"' || !string(ps, &item->key))
				return fail(ps, "expected a member name");
			for (size_t i = 0; i + 1 < out->n; i++)
				if (kit_str_eq(out->items[i].key, item->key))
					return fail(ps, "duplicate member name");
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p++ != ':')
				return fail(ps, "expected ':'");
			skip_ws(ps);
		}
		if (!value(ps, item))
			return false;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
			ps->p++;
			ps->depth--;
			return true;
		}
		return fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static bool value(struct parser *ps, struct json *out)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end of input");
	switch (*ps->p) {
	case '{': return container(ps, out, true);
	case '[': return container(ps, out, false);
	case '"': out->type = JSON_STRING; return string(ps, &out->str);
	case 't': return literal(ps, "true", out, JSON_TRUE);
	case 'f': return literal(ps, "false", out, JSON_FALSE);
	case 'n': return literal(ps, "null", out, JSON_NULL);
	default: return number(ps, out);
	}
}

bool json_parse(const char *text, size_t len, struct json *out, char *err, size_t errlen)
{
	struct parser ps = { .p = text, .end = text + len, .err = err, .errlen = errlen };

	err[0] = '\0';
	memset(out, 0, sizeof(*out));
	if (value(&ps, out)) {
		skip_ws(&ps);
		if (ps.p == ps.end)
			return true;
		fail(&ps, "text after the value");
	}
	json_free(out);
	return false;
}

void json_free(struct json *v)
{
	for (size_t i = 0; i < v->n; i++)
		json_free(&v->items[i]);
	free(v->items);
	free((char *)v->str.s);
	free((char *)v->key.s);
	memset(v, 0, sizeof(*v));
}

const struct json *json_member(const struct json *obj, const char *key)
{
	if (obj == NULL || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (kit_str_is(obj->items[i].key, key))
			return &obj->items[i];
	return NULL;
}

bool json_integer(const struct json *v, double *out)
{
	if (v == NULL || v->type != JSON_NUMBER || !isfinite(v->number) || floor(v->number) != v->number)
		return false;
	*out = v->number;
	return true;
}

bool kit_str_eq(struct kit_str a, struct kit_str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

bool kit_str_is(struct kit_str a, const char *lit)
{
	return kit_str_eq(a, (struct kit_str){ lit, strlen(lit) });
}
