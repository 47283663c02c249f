// SPDX-License-Identifier: MIT
/* Priority-ordered notifier chains (linux/notifier.h states the rules). */
#include <linux/kernel.h>
#include <linux/notifier.h>

static int chain_register(struct notifier_block **nl, struct notifier_block *n)
{
	for (struct notifier_block *p = *nl; p != NULL; p = p->next) {
		if (p == n) {
			WARN(1, "notifier callback %p already registered", (void *)n->notifier_call);
			return -EEXIST;
		}
	}
	while (*nl != NULL && (*nl)->priority >= n->priority)
		nl = &(*nl)->next;
	n->next = *nl;
	*nl = n;
	return 0;
}

static int chain_unregister(struct notifier_block **nl, struct notifier_block *n)
{
	for (; *nl != NULL; nl = &(*nl)->next) {
		if (*nl == n) {
			*nl = n->next;
			return 0;
		}
	}
	return -ENOENT;
}

static int chain_call(struct notifier_block **nl, unsigned long val, void *v)
{
	int ret = NOTIFY_DONE;
	struct notifier_block *nb = *nl;

	while (nb != NULL) {
		struct notifier_block *next = nb->next;

		ret = nb->notifier_call(nb, val, v);
		if (ret & NOTIFY_STOP_MASK)
			break;
		nb = next;
	}
	return ret;
}

int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *nb)
{
	return chain_register(&nh->head, nb);
}

int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *nb)
{
	return chain_unregister(&nh->head, nb);
}

int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val, void *v)
{
	return chain_call(&nh->head, val, v);
}

int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = chain_register(&nh->head, nb);
	spin_unlock_irqrestore(&nh->lock, flags);
	return ret;
}

int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = chain_unregister(&nh->head, nb);
	spin_unlock_irqrestore(&nh->lock, flags);
	return ret;
}

int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v)
{
	int ret;

	kit_rcu_read_enter();
	ret = chain_call(&nh->head, val, v);
	kit_rcu_read_exit();
	return ret;
}

int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
	int ret;

	down_write(&nh->rwsem);
	ret = chain_register(&nh->head, nb);
	up_write(&nh->rwsem);
	return ret;
}

int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
	int ret;

	down_write(&nh->rwsem);
	ret = chain_unregister(&nh->head, nb);
	up_write(&nh->rwsem);
	return ret;
}

int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v)
{
	int ret;

	if (nh->head == NULL)
		return NOTIFY_DONE;
	down_read(&nh->rwsem);
	ret = chain_call(&nh->head, val, v);
	up_read(&nh->rwsem);
	return ret;
}
