/* SPDX-License-Identifier: MIT */
/* Kit stand-in for <linux/rwsem.h>: writers exclude like a mutex; readers only may sleep. */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <kit/runtime.h>
#include <linux/lockdep.h>

struct rw_semaphore {
	struct kit_lock kit_dep;
};

#define __RWSEM_INITIALIZER(name) { .kit_dep = KIT_LOCK_INIT(#name, false) }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)
#define init_rwsem(s) do { *(s) = (struct rw_semaphore)__RWSEM_INITIALIZER(s); } while (0)
#define down_read(s) do { (void)(s); kit_might_sleep(__FILE__, __LINE__); } while (0)
#define up_read(s) do { (void)(s); } while (0)
#define down_write(s) do {						\
	kit_might_sleep(__FILE__, __LINE__);				\
	kit_lock_acquire(&(s)->kit_dep, __FILE__, __LINE__);		\
} while (0)
#define up_write(s) kit_lock_release(&(s)->kit_dep, __FILE__, __LINE__)

#endif
