// SPDX-License-Identifier: MIT
/*
 * Translating a call's arguments from the wire into what the C API takes.
 *
 * Rules:
 *  1. A value the C type can hold is passed on as it is, hostile or not (0, 0x100000,
 *     INVALID_IOASID): refusing it is the file's job.
 *  2. A value the C type cannot hold (a fraction, a negative ID, "NaN", a string for a number,
 *     a set handle that names no live set) is not translatable: the call is not made, and it is
 *     answered NoErrno "untranslatable" with a note naming the argument (D30).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kit-main.h"

static char *vprint(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

void note(struct kit_call *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (c->nnotes == KIT_MAX_NOTES)
		return;
	va_start(ap, fmt);
	s = vprint(fmt, ap);
	va_end(ap);
	if (s != NULL)
		c->notes[c->nnotes++] = s;
}

void untranslatable(struct kit_call *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	c->kind = ANS_NO_ERRNO;
	c->via = "untranslatable";
	va_start(ap, fmt);
	s = vprint(fmt, ap);
	va_end(ap);
	if (s != NULL && c->nnotes < KIT_MAX_NOTES)
		c->notes[c->nnotes++] = s;
	else
		free(s);
}

static const struct json *arg(struct kit_call *c, size_t i)
{
	const struct json *args = c->msg->args;

	return args != NULL && i < args->n ? &args->items[i] : NULL;
}

/* A short rendering of an argument for a note. */
static const char *shown(const struct json *v, char *b, size_t n)
{
	if (v == NULL)
		return "a missing argument";
	switch (v->type) {
	case JSON_NUMBER: snprintf(b, n, "%.17g", v->number); return b;
	case JSON_STRING: snprintf(b, n, "the string \"%.*s\"", (int)(v->str.len < 40 ? v->str.len : 40), v->str.s); return b;
	case JSON_NULL: return "null";
	case JSON_TRUE: case JSON_FALSE: return "a boolean";
	case JSON_ARRAY: return "an array";
	case JSON_OBJECT: return "an object";
	}
	return "?";
}

static bool integer_in(struct kit_call *c, size_t i, double lo, double hi, const char *ctype, double *out)
{
	const struct json *v = arg(c, i);
	char b[64];

	if (json_integer(v, out) && *out >= lo && *out <= hi)
		return true;
	untranslatable(c, "argument %zu: %s is not a value of C type %s", i + 1, shown(v, b, sizeof(b)), ctype);
	return false;
}

bool arg_id(struct kit_call *c, size_t i, ioasid_t *out)
{
	double d;

	if (!integer_in(c, i, 0, 4294967295.0, "ioasid_t", &d))
		return false;
	*out = (ioasid_t)d;
	return true;
}

bool arg_int(struct kit_call *c, size_t i, int *out)
{
	double d;

	if (!integer_in(c, i, -2147483648.0, 2147483647.0, "int", &d))
		return false;
	*out = (int)d;
	return true;
}

bool arg_set(struct kit_call *c, size_t i, struct ioasid_set **out)
{
	const struct json *v = arg(c, i);
	const char *why = "";
	char b[64];
	double d;

	if (!json_integer(v, &d)) {
		untranslatable(c, "argument %zu: %s is not a set handle", i + 1, shown(v, b, sizeof(b)));
		return false;
	}
	*out = kit_set_of_handle(d, &why);
	if (*out != NULL)
		return true;
	untranslatable(c, "argument %zu: set handle %.17g %s", i + 1, d, why);
	return false;
}

bool arg_set_or_null(struct kit_call *c, size_t i, struct ioasid_set **out)
{
	const struct json *v = arg(c, i);

	if (v != NULL && v->type == JSON_NULL) {
		*out = NULL;
		return true;
	}
	return arg_set(c, i, out);
}

bool arg_mm(struct kit_call *c, size_t i, struct mm_struct **out)
{
	double d;

	if (!integer_in(c, i, 0, 9007199254740991.0, "struct mm_struct * (an mm number >= 0)", &d))
		return false;
	*out = d == 0 ? NULL : kit_mm_of((unsigned long)d);
	return true;
}

bool arg_name(struct kit_call *c, size_t i, struct kit_str *out)
{
	const struct json *v = arg(c, i);
	char b[64];

	if (v != NULL && v->type == JSON_STRING && v->str.len > 0) {
		*out = v->str;
		return true;
	}
	untranslatable(c, "argument %zu: %s is not a name (a non-empty string)", i + 1, shown(v, b, sizeof(b)));
	return false;
}

bool arg_data(struct kit_call *c, size_t i, void **out)
{
	const struct json *v = arg(c, i);
	char b[64];

	if (v != NULL && v->type == JSON_NULL) {
		*out = NULL;
		return true;
	}
	if (v != NULL && v->type == JSON_STRING) {
		*out = kit_data_intern(v->str);
		return true;
	}
	untranslatable(c, "argument %zu: %s is not private data (a string or null)", i + 1, shown(v, b, sizeof(b)));
	return false;
}

bool arg_string_of(struct kit_call *c, size_t i, const char *const *choices, size_t n, size_t *out)
{
	const struct json *v = arg(c, i);
	char b[64];

	for (size_t k = 0; v != NULL && v->type == JSON_STRING && k < n; k++) {
		if (kit_str_is(v->str, choices[k])) {
			*out = k;
			return true;
		}
	}
	untranslatable(c, "argument %zu: %s is not one of the expected words", i + 1, shown(v, b, sizeof(b)));
	return false;
}

const struct json *arg_object(struct kit_call *c, size_t i)
{
	const struct json *v = arg(c, i);
	char b[64];

	if (v != NULL && v->type == JSON_OBJECT)
		return v;
	untranslatable(c, "argument %zu: %s is not an object", i + 1, shown(v, b, sizeof(b)));
	return NULL;
}

bool member_number(struct kit_call *c, const struct json *obj, const char *key, double *out)
{
	if (json_integer(json_member(obj, key), out))
		return true;
	untranslatable(c, "member \"%s\" is not an integer", key);
	return false;
}
