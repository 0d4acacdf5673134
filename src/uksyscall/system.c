/* SPDX-License-Identifier: BSD-3-Clause */
/* uksyscall: what a program asks about its machine and its limits. */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <uk/alloc.h>
#include <uk/plat.h>
#include <uk/syscall.h>

#define NSEC_PER_SEC	1000000000ULL

int uk_sys_clock_getres(clockid_t clk, struct timespec *res)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		break;
	default:
		return -EINVAL;
	}
	if (!res)
		return 0;
	if (!ukplat_access_ok(res, sizeof(*res)))
		return -EFAULT;
	res->tv_sec = 0;
	res->tv_nsec = 1;
	return 0;
}

/* One CPU: the mask has bit 0 only. Returns the bytes written. */
int uk_sys_sched_getaffinity(pid_t pid, size_t len, unsigned long *mask)
{
	if (pid != 0 && pid != 1)
		return -ESRCH;
	if (len < sizeof(*mask) || (len & (sizeof(*mask) - 1)))
		return -EINVAL;
	if (!ukplat_access_ok(mask, len))
		return -EFAULT;
	memset(mask, 0, len);
	mask[0] = 1;
	return sizeof(*mask);
}

int uk_sys_sysinfo(struct sysinfo *info)
{
	struct uk_alloc_stats st = { 0 };
	struct uk_alloc *a = uk_alloc_get_default();

	if (!ukplat_access_ok(info, sizeof(*info)))
		return -EFAULT;
	if (a)
		uk_alloc_stats(a, &st);
	memset(info, 0, sizeof(*info));
	info->uptime = ukplat_monotonic_ns() / NSEC_PER_SEC;
	info->totalram = st.total_bytes;
	info->freeram = st.free_bytes;
	info->procs = 1;
	info->mem_unit = 1;
	return 0;
}

static struct rlimit limits[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK] = { 8 << 20, RLIM_INFINITY },
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },
	[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC] = { 1, 1 },
	[RLIMIT_NOFILE] = { 1024, 4096 },
	[RLIMIT_MEMLOCK] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING] = { 64, 64 },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { RLIM_INFINITY, RLIM_INFINITY },
};

/* The limits are recorded, and reported back; none is enforced. */
int uk_sys_prlimit64(pid_t pid, int res, const struct rlimit *new,
		     struct rlimit *old)
{
	if (pid != 0 && pid != 1)
		return -ESRCH;
	if (res < 0 || res >= RLIM_NLIMITS)
		return -EINVAL;
	if ((new && !ukplat_access_ok(new, sizeof(*new))) ||
	    (old && !ukplat_access_ok(old, sizeof(*old))))
		return -EFAULT;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && new->rlim_max > limits[res].rlim_max)
		return -EPERM;
	if (old)
		*old = limits[res];
	if (new)
		limits[res] = *new;
	return 0;
}
