// SPDX-License-Identifier: MIT
/*
 * I/O Address Space IDs: one system-wide 20-bit namespace, handed out in sets with quotas,
 * kept alive by reference counts and announced to notifiers. Written from the IOASID design
 * document, in kernel style, as the example that `ioasid-check validate --kernel-c` checks.
 *
 * Rules (the decisions D1..D29 of ioasid-check's spec are cited where they apply):
 * 1. ioasid_lock protects every structure below. Every call but the _locked ones takes it
 *    first, before looking at its arguments, and notifiers run with it held: inside a notifier
 *    only the _locked calls may be made (D27, D3).
 * 2. An ID lives ALLOCATED -> FREE_PENDING -> reclaimed. @users counts every reference, the
 *    allocation's included; only ioasid_free() drops the allocation's, after FREE has been
 *    delivered (D9, D11). The last reference reclaims the ID (D12).
 * 3. A set starts with one reference; the last ioasid_set_put() frees all its IDs and the set
 *    goes once its last ID is reclaimed (D20). Its quota is reserved from the capacity (D18).
 * 4. Every notifier registration sits on one chain ordered by priority, ties in registration
 *    order; an event goes to the recipients found on it when the event is published (D25).
 * 5. The first registered custom allocator precedes the default one (D28); its answers are
 *    checked, never trusted (D29).
 */
#define pr_fmt(fmt) "ioasid: " fmt

#include <linux/ioasid.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/xarray.h>

#define IOASID_MIN		1
#define IOASID_MAX		0xfffff
#define IOASID_MAX_RECIPIENTS	32

enum ioasid_state {
	IOASID_STATE_ALLOCATED,
	IOASID_STATE_FREE_PENDING,
};

struct ioasid_set {
	void *token;
	u32 type;
	ioasid_t quota;
	ioasid_t nr_ioasids;		/* held: ALLOCATED or FREE_PENDING */
	refcount_t ref;
	bool dying;			/* the last reference is gone */
	struct xarray spids;		/* SPID -> ALLOCATED ioasid_data */
	struct list_head list;		/* on ioasid_sets; empty once destroyed */
	struct rcu_head rcu;
};

struct ioasid_allocator_data {
	struct ioasid_allocator_ops *ops;	/* a member: whose functions are called */
	struct list_head members;		/* the ops sharing these functions */
	struct list_head list;			/* on ioasid_allocators, oldest first */
	unsigned int nr_ioasids;		/* IDs from this space still held */
	struct rcu_head rcu;
};

struct ioasid_data {
	ioasid_t id;
	struct ioasid_set *set;
	void *private;
	ioasid_t spid;
	refcount_t users;
	enum ioasid_state state;
	bool alloc_ref;			/* the allocation's reference is in @users */
	unsigned int binds;
	struct ioasid_allocator_data *allocator;	/* NULL: the default allocator */
	struct rcu_head rcu;
};

enum ioasid_scope {
	IOASID_SCOPE_GLOBAL,
	IOASID_SCOPE_SET,
	IOASID_SCOPE_MM,
};

struct ioasid_registration {
	struct notifier_block wrap;	/* on ioasid_chain, with the block's priority */
	struct notifier_block *nb;
	enum ioasid_scope scope;
	struct ioasid_set *set;		/* SET: its set; MM: the attached set, NULL while pending */
	struct mm_struct *mm;
	struct rcu_head rcu;
};

static DEFINE_SPINLOCK(ioasid_lock);
static DEFINE_XARRAY_ALLOC(ioasid_xa);		/* every live ID, from every allocator */
static RAW_NOTIFIER_HEAD(ioasid_chain);
static LIST_HEAD(ioasid_sets);
static LIST_HEAD(ioasid_allocators);
static unsigned int ioasid_default_ids;
static ioasid_t ioasid_capacity;
static ioasid_t ioasid_capacity_avail;

static bool ioasid_valid(ioasid_t id)
{
	return id >= IOASID_MIN && id <= IOASID_MAX;
}

/**
 * ioasid_install_capacity - set the number of IDs that set quotas are reserved from
 * @total: the capacity
 */
