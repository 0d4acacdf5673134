/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: console I/O on fds 0, 1 and 2 until a VFS takes over the
 * descriptor table. The console is not a terminal (TIOCGWINSZ fails), so
 * musl buffers stdout fully and flushes it at exit.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <uk/plat.h>
#include <uk/syscall.h>

#define CONSOLE_FDS	3
#define EOT		0x04	/* ^D on the console reads as end of file */

static bool is_console(int fd)
{
	return fd >= 0 && fd < CONSOLE_FDS;
}

ssize_t uk_sys_write(int fd, const void *buf, size_t count)
{
	if (!is_console(fd))
		return -EBADF;
	if ((ssize_t)count < 0)
		return -EINVAL;
	if (!ukplat_access_ok(buf, count))
		return -EFAULT;
	return uk_console_write(buf, count);
}

ssize_t uk_console_write(const void *buf, size_t count)
{
	ukplat_coutk(buf, count);
	return count;
}

/* Linked only with a scheduler: block this thread until an interrupt. */
int uk_sched_wait_interrupt(void) __attribute__((weak));

static bool eof_pending;

/*
 * Console input: wait for it, since the serial port interrupts when a
 * byte comes.
 * ^D reads as end of file: at the start of a read it returns 0, after
 * other bytes it ends the read and the next one returns 0.
 */
ssize_t uk_sys_read(int fd, void *buf, size_t count)
{
	if (!is_console(fd))
		return -EBADF;
	if (!ukplat_access_ok(buf, count))
		return -EFAULT;
	return uk_console_read(buf, count);
}

ssize_t uk_console_read(void *buf, size_t count)
{
	char *eot;
	size_t n;

	if (!count)
		return 0;
	if (eof_pending) {
		eof_pending = false;
		return 0;
	}
	while (!(n = ukplat_cink(buf, count))) {
		if (uk_sched_wait_interrupt)
			uk_sched_wait_interrupt();
		else
			ukplat_idle_wait();
	}
	eot = memchr(buf, EOT, n);
	if (!eot)
		return n;
	eof_pending = eot != buf;
	return eot - (char *)buf;
}

static int check_iov(const struct iovec *iov, int iovcnt)
{
	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return -EINVAL;
	if (!ukplat_access_ok(iov, iovcnt * sizeof(*iov)))
		return -EFAULT;
	return 0;
}

ssize_t uk_sys_writev(int fd, const struct iovec *iov, int iovcnt)
{
	ssize_t done = 0, n;
	int i, rc = check_iov(iov, iovcnt);

	if (rc < 0)
		return rc;
	for (i = 0; i < iovcnt; i++) {
		n = uk_sys_write(fd, iov[i].iov_base, iov[i].iov_len);
		if (n < 0)
			return done ? done : n;
		done += n;
	}
	return done;
}

ssize_t uk_sys_readv(int fd, const struct iovec *iov, int iovcnt)
{
	int i, rc = check_iov(iov, iovcnt);

	if (rc < 0)
		return rc;
	for (i = 0; i < iovcnt; i++)
		if (iov[i].iov_len)
			return uk_sys_read(fd, iov[i].iov_base,
					   iov[i].iov_len);
	return 0;
}

int uk_sys_ioctl(int fd, unsigned long request, void *arg)
{
	if (!is_console(fd))
		return -EBADF;
	return -ENOTTY;
}
