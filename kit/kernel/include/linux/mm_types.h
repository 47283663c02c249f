/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/mm_types.h>: an address space is only a token here. The kit main
 * makes one per mm number the harness names (the same number, the same pointer). */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

struct mm_struct {
	unsigned long kit_mm;	/* the harness's mm number */
};

#endif
