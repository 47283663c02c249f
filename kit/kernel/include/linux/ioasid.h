/* SPDX-License-Identifier: MIT */
/*
 * <linux/ioasid.h> as the IOASID design document defines it ("IOASID APIs": set level,
 * individual IOASIDs, notifications, custom allocators), written for the kit. The file under
 * test implements these; the kit main calls them, one protocol method each
 * (docs/writing-an-implementation.md has the table).
 *
 * Beyond the design's list, three declarations the main needs and the design's text implies:
 * ioasid_free() (used by every life cycle of the document), ioasid_detach_spid() (the
 * counterpart of ioasid_attach_spid()) and ioasid_install_capacity() (the system-wide total
 * that set quotas are reserved from).
 */
#ifndef _LINUX_IOASID_H
#define _LINUX_IOASID_H

#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/notifier.h>
#include <linux/types.h>

typedef unsigned int ioasid_t;
#define INVALID_IOASID ((ioasid_t)-1)

/* The kinds of set token. */
enum ioasid_set_type {
	IOASID_SET_TYPE_NULL = 1,	/* an arbitrary u64 */
	IOASID_SET_TYPE_MM,		/* a struct mm_struct * */
	IOASID_SET_TYPE_NR,
};

/* Defined by the file under test. */
struct ioasid_set;

typedef ioasid_t (*ioasid_alloc_fn_t)(ioasid_t min, ioasid_t max, void *data);
typedef void (*ioasid_free_fn_t)(ioasid_t ioasid, void *data);

struct ioasid_allocator_ops {
	ioasid_alloc_fn_t alloc;
	ioasid_free_fn_t free;
	struct list_head list;
	void *pdata;
};

/* Events, delivered as the notifier call's action. */
enum ioasid_notify_val {
	IOASID_NOTIFY_ALLOC = 1,
	IOASID_NOTIFY_FREE,
	IOASID_NOTIFY_BIND,
	IOASID_NOTIFY_UNBIND,
};

/* ioasid_notify() flags: which chains hear the event. */
#define IOASID_NOTIFY_FLAG_ALL (1U << 0)	/* the system-wide chain */
#define IOASID_NOTIFY_FLAG_SET (1U << 1)	/* the chain of the ID's set */

/* Notifier priorities, in ascending order: CPU is called first. */
enum ioasid_notifier_prios {
	IOASID_PRIO_LAST,
	IOASID_PRIO_IOMMU,
	IOASID_PRIO_DEVICE,
	IOASID_PRIO_CPU,
};

/* What a notifier receives as its data. */
struct ioasid_nb_args {
	ioasid_t id;
	ioasid_t spid;			/* INVALID_IOASID when none */
	struct ioasid_set *set;
	void *pdata;
};

void ioasid_install_capacity(ioasid_t total);

struct ioasid_set *ioasid_alloc_set(void *token, ioasid_t quota, u32 type);
int ioasid_adjust_set(struct ioasid_set *set, int quota);
void ioasid_set_get(struct ioasid_set *set);
void ioasid_set_put(struct ioasid_set *set);
void ioasid_set_get_locked(struct ioasid_set *set);
void ioasid_set_put_locked(struct ioasid_set *set);
int ioasid_set_for_each_ioasid(struct ioasid_set *set, void (*fn)(ioasid_t id, void *data), void *data);

ioasid_t ioasid_alloc(struct ioasid_set *set, ioasid_t min, ioasid_t max, void *private);
void ioasid_free(struct ioasid_set *set, ioasid_t ioasid);
int ioasid_get(struct ioasid_set *set, ioasid_t ioasid);
void ioasid_put(struct ioasid_set *set, ioasid_t ioasid);
int ioasid_get_locked(struct ioasid_set *set, ioasid_t ioasid);
void ioasid_put_locked(struct ioasid_set *set, ioasid_t ioasid);
void *ioasid_find(struct ioasid_set *set, ioasid_t ioasid, bool (*getter)(void *));
ioasid_t ioasid_find_by_spid(struct ioasid_set *set, ioasid_t spid);
int ioasid_attach_data(struct ioasid_set *set, ioasid_t ioasid, void *data);
int ioasid_attach_spid(struct ioasid_set *set, ioasid_t ioasid, ioasid_t spid);
int ioasid_detach_spid(struct ioasid_set *set, ioasid_t ioasid);

int ioasid_register_notifier(struct ioasid_set *set, struct notifier_block *nb);
void ioasid_unregister_notifier(struct ioasid_set *set, struct notifier_block *nb);
int ioasid_register_notifier_mm(struct mm_struct *mm, struct notifier_block *nb);
void ioasid_unregister_notifier_mm(struct mm_struct *mm, struct notifier_block *nb);
int ioasid_notify(ioasid_t ioasid, enum ioasid_notify_val cmd, unsigned int flags);

int ioasid_register_allocator(struct ioasid_allocator_ops *allocator);
void ioasid_unregister_allocator(struct ioasid_allocator_ops *allocator);

#endif