void ioasid_install_capacity(ioasid_t total)
{
	spin_lock(&ioasid_lock);
	if (ioasid_capacity)
		pr_warn("capacity already installed\n");
	ioasid_capacity = total;
	ioasid_capacity_avail = total;
	spin_unlock(&ioasid_lock);
}
EXPORT_SYMBOL_GPL(ioasid_install_capacity);

/* ---- notification (rule 4) */

static bool ioasid_hears(struct ioasid_registration *reg, struct ioasid_set *set,
			 unsigned long event, unsigned int flags)
{
	if (reg->scope == IOASID_SCOPE_GLOBAL)
		return (flags & IOASID_NOTIFY_FLAG_ALL) && event != IOASID_NOTIFY_ALLOC;
	return (flags & IOASID_NOTIFY_FLAG_SET) && reg->set == set;
}

/* Deliver @event on @data to its recipients, fixed now (D25). Called with ioasid_lock held. */
static void ioasid_publish(struct ioasid_data *data, unsigned long event, unsigned int flags)
{
	struct ioasid_nb_args args = {
		.id = data->id,
		.spid = data->spid,
		.set = data->set,
		.pdata = data->private,
	};
	struct notifier_block *to[IOASID_MAX_RECIPIENTS];
	struct notifier_block *nb;
	unsigned int n = 0, i;

	for (nb = ioasid_chain.head; nb; nb = nb->next) {
		struct ioasid_registration *reg = container_of(nb, struct ioasid_registration, wrap);

		if (!ioasid_hears(reg, data->set, event, flags))
			continue;
		if (WARN_ON(n == IOASID_MAX_RECIPIENTS))
			break;
		to[n++] = reg->nb;
	}
	for (i = 0; i < n; i++)
		to[i]->notifier_call(to[i], event, &args);
}

/* ---- sets (rule 3) */

static struct ioasid_set *ioasid_set_of_mm(struct mm_struct *mm)
{
	struct ioasid_set *set;

	list_for_each_entry(set, &ioasid_sets, list)
		if (set->type == IOASID_SET_TYPE_MM && set->token == mm)
			return set;
	return NULL;
}

/* Drop the set's own registrations; MM ones wait for the next set of their mm (D24). */
static void ioasid_set_destroy(struct ioasid_set *set)
{
	struct notifier_block *nb, *next;

	if (list_empty(&set->list))
		return;
	list_del_init(&set->list);
	ioasid_capacity_avail += set->quota;
	for (nb = ioasid_chain.head; nb; nb = next) {
		struct ioasid_registration *reg = container_of(nb, struct ioasid_registration, wrap);

		next = nb->next;
		if (reg->set != set)
			continue;
		if (reg->scope == IOASID_SCOPE_MM) {
			reg->set = NULL;
			continue;
		}
		raw_notifier_chain_unregister(&ioasid_chain, &reg->wrap);
		kfree_rcu(reg, rcu);
	}
	xa_destroy(&set->spids);
	kfree_rcu(set, rcu);
}

/**
 * ioasid_alloc_set - create a set of IOASIDs
 * @token: an mm_struct (IOASID_SET_TYPE_MM) or any value (IOASID_SET_TYPE_NULL)
 * @quota: how many IDs it may hold, reserved from the capacity
 * @type: the kind of @token
 *
 * Return: the set; ERR_PTR(-EINVAL) for a bad type, a NULL mm or a zero quota, -EEXIST when
 * @token's mm already has a set, -ENOSPC beyond the capacity, -ENOMEM.
 */
struct ioasid_set *ioasid_alloc_set(void *token, ioasid_t quota, u32 type)
{
	struct ioasid_registration *reg;
	struct ioasid_set *set;
	struct notifier_block *nb;

