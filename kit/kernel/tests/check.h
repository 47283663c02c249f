/* SPDX-License-Identifier: MIT */
/*
 * A minimal harness for the stand-ins' unit tests: CHECK() counts failures, RUN() runs one test
 * function in a call frame (so warnings and aborts land there) and prints "ok" or "not ok".
 */
#ifndef KIT_TEST_CHECK_H
#define KIT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>
#include <kit/runtime.h>

static int failures;

#define CHECK(cond) do {							\
	if (!(cond)) {								\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		failures++;							\
	}									\
} while (0)

/* Run fn in a frame; its abort errno (0 when it returned) and its warnings stay in *f. */
static inline int in_frame(struct kit_frame *f, void (*fn)(void *), void *arg)
{
	return kit_guarded(f, fn, arg);
}

/* Does any warning of the frame contain `text`? */
static inline int warned(const struct kit_frame *f, const char *text)
{
	for (unsigned int i = 0; i < f->nwarnings; i++)
		if (strstr(f->warnings[i], text) != NULL)
			return 1;
	return 0;
}

#define RUN(test) do {								\
	int before = failures;							\
	test();									\
	printf("%s %s\n", failures == before ? "ok" : "not ok", #test);	\
} while (0)

#endif
