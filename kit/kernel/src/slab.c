// SPDX-License-Identifier: MIT
/*
 * The slab stand-in (linux/slab.h states its rules): a header before each object records its
 * size and state; freed objects are poisoned and kept; kit_fail_nth counts allocations down.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <kit/runtime.h>

#define SLAB_LIVE 0x6c697665U
#define SLAB_FREED 0x64656164U
#define POISON_FREE 0x6b

struct slab_header {
	size_t size;
	uint32_t magic;
	uint32_t pad;
	max_align_t align[];
};

void (*kit_free_observer)(const void *ptr);
static unsigned long fail_countdown;
static unsigned long attempts;

void kit_fail_nth(unsigned long n)
{
	fail_countdown = n;
}

unsigned long kit_allocations(void)
{
	return attempts;
}

/* Is this allocation the one kit_fail_nth chose? */
static bool injected_failure(size_t size)
{
	attempts++;
	if (fail_countdown == 0 || --fail_countdown != 0)
		return false;
	fprintf(stderr, "kit: fail_nth: allocation of %zu bytes made to fail\n", size);
	return true;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	struct slab_header *h;

	if (gfpflags_allow_blocking(gfp))
		might_sleep();
	if (injected_failure(size))
		return NULL;
	if (size > ((size_t)1 << 30)) {
		if (!(gfp & __GFP_NOWARN))
			kit_warn("WARNING: kmalloc of %zu bytes", size);
		return NULL;
	}
	h = malloc(sizeof(*h) + size);
	if (h == NULL)
		return NULL;
	h->size = size;
	h->magic = SLAB_LIVE;
	if (gfp & __GFP_ZERO)
		memset(h + 1, 0, size);
	else
		memset(h + 1, 0xa5, size);
	return h + 1;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return kmalloc(n * size, gfp);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p != NULL)
		memcpy(p, src, len);
	return p;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	return s == NULL ? NULL : kmemdup(s, strlen(s) + 1, gfp);
}

void kfree(const void *ptr)
{
	struct slab_header *h;

	if (ptr == NULL)
		return;
	h = (struct slab_header *)ptr - 1;
	if (h->magic == SLAB_FREED) {
		kit_warn("BUG: double kfree of %p", ptr);
		return;
	}
	if (h->magic != SLAB_LIVE) {
		kit_warn("BUG: kfree of %p, which kmalloc did not return", ptr);
		return;
	}
	if (kit_free_observer != NULL)
		kit_free_observer(ptr);
	h->magic = SLAB_FREED;
	memset(h + 1, POISON_FREE, h->size);
}
