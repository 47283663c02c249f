/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/init.h>. Initcalls are collected in a section and run, in link
 * order, when the harness starts a core (`init`), before the capacity is installed.
 * Exit calls never run.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

typedef int (*kit_initcall_t)(void);

#define __kit_initcall(fn, id)						\
	static kit_initcall_t __kit_initcall_##fn##id			\
	__attribute__((used, section("kit_initcalls"))) = fn

#define early_initcall(fn) __kit_initcall(fn, early)
#define core_initcall(fn) __kit_initcall(fn, core)
#define postcore_initcall(fn) __kit_initcall(fn, postcore)
#define arch_initcall(fn) __kit_initcall(fn, arch)
#define subsys_initcall(fn) __kit_initcall(fn, subsys)
#define fs_initcall(fn) __kit_initcall(fn, fs)
#define device_initcall(fn) __kit_initcall(fn, device)
#define late_initcall(fn) __kit_initcall(fn, late)
#define __exitcall(fn) static void (*__kit_exitcall_##fn)(void) __attribute__((unused)) = fn

#endif
