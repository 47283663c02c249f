/* SPDX-License-Identifier: MIT */
/*
 * Kit stand-in for <linux/rcupdate.h>. Read sections cost nothing (one thread), but they are
 * counted so that sleeping inside one warns. call_rcu() and kfree_rcu() callbacks run when a
 * grace period has passed: after the harness call in progress has answered, so every pointer
 * read during that call stays readable until it returns.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <kit/runtime.h>
#include <linux/compiler.h>
#include <linux/types.h>

typedef void (*rcu_callback_t)(struct rcu_head *head);

void call_rcu(struct rcu_head *head, rcu_callback_t func);
void kit_kfree_rcu(const void *ptr, struct rcu_head *head);
/* Run every callback whose grace period has passed (the main does, between harness calls). */
void kit_rcu_quiesce(void);

#define rcu_read_lock() kit_rcu_read_enter()
#define rcu_read_unlock() kit_rcu_read_exit()
#define rcu_read_lock_held() 1
#define rcu_dereference(p) (p)
#define rcu_dereference_raw(p) (p)
#define rcu_dereference_check(p, c) (p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_access_pointer(p) (p)
#define rcu_assign_pointer(p, v) do { (p) = (v); } while (0)
#define RCU_INIT_POINTER(p, v) do { (p) = (v); } while (0)
#define synchronize_rcu() kit_might_sleep(__FILE__, __LINE__)
#define rcu_barrier() kit_might_sleep(__FILE__, __LINE__)
#define kfree_rcu(ptr, field) kit_kfree_rcu((ptr), &(ptr)->field)

#endif
