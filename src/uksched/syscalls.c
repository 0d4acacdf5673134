/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: the system calls behind musl's pthreads and sleeping. They
 * replace uksyscall's single-thread answers at boot, through
 * uk_syscall_register().
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <uk/alloc.h>
#include <uk/arch/x86_64.h>
#include <uk/init.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include "sched.h"

#define NSEC_PER_SEC	1000000000ULL
#define CLONE_THREAD_FLAGS	(CLONE_VM | CLONE_THREAD | CLONE_SIGHAND)
#define CLONE_KNOWN	(CLONE_THREAD_FLAGS | CLONE_FS | CLONE_FILES | \
			 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | \
			 CLONE_DETACHED | 0xff)	/* low byte: exit signal */

long uk_sys_futex(uint32_t *addr, int op, uint32_t val,
		  const struct timespec *ts, uint32_t *addr2, uint32_t val3);
void uksched_enter_user(const struct uk_syscall_frame *f, uintptr_t rsp);

static uk_syscall_fn base_clock_gettime;

struct clone_start {
	struct uk_syscall_frame frame;
	uintptr_t rsp;
};

/* The child's first code: return from clone() with 0, on its stack. */
static void clone_child(void *arg)
{
	struct clone_start cs = *(struct clone_start *)arg;

	uk_free(uk_alloc_get_default(), arg);
	uksched_enter_user(&cs.frame, cs.rsp);
}

long uk_sys_clone(unsigned long flags, void *stack, int *ptid, int *ctid,
		  unsigned long tls)
{
	struct clone_start *cs;
	struct uk_thread *t;

	if ((flags & CLONE_THREAD_FLAGS) != CLONE_THREAD_FLAGS ||
	    (flags & ~CLONE_KNOWN)) {
		uk_pr_once(UK_PRWARN, "clone flags 0x%lx: only threads are "
			   "supported, not processes", flags);
		return -ENOSYS;
	}
	if (!stack || ((flags & CLONE_PARENT_SETTID) &&
		       !ukplat_access_ok(ptid, sizeof(*ptid))) ||
	    ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) &&
	     !ukplat_access_ok(ctid, sizeof(*ctid))))
		return -EFAULT;
	cs = uk_malloc(uk_alloc_get_default(), sizeof(*cs));
	if (!cs)
		return -EAGAIN;
	cs->frame = *uk_syscall_current_frame();
	cs->rsp = (uintptr_t)stack;
	t = uk_thread_create("pthread", clone_child, cs, 0);
	if (!t) {
		uk_free(uk_alloc_get_default(), cs);
		return -EAGAIN;
	}
	t->autoreap = true;
	t->sigmask = uk_thread_current()->sigmask;
	t->fs_base = flags & CLONE_SETTLS ? tls : ukarch_fs_base();
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_tid = ctid;
	if (flags & CLONE_CHILD_SETTID)
		*ctid = t->tid;
	if (flags & CLONE_PARENT_SETTID)
		*ptid = t->tid;
	return t->tid;
}

long uk_sys_exit_thread(int status)
{
	uk_thread_exit();
}

long uk_sys_gettid_sched(void)
{
	return uk_thread_current()->tid;
}

long uk_sys_set_tid_address_sched(int *tidptr)
{
	uk_thread_current()->clear_tid = tidptr;
	return uk_thread_current()->tid;
}

long uk_sys_sched_yield(void)
{
	uk_sched_yield();
	return 0;
}

static int ts_ns(const struct timespec *ts, uint64_t *ns)
{
	if (!ukplat_access_ok(ts, sizeof(*ts)))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
		return -EINVAL;
	*ns = (uint64_t)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	return 0;
}

long uk_sys_clock_nanosleep(clockid_t clk, int flags,
			    const struct timespec *req, struct timespec *rem)
{
	uint64_t ns, wall0, deadline;
	int rc;

	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC &&
	    clk != CLOCK_BOOTTIME)
		return -EINVAL;
	rc = ts_ns(req, &ns);
	if (rc < 0)
		return rc;
	if (!(flags & TIMER_ABSTIME)) {
		deadline = ukplat_monotonic_ns() + ns;
	} else if (clk == CLOCK_REALTIME) {
		wall0 = ukplat_wall_clock_at_boot_ns();
		deadline = ns > wall0 ? ns - wall0 : 1;
	} else {
		deadline = ns ? ns : 1;
	}
	uk_sched_sleep_until(deadline);
	return 0;
}

