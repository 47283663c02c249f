/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/errno.h>: the uapi numbers (the C library's errno.h includes this
 * header too, so it must not include errno.h itself), plus the kernel-internal ones.
 */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H
#include <asm/errno.h>
#define ERESTARTSYS 512
#define ENOTSUPP 524
#endif
