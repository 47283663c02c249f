// SPDX-License-Identifier: MIT
/* Notifier chains: priority order with registration order on ties, duplicates, stop mask. */
#include <linux/kernel.h>
#include <linux/notifier.h>
#include "check.h"

static char order[16];
static int calls;

static int record(struct notifier_block *nb, unsigned long action, void *data)
{
	(void)nb;
	(void)action;
	(void)data;
	calls++;
	return NOTIFY_OK;
}

static struct notifier_block blocks[5];
static const char names[5] = { 'A', 'B', 'C', 'D', 'E' };

static int named(struct notifier_block *nb, unsigned long action, void *data)
{
	(void)action;
	(void)data;
	if (calls < 15)
		order[calls++] = names[nb - blocks];
	return nb == &blocks[4] ? NOTIFY_STOP : NOTIFY_OK;
}

static void test_priority_then_registration_order(void)
{
	RAW_NOTIFIER_HEAD(chain);
	const int prio[5] = { 1, 3, 1, 2, 0 };

	for (int i = 0; i < 5; i++) {
		blocks[i].notifier_call = named;
		blocks[i].priority = prio[i];
		CHECK(raw_notifier_chain_register(&chain, &blocks[i]) == 0);
	}
	calls = 0;
	memset(order, 0, sizeof(order));
	CHECK(raw_notifier_call_chain(&chain, 1, NULL) == NOTIFY_STOP);
	CHECK(strcmp(order, "BDACE") == 0);
	CHECK(raw_notifier_chain_unregister(&chain, &blocks[0]) == 0);
	CHECK(raw_notifier_chain_unregister(&chain, &blocks[0]) == -ENOENT);
	calls = 0;
	memset(order, 0, sizeof(order));
	raw_notifier_call_chain(&chain, 1, NULL);
	CHECK(strcmp(order, "BDCE") == 0);
}

static void twice(void *arg)
{
	struct atomic_notifier_head *chain = arg;

	blocks[0].notifier_call = record;
	CHECK(atomic_notifier_chain_register(chain, &blocks[0]) == 0);
	CHECK(atomic_notifier_chain_register(chain, &blocks[0]) == -EEXIST);
}

static void test_duplicate_registration_warns(void)
{
	ATOMIC_NOTIFIER_HEAD(chain);
	struct kit_frame f;

	CHECK(in_frame(&f, twice, &chain) == 0);
	CHECK(f.nwarnings == 1 && warned(&f, "already registered"));
	kit_frame_release(&f);
}

static int stop_first(struct notifier_block *nb, unsigned long action, void *data)
{
	(void)nb;
	(void)action;
	(void)data;
	calls++;
	return NOTIFY_BAD;
}

static void test_stop_mask_ends_the_walk(void)
{
	BLOCKING_NOTIFIER_HEAD(chain);
	struct notifier_block x = { .notifier_call = stop_first, .priority = 1 };
	struct notifier_block y = { .notifier_call = stop_first, .priority = 0 };

	blocking_notifier_chain_register(&chain, &y);
	blocking_notifier_chain_register(&chain, &x);
	calls = 0;
	CHECK(blocking_notifier_call_chain(&chain, 0, NULL) == NOTIFY_BAD);
	CHECK(calls == 1);
	CHECK(notifier_to_errno(notifier_from_errno(-EBUSY)) == -EBUSY);
}

int main(void)
{
	RUN(test_priority_then_registration_order);
	RUN(test_duplicate_registration_warns);
	RUN(test_stop_mask_ends_the_walk);
	return failures != 0;
}
