/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/bug.h>. WARN_ON and friends print, record a warning of the current
 * call and evaluate to the condition; the _ONCE forms warn every time (see printk.h). BUG()
 * ends the process with SIGABRT, which the harness reports as a crash of that call.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <kit/runtime.h>

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		kit_warn("WARNING: %s:%d %s: WARN_ON(%s)",		\
			 __FILE__, __LINE__, __func__, #condition);	\
	unlikely(__ret_warn_on);					\
})

#define WARN(condition, fmt, ...) ({					\
	int __ret_warn = !!(condition);					\
	if (unlikely(__ret_warn))					\
		kit_warn("WARNING: %s:%d %s: " fmt,			\
			 __FILE__, __LINE__, __func__, ##__VA_ARGS__);	\
	unlikely(__ret_warn);						\
})

#define WARN_ON_ONCE(condition) WARN_ON(condition)
#define WARN_ONCE(condition, fmt, ...) WARN(condition, fmt, ##__VA_ARGS__)
#define WARN_TAINT(condition, taint, fmt, ...) WARN(condition, fmt, ##__VA_ARGS__)

#define BUG() kit_bug(__FILE__, __LINE__, __func__, "BUG()")
#define BUG_ON(condition) do {						\
	if (unlikely(condition))					\
		kit_bug(__FILE__, __LINE__, __func__, "BUG_ON(" #condition ")"); \
} while (0)

#define BUILD_BUG_ON(condition) _Static_assert(!(condition), "BUILD_BUG_ON(" #condition ")")

#endif