	spin_lock(&ioasid_lock);
	if ((type != IOASID_SET_TYPE_NULL && type != IOASID_SET_TYPE_MM) ||
	    (type == IOASID_SET_TYPE_MM && !token) || !quota) {
		set = ERR_PTR(-EINVAL);
		goto out;
	}
	if (type == IOASID_SET_TYPE_MM && ioasid_set_of_mm(token)) {
		set = ERR_PTR(-EEXIST);
		goto out;
	}
	if (quota > ioasid_capacity_avail) {
		set = ERR_PTR(-ENOSPC);
		goto out;
	}
	set = kzalloc(sizeof(*set), GFP_ATOMIC);
	if (!set) {
		set = ERR_PTR(-ENOMEM);
		goto out;
	}
	set->token = token;
	set->type = type;
	set->quota = quota;
	refcount_set(&set->ref, 1);
	xa_init(&set->spids);
	list_add_tail(&set->list, &ioasid_sets);
	ioasid_capacity_avail -= quota;
	if (type == IOASID_SET_TYPE_MM) {
		for (nb = ioasid_chain.head; nb; nb = nb->next) {
			reg = container_of(nb, struct ioasid_registration, wrap);
			if (reg->scope == IOASID_SCOPE_MM && reg->mm == token && !reg->set)
				reg->set = set;
		}
	}
out:
	spin_unlock(&ioasid_lock);
	return set;
}
EXPORT_SYMBOL_GPL(ioasid_alloc_set);

/**
 * ioasid_adjust_set - change the quota of a set
 * Return: 0; -EINVAL for a quota below 1, -ENOENT for a dying set, -EBUSY below the IDs it
 * holds, -ENOSPC beyond the capacity.
 */
int ioasid_adjust_set(struct ioasid_set *set, int quota)
{
	int ret = 0;

	spin_lock(&ioasid_lock);
	if (quota < 1 || !set)
		ret = -EINVAL;
	else if (set->dying)
		ret = -ENOENT;
	else if ((ioasid_t)quota < set->nr_ioasids)
		ret = -EBUSY;
	else if ((ioasid_t)quota > set->quota && (ioasid_t)quota - set->quota > ioasid_capacity_avail)
		ret = -ENOSPC;
	if (!ret) {
		ioasid_capacity_avail = ioasid_capacity_avail + set->quota - (ioasid_t)quota;
		set->quota = quota;
	}
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_adjust_set);

static void __ioasid_set_get(struct ioasid_set *set)
{
	if (set->dying) {
		pr_err("get of a dying set\n");
		return;
	}
	refcount_inc(&set->ref);
}

void ioasid_set_get(struct ioasid_set *set)
{
	spin_lock(&ioasid_lock);
	__ioasid_set_get(set);
	spin_unlock(&ioasid_lock);
}
EXPORT_SYMBOL_GPL(ioasid_set_get);

void ioasid_set_get_locked(struct ioasid_set *set)
{
	lockdep_assert_held(&ioasid_lock);
	__ioasid_set_get(set);
}
EXPORT_SYMBOL_GPL(ioasid_set_get_locked);

static void __ioasid_free(struct ioasid_data *data);

/* The last reference frees every ALLOCATED ID, in ascending order, each as ioasid_free(). */
static void __ioasid_set_put(struct ioasid_set *set)
{
	struct ioasid_data *data;
	unsigned long index;

	if (set->dying) {
		pr_err("put of a dying set\n");
		return;
	}
	if (!refcount_dec_and_test(&set->ref))
		return;
	set->dying = true;
	xa_for_each(&ioasid_xa, index, data) {
		if (data->set == set && data->state == IOASID_STATE_ALLOCATED)
			__ioasid_free(data);
	}
	if (!set->nr_ioasids)
		ioasid_set_destroy(set);
}

void ioasid_set_put(struct ioasid_set *set)
{
	spin_lock(&ioasid_lock);
	__ioasid_set_put(set);
	spin_unlock(&ioasid_lock);
}
EXPORT_SYMBOL_GPL(ioasid_set_put);

void ioasid_set_put_locked(struct ioasid_set *set)
{
	lockdep_assert_held(&ioasid_lock);
	__ioasid_set_put(set);
}
EXPORT_SYMBOL_GPL(ioasid_set_put_locked);

/**
 * ioasid_set_for_each_ioasid - call @fn on each ALLOCATED ID of @set, in ascending order
 * Return: 0; -EINVAL without a set, -ENOENT for a dying set.
 */
