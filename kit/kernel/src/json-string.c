// SPDX-License-Identifier: MIT
/* JSON strings in (json.c rule 2): escapes resolved into WTF-8, lone surrogates kept. */
#include <stdlib.h>
#include "kit-main.h"

static int hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char ch = p[i];

		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			v |= ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			v |= ch - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static size_t put_utf8(char *o, unsigned int cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Rule 2 of json.c: the string starting at the quote *p, unescaped into WTF-8. */
const char *json_string(const char **p, const char *end, struct kit_str *out)
{
	const char *start = ++*p;
	char *buf, *o;

	while (*p < end && **p != '"') {
		if ((unsigned char)**p < 0x20)
			return "control character in a string";
		*p += **p == '\\' && *p + 1 < end ? 2 : 1;
	}
	if (*p >= end)
		return "unterminated string";
	buf = malloc((size_t)(*p - start) + 1);
	if (buf == NULL)
		return "out of memory";
	o = buf;
	for (const char *q = start; q < *p; q++) {
		int cp, lo;

		if (*q != '\\') {
			*o++ = *q;
			continue;
		}
		switch (*++q) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (*p - q < 5 || (cp = hex4(q + 1)) < 0) {
				free(buf);
				return "malformed \\u escape";
			}
			q += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && *p - q >= 7 && q[1] == '\\' && q[2] == 'u' &&
			    (lo = hex4(q + 3)) >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				q += 6;
			}
			o += put_utf8(o, (unsigned int)cp);
			break;
		default:
			free(buf);
			return "unknown escape in a string";
		}
	}
	++*p;
	out->s = buf;
	out->len = (size_t)(o - buf);
	return NULL;
}
