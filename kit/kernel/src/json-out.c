// SPDX-License-Identifier: MIT
/* The JSON printer of json.c's rule 2: strings are escaped so that they round-trip exactly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kit-main.h"

static void reserve(struct json_out *o, size_t more)
{
	size_t cap = o->cap == 0 ? 256 : o->cap;

	if (o->len + more + 1 <= o->cap)
		return;
	while (cap < o->len + more + 1)
		cap *= 2;
	o->buf = realloc(o->buf, cap);
	if (o->buf == NULL) {
		fputs("kit: out of memory writing a message\n", stderr);
		abort();
	}
	o->cap = cap;
}

static void put(struct json_out *o, const char *s, size_t n)
{
	reserve(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

void jo_reset(struct json_out *o)
{
	o->len = 0;
	if (o->buf != NULL)
		o->buf[0] = '\0';
}

void jo_raw(struct json_out *o, const char *text)
{
	put(o, text, strlen(text));
}

static void escape_unit(struct json_out *o, unsigned int unit)
{
	char e[8];

	snprintf(e, sizeof(e), "\\u%04x", unit);
	put(o, e, 6);
}

/* The code point of a (WTF-8) sequence at s, and its length; 0 when the byte is invalid. */
static size_t decode(const unsigned char *s, size_t left, unsigned int *cp)
{
	size_t n;
	unsigned int v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] < 0xe0) {
		n = 2;
		v = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] < 0xf0) {
		n = 3;
		v = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] < 0xf5) {
		n = 4;
		v = s[0] & 0x07;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)))
		return 0;
	*cp = v;
	return n;
}

void jo_str(struct json_out *o, struct kit_str str)
{
	const unsigned char *s = (const unsigned char *)str.s;
	size_t i = 0;

	put(o, "\"", 1);
	while (i < str.len) {
		unsigned int cp;
		size_t n = decode(s + i, str.len - i, &cp);

		if (n == 0) {
			escape_unit(o, 0xfffd);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			put(o, cp == '"' ? "\\\"" : "\\\\", 2);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp < 0xe000))
			escape_unit(o, cp);
		else
			put(o, (const char *)s + i, n);
		i += n;
	}
	put(o, "\"", 1);
}

void jo_cstr(struct json_out *o, const char *s)
{
	jo_str(o, (struct kit_str){ s, strlen(s) });
}

void jo_uint(struct json_out *o, unsigned long long n)
{
	char b[32];

	snprintf(b, sizeof(b), "%llu", n);
	jo_raw(o, b);
}

void jo_int(struct json_out *o, long long n)
{
	char b[32];

	snprintf(b, sizeof(b), "%lld", n);
	jo_raw(o, b);
}