int ioasid_set_for_each_ioasid(struct ioasid_set *set, void (*fn)(ioasid_t id, void *data), void *data)
{
	struct ioasid_data *entry;
	unsigned long index;
	int ret = 0;

	spin_lock(&ioasid_lock);
	if (!set) {
		ret = -EINVAL;
		goto out;
	}
	if (set->dying) {
		ret = -ENOENT;
		goto out;
	}
	xa_for_each(&ioasid_xa, index, entry) {
		if (entry->set == set && entry->state == IOASID_STATE_ALLOCATED)
			fn(entry->id, data);
	}
out:
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_set_for_each_ioasid);

/* ---- IDs (rule 2) */

/*
 * The ID @id as seen through @set: -EINVAL for an invalid ID, -ENOENT for an unknown one,
 * -EACCES for another set's (or for a NULL set when @owner_only). State is not checked.
 */
static struct ioasid_data *ioasid_lookup(struct ioasid_set *set, ioasid_t id, bool owner_only)
{
	struct ioasid_data *data;

	if (!ioasid_valid(id))
		return ERR_PTR(-EINVAL);
	data = xa_load(&ioasid_xa, id);
	if (!data)
		return ERR_PTR(-ENOENT);
	if (set ? data->set != set : owner_only)
		return ERR_PTR(-EACCES);
	return data;
}

static struct ioasid_data *ioasid_lookup_active(struct ioasid_set *set, ioasid_t id, bool owner_only)
{
	struct ioasid_data *data = ioasid_lookup(set, id, owner_only);

	if (!IS_ERR(data) && data->state != IOASID_STATE_ALLOCATED)
		return ERR_PTR(-ENOENT);
	return data;
}

static void ioasid_reclaim(struct ioasid_data *data)
{
	struct ioasid_allocator_data *allocator = data->allocator;
	struct ioasid_set *set = data->set;

	xa_erase(&ioasid_xa, data->id);
	if (allocator) {
		allocator->nr_ioasids--;
		allocator->ops->free(data->id, allocator->ops->pdata);
	} else {
		ioasid_default_ids--;
	}
	set->nr_ioasids--;
	if (set->dying && !set->nr_ioasids)
		ioasid_set_destroy(set);
	kfree_rcu(data, rcu);
}

static void ioasid_drop(struct ioasid_data *data)
{
	if (refcount_dec_and_test(&data->users))
		ioasid_reclaim(data);
}

/* Mark FREE_PENDING, deliver FREE, then drop the allocation's reference (D9, D10). */
static void __ioasid_free(struct ioasid_data *data)
{
	if (data->state == IOASID_STATE_FREE_PENDING)
		return;
	data->state = IOASID_STATE_FREE_PENDING;
	if (data->spid != INVALID_IOASID)
		xa_erase(&data->set->spids, data->spid);
	ioasid_publish(data, IOASID_NOTIFY_FREE, IOASID_NOTIFY_FLAG_ALL | IOASID_NOTIFY_FLAG_SET);
	data->alloc_ref = false;
	ioasid_drop(data);
}

/* Is any ID in [min, max] free? */
static bool ioasid_range_has_free(ioasid_t min, ioasid_t max)
{
	unsigned long index, used = 0;
	struct ioasid_data *data;

	xa_for_each_range(&ioasid_xa, index, data, min, max)
		used++;
	return used < (unsigned long)(max - min) + 1;
}

/**
 * ioasid_alloc - allocate an IOASID in @set, with one reference (the allocation's)
 * @set: the owning set
 * @min: the lowest acceptable ID
 * @max: the highest acceptable ID
 * @private: data for ioasid_find()
 *
 * Return: the ID, or INVALID_IOASID (invalid range, dying set, quota reached, no free ID,
 * a custom allocator's unusable answer, no memory).
 */