long uk_sys_nanosleep(const struct timespec *req, struct timespec *rem)
{
	return uk_sys_clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem);
}

static void ns_to_tv(uint64_t ns, struct timeval *tv)
{
	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = ns % NSEC_PER_SEC / 1000;
}

long uk_sys_getrusage(int who, struct rusage *ru)
{
	uint64_t ns;

	if (who == RUSAGE_SELF)
		ns = uk_sched_process_cpu_ns();
	else if (who == RUSAGE_THREAD)
		ns = uk_sched_thread_cpu_ns();
	else if (who == RUSAGE_CHILDREN)
		ns = 0;
	else
		return -EINVAL;
	if (!ukplat_access_ok(ru, sizeof(*ru)))
		return -EFAULT;
	memset(ru, 0, sizeof(*ru));
	ns_to_tv(ns, &ru->ru_utime);
	return 0;
}

/* CPU-time clocks here; the others are uksyscall's. */
static long clock_gettime_sched(long clk, long ts, long c, long d, long e,
				long f)
{
	struct timespec *out = (struct timespec *)ts;
	uint64_t ns;

	if (clk == CLOCK_PROCESS_CPUTIME_ID)
		ns = uk_sched_process_cpu_ns();
	else if (clk == CLOCK_THREAD_CPUTIME_ID)
		ns = uk_sched_thread_cpu_ns();
	else
		return base_clock_gettime(clk, ts, c, d, e, f);
	if (!ukplat_access_ok(out, sizeof(*out)))
		return -EFAULT;
	out->tv_sec = ns / NSEC_PER_SEC;
	out->tv_nsec = ns % NSEC_PER_SEC;
	return 0;
}

#define RAW(name, call)							\
	static long raw_##name(long a, long b, long c, long d, long e,	\
			       long f)					\
	{								\
		return (long)(call);					\
	}

RAW(clone, uk_sys_clone((unsigned long)a, (void *)b, (int *)c, (int *)d,
			(unsigned long)e))
RAW(exit, uk_sys_exit_thread((int)a))
RAW(gettid, uk_sys_gettid_sched())
RAW(set_tid_address, uk_sys_set_tid_address_sched((int *)a))
RAW(sched_yield, uk_sys_sched_yield())
RAW(nanosleep, uk_sys_nanosleep((const struct timespec *)a,
				(struct timespec *)b))
RAW(clock_nanosleep, uk_sys_clock_nanosleep((clockid_t)a, (int)b,
					    (const struct timespec *)c,
					    (struct timespec *)d))
RAW(futex, uk_sys_futex((uint32_t *)a, (int)b, (uint32_t)c,
			(const struct timespec *)d, (uint32_t *)e,
			(uint32_t)f))
RAW(getrusage, uk_sys_getrusage((int)a, (struct rusage *)b))

static int uksched_syscalls_init(void)
{
	uk_syscall_register(SYS_clone, raw_clone);
	uk_syscall_register(SYS_exit, raw_exit);
	uk_syscall_register(SYS_gettid, raw_gettid);
	uk_syscall_register(SYS_set_tid_address, raw_set_tid_address);
	uk_syscall_register(SYS_sched_yield, raw_sched_yield);
	uk_syscall_register(SYS_nanosleep, raw_nanosleep);
	uk_syscall_register(SYS_clock_nanosleep, raw_clock_nanosleep);
	uk_syscall_register(SYS_futex, raw_futex);
	uk_syscall_register(SYS_getrusage, raw_getrusage);
	base_clock_gettime = uk_syscall_register(SYS_clock_gettime,
						 clock_gettime_sched);
	return 0;
}
UK_INIT(uksched_syscalls_init, UK_INIT_LIB);

/* The anchor that uksched.pc names, so this file is linked. */
const char uksched_anchor[] = "uksched";
