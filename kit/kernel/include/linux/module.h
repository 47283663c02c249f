/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/module.h>: module metadata is dropped, module_init is an initcall. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>

#define module_init(fn) __kit_initcall(fn, module)
#define module_exit(fn) __exitcall(fn)
#define MODULE_LICENSE(s) extern int __kit_module_license __attribute__((unused))
#define MODULE_AUTHOR(s) extern int __kit_module_author __attribute__((unused))
#define MODULE_DESCRIPTION(s) extern int __kit_module_description __attribute__((unused))
#define MODULE_IMPORT_NS(ns) extern int __kit_module_ns __attribute__((unused))
#define THIS_MODULE ((void *)0)

#endif
