/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/lockdep.h>: the assertions are always on. An assertion that a lock is
 * held fails the call in progress with EINVAL (kit/runtime.h rule 5): a _locked call made
 * without the lock is the caller's bug, and the call must not go on unprotected.
 */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

#include <kit/runtime.h>

#define lockdep_assert_held(l) kit_lock_assert_held(&(l)->kit_dep, __FILE__, __LINE__)
#define lockdep_assert_held_write(l) lockdep_assert_held(l)
#define lockdep_assert_held_once(l) lockdep_assert_held(l)
#define lockdep_is_held(l) kit_lock_is_held(&(l)->kit_dep)
#define lockdep_assert_not_held(l) do {					\
	if (kit_lock_is_held(&(l)->kit_dep))				\
		kit_warn("WARNING: %s:%d: lock %s is held", __FILE__, __LINE__, (l)->kit_dep.name); \
} while (0)

#endif
