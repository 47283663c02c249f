// SPDX-License-Identifier: MIT
/*
 * Spinlocks, lockdep, might_sleep and printk capture: a self-deadlock aborts the call with
 * EDEADLK instead of hanging, releasing what the call took; a missing lock aborts with EINVAL.
 */
#include <errno.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "check.h"

static DEFINE_SPINLOCK(outer_lock);
static DEFINE_SPINLOCK(inner_lock);
static DEFINE_MUTEX(a_mutex);

static void take_twice(void *arg)
{
	(void)arg;
	spin_lock(&inner_lock);
	spin_lock(&outer_lock);
	CHECK(0 && "not reached: the second spin_lock aborts");
}

static void nested(void *arg)
{
	struct kit_frame inner;

	(void)arg;
	spin_lock(&outer_lock);
	CHECK(kit_guarded(&inner, take_twice, NULL) == EDEADLK);
	kit_frame_release(&inner);
	CHECK(spin_is_locked(&outer_lock));
	CHECK(!spin_is_locked(&inner_lock));
	spin_unlock(&outer_lock);
}

static void test_self_deadlock_aborts_the_inner_call(void)
{
	struct kit_frame f;

	CHECK(in_frame(&f, nested, NULL) == 0);
	CHECK(kit_locks_held() == 0);
	kit_frame_release(&f);
}

static void needs_lock(void *arg)
{
	(void)arg;
	lockdep_assert_held(&outer_lock);
}

static void test_lockdep_assertion(void)
{
	struct kit_frame f;

	CHECK(in_frame(&f, needs_lock, NULL) == EINVAL);
	spin_lock(&outer_lock);
	CHECK(in_frame(&f, needs_lock, NULL) == 0);
	spin_unlock(&outer_lock);
	kit_frame_release(&f);
}

static void sleeps_under_spinlock(void *arg)
{
	void *p;

	(void)arg;
	spin_lock(&outer_lock);
	p = kmalloc(8, GFP_KERNEL);
	kfree(p);
	p = kmalloc(8, GFP_ATOMIC);
	kfree(p);
	spin_unlock(&outer_lock);
	mutex_lock(&a_mutex);
	p = kmalloc(8, GFP_KERNEL);
	kfree(p);
	mutex_unlock(&a_mutex);
}

static void test_might_sleep(void)
{
	struct kit_frame f;

	CHECK(in_frame(&f, sleeps_under_spinlock, NULL) == 0);
	CHECK(f.nwarnings == 1);
	CHECK(warned(&f, "sleeping function called from invalid context"));
	kit_frame_release(&f);
}

static void prints(void *arg)
{
	(void)arg;
	pr_info("just information %d\n", 1);
	pr_err("bad thing %d\n", 2);
	CHECK(WARN_ON(1 + 1 == 2));
	CHECK(!WARN_ON(0));
	CHECK(WARN_ON_ONCE(1));
	CHECK(WARN_ON_ONCE(1));
}

static void test_printk_capture(void)
{
	struct kit_frame f;

	CHECK(in_frame(&f, prints, NULL) == 0);
	CHECK(f.nwarnings == 4);
	CHECK(warned(&f, "pr_err: bad thing 2"));
	CHECK(warned(&f, "WARN_ON(1 + 1 == 2)"));
	CHECK(!warned(&f, "just information"));
	kit_frame_release(&f);
}

static void unlocks_unheld(void *arg)
{
	(void)arg;
	spin_unlock(&inner_lock);
}

static void test_unlock_of_unheld_lock_warns(void)
{
	struct kit_frame f;

	CHECK(in_frame(&f, unlocks_unheld, NULL) == 0);
	CHECK(warned(&f, "which is not held"));
	kit_frame_release(&f);
}

int main(void)
{
	RUN(test_self_deadlock_aborts_the_inner_call);
	RUN(test_lockdep_assertion);
	RUN(test_might_sleep);
	RUN(test_printk_capture);
	RUN(test_unlock_of_unheld_lock_warns);
	return failures != 0;
}
