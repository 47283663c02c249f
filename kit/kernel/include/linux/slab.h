/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/slab.h>.
 *
 *  1. A blocking allocation (GFP_KERNEL) may sleep: under a spinlock it warns.
 *  2. Freed memory is poisoned (0x6b) and never reused while the core runs, so a stale pointer
 *     reads poison instead of someone else's object; kfree of a pointer kmalloc did not return,
 *     or a second kfree, warns and does nothing.
 *  3. kit_fail_nth(n) makes the n-th allocation from now fail (1 = the next one; 0 = none),
 *     counting every kmalloc-family call and every allocation the xarray makes: the kernel's
 *     fail_nth fault injection, driven by the harness.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

void *kmalloc(size_t size, gfp_t gfp) __attribute__((malloc));
void *kzalloc(size_t size, gfp_t gfp) __attribute__((malloc));
void *kcalloc(size_t n, size_t size, gfp_t gfp) __attribute__((malloc));
void *kmalloc_array(size_t n, size_t size, gfp_t gfp) __attribute__((malloc));
void *kmemdup(const void *src, size_t len, gfp_t gfp) __attribute__((malloc));
char *kstrdup(const char *s, gfp_t gfp) __attribute__((malloc));
void kfree(const void *ptr);

#define kvmalloc(size, gfp) kmalloc(size, gfp)
#define kvzalloc(size, gfp) kzalloc(size, gfp)
#define kvfree(ptr) kfree(ptr)

/* Rule 3. */
void kit_fail_nth(unsigned long n);
/* How many allocations were attempted since the process started (a test aid). */
unsigned long kit_allocations(void);
/* The main's hook: told of every object kfree() accepts, before it is poisoned, and of every
 * object given to kfree_rcu() when it is given (it is gone for new users from then on). */
extern void (*kit_free_observer)(const void *ptr);

#endif
