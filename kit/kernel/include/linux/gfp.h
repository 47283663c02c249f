/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/gfp.h>: the flags the slab stand-in looks at. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

#define __GFP_DIRECT_RECLAIM 0x400u
#define __GFP_ZERO 0x100u
#define __GFP_NOWARN 0x200u
#define __GFP_ACCOUNT 0x800u
#define GFP_ATOMIC 0x20u
#define GFP_NOWAIT 0x40u
#define GFP_KERNEL (0x80u | __GFP_DIRECT_RECLAIM)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define gfpflags_allow_blocking(gfp) (((gfp) & __GFP_DIRECT_RECLAIM) != 0)

#endif
