/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/sched/mm.h>. */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H
#include <linux/mm_types.h>
#endif