ioasid_t ioasid_alloc(struct ioasid_set *set, ioasid_t min, ioasid_t max, void *private)
{
	struct ioasid_allocator_data *allocator;
	struct ioasid_data *data;
	ioasid_t id = INVALID_IOASID;

	spin_lock(&ioasid_lock);
	if (!ioasid_valid(min) || !ioasid_valid(max) || min > max || !set || set->dying ||
	    set->nr_ioasids >= set->quota || !ioasid_range_has_free(min, max))
		goto out;
	data = kzalloc(sizeof(*data), GFP_ATOMIC);
	if (!data)
		goto out;
	allocator = list_first_entry_or_null(&ioasid_allocators, struct ioasid_allocator_data, list);
	if (allocator) {
		int ret = -EINVAL;

		id = allocator->ops->alloc(min, max, allocator->ops->pdata);
		if (id >= min && id <= max)
			ret = xa_insert(&ioasid_xa, id, data, GFP_ATOMIC);
		/* D32: a number we could not store goes back; a refused one (D29) is not ours */
		if (ret == -ENOMEM)
			allocator->ops->free(id, allocator->ops->pdata);
		if (ret)
			id = INVALID_IOASID;
	} else if (xa_alloc(&ioasid_xa, &id, data, XA_LIMIT(min, max), GFP_ATOMIC)) {
		id = INVALID_IOASID;
	}
	if (id == INVALID_IOASID) {
		kfree(data);
		goto out;
	}
	if (allocator)
		allocator->nr_ioasids++;
	else
		ioasid_default_ids++;
	data->id = id;
	data->set = set;
	data->private = private;
	data->spid = INVALID_IOASID;
	refcount_set(&data->users, 1);
	data->state = IOASID_STATE_ALLOCATED;
	data->alloc_ref = true;
	data->allocator = allocator;
	set->nr_ioasids++;
	ioasid_publish(data, IOASID_NOTIFY_ALLOC, IOASID_NOTIFY_FLAG_SET);
out:
	spin_unlock(&ioasid_lock);
	return id;
}
EXPORT_SYMBOL_GPL(ioasid_alloc);

/**
 * ioasid_free - give back an IOASID; only its set may. A second free does nothing.
 */
void ioasid_free(struct ioasid_set *set, ioasid_t ioasid)
{
	struct ioasid_data *data;

	spin_lock(&ioasid_lock);
	data = ioasid_lookup(set, ioasid, true);
	if (IS_ERR(data))
		pr_err("free of IOASID %u refused (%ld)\n", ioasid, PTR_ERR(data));
	else
		__ioasid_free(data);
	spin_unlock(&ioasid_lock);
}
EXPORT_SYMBOL_GPL(ioasid_free);

static int __ioasid_get(struct ioasid_set *set, ioasid_t ioasid)
{
	struct ioasid_data *data = ioasid_lookup_active(set, ioasid, false);

	if (IS_ERR(data))
		return PTR_ERR(data);
	refcount_inc(&data->users);
	return 0;
}

/**
 * ioasid_get - take a reference on an ALLOCATED IOASID; a NULL set means any set
 * Return: 0, -EINVAL, -ENOENT (unknown or FREE_PENDING) or -EACCES (another set's).
 */
int ioasid_get(struct ioasid_set *set, ioasid_t ioasid)
{
	int ret;

	spin_lock(&ioasid_lock);
	ret = __ioasid_get(set, ioasid);
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_get);

int ioasid_get_locked(struct ioasid_set *set, ioasid_t ioasid)
{
	lockdep_assert_held(&ioasid_lock);
	return __ioasid_get(set, ioasid);
}
EXPORT_SYMBOL_GPL(ioasid_get_locked);

/* A put never drops the allocation's reference: only ioasid_free() does (D11). */
static void __ioasid_put(struct ioasid_set *set, ioasid_t ioasid)
{
	struct ioasid_data *data = ioasid_lookup(set, ioasid, false);

	if (IS_ERR(data)) {
		pr_err("put of IOASID %u refused (%ld)\n", ioasid, PTR_ERR(data));
		return;
	}
	if (refcount_read(&data->users) == 1 && data->alloc_ref) {
		pr_err("put of IOASID %u would drop its allocation's reference\n", ioasid);
		return;
	}
	ioasid_drop(data);
}

void ioasid_put(struct ioasid_set *set, ioasid_t ioasid)
{
	spin_lock(&ioasid_lock);
	__ioasid_put(set, ioasid);
	spin_unlock(&ioasid_lock);
}
EXPORT_SYMBOL_GPL(ioasid_put);

