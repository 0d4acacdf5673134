/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: threads, switching, blocking and the idle loop. The policy of
 * which runnable thread goes next is the linked implementation's
 * (uk_sched_default_ops); everything else is here.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/arch/x86_64.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include "sched.h"

#define KSTACK_SIZE	(16 * 1024)
#define FRAME_WORDS	7	/* see switch.S */

void uksched_switch(uintptr_t *save_sp, uintptr_t load_sp);
void uksched_thread_start(void);

/* Defined by the implementation: linking none fails with this name. */
extern const char uksched_link_exactly_one_scheduler_implementation[];

static const struct uk_sched_ops *const ops = &uk_sched_default_ops;
static struct uk_thread boot_thread = { .name = "boot", .heap_idx = -1 };
static struct uk_thread *current;
static struct uk_thread *all_threads;
static struct uk_thread *zombies;
static struct uk_timerq timerq;
static int next_tid = 1;
static int live_threads;
static uint64_t idle_ns;
static struct uk_waitq irq_waiters = UK_WAITQ_INIT;

struct uk_thread *uk_thread_current(void)
{
	return current;
}

uint64_t *uk_thread_sigmask(void)
{
	return &current->sigmask;
}

const char *uk_thread_current_name(void)
{
	return current ? current->name : NULL;
}

static int alloc_stack(struct uk_thread *t, size_t stack_size)
{
	struct uk_alloc *a = uk_alloc_get_default();

	t->stack_len = UK_PAGE_SIZE + UK_ALIGN_UP(stack_size, UK_PAGE_SIZE);
	t->stack_base = uk_memalign(a, UK_PAGE_SIZE, t->stack_len);
	if (!t->stack_base)
		return -ENOMEM;
	if (ukplat_page_protect(t->stack_base, UK_PAGE_SIZE,
				UKPLAT_PROT_NONE) < 0) {
		uk_free(a, t->stack_base);
		return -ENOMEM;
	}
	return 0;
}

/* One block: the thread, its extended state and its syscall stack. */
static struct uk_thread *thread_alloc(const char *name, size_t stack_size)
{
	size_t head = UK_ALIGN_UP(sizeof(struct uk_thread), 64);
	size_t fpu = UK_ALIGN_UP(ukarch_fpu_state_size(), 64);
	struct uk_alloc *a = uk_alloc_get_default();
	char *mem = uk_memalign(a, 64, head + fpu + KSTACK_SIZE);
	struct uk_thread *t = (struct uk_thread *)mem;

	if (!mem)
		return NULL;
	memset(t, 0, sizeof(*t));
	if (stack_size && alloc_stack(t, stack_size) < 0) {
		uk_free(a, mem);
		return NULL;
	}
	t->mem = mem;
	t->fpu = mem + head;
	ukarch_fpu_state_init(t->fpu);
	t->syscall_stack_top = mem + head + fpu + KSTACK_SIZE;
	t->name = name;
	t->tid = next_tid++;
	t->heap_idx = -1;
	t->state = UK_THREAD_RUNNABLE;
	t->all_next = all_threads;
	all_threads = t;
	live_threads++;
	return t;
}

static void thread_free(struct uk_thread *t)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_thread **p;

	for (p = &all_threads; *p; p = &(*p)->all_next)
		if (*p == t) {
			*p = t->all_next;
			break;
		}
	if (t->stack_base) {
		ukplat_page_protect(t->stack_base, UK_PAGE_SIZE,
				    UKPLAT_PROT_READ | UKPLAT_PROT_WRITE);
		uk_free(a, t->stack_base);
	}
	uk_free(a, t->mem);
}

struct uk_thread *uk_thread_create(const char *name, void (*fn)(void *),
				   void *arg, size_t stack_size)
{
	struct uk_thread *t = thread_alloc(name, stack_size);
	uintptr_t top, *frame;

	if (!t)
		return NULL;
	top = stack_size ? (uintptr_t)t->stack_base + t->stack_len :
			   (uintptr_t)t->syscall_stack_top;
	frame = (uintptr_t *)(top - 16) - FRAME_WORDS;
	memset(frame, 0, FRAME_WORDS * sizeof(*frame));
	frame[2] = (uintptr_t)arg;		/* r13 */
	frame[3] = (uintptr_t)fn;		/* r12 */
	frame[6] = (uintptr_t)uksched_thread_start;
	t->sp = (uintptr_t)frame;
	ops->enqueue(t);
	return t;
}

static void reap_zombies(void)
{
	while (zombies && zombies != current) {
		struct uk_thread *z = zombies;

		zombies = z->rq_next;
		thread_free(z);
	}
}

static void switch_to(struct uk_thread *next)
{
	struct uk_thread *prev = current;
	uint64_t now = ukplat_monotonic_ns();

	prev->cpu_ns += now - prev->ran_since;
	next->ran_since = now;
	if (prev->fpu)
		ukarch_fpu_save(prev->fpu);
	prev->fs_base = ukarch_fs_base();
	current = next;
	uk_syscall_stack_top = next->syscall_stack_top;
	ukarch_set_fs_base(next->fs_base);
	ukarch_fpu_restore(next->fpu);
	uksched_switch(&prev->sp, next->sp);
}

