/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/refcount.h>, with the kernel's saturation: a counter that would
 * overflow, go below zero or be raised from zero is pinned at REFCOUNT_SATURATED
 * (INT_MIN / 2) with a warning, and stays there (the object leaks instead of being freed
 * early). refcount_dec() reaching zero warns too: only the _and_test forms may drop the last
 * reference.
 */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <limits.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/types.h>

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }
#define REFCOUNT_MAX INT_MAX
#define REFCOUNT_SATURATED (INT_MIN / 2)

/* Pin r at REFCOUNT_SATURATED and say why (the kernel's five cases). */
static inline void __kit_refcount_saturate(refcount_t *r, const char *why)
{
	atomic_set(&r->refs, REFCOUNT_SATURATED);
	kit_warn("WARNING: refcount_t: %s", why);
}

static inline void refcount_set(refcount_t *r, int n) { atomic_set(&r->refs, n); }
static inline unsigned int refcount_read(const refcount_t *r) { return (unsigned int)atomic_read(&r->refs); }

static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	int old = atomic_read(&r->refs);

	if (old == 0)
		return false;
	if (old < 0 || old > INT_MAX - i)
		__kit_refcount_saturate(r, "saturated; leaking memory.");
	else
		atomic_set(&r->refs, old + i);
	return true;
}

static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return refcount_add_not_zero(1, r);
}

static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_read(&r->refs);

	if (old == 0)
		__kit_refcount_saturate(r, "addition on 0; use-after-free.");
	else if (old < 0 || old > INT_MAX - i)
		__kit_refcount_saturate(r, "saturated; leaking memory.");
	else
		atomic_set(&r->refs, old + i);
}

static inline void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}

static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_read(&r->refs);

	if (old == i) {
		atomic_set(&r->refs, 0);
		return true;
	}
	if (old < 0 || old < i)
		__kit_refcount_saturate(r, "underflow; use-after-free.");
	else
		atomic_set(&r->refs, old - i);
	return false;
}

static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

static inline void refcount_dec(refcount_t *r)
{
	int old = atomic_read(&r->refs);

	if (old <= 1)
		__kit_refcount_saturate(r, "decrement hit 0; leaking memory.");
	else
		atomic_set(&r->refs, old - 1);
}

static inline __must_check bool refcount_dec_not_one(refcount_t *r)
{
	int old = atomic_read(&r->refs);

	if (old == REFCOUNT_SATURATED)
		return true;
	if (old == 1)
		return false;
	if (old <= 0) {
		__kit_refcount_saturate(r, "underflow; use-after-free.");
		return true;
	}
	atomic_set(&r->refs, old - 1);
	return true;
}

#endif
