/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/mutex.h>: like the spinlock (self-deadlock aborts with EDEADLK), and
 * taking it may sleep, which is a warning under a spinlock or in an RCU read section. */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <kit/runtime.h>
#include <linux/lockdep.h>

struct mutex {
	struct kit_lock kit_dep;
};

#define __MUTEX_INITIALIZER(lockname) { .kit_dep = KIT_LOCK_INIT(#lockname, false) }
#define DEFINE_MUTEX(x) struct mutex x = __MUTEX_INITIALIZER(x)
#define mutex_init(m) do { *(m) = (struct mutex)__MUTEX_INITIALIZER(m); } while (0)
#define mutex_lock(m) do {						\
	kit_might_sleep(__FILE__, __LINE__);				\
	kit_lock_acquire(&(m)->kit_dep, __FILE__, __LINE__);		\
} while (0)
#define mutex_unlock(m) kit_lock_release(&(m)->kit_dep, __FILE__, __LINE__)
#define mutex_trylock(m) kit_lock_try(&(m)->kit_dep, __FILE__, __LINE__)
#define mutex_is_locked(m) kit_lock_is_held(&(m)->kit_dep)
#define mutex_destroy(m) do { (void)(m); } while (0)

#endif