static void wake_expired(void)
{
	struct uk_thread *t = uk_timerq_first(&timerq);
	uint64_t now;

	if (!t)
		return;
	now = ukplat_monotonic_ns();
	while ((t = uk_timerq_first(&timerq)) && t->wake_ns <= now) {
		t->timed_out = true;
		uk_thread_wake(t);
	}
}

/* Nothing to run: halt until the next deadline or any interrupt. */
static void idle(void)
{
	struct uk_thread *first = uk_timerq_first(&timerq);
	uint64_t t0 = ukplat_monotonic_ns(), slept;

	ukplat_timer_set(first ? first->wake_ns : 0);
	ukplat_idle_wait();
	slept = ukplat_monotonic_ns() - t0;
	idle_ns += slept;
	current->ran_since += slept;
	uk_waitq_wake(&irq_waiters, INT_MAX);
}

int uk_sched_wait_interrupt(void)
{
	return uk_waitq_wait(&irq_waiters, 0);
}

static void schedule(void)
{
	struct uk_thread *next;

	for (;;) {
		wake_expired();
		next = ops->pick();
		if (next)
			break;
		idle();
	}
	if (next != current)
		switch_to(next);
	reap_zombies();
}

void uk_sched_yield(void)
{
	ops->enqueue(current);
	schedule();
}

int uk_sched_block(uint64_t deadline_ns)
{
	struct uk_thread *t = current;

	t->state = UK_THREAD_BLOCKED;
	t->timed_out = false;
	t->wake_ns = deadline_ns;
	if (deadline_ns && uk_timerq_insert(&timerq, t) < 0) {
		t->state = UK_THREAD_RUNNABLE;
		return -ENOMEM;
	}
	schedule();
	return t->timed_out ? -ETIMEDOUT : 0;
}

void uk_thread_wake(struct uk_thread *t)
{
	if (t->state != UK_THREAD_BLOCKED)
		return;
	uk_timerq_remove(&timerq, t);
	t->state = UK_THREAD_RUNNABLE;
	ops->enqueue(t);
}

void uk_sched_sleep_until(uint64_t deadline_ns)
{
	while (uk_sched_block(deadline_ns ? deadline_ns : 1) == 0)
		;
}

void uk_thread_exit(void)
{
	struct uk_thread *t = current;

	if (t->clear_tid) {
		*t->clear_tid = 0;
		uksched_futex_wake(t->clear_tid, 1);
	}
	t->state = UK_THREAD_EXITED;
	if (t->joiner)
		uk_thread_wake(t->joiner);
	if (t->autoreap) {
		t->rq_next = zombies;
		zombies = t;
	}
	if (--live_threads == 0) {
		uk_pr_info("the last thread exited");
		ukplat_halt(0);
	}
	schedule();
	UK_CRASH("exited thread %d was scheduled again", t->tid);
}

int uk_thread_join(struct uk_thread *t)
{
	if (!t || t == current || t->autoreap || t->joiner)
		return -EINVAL;
	while (t->state != UK_THREAD_EXITED) {
		t->joiner = current;
		uk_sched_block(0);
	}
	thread_free(t);
	return 0;
}

static void waitq_remove(struct uk_waitq *wq, struct uk_thread *t)
{
	struct uk_thread *prev = NULL, *p;

	for (p = wq->head; p && p != t; p = p->wq_next)
		prev = p;
	if (!p)
		return;
	if (prev)
		prev->wq_next = t->wq_next;
	else
		wq->head = t->wq_next;
	if (wq->tail == t)
		wq->tail = prev;
	t->wq = NULL;
}

int uk_waitq_wait(struct uk_waitq *wq, uint64_t deadline_ns)
{
	struct uk_thread *t = current;
	int rc;

	t->wq = wq;
	t->wq_next = NULL;
	if (wq->tail)
		wq->tail->wq_next = t;
	else
		wq->head = t;
	wq->tail = t;
	rc = uk_sched_block(deadline_ns);
	if (t->wq == wq)
		waitq_remove(wq, t);
	return rc;
}

int uk_waitq_wake(struct uk_waitq *wq, int n)
{
	int woken = 0;

	while (woken < n && wq->head) {
		struct uk_thread *t = wq->head;

		wq->head = t->wq_next;
		if (!wq->head)
			wq->tail = NULL;
		t->wq = NULL;
		uk_thread_wake(t);
		woken++;
	}
	return woken;
}

void uk_sched_start(void (*fn)(void *), void *arg, size_t stack_size)
{
	current = &boot_thread;
	uk_pr_debug("scheduler: %s",
		    uksched_link_exactly_one_scheduler_implementation);
	if (!uk_thread_create("main", fn, arg, stack_size)) {
		uk_pr_crit("no memory for the main thread");
		ukplat_halt(UKPLAT_STATUS_BOOTFAIL);
	}
	uk_sched_block(0);
	UK_CRASH("the boot context was resumed");
}

uint64_t uk_sched_thread_cpu_ns(void)
{
	return current->cpu_ns + (ukplat_monotonic_ns() - current->ran_since);
}

uint64_t uk_sched_process_cpu_ns(void)
{
	return ukplat_monotonic_ns() - idle_ns;
}
