/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: pipes. A 64 KiB ring between a read end and a write end.
 * Readers wait while it is empty and a writer exists; writers wait while
 * it is full and a reader exists; with no reader left, a write raises
 * SIGPIPE and fails with EPIPE, as on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <uk/alloc.h>
#include <uk/plat.h>
#include <uk/syscall.h>
#include "sys.h"
#include "vfscore.h"

#define PIPE_SIZE	(64 * 1024)

struct pipe {
	char *buf;
	size_t head, len;	/* read position and bytes queued */
	int readers, writers;	/* open ends */
	struct uk_waitq wq;	/* readers and writers waiting */
};

static void pipe_wake(struct pipe *p)
{
	uk_waitq_wake(&p->wq, UK_FD_MAX);
	uk_waitq_wake(&uk_vfs_poll_wq, UK_FD_MAX);
}

static ssize_t pipe_read(struct uk_file *f, void *buf, size_t len, off_t off)
{
	struct pipe *p = f->priv;
	size_t n, first;

	while (!p->len) {
		if (!p->writers)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		uk_waitq_wait(&p->wq, 0);
	}
	n = UK_MIN(len, p->len);
	first = UK_MIN(n, PIPE_SIZE - p->head);
	memcpy(buf, p->buf + p->head, first);
	memcpy((char *)buf + first, p->buf, n - first);
	p->head = (p->head + n) % PIPE_SIZE;
	p->len -= n;
	pipe_wake(p);
	return n;
}

static ssize_t pipe_write(struct uk_file *f, const void *buf, size_t len,
			  off_t off)
{
	struct pipe *p = f->priv;
	size_t done = 0, n, tail, first;

	while (done < len) {
		if (!p->readers) {
			uk_syscall(SYS_tkill, uk_syscall(SYS_gettid, 0, 0, 0,
				   0, 0, 0), SIGPIPE, 0, 0, 0, 0);
			return done ? (ssize_t)done : -EPIPE;
		}
		if (p->len == PIPE_SIZE) {
			if (f->flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			uk_waitq_wait(&p->wq, 0);
			continue;
		}
		n = UK_MIN(len - done, PIPE_SIZE - p->len);
		tail = (p->head + p->len) % PIPE_SIZE;
		first = UK_MIN(n, PIPE_SIZE - tail);
		memcpy(p->buf + tail, (const char *)buf + done, first);
		memcpy(p->buf, (const char *)buf + done + first, n - first);
		p->len += n;
		done += n;
		pipe_wake(p);
	}
	return done;
}

static short pipe_poll(struct uk_file *f)
{
	struct pipe *p = f->priv;
	short ev = 0;

	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		if (p->len)
			ev |= POLLIN | POLLRDNORM;
		if (!p->writers)
			ev |= POLLHUP;
	} else {
		if (p->len < PIPE_SIZE)
			ev |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			ev |= POLLERR;
	}
	return ev;
}

static void pipe_close(struct uk_file *f)
{
	struct pipe *p = f->priv;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	pipe_wake(p);
	if (!p->readers && !p->writers) {
		uk_free(uk_alloc_get_default(), p->buf);
		uk_free(uk_alloc_get_default(), p);
	}
}

static const struct uk_file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.close = pipe_close,
};

int uk_sys_pipe2(int *fdpair, int flags)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_file *r = NULL, *w = NULL;
	struct pipe *p;
	int rfd, wfd;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	if (!ukplat_access_ok(fdpair, 2 * sizeof(*fdpair)))
		return -EFAULT;
	p = uk_calloc(a, 1, sizeof(*p));
	if (p)
		p->buf = uk_malloc(a, PIPE_SIZE);
	if (p && p->buf) {
		r = uk_file_new(NULL, O_RDONLY | (flags & O_NONBLOCK),
				&pipe_fops);
		w = uk_file_new(NULL, O_WRONLY | (flags & O_NONBLOCK),
				&pipe_fops);
	}
	if (!r || !w) {
		uk_free(a, r);
		uk_free(a, w);
		if (p)
			uk_free(a, p->buf);
		uk_free(a, p);
		return -ENFILE;
	}
	r->priv = w->priv = p;
	p->readers = p->writers = 1;
	rfd = uk_fd_install(r, 0, flags & O_CLOEXEC);
	wfd = rfd < 0 ? rfd : uk_fd_install(w, 0, flags & O_CLOEXEC);
	if (wfd < 0) {
		if (rfd >= 0)
			uk_fd_close(rfd);
		else
			uk_file_unref(r);
		uk_file_unref(w);
		return -EMFILE;
	}
	fdpair[0] = rfd;
	fdpair[1] = wfd;
	return 0;
}
