/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/string.h>. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H
#include <string.h>
#endif
