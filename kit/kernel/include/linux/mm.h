/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/mm.h>. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H
#include <linux/mm_types.h>
#endif
