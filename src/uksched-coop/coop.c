/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched-coop: cooperative round-robin. Runnable threads wait in one
 * FIFO; a thread runs until it blocks, sleeps, yields or exits, then the
 * one at the head goes next.
 */
#include <uk/sched.h>

static struct uk_thread *head, *tail;

static void coop_enqueue(struct uk_thread *t)
{
	t->rq_next = NULL;
	if (tail)
		tail->rq_next = t;
	else
		head = t;
	tail = t;
}

static struct uk_thread *coop_pick(void)
{
	struct uk_thread *t = head;

	if (t) {
		head = t->rq_next;
		if (!head)
			tail = NULL;
	}
	return t;
}

const struct uk_sched_ops uk_sched_default_ops = {
	.name = "coop",
	.enqueue = coop_enqueue,
	.pick = coop_pick,
};

/* Linking two scheduler implementations fails on this symbol. */
const char uksched_link_exactly_one_scheduler_implementation[] = "coop";