void ioasid_put_locked(struct ioasid_set *set, ioasid_t ioasid)
{
	lockdep_assert_held(&ioasid_lock);
	__ioasid_put(set, ioasid);
}
EXPORT_SYMBOL_GPL(ioasid_put_locked);

/**
 * ioasid_find - the private data of an ALLOCATED IOASID, taking no reference
 * @getter: when given, called on the data; false means the data is going away
 *
 * Return: the data (maybe NULL), or ERR_PTR(-EINVAL / -ENOENT / -EACCES).
 */
void *ioasid_find(struct ioasid_set *set, ioasid_t ioasid, bool (*getter)(void *))
{
	struct ioasid_data *data;
	void *priv;

	spin_lock(&ioasid_lock);
	data = ioasid_lookup_active(set, ioasid, false);
	if (IS_ERR(data)) {
		priv = data;
		goto out;
	}
	priv = data->private;
	if (getter && !getter(priv))
		priv = ERR_PTR(-ENOENT);
out:
	spin_unlock(&ioasid_lock);
	return priv;
}
EXPORT_SYMBOL_GPL(ioasid_find);

/**
 * ioasid_find_by_spid - the host IOASID carrying @spid in @set, with a reference taken
 * Return: the ID, or INVALID_IOASID.
 */
ioasid_t ioasid_find_by_spid(struct ioasid_set *set, ioasid_t spid)
{
	struct ioasid_data *data = NULL;
	ioasid_t id = INVALID_IOASID;

	spin_lock(&ioasid_lock);
	if (ioasid_valid(spid) && set && !set->dying)
		data = xa_load(&set->spids, spid);
	if (data) {
		refcount_inc(&data->users);
		id = data->id;
	}
	spin_unlock(&ioasid_lock);
	return id;
}
EXPORT_SYMBOL_GPL(ioasid_find_by_spid);

int ioasid_attach_data(struct ioasid_set *set, ioasid_t ioasid, void *private)
{
	struct ioasid_data *data;
	int ret = 0;

	spin_lock(&ioasid_lock);
	data = ioasid_lookup_active(set, ioasid, true);
	if (IS_ERR(data))
		ret = PTR_ERR(data);
	else
		data->private = private;
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_attach_data);

/**
 * ioasid_attach_spid - give an ALLOCATED IOASID its set-private ID
 * Return: 0; -EBUSY when it has one, -EEXIST when @spid is taken in the set (D14).
 */
int ioasid_attach_spid(struct ioasid_set *set, ioasid_t ioasid, ioasid_t spid)
{
	struct ioasid_data *data;
	int ret;

	spin_lock(&ioasid_lock);
	data = ioasid_valid(spid) ? ioasid_lookup_active(set, ioasid, true) : ERR_PTR(-EINVAL);
	if (IS_ERR(data)) {
		ret = PTR_ERR(data);
		goto out;
	}
	if (data->spid != INVALID_IOASID) {
		ret = -EBUSY;
		goto out;
	}
	ret = xa_insert(&data->set->spids, spid, data, GFP_ATOMIC);
	if (ret == -EBUSY)
		ret = -EEXIST;
	if (!ret)
		data->spid = spid;
out:
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_attach_spid);

int ioasid_detach_spid(struct ioasid_set *set, ioasid_t ioasid)
{
	struct ioasid_data *data;
	int ret = 0;

	spin_lock(&ioasid_lock);
	data = ioasid_lookup_active(set, ioasid, true);
	if (IS_ERR(data)) {
		ret = PTR_ERR(data);
	} else if (data->spid == INVALID_IOASID) {
		ret = -ENOENT;
	} else {
		xa_erase(&data->set->spids, data->spid);
		data->spid = INVALID_IOASID;
	}
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_detach_spid);

/* ---- notifiers (rule 4) */

static struct ioasid_registration *ioasid_registration_of(struct notifier_block *nb)
{
	struct notifier_block *p;

	for (p = ioasid_chain.head; p; p = p->next) {
		struct ioasid_registration *reg = container_of(p, struct ioasid_registration, wrap);

		if (reg->nb == nb)
			return reg;
	}
	return NULL;
}

