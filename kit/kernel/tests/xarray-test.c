// SPDX-License-Identifier: MIT
/* The xarray stand-in: xa_alloc honours its limits, reservations, iteration order, marks. */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "check.h"

static int a, b, c;

static void test_alloc_honours_limits(void)
{
	DEFINE_XARRAY_ALLOC(xa);
	u32 id = 99;

	CHECK(xa_alloc(&xa, &id, &a, XA_LIMIT(5, 7), GFP_KERNEL) == 0 && id == 5);
	CHECK(xa_alloc(&xa, &id, &b, XA_LIMIT(5, 7), GFP_KERNEL) == 0 && id == 6);
	CHECK(xa_alloc(&xa, &id, &c, XA_LIMIT(5, 7), GFP_KERNEL) == 0 && id == 7);
	id = 99;
	CHECK(xa_alloc(&xa, &id, &c, XA_LIMIT(5, 7), GFP_KERNEL) == -EBUSY && id == 99);
	CHECK(xa_erase(&xa, 6) == &b);
	CHECK(xa_alloc(&xa, &id, &b, XA_LIMIT(0, 100), GFP_KERNEL) == 0 && id == 0);
	CHECK(xa_alloc(&xa, &id, &b, XA_LIMIT(1, 100), GFP_KERNEL) == 0 && id == 1);
	CHECK(xa_alloc(&xa, &id, &b, XA_LIMIT(6, 6), GFP_KERNEL) == 0 && id == 6);
	CHECK(xa_alloc(&xa, &id, &b, XA_LIMIT(9, 8), GFP_KERNEL) == -EBUSY);
	CHECK(xa_alloc(&xa, &id, &b, XA_LIMIT(UINT_MAX, UINT_MAX), GFP_KERNEL) == 0 && id == UINT_MAX);
	xa_destroy(&xa);
}

static void test_alloc1_skips_zero(void)
{
	DEFINE_XARRAY_ALLOC1(xa);
	u32 id;

	CHECK(xa_alloc(&xa, &id, &a, xa_limit_32b, GFP_KERNEL) == 0 && id == 1);
	CHECK(xa_insert(&xa, 0, &a, GFP_KERNEL) == -EBUSY);
	xa_destroy(&xa);
}

static void misuse(void *arg)
{
	u32 id;

	(void)arg;
	DEFINE_XARRAY(plain);
	CHECK(xa_alloc(&plain, &id, &a, xa_limit_32b, GFP_KERNEL) == -EINVAL);
}

static void test_alloc_needs_an_allocating_array(void)
{
	struct kit_frame f;

	in_frame(&f, misuse, NULL);
	CHECK(f.nwarnings == 1);
	kit_frame_release(&f);
}

static void test_reservations(void)
{
	DEFINE_XARRAY_ALLOC(xa);
	unsigned long index;
	void *entry;
	int seen = 0;
	u32 id;

	CHECK(xa_alloc(&xa, &id, NULL, XA_LIMIT(1, 9), GFP_KERNEL) == 0 && id == 1);
	CHECK(xa_load(&xa, 1) == NULL && !xa_empty(&xa));
	CHECK(xa_alloc(&xa, &id, &a, XA_LIMIT(1, 9), GFP_KERNEL) == 0 && id == 2);
	CHECK(xa_store(&xa, 2, NULL, GFP_KERNEL) == &a);
	CHECK(xa_insert(&xa, 2, &b, GFP_KERNEL) == -EBUSY);
	xa_for_each(&xa, index, entry)
		seen++;
	CHECK(seen == 0);
	CHECK(xa_erase(&xa, 1) == NULL && xa_erase(&xa, 2) == NULL);
	CHECK(xa_empty(&xa));
}

static void test_store_null_erases_a_plain_array(void)
{
	DEFINE_XARRAY(xa);

	CHECK(xa_store(&xa, 10, &a, GFP_KERNEL) == NULL);
	CHECK(xa_store(&xa, 10, NULL, GFP_KERNEL) == &a);
	CHECK(xa_empty(&xa));
}

static void test_iteration_is_ascending(void)
{
	DEFINE_XARRAY(xa);
	unsigned long index, order[4];
	void *entry;
	int n = 0;

	xa_store(&xa, 30, &c, GFP_KERNEL);
	xa_store(&xa, 10, &a, GFP_KERNEL);
	xa_store(&xa, 20, &b, GFP_KERNEL);
	xa_for_each(&xa, index, entry)
		if (n < 4)
			order[n++] = index;
	CHECK(n == 3 && order[0] == 10 && order[1] == 20 && order[2] == 30);
	n = 0;
	xa_for_each_range(&xa, index, entry, 11, 30)
		n++;
	CHECK(n == 2);
	xa_set_mark(&xa, 20, XA_MARK_1);
	n = 0;
	xa_for_each_marked(&xa, index, entry, XA_MARK_1)
		n += entry == &b;
	CHECK(n == 1 && xa_get_mark(&xa, 20, XA_MARK_1) && !xa_get_mark(&xa, 10, XA_MARK_1));
	xa_destroy(&xa);
}

static void test_cyclic(void)
{
	DEFINE_XARRAY_ALLOC(xa);
	u32 id, next = 0;

	CHECK(xa_alloc_cyclic(&xa, &id, &a, XA_LIMIT(1, 3), &next, GFP_KERNEL) == 0 && id == 1);
	CHECK(xa_alloc_cyclic(&xa, &id, &a, XA_LIMIT(1, 3), &next, GFP_KERNEL) == 0 && id == 2);
	xa_erase(&xa, 1);
	CHECK(xa_alloc_cyclic(&xa, &id, &a, XA_LIMIT(1, 3), &next, GFP_KERNEL) == 0 && id == 3);
	CHECK(xa_alloc_cyclic(&xa, &id, &a, XA_LIMIT(1, 3), &next, GFP_KERNEL) == 1 && id == 1);
	CHECK(xa_alloc_cyclic(&xa, &id, &a, XA_LIMIT(1, 3), &next, GFP_KERNEL) == -EBUSY);
	xa_destroy(&xa);
}

static void locked_alloc(void *arg)
{
	struct xarray *xa = arg;
	u32 id;

	xa_lock(xa);
	CHECK(__xa_alloc(xa, &id, &a, xa_limit_32b, GFP_KERNEL) == 0);
	xa_unlock(xa);
	CHECK(xa_alloc(xa, &id, &a, xa_limit_32b, GFP_KERNEL) == 0);
}

static void test_own_lock_may_be_dropped_to_sleep(void)
{
	DEFINE_XARRAY_ALLOC(xa);
	struct kit_frame f;

	CHECK(in_frame(&f, locked_alloc, &xa) == 0);
	CHECK(f.nwarnings == 0);
	kit_frame_release(&f);
	xa_destroy(&xa);
}

int main(void)
{
	RUN(test_alloc_honours_limits);
	RUN(test_alloc1_skips_zero);
	RUN(test_alloc_needs_an_allocating_array);
	RUN(test_reservations);
	RUN(test_store_null_erases_a_plain_array);
	RUN(test_iteration_is_ascending);
	RUN(test_cyclic);
	RUN(test_own_lock_may_be_dropped_to_sleep);
	return failures != 0;
}
