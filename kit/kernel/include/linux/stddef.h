/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/stddef.h>. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H
#include <stddef.h>
#include <stdbool.h>
#endif