static int ioasid_register(struct notifier_block *nb, enum ioasid_scope scope,
			   struct ioasid_set *set, struct mm_struct *mm)
{
	struct ioasid_registration *reg = kzalloc(sizeof(*reg), GFP_ATOMIC);

	if (!reg)
		return -ENOMEM;
	reg->wrap.notifier_call = NULL;		/* the chain orders, it is never called */
	reg->wrap.priority = nb->priority;
	reg->nb = nb;
	reg->scope = scope;
	reg->set = set;
	reg->mm = mm;
	return raw_notifier_chain_register(&ioasid_chain, &reg->wrap);
}

/**
 * ioasid_register_notifier - hear the events of @set, or of every set when @set is NULL
 * Return: 0; -ENOENT for a dying set, -EEXIST when @nb is registered anywhere, -EBUSY for an
 * MM set that already holds IDs (D23).
 */
int ioasid_register_notifier(struct ioasid_set *set, struct notifier_block *nb)
{
	int ret;

	spin_lock(&ioasid_lock);
	if (set && set->dying)
		ret = -ENOENT;
	else if (ioasid_registration_of(nb))
		ret = -EEXIST;
	else if (set && set->type == IOASID_SET_TYPE_MM && set->nr_ioasids)
		ret = -EBUSY;
	else
		ret = ioasid_register(nb, set ? IOASID_SCOPE_SET : IOASID_SCOPE_GLOBAL, set, NULL);
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_register_notifier);

static void ioasid_unregister(struct notifier_block *nb, enum ioasid_scope scope,
			      struct ioasid_set *set, struct mm_struct *mm)
{
	struct ioasid_registration *reg = ioasid_registration_of(nb);

	if (!reg || reg->scope != scope || (scope == IOASID_SCOPE_SET && reg->set != set) ||
	    (scope == IOASID_SCOPE_MM && reg->mm != mm)) {
		pr_err("unregister of a notifier not registered there\n");
		return;
	}
	raw_notifier_chain_unregister(&ioasid_chain, &reg->wrap);
	kfree_rcu(reg, rcu);
}

void ioasid_unregister_notifier(struct ioasid_set *set, struct notifier_block *nb)
{
	spin_lock(&ioasid_lock);
	ioasid_unregister(nb, set ? IOASID_SCOPE_SET : IOASID_SCOPE_GLOBAL, set, NULL);
	spin_unlock(&ioasid_lock);
}
EXPORT_SYMBOL_GPL(ioasid_unregister_notifier);

/**
 * ioasid_register_notifier_mm - hear the events of @mm's set, now or once it exists (D24)
 * Return: 0; -EINVAL without an mm, -EEXIST when @nb is registered anywhere, -EBUSY when the
 * live set of @mm holds IDs.
 */
int ioasid_register_notifier_mm(struct mm_struct *mm, struct notifier_block *nb)
{
	struct ioasid_set *set;
	int ret;

	spin_lock(&ioasid_lock);
	set = mm ? ioasid_set_of_mm(mm) : NULL;
	if (set && set->dying)
		set = NULL;
	if (!mm)
		ret = -EINVAL;
	else if (ioasid_registration_of(nb))
		ret = -EEXIST;
	else if (set && set->nr_ioasids)
		ret = -EBUSY;
	else
		ret = ioasid_register(nb, IOASID_SCOPE_MM, set, mm);
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_register_notifier_mm);

void ioasid_unregister_notifier_mm(struct mm_struct *mm, struct notifier_block *nb)
{
	spin_lock(&ioasid_lock);
	if (!mm)
		pr_err("unregister without an mm\n");
	else
		ioasid_unregister(nb, IOASID_SCOPE_MM, NULL, mm);
	spin_unlock(&ioasid_lock);
}
EXPORT_SYMBOL_GPL(ioasid_unregister_notifier_mm);

/**
 * ioasid_notify - publish a device bind or unbind of @ioasid
 * @flags: which chains hear it (IOASID_NOTIFY_FLAG_ALL, IOASID_NOTIFY_FLAG_SET)
 *
 * Only the first BIND and the last UNBIND of an ALLOCATED ID are delivered (D26).
 * Return: 0; -EINVAL for another event or an UNBIND with no bind, -ENOENT for an unknown ID
 * or a BIND of a FREE_PENDING one.
 */
