/* SPDX-License-Identifier: BSD-3-Clause */
/* uksyscall: clocks, from the platform's monotonic and wall clocks. */
#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <uk/plat.h>
#include <uk/syscall.h>

#define NSEC_PER_SEC	1000000000ULL

static int clock_ns(clockid_t clk, uint64_t *ns)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = ukplat_wall_clock_at_boot_ns() + ukplat_monotonic_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ukplat_monotonic_ns();
		return 0;
	default:
		return -EINVAL;
	}
}

int uk_sys_clock_gettime(clockid_t clk, struct timespec *ts)
{
	uint64_t ns;
	int rc = clock_ns(clk, &ns);

	if (rc < 0)
		return rc;
	if (!ukplat_access_ok(ts, sizeof(*ts)))
		return -EFAULT;
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
	return 0;
}

int uk_sys_gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns;

	if (tz && !ukplat_access_ok(tz, 2 * sizeof(int)))
		return -EFAULT;
	if (tz)
		memset(tz, 0, 2 * sizeof(int));
	if (!tv)
		return 0;
	if (!ukplat_access_ok(tv, sizeof(*tv)))
		return -EFAULT;
	clock_ns(CLOCK_REALTIME, &ns);
	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = ns % NSEC_PER_SEC / 1000;
	return 0;
}
