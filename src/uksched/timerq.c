/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: blocked threads with a deadline, in a binary min-heap keyed
 * by wake_ns. Each thread knows its heap index, so an early wake-up
 * removes it in O(log n).
 */
#include <errno.h>
#include <uk/alloc.h>
#include <uk/print.h>
#include <uk/sched.h>

static void place(struct uk_timerq *q, int i, struct uk_thread *t)
{
	q->heap[i] = t;
	t->heap_idx = i;
}

static void sift_up(struct uk_timerq *q, int i)
{
	struct uk_thread *t = q->heap[i];

	while (i > 0) {
		int parent = (i - 1) / 2;

		if (q->heap[parent]->wake_ns <= t->wake_ns)
			break;
		place(q, i, q->heap[parent]);
		i = parent;
	}
	place(q, i, t);
}

static void sift_down(struct uk_timerq *q, int i)
{
	struct uk_thread *t = q->heap[i];

	for (;;) {
		int child = 2 * i + 1;

		if (child >= q->len)
			break;
		if (child + 1 < q->len &&
		    q->heap[child + 1]->wake_ns < q->heap[child]->wake_ns)
			child++;
		if (t->wake_ns <= q->heap[child]->wake_ns)
			break;
		place(q, i, q->heap[child]);
		i = child;
	}
	place(q, i, t);
}

int uk_timerq_insert(struct uk_timerq *q, struct uk_thread *t)
{
	if (q->len == q->cap) {
		int cap = q->cap ? 2 * q->cap : 64;
		struct uk_thread **h = uk_realloc(uk_alloc_get_default(),
						  q->heap, cap * sizeof(*h));

		if (!h)
			return -ENOMEM;
		q->heap = h;
		q->cap = cap;
	}
	place(q, q->len++, t);
	sift_up(q, t->heap_idx);
	return 0;
}

void uk_timerq_remove(struct uk_timerq *q, struct uk_thread *t)
{
	int i = t->heap_idx;
	struct uk_thread *last;

	if (i < 0)
		return;
	t->heap_idx = -1;
	last = q->heap[--q->len];
	if (i == q->len)
		return;
	place(q, i, last);
	sift_down(q, i);
	sift_up(q, last->heap_idx);
}

struct uk_thread *uk_timerq_first(const struct uk_timerq *q)
{
	return q->len ? q->heap[0] : NULL;
}

int uk_timerq_check(const struct uk_timerq *q)
{
	int i;

	for (i = 0; i < q->len; i++) {
		if (q->heap[i]->heap_idx != i) {
			uk_pr_err("timer heap slot %d holds index %d", i,
				  q->heap[i]->heap_idx);
			return -EINVAL;
		}
		if (i && q->heap[(i - 1) / 2]->wake_ns > q->heap[i]->wake_ns) {
			uk_pr_err("timer heap order broken at slot %d", i);
			return -EINVAL;
		}
	}
	return 0;
}
