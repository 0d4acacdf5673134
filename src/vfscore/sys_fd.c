/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore: system calls on file descriptors: I/O, offsets, metadata. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <uk/plat.h>
#include <uk/syscall.h>
#include "sys.h"
#include "vfscore.h"

/* lseek's Linux extensions, which musl defines only for _GNU_SOURCE. */
#ifndef SEEK_DATA
#define SEEK_DATA	3
#define SEEK_HOLE	4
#endif

static int get_file(int fd, struct uk_file **out)
{
	*out = uk_fd_get(fd);
	return *out ? 0 : -EBADF;
}

static bool readable(const struct uk_file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

static bool writable(const struct uk_file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

static bool seekable(const struct uk_file *f)
{
	return f->vn && (S_ISREG(f->vn->mode) || S_ISDIR(f->vn->mode) ||
			 S_ISBLK(f->vn->mode));
}

static ssize_t file_size(struct uk_file *f, off_t *size)
{
	struct stat st;
	int rc = uk_vfs_getattr(f->vn, &st);

	*size = st.st_size;
	return rc;
}

/* The checks read and write share; the file in *out on success. */
static int io_file(int fd, const void *buf, size_t len, off_t off,
		   bool write, struct uk_file **out)
{
	struct uk_file *f;
	int rc = get_file(fd, &f);

	if (rc < 0)
		return rc;
	if (!(write ? writable(f) : readable(f)))
		return -EBADF;
	if ((ssize_t)len < 0)
		return -EINVAL;
	if (!ukplat_access_ok(buf, len))
		return -EFAULT;
	if (off >= 0 && !seekable(f))
		return -ESPIPE;
	*out = f;
	return 0;
}

/* I/O at off, or at (and advancing) the shared offset when off < 0. */
static ssize_t do_read(int fd, void *buf, size_t len, off_t off)
{
	struct uk_file *f;
	ssize_t n;
	int rc = io_file(fd, buf, len, off, false, &f);

	if (rc < 0)
		return rc;
	uk_file_ref(f);
	n = f->fops->read(f, buf, len, off >= 0 ? off : f->off);
	if (n > 0 && off < 0 && seekable(f))
		f->off += n;
	uk_file_unref(f);
	return n;
}

static ssize_t do_write(int fd, const void *buf, size_t len, off_t off)
{
	struct uk_file *f;
	off_t at;
	ssize_t n;
	int rc = io_file(fd, buf, len, off, true, &f);

	if (rc < 0)
		return rc;
	at = off >= 0 ? off : f->off;
	if (off < 0 && (f->flags & O_APPEND) && seekable(f) &&
	    file_size(f, &at) < 0)
		return -EIO;
	if (seekable(f) && (at > UK_FILE_MAX || (off_t)len > UK_FILE_MAX - at))
		return -EFBIG;
	uk_file_ref(f);
	n = f->fops->write(f, buf, len, at);
	if (n > 0 && off < 0 && seekable(f))
		f->off = at + n;
	uk_file_unref(f);
	return n;
}

ssize_t uk_vfs_sys_read(int fd, void *buf, size_t len)
{
	return do_read(fd, buf, len, -1);
}

ssize_t uk_vfs_sys_write(int fd, const void *buf, size_t len)
{
	return do_write(fd, buf, len, -1);
}

ssize_t uk_vfs_sys_pread64(int fd, void *buf, size_t len, off_t off)
{
	return off < 0 ? -EINVAL : do_read(fd, buf, len, off);
}

ssize_t uk_vfs_sys_pwrite64(int fd, const void *buf, size_t len, off_t off)
{
	return off < 0 ? -EINVAL : do_write(fd, buf, len, off);
}

/* readv/writev and their positioned forms, one iovec at a time. */
static ssize_t do_vec(int fd, const struct iovec *iov, int cnt, off_t off,
		      bool write)
{
	ssize_t done = 0, n;
	int i;

	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	if (!ukplat_access_ok(iov, cnt * sizeof(*iov)))
		return -EFAULT;
	for (i = 0; i < cnt; i++) {
		if (!iov[i].iov_len)
			continue;
		n = write ? do_write(fd, iov[i].iov_base, iov[i].iov_len,
				     off < 0 ? -1 : off + done)
			  : do_read(fd, iov[i].iov_base, iov[i].iov_len,
				    off < 0 ? -1 : off + done);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return done;
}

ssize_t uk_vfs_sys_readv(int fd, const struct iovec *iov, int cnt)
{
	return do_vec(fd, iov, cnt, -1, false);
}

ssize_t uk_vfs_sys_writev(int fd, const struct iovec *iov, int cnt)
{
	return do_vec(fd, iov, cnt, -1, true);
}

ssize_t uk_vfs_sys_preadv(int fd, const struct iovec *iov, int cnt,
			  off_t off)
{
	return off < 0 ? -EINVAL : do_vec(fd, iov, cnt, off, false);
}

ssize_t uk_vfs_sys_pwritev(int fd, const struct iovec *iov, int cnt,
			   off_t off)
{
	return off < 0 ? -EINVAL : do_vec(fd, iov, cnt, off, true);
}

off_t uk_vfs_sys_lseek(int fd, off_t off, int whence)
{
	struct uk_file *f;
	off_t base, size;
	int rc = get_file(fd, &f);

	if (rc < 0)
		return rc;
	if (!seekable(f))
		return -ESPIPE;
	if (S_ISDIR(f->vn->mode)) {
		if (whence != SEEK_SET || off != 0)
			return -EINVAL;
		f->off = 0;
		f->dir_pos = 0;
		return 0;
	}
	if (whence == SEEK_SET) {
		base = 0;
	} else if (whence == SEEK_CUR) {
		base = f->off;
	} else if (whence == SEEK_END || whence == SEEK_DATA ||
		   whence == SEEK_HOLE) {
		if (file_size(f, &size) < 0)
			return -EIO;
		if (whence != SEEK_END && (off < 0 || off >= size))
			return -ENXIO;
		/* The whole file is data: the only hole is at its end. */
		base = whence == SEEK_HOLE ? size : 0;
		off = whence == SEEK_HOLE ? 0 : off;
		base = whence == SEEK_END ? size : base;
	} else {
		return -EINVAL;
	}
	if ((off > 0 && base > UK_FILE_MAX - off) || base + off < 0)
		return -EINVAL;
	f->off = base + off;
	return f->off;
}

int uk_vfs_sys_fstat(int fd, struct stat *st)
{
	struct uk_file *f;
	int rc = get_file(fd, &f);

	if (rc < 0)
		return rc;
	if (!ukplat_access_ok(st, sizeof(*st)))
		return -EFAULT;
	if (!f->vn) {
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFIFO | 0600;
		st->st_nlink = 1;
		st->st_blksize = 4096;
		return 0;
	}
	return uk_vfs_getattr(f->vn, st);
}

int uk_vfs_sys_ftruncate(int fd, off_t len)
{
	struct uk_file *f;
	int rc = get_file(fd, &f);

	if (rc < 0)
		return rc;
	if (len < 0 || !f->vn || !S_ISREG(f->vn->mode) || !writable(f))
		return -EINVAL;
	if (len > UK_FILE_MAX)
		return -EFBIG;
	return f->vn->ops->truncate ? f->vn->ops->truncate(f->vn, len)
				    : -EPERM;
}

/* Everything lives in memory: there is nothing to flush. */
int uk_vfs_sys_fsync(int fd)
{
	return uk_fd_get(fd) ? 0 : -EBADF;
}

int uk_vfs_sys_fallocate(int fd, int mode, off_t off, off_t len)
{
	struct uk_file *f;
	off_t size;
	int rc = get_file(fd, &f);

	if (rc < 0)
		return rc;
	if (off < 0 || len <= 0 || off > LLONG_MAX - len)
		return -EINVAL;
	if (!writable(f))
		return -EBADF;
	if (!f->vn || !S_ISREG(f->vn->mode))
		return f->vn && S_ISDIR(f->vn->mode) ? -EISDIR : -ENODEV;
	if (mode == FALLOC_FL_KEEP_SIZE)
		return 0;
	if (mode)
		return -EOPNOTSUPP;
	if (file_size(f, &size) < 0)
		return -EIO;
	if (off + len <= size)
		return 0;
	return f->vn->ops->truncate(f->vn, off + len);
}

int uk_vfs_sys_close(int fd)
{
	return uk_fd_close(fd);
}

int uk_vfs_sys_dup(int fd)
{
	struct uk_file *f;
	int rc = get_file(fd, &f), nfd;

	if (rc < 0)
		return rc;
	uk_file_ref(f);
	nfd = uk_fd_install(f, 0, false);
	if (nfd < 0)
		uk_file_unref(f);
	return nfd;
}

int uk_vfs_sys_dup3(int fd, int nfd, int flags)
{
	struct uk_file *f;
	int rc = get_file(fd, &f);

	if (rc < 0)
		return rc;
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (fd == nfd)
		return -EINVAL;
	if (nfd < 0 || nfd >= UK_FD_MAX)
		return -EBADF;
	uk_file_ref(f);
	return uk_fd_install_at(f, nfd, flags & O_CLOEXEC);
}

int uk_vfs_sys_dup2(int fd, int nfd)
{
	if (fd == nfd)
		return uk_fd_get(fd) ? nfd : -EBADF;
	return uk_vfs_sys_dup3(fd, nfd, 0);
}

/* Record locks: one process, whose locks never conflict with its own. */
static int record_lock(int cmd, struct flock *fl)
{
	if (!ukplat_access_ok(fl, sizeof(*fl)))
		return -EFAULT;
	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK &&
	    fl->l_type != F_UNLCK)
		return -EINVAL;
	if (fl->l_whence != SEEK_SET && fl->l_whence != SEEK_CUR &&
	    fl->l_whence != SEEK_END)
		return -EINVAL;
	if (cmd == F_GETLK)
		fl->l_type = F_UNLCK;
	return 0;
}

long uk_vfs_sys_fcntl(int fd, int cmd, unsigned long arg)
{
	struct uk_file *f;
	int rc = get_file(fd, &f), nfd;

	if (rc < 0)
		return rc;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= UK_FD_MAX)
			return -EINVAL;
		uk_file_ref(f);
		nfd = uk_fd_install(f, (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (nfd < 0)
			uk_file_unref(f);
		return nfd;
	case F_GETFD:
		return uk_fd_cloexec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		uk_fd_set_cloexec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) |
			   (arg & (O_APPEND | O_NONBLOCK));
		return 0;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return record_lock(cmd, (struct flock *)arg);
	default:
		return -EINVAL;
	}
}

int uk_vfs_sys_flock(int fd, int op)
{
	struct uk_file *f;
	int rc = get_file(fd, &f);

	if (rc < 0)
		return rc;
	if (!f->vn)
		return -EINVAL;
	return uk_flock(f, op);
}

int uk_vfs_sys_ioctl(int fd, unsigned long req, void *arg)
{
	struct uk_file *f;
	int rc = get_file(fd, &f);

	if (rc < 0)
		return rc;
	switch (req) {
	case FIOCLEX:
	case FIONCLEX:
		uk_fd_set_cloexec(fd, req == FIOCLEX);
		return 0;
	case FIONBIO:
		if (!ukplat_access_ok(arg, sizeof(int)))
			return -EFAULT;
		f->flags = *(int *)arg ? f->flags | O_NONBLOCK
				       : f->flags & ~O_NONBLOCK;
		return 0;
	}
	if (f->vn && f->vn->ops->ioctl)
		return f->vn->ops->ioctl(f->vn, req, arg);
	return -ENOTTY;
}
