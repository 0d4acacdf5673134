/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: getrandom. Bytes come from RDRAND; on a CPU without it, from
 * a TSC-seeded xorshift generator, which is not cryptographically strong
 * (said once on the console).
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/random.h>
#include <uk/arch/x86_64.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/syscall.h>

#define GRND_KNOWN	(GRND_NONBLOCK | GRND_RANDOM | 0x0004)

static uint64_t weak_next(void)
{
	static uint64_t s;

	if (!s)
		s = ukarch_rdtsc() | 1;
	s ^= s >> 12;
	s ^= s << 25;
	s ^= s >> 27;
	return s * 0x2545f4914f6cdd1dULL;
}

ssize_t uk_sys_getrandom(void *buf, size_t len, unsigned int flags)
{
	size_t done;
	uint64_t v;

	if (flags & ~GRND_KNOWN)
		return -EINVAL;
	if ((ssize_t)len < 0)
		len = SSIZE_MAX;
	if (!ukplat_access_ok(buf, len))
		return -EFAULT;
	done = ukplat_random_bytes(buf, len);
	if (done < len)
		uk_pr_once(UK_PRWARN,
			   "no RDRAND: getrandom falls back to a weak generator");
	while (done < len) {
		size_t n = UK_MIN(sizeof(v), len - done);

		v = weak_next();
		memcpy((char *)buf + done, &v, n);
		done += n;
	}
	return done;
}
