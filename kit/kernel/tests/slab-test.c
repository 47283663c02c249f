// SPDX-License-Identifier: MIT
/* The slab stand-in: fail-nth injection (kmalloc family and the xarray), poisoning, bad frees. */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "check.h"

static void test_fail_nth_counts_from_now(void)
{
	void *a, *b, *c;

	kit_fail_nth(3);
	a = kmalloc(16, GFP_KERNEL);
	b = kzalloc(16, GFP_KERNEL);
	c = kcalloc(2, 8, GFP_KERNEL);
	CHECK(a != NULL && b != NULL && c == NULL);
	c = kmalloc(16, GFP_KERNEL);
	CHECK(c != NULL);
	kit_fail_nth(1);
	CHECK(kmemdup("x", 2, GFP_KERNEL) == NULL);
	kit_fail_nth(0);
	kfree(a);
	kfree(b);
	kfree(c);
}

static void test_fail_nth_reaches_the_xarray(void)
{
	DEFINE_XARRAY_ALLOC1(xa);
	u32 id = 0;
	int x;

	kit_fail_nth(1);
	CHECK(xa_alloc(&xa, &id, &x, XA_LIMIT(1, 10), GFP_KERNEL) == -ENOMEM);
	CHECK(id == 0 && xa_empty(&xa));
	kit_fail_nth(1);
	CHECK(xa_is_err(xa_store(&xa, 3, &x, GFP_KERNEL)));
	CHECK(xa_err(xa_store(&xa, 4, &x, GFP_KERNEL)) == 0);
	CHECK(xa_load(&xa, 3) == NULL && xa_load(&xa, 4) == &x);
	xa_destroy(&xa);
}

static void test_zeroing_and_counting(void)
{
	unsigned long before = kit_allocations();
	unsigned char *p = kzalloc(32, GFP_KERNEL);
	int zero = 1;

	for (int i = 0; i < 32; i++)
		zero &= p[i] == 0;
	CHECK(zero);
	CHECK(kit_allocations() == before + 1);
	kfree(p);
}

static void bad_frees(void *arg)
{
	unsigned char *p = kmalloc(8, GFP_KERNEL);
	static long not_from_kmalloc[8];

	(void)arg;
	p[0] = 1;
	kfree(p);
	CHECK(p[0] == 0x6b);
	kfree(p);
	kfree(&not_from_kmalloc[4]);
	kfree(NULL);
}

static void test_poison_and_bad_frees(void)
{
	struct kit_frame f;

	CHECK(in_frame(&f, bad_frees, NULL) == 0);
	CHECK(f.nwarnings == 2);
	CHECK(warned(&f, "double kfree"));
	CHECK(warned(&f, "which kmalloc did not return"));
	kit_frame_release(&f);
}

struct obj {
	int value;
	struct rcu_head rcu;
};

static void test_kfree_rcu_waits_for_quiesce(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	o->value = 7;
	kfree_rcu(o, rcu);
	CHECK(o->value == 7);
	kit_rcu_quiesce();
	CHECK(o->value == 0x6b6b6b6b);
}

int main(void)
{
	RUN(test_fail_nth_counts_from_now);
	RUN(test_fail_nth_reaches_the_xarray);
	RUN(test_zeroing_and_counting);
	RUN(test_poison_and_bad_frees);
	RUN(test_kfree_rcu_waits_for_quiesce);
	return failures != 0;
}
