// SPDX-License-Identifier: MIT
/* refcount_t saturates like the kernel's, with a warning for each misuse. */
#include <linux/refcount.h>
#include "check.h"

static refcount_t r;

static void underflow(void *arg)
{
	(void)arg;
	refcount_set(&r, 1);
	CHECK(refcount_dec_and_test(&r));
	CHECK(!refcount_dec_and_test(&r));
}

static void test_underflow_saturates(void)
{
	struct kit_frame f;

	CHECK(in_frame(&f, underflow, NULL) == 0);
	CHECK(warned(&f, "underflow; use-after-free"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	kit_frame_release(&f);
}

static void add_on_zero(void *arg)
{
	(void)arg;
	refcount_set(&r, 0);
	refcount_inc(&r);
}

static void test_inc_on_zero(void)
{
	struct kit_frame f;

	in_frame(&f, add_on_zero, NULL);
	CHECK(warned(&f, "addition on 0; use-after-free"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	kit_frame_release(&f);
}

static void overflow(void *arg)
{
	(void)arg;
	refcount_set(&r, REFCOUNT_MAX);
	refcount_inc(&r);
	refcount_inc(&r);
}

static void test_overflow_stays_saturated(void)
{
	struct kit_frame f;

	in_frame(&f, overflow, NULL);
	CHECK(f.nwarnings == 2);
	CHECK(warned(&f, "saturated; leaking memory"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	kit_frame_release(&f);
}

static void plain(void *arg)
{
	(void)arg;
	refcount_set(&r, 2);
	refcount_inc(&r);
	CHECK(refcount_inc_not_zero(&r));
	CHECK(refcount_read(&r) == 4);
	refcount_dec(&r);
	CHECK(!refcount_dec_and_test(&r));
	CHECK(!refcount_dec_and_test(&r));
	CHECK(refcount_dec_and_test(&r));
	CHECK(!refcount_inc_not_zero(&r));
	CHECK(refcount_read(&r) == 0);
}

static void test_balanced_use_is_silent(void)
{
	struct kit_frame f;

	CHECK(in_frame(&f, plain, NULL) == 0);
	CHECK(f.nwarnings == 0);
	kit_frame_release(&f);
}

static void dec_to_zero(void *arg)
{
	(void)arg;
	refcount_set(&r, 1);
	refcount_dec(&r);
}

static void test_dec_to_zero_leaks(void)
{
	struct kit_frame f;

	in_frame(&f, dec_to_zero, NULL);
	CHECK(warned(&f, "decrement hit 0; leaking memory"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	kit_frame_release(&f);
}

int main(void)
{
	RUN(test_underflow_saturates);
	RUN(test_inc_on_zero);
	RUN(test_overflow_stays_saturated);
	RUN(test_balanced_use_is_silent);
	RUN(test_dec_to_zero_leaks);
	return failures != 0;
}
