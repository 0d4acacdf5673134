/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: poll(2) and ppoll(2). Regular files are always ready; pipes
 * report their ring; the console reports input waiting. A poll with
 * nothing ready sleeps until a pipe changes or the timeout passes, and
 * looks at the console again every 20 ms while it waits.
 */
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <uk/plat.h>
#include <uk/syscall.h>
#include "sys.h"
#include "vfscore.h"

#define CONSOLE_RECHECK_NS	20000000ULL

struct uk_waitq uk_vfs_poll_wq = UK_WAITQ_INIT;

static int scan(struct pollfd *fds, nfds_t n)
{
	int ready = 0;
	nfds_t i;

	for (i = 0; i < n; i++) {
		struct uk_file *f;
		short ev;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f = uk_fd_get(fds[i].fd);
		if (!f)
			ev = POLLNVAL;
		else
			ev = f->fops->poll ? f->fops->poll(f) : 0;
		fds[i].revents = ev & (fds[i].events | POLLERR | POLLHUP |
				       POLLNVAL);
		ready += fds[i].revents != 0;
	}
	return ready;
}

/* deadline: monotonic ns, 0 = wait forever, 1 = do not wait. */
static int do_poll(struct pollfd *fds, nfds_t n, uint64_t deadline)
{
	uint64_t now, until;
	int ready;

	if (n > UK_FD_MAX)
		return -EINVAL;
	if (!ukplat_access_ok(fds, n * sizeof(*fds)))
		return -EFAULT;
	for (;;) {
		ready = scan(fds, n);
		now = ukplat_monotonic_ns();
		if (ready || (deadline && now >= deadline))
			return ready;
		until = now + CONSOLE_RECHECK_NS;
		if (deadline && deadline < until)
			until = deadline;
		uk_waitq_wait(&uk_vfs_poll_wq, until);
	}
}

int uk_vfs_sys_poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	uint64_t deadline = 0;

	if (timeout_ms == 0)
		deadline = 1;
	else if (timeout_ms > 0)
		deadline = ukplat_monotonic_ns() +
			   (uint64_t)timeout_ms * 1000000;
	return do_poll(fds, n, deadline);
}

int uk_vfs_sys_ppoll(struct pollfd *fds, nfds_t n,
		     const struct timespec *ts, const void *sigmask)
{
	uint64_t deadline = 0;

	if (ts) {
		if (!ukplat_access_ok(ts, sizeof(*ts)))
			return -EFAULT;
		if (ts->tv_sec < 0 || ts->tv_nsec < 0 ||
		    ts->tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = ukplat_monotonic_ns() +
			   (uint64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
		if (!ts->tv_sec && !ts->tv_nsec)
			deadline = 1;
	}
	return do_poll(fds, n, deadline);
}
