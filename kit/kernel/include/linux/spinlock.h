/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/spinlock.h>. There is one thread, so a spinlock is a flag the
 * runtime tracks: taking one already held is the kernel's self-deadlock, and instead of
 * spinning forever the call in progress is aborted and answers EDEADLK (kit/runtime.h rule 5).
 * Interrupt flags are not modelled.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <kit/runtime.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>

typedef struct spinlock {
	struct kit_lock kit_dep;
} spinlock_t;

typedef spinlock_t raw_spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) { .kit_dep = KIT_LOCK_INIT(#lockname, true) }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define spin_lock_init(l) do { *(l) = (spinlock_t)__SPIN_LOCK_UNLOCKED(l); } while (0)
#define raw_spin_lock_init(l) spin_lock_init(l)

#define spin_lock(l) kit_lock_acquire(&(l)->kit_dep, __FILE__, __LINE__)
#define spin_unlock(l) kit_lock_release(&(l)->kit_dep, __FILE__, __LINE__)
#define spin_trylock(l) kit_lock_try(&(l)->kit_dep, __FILE__, __LINE__)
#define spin_is_locked(l) kit_lock_is_held(&(l)->kit_dep)
#define assert_spin_locked(l) kit_lock_assert_held(&(l)->kit_dep, __FILE__, __LINE__)
#define spin_lock_irq(l) spin_lock(l)
#define spin_unlock_irq(l) spin_unlock(l)
#define spin_lock_bh(l) spin_lock(l)
#define spin_unlock_bh(l) spin_unlock(l)
#define spin_lock_irqsave(l, flags) do { (flags) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { (void)(flags); spin_unlock(l); } while (0)

#define raw_spin_lock(l) spin_lock(l)
#define raw_spin_unlock(l) spin_unlock(l)
#define raw_spin_lock_irqsave(l, flags) spin_lock_irqsave(l, flags)
#define raw_spin_unlock_irqrestore(l, flags) spin_unlock_irqrestore(l, flags)

#endif