int ioasid_notify(ioasid_t ioasid, enum ioasid_notify_val cmd, unsigned int flags)
{
	struct ioasid_data *data;
	int ret = 0;

	spin_lock(&ioasid_lock);
	if (cmd != IOASID_NOTIFY_BIND && cmd != IOASID_NOTIFY_UNBIND)
		data = ERR_PTR(-EINVAL);
	else
		data = ioasid_lookup(NULL, ioasid, false);
	if (IS_ERR(data)) {
		ret = PTR_ERR(data);
		goto out;
	}
	if (cmd == IOASID_NOTIFY_BIND) {
		if (data->state != IOASID_STATE_ALLOCATED)
			ret = -ENOENT;
		else if (++data->binds == 1)
			ioasid_publish(data, cmd, flags);
	} else if (!data->binds) {
		ret = -EINVAL;
	} else if (!--data->binds && data->state == IOASID_STATE_ALLOCATED) {
		ioasid_publish(data, cmd, flags);
	}
out:
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_notify);

/* ---- custom allocators (rule 5) */

static struct ioasid_allocator_data *ioasid_allocator_of(struct ioasid_allocator_ops *ops)
{
	struct ioasid_allocator_data *allocator;
	struct ioasid_allocator_ops *member;

	list_for_each_entry(allocator, &ioasid_allocators, list)
		list_for_each_entry(member, &allocator->members, list)
			if (member == ops)
				return allocator;
	return NULL;
}

/**
 * ioasid_register_allocator - let @ops allocate IDs, before the default allocator
 * Return: 0; -EINVAL for incomplete ops, -EEXIST when registered, -EAGAIN while the default
 * allocator has IDs outstanding, -ENOMEM.
 */
int ioasid_register_allocator(struct ioasid_allocator_ops *ops)
{
	struct ioasid_allocator_data *allocator;
	int ret = 0;

	spin_lock(&ioasid_lock);
	if (!ops || !ops->alloc || !ops->free) {
		ret = -EINVAL;
		goto out;
	}
	if (ioasid_allocator_of(ops)) {
		ret = -EEXIST;
		goto out;
	}
	if (ioasid_default_ids) {
		ret = -EAGAIN;
		goto out;
	}
	list_for_each_entry(allocator, &ioasid_allocators, list) {
		if (allocator->ops->alloc == ops->alloc && allocator->ops->free == ops->free) {
			list_add_tail(&ops->list, &allocator->members);
			goto out;
		}
	}
	allocator = kzalloc(sizeof(*allocator), GFP_ATOMIC);
	if (!allocator) {
		ret = -ENOMEM;
		goto out;
	}
	allocator->ops = ops;
	INIT_LIST_HEAD(&allocator->members);
	list_add_tail(&ops->list, &allocator->members);
	list_add_tail(&allocator->list, &ioasid_allocators);
out:
	spin_unlock(&ioasid_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ioasid_register_allocator);

void ioasid_unregister_allocator(struct ioasid_allocator_ops *ops)
{
	struct ioasid_allocator_data *allocator;

	spin_lock(&ioasid_lock);
	allocator = ioasid_allocator_of(ops);
	if (!allocator) {
		pr_err("unregister of an allocator not registered\n");
		goto out;
	}
	if (list_is_singular(&allocator->members) && allocator->nr_ioasids) {
		pr_err("unregister of an allocator whose IDs are outstanding\n");
		goto out;
	}
	list_del_init(&ops->list);
	if (list_empty(&allocator->members)) {
		list_del(&allocator->list);
		kfree_rcu(allocator, rcu);
	} else if (allocator->ops == ops) {
		allocator->ops = list_first_entry(&allocator->members, struct ioasid_allocator_ops, list);
	}
out:
	spin_unlock(&ioasid_lock);
}
EXPORT_SYMBOL_GPL(ioasid_unregister_allocator);

MODULE_DESCRIPTION("IO Address Space ID (IOASID) allocator");
MODULE_LICENSE("GPL");
