/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: open file descriptions and the descriptor table. One table
 * for the one process; descriptors point at shared descriptions, which
 * hold the offset, and the descriptions at vnodes. Also the file side of
 * mmap(2): uksyscall maps anonymous memory and asks here to fill it from
 * the file; a shared mapping keeps the open file, and its bytes are
 * written back on msync and munmap (writes past the end are dropped, as
 * Linux drops them).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/file.h>
#include <uk/alloc.h>
#include <uk/syscall.h>
#include "vfscore.h"

static struct uk_file *fds[UK_FD_MAX];
static uint8_t cloexec[UK_FD_MAX / 8];

static ssize_t vnode_read(struct uk_file *f, void *buf, size_t len,
			  off_t off)
{
	if (S_ISDIR(f->vn->mode))
		return -EISDIR;
	if (!f->vn->ops->read)
		return -EINVAL;
	return f->vn->ops->read(f->vn, buf, len, off);
}

/* Shared mappings of the file see the write at once, as on Linux. */
static ssize_t vnode_write(struct uk_file *f, const void *buf, size_t len,
			   off_t off)
{
	ssize_t n;

	if (!f->vn->ops->write)
		return -EINVAL;
	n = f->vn->ops->write(f->vn, buf, len, off);
	if (n > 0 && S_ISREG(f->vn->mode))
		uk_mmap_file_updated(f->vn, off, buf, n);
	return n;
}

static short vnode_poll(struct uk_file *f)
{
	if (f->vn->ops->poll)
		return f->vn->ops->poll(f->vn);
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

const struct uk_file_ops uk_vnode_fops = {
	.read = vnode_read,
	.write = vnode_write,
	.poll = vnode_poll,
};

struct uk_file *uk_file_new(struct uk_vnode *vn, int flags,
			    const struct uk_file_ops *fops)
{
	struct uk_file *f = uk_calloc(uk_alloc_get_default(), 1, sizeof(*f));

	if (!f)
		return NULL;
	f->fops = fops;
	f->vn = vn;
	f->flags = flags;
	f->refs = 1;
	return f;
}

void uk_file_ref(struct uk_file *f)
{
	f->refs++;
}

void uk_file_unref(struct uk_file *f)
{
	if (--f->refs)
		return;
	uk_flock_release(f);
	if (f->fops->close)
		f->fops->close(f);
	if (f->vn)
		uk_vnode_unref(f->vn);
	uk_free(uk_alloc_get_default(), f);
}

struct uk_file *uk_fd_get(int fd)
{
	if (fd < 0 || fd >= UK_FD_MAX)
		return NULL;
	return fds[fd];
}

static void set_cloexec(int fd, bool on)
{
	if (on)
		cloexec[fd / 8] |= 1u << (fd % 8);
	else
		cloexec[fd / 8] &= ~(1u << (fd % 8));
}

bool uk_fd_cloexec(int fd)
{
	return cloexec[fd / 8] & (1u << (fd % 8));
}

void uk_fd_set_cloexec(int fd, bool on)
{
	set_cloexec(fd, on);
}

/* Give f (its reference) the lowest free descriptor >= min. */
int uk_fd_install(struct uk_file *f, int min, bool on_exec_close)
{
	int fd;

	for (fd = min < 0 ? 0 : min; fd < UK_FD_MAX; fd++)
		if (!fds[fd]) {
			fds[fd] = f;
			set_cloexec(fd, on_exec_close);
			return fd;
		}
	return -EMFILE;
}

/* Put f (its reference) at exactly fd, closing what was there. */
int uk_fd_install_at(struct uk_file *f, int fd, bool on_exec_close)
{
	struct uk_file *old;

	if (fd < 0 || fd >= UK_FD_MAX)
		return -EBADF;
	old = fds[fd];
	fds[fd] = f;
	set_cloexec(fd, on_exec_close);
	if (old)
		uk_file_unref(old);
	return fd;
}

int uk_fd_close(int fd)
{
	struct uk_file *f = uk_fd_get(fd);

	if (!f)
		return -EBADF;
	fds[fd] = NULL;
	uk_file_unref(f);
	return 0;
}

/*
 * flock(2): one exclusive holder or any number of shared ones per vnode,
 * counted by open file description; a conflicting request waits (or
 * fails with EWOULDBLOCK under LOCK_NB).
 */
static struct uk_waitq flock_wq = UK_WAITQ_INIT;

static bool flock_free_for(struct uk_file *f, int op)
{
	struct uk_vnode *vn = f->vn;
	int shared_others = vn->flock_shared - (f->flock == LOCK_SH);

	if (vn->flock_owner && vn->flock_owner != f)
		return false;
	return op == LOCK_SH || shared_others == 0;
}

void uk_flock_release(struct uk_file *f)
{
	if (!f->flock || !f->vn)
		return;
	if (f->flock == LOCK_SH)
		f->vn->flock_shared--;
	else
		f->vn->flock_owner = NULL;
	f->flock = 0;
	uk_waitq_wake(&flock_wq, UK_FD_MAX);
}

int uk_flock(struct uk_file *f, int op)
{
	int kind = op & ~LOCK_NB;

	if (kind == LOCK_UN) {
		uk_flock_release(f);
		return 0;
	}
	if (kind != LOCK_SH && kind != LOCK_EX)
		return -EINVAL;
	while (!flock_free_for(f, kind)) {
		if (op & LOCK_NB)
			return -EWOULDBLOCK;
		uk_waitq_wait(&flock_wq, 0);
	}
	uk_flock_release(f);
	f->flock = kind;
	if (kind == LOCK_SH)
		f->vn->flock_shared++;
	else
		f->vn->flock_owner = f;
	return 0;
}

int uk_file_map_read(void *cookie, off_t off, void *buf, size_t len);

int uk_file_map(int fd, off_t off, void *buf, size_t len, bool shared,
		void **cookie, void **key)
{
	struct uk_file *f = uk_fd_get(fd);
	int rc;

	if (!f)
		return -EBADF;
	if (!f->vn || !S_ISREG(f->vn->mode))
		return -ENODEV;
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EACCES;
	rc = uk_file_map_read(f, off, buf, len);
	if (rc < 0)
		return rc;
	uk_file_ref(f);
	*cookie = f;
	*key = f->vn;
	return 0;
}

int uk_file_map_read(void *cookie, off_t off, void *buf, size_t len)
{
	struct uk_file *f = cookie;
	ssize_t n = f->vn->ops->read(f->vn, buf, len, off);

	if (n < 0)
		return (int)n;
	memset((char *)buf + n, 0, len - n);
	return 0;
}

void *uk_file_map_dup(void *cookie)
{
	uk_file_ref(cookie);
	return cookie;
}

int uk_file_map_writeback(void *cookie, off_t off, const void *buf,
			  size_t len)
{
	struct uk_file *f = cookie;
	struct stat st;
	ssize_t n;

	if (uk_vfs_getattr(f->vn, &st) < 0 || off >= st.st_size)
		return 0;
	if ((off_t)len > st.st_size - off)
		len = st.st_size - off;
	n = f->vn->ops->write(f->vn, buf, len, off);
	return n < 0 ? (int)n : 0;
}

void uk_file_map_release(void *cookie)
{
	uk_file_unref(cookie);
}
