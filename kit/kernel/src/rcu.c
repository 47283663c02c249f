// SPDX-License-Identifier: MIT
/*
 * RCU callbacks wait for a grace period: they are queued and run, in queue order, when the main
 * says one has passed (after each harness call has been answered, linux/rcupdate.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

struct pending {
	struct pending *next;
	struct rcu_head *head;
	rcu_callback_t func;
	const void *ptr;	/* for kfree_rcu: the object to free */
};

static struct pending *first, **last = &first;

static void enqueue(struct rcu_head *head, rcu_callback_t func, const void *ptr)
{
	struct pending *p = malloc(sizeof(*p));

	if (p == NULL) {
		fputs("kit: out of memory queueing an RCU callback\n", stderr);
		abort();
	}
	p->next = NULL;
	p->head = head;
	p->func = func;
	p->ptr = ptr;
	*last = p;
	last = &p->next;
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	enqueue(head, func, NULL);
}

void kit_kfree_rcu(const void *ptr, struct rcu_head *head)
{
	if (ptr == NULL)
		return;
	if (kit_free_observer != NULL)
		kit_free_observer(ptr);
	enqueue(head, NULL, ptr);
}

void kit_rcu_quiesce(void)
{
	while (first != NULL) {
		struct pending *p = first;

		first = p->next;
		if (first == NULL)
			last = &first;
		if (p->func != NULL)
			p->func(p->head);
		else
			kfree(p->ptr);
		free(p);
	}
}
