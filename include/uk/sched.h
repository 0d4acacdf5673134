/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: threads on one CPU. This library owns threads, their stacks
 * and extended CPU state, sleeping, blocking and wait queues, and the
 * idle loop; the run-queue policy comes from a scheduler implementation
 * (uksched-coop) through struct uk_sched_ops, exactly one per image.
 *
 * Switches happen only when the running thread blocks, sleeps, yields
 * or exits: there is no preemption, so code between two such calls runs
 * atomically and the structures here need no lock. Interrupt handlers
 * never touch them.
 */
#ifndef UK_SCHED_H
#define UK_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uk/essentials.h>

enum uk_thread_state {
	UK_THREAD_RUNNABLE,	/* running, or on the run queue */
	UK_THREAD_BLOCKED,	/* waiting for uk_thread_wake() or a deadline */
	UK_THREAD_EXITED,	/* done; its memory goes at the next switch */
};

struct uk_waitq;

struct uk_thread {
	uintptr_t sp;			/* saved while not running */
	uint64_t fs_base;		/* the TLS pointer */
	void *fpu;			/* extended state, 64-byte aligned */
	void *syscall_stack_top;
	const char *name;
	int tid;
	enum uk_thread_state state;

	struct uk_thread *rq_next;	/* owned by the run-queue policy */
	struct uk_thread *wq_next;	/* owned by the wait queue it is on */
	struct uk_waitq *wq;
	uint64_t wake_ns;		/* deadline while blocked, 0 = none */
	int heap_idx;			/* in the timer heap, -1 if not */
	bool timed_out;

	int *clear_tid;			/* CLONE_CHILD_CLEARTID */
	const void *futex_addr;		/* the futex waited on, if any */
	uint32_t futex_bitset;
	bool autoreap;			/* nobody joins: freed at exit */
	struct uk_thread *joiner;	/* blocked in uk_thread_join() */

	uint64_t sigmask;		/* blocked signals */
	uint64_t cpu_ns;		/* run time before ran_since */
	uint64_t ran_since;
	void *mem;			/* the allocation holding all of it */
	void *stack_base;		/* guard page, then the stack */
	size_t stack_len;
	struct uk_thread *all_next;	/* every live thread */
	uintptr_t start_fn, start_arg;	/* for the first switch */
};

/* A run-queue policy: which runnable thread goes next. */
struct uk_sched_ops {
	const char *name;
	void (*enqueue)(struct uk_thread *t);	/* t is runnable */
	struct uk_thread *(*pick)(void);	/* dequeue the next, or NULL */
};

/* Defined by the linked scheduler implementation (uksched-coop). */
extern const struct uk_sched_ops uk_sched_default_ops;

/* The running thread; never NULL once uk_sched_start() ran. */
struct uk_thread *uk_thread_current(void);

/*
 * Create a runnable thread that calls fn(arg) on a stack of stack_size
 * bytes with an unmapped guard page below it, then exits. Returns NULL
 * when memory runs out. Does not switch.
 */
struct uk_thread *uk_thread_create(const char *name, void (*fn)(void *),
				   void *arg, size_t stack_size);

/* End the running thread. Its memory is freed once nobody needs it. */
void uk_thread_exit(void) __uk_noreturn;

/* Wait for t to exit, then free it. 0, or -EINVAL for a bad target. */
int uk_thread_join(struct uk_thread *t);

/* Let every other runnable thread run once. */
void uk_sched_yield(void);

/*
 * Stop running until uk_thread_wake(current) or until the monotonic
 * deadline (ns; 0 = none) passes: 0 when woken, -ETIMEDOUT otherwise.
 * The caller must already be findable by its waker.
 */
int uk_sched_block(uint64_t deadline_ns);

/* Make a blocked thread runnable; no effect on any other thread. */
void uk_thread_wake(struct uk_thread *t);

/*
 * Block until the CPU next takes an interrupt, for code that polls a
 * device after each one (interrupts are taken only while idle).
 */
int uk_sched_wait_interrupt(void);

/* Sleep until the monotonic deadline (ns). */
void uk_sched_sleep_until(uint64_t deadline_ns);

/* Wait queues: FIFO, no lock needed (see above). */
struct uk_waitq {
	struct uk_thread *head, *tail;
};

#define UK_WAITQ_INIT { NULL, NULL }

/* Block on wq until woken (0) or the deadline passes (-ETIMEDOUT). */
int uk_waitq_wait(struct uk_waitq *wq, uint64_t deadline_ns);
/* Wake up to n waiters in FIFO order; returns how many. */
int uk_waitq_wake(struct uk_waitq *wq, int n);

/*
 * Turn the boot context into the scheduler's world: create the first
 * thread running fn(arg) and switch to it. Never returns.
 */
void uk_sched_start(void (*fn)(void *), void *arg, size_t stack_size)
	__uk_noreturn;

/* CPU time of the running thread, and of all threads (not idle), ns. */
uint64_t uk_sched_thread_cpu_ns(void);
uint64_t uk_sched_process_cpu_ns(void);

/*
 * The timer heap: threads ordered by wake_ns. Exposed for the hosted
 * tests; uk_timerq_check() walks the heap property and the indices.
 */
struct uk_timerq {
	struct uk_thread **heap;
	int len, cap;
};

int uk_timerq_insert(struct uk_timerq *q, struct uk_thread *t);
void uk_timerq_remove(struct uk_timerq *q, struct uk_thread *t);
struct uk_thread *uk_timerq_first(const struct uk_timerq *q);
int uk_timerq_check(const struct uk_timerq *q);

#endif /* UK_SCHED_H */
