/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: futex(2), the primitive under musl's mutexes, condition
 * variables and pthread_join. Waiters sit in one of 64 buckets hashed by
 * address. One address space, so the PRIVATE flag changes nothing.
 */
#include <errno.h>
#include <stdbool.h>
#include <time.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/sched.h>
#include "sched.h"

/* The Linux ABI's futex operations; musl ships no header for them. */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffffu

#define BUCKETS		64
#define NSEC_PER_SEC	1000000000ULL

static struct uk_waitq buckets[BUCKETS];

static struct uk_waitq *bucket(const void *addr)
{
	uintptr_t a = (uintptr_t)addr;

	return &buckets[(a >> 2 ^ a >> 8) % BUCKETS];
}

/* Wake up to n waiters on addr whose bitset meets mask. */
static int wake(const void *addr, int n, uint32_t mask)
{
	struct uk_waitq *wq = bucket(addr);
	struct uk_thread *t = wq->head, *prev = NULL, *next;
	int woken = 0;

	for (; t && woken < n; t = next) {
		next = t->wq_next;
		if (t->futex_addr != addr || !(t->futex_bitset & mask)) {
			prev = t;
			continue;
		}
		if (prev)
			prev->wq_next = next;
		else
			wq->head = next;
		if (wq->tail == t)
			wq->tail = prev;
		t->wq = NULL;
		uk_thread_wake(t);
		woken++;
	}
	return woken;
}

int uksched_futex_wake(const void *addr, int n)
{
	return wake(addr, n, FUTEX_BITSET_MATCH_ANY);
}

static int ts_to_ns(const struct timespec *ts, uint64_t *ns)
{
	if (!ukplat_access_ok(ts, sizeof(*ts)))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
		return -EINVAL;
	*ns = (uint64_t)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	return 0;
}

/* The monotonic deadline for a relative or absolute timeout; 0: none. */
static int deadline(const struct timespec *ts, bool absolute,
		    bool realtime, uint64_t *out)
{
	uint64_t ns, wall0;
	int rc;

	*out = 0;
	if (!ts)
		return 0;
	rc = ts_to_ns(ts, &ns);
	if (rc < 0)
		return rc;
	if (!absolute) {
		*out = ukplat_monotonic_ns() + ns;
	} else if (realtime) {
		wall0 = ukplat_wall_clock_at_boot_ns();
		*out = ns > wall0 ? ns - wall0 : 1;
	} else {
		*out = ns ? ns : 1;
	}
	return 0;
}

static int futex_wait(uint32_t *addr, uint32_t val, uint64_t deadline_ns,
		uint32_t bitset)
{
	struct uk_thread *self = uk_thread_current();
	int rc;

	if (!bitset)
		return -EINVAL;
	if (__atomic_load_n(addr, __ATOMIC_SEQ_CST) != val)
		return -EAGAIN;
	self->futex_addr = addr;
	self->futex_bitset = bitset;
	rc = uk_waitq_wait(bucket(addr), deadline_ns);
	self->futex_addr = NULL;
	return rc;
}

/* Wake n on addr, move up to n2 of the rest to addr2's queue. */
static int requeue(uint32_t *addr, int n, int n2, uint32_t *addr2)
{
	struct uk_waitq *from = bucket(addr), *to = bucket(addr2);
	int done = wake(addr, n, FUTEX_BITSET_MATCH_ANY);
	struct uk_thread *t, *prev = NULL, *next;

	for (t = from->head; t && n2 > 0; t = next) {
		next = t->wq_next;
		if (t->futex_addr != addr) {
			prev = t;
			continue;
		}
		if (prev)
			prev->wq_next = next;
		else
			from->head = next;
		if (from->tail == t)
			from->tail = prev;
		t->futex_addr = addr2;
		t->wq = to;
		t->wq_next = NULL;
		if (to->tail)
			to->tail->wq_next = t;
		else
			to->head = t;
		to->tail = t;
		n2--;
		done++;
	}
	return done;
}

long uk_sys_futex(uint32_t *addr, int op, uint32_t val,
		  const struct timespec *ts, uint32_t *addr2, uint32_t val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool rt = op & FUTEX_CLOCK_REALTIME;
	uint64_t dl;
	int rc;

	if ((uintptr_t)addr & 3)
		return -EINVAL;
	if (!ukplat_access_ok(addr, sizeof(*addr)))
		return -EFAULT;
	switch (cmd) {
	case FUTEX_WAIT:
		rc = deadline(ts, false, false, &dl);
		if (rc < 0)
			return rc;
		return futex_wait(addr, val, dl, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		rc = deadline(ts, true, rt, &dl);
		return rc < 0 ? rc : futex_wait(addr, val, dl, val3);
	case FUTEX_WAKE:
		return wake(addr, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return val3 ? wake(addr, (int)val, val3) : -EINVAL;
	case FUTEX_CMP_REQUEUE:
		if (__atomic_load_n(addr, __ATOMIC_SEQ_CST) != val3)
			return -EAGAIN;
		/* fall through */
	case FUTEX_REQUEUE:
		if (!ukplat_access_ok(addr2, sizeof(*addr2)))
			return -EFAULT;
		return requeue(addr, (int)val, (int)(uintptr_t)ts, addr2);
	default:
		uk_pr_once(UK_PRWARN, "futex operation %d is not supported",
			   cmd);
		return -ENOSYS;
	}
}
