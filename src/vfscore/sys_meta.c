/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: system calls about files rather than their data: stat,
 * access, directories (getdents, chdir, getcwd), modes, times, statfs.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <uk/alloc.h>
#include <uk/plat.h>
#include <uk/syscall.h>
#include "sys.h"
#include "vfscore.h"

#define RAMFS_MAGIC	0x858458f6

/* The vnode a path (or, with AT_EMPTY_PATH and "", dirfd) names. */
static int vnode_at(int dirfd, const char *upath, int flags,
		    struct uk_vnode **out)
{
	const char *path;
	struct uk_file *f;
	int rc = uk_vfs_user_path(upath, &path);

	if (rc < 0)
		return rc;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		f = dirfd == AT_FDCWD ? NULL : uk_fd_get(dirfd);
		if (dirfd != AT_FDCWD && (!f || !f->vn))
			return f ? -EINVAL : -EBADF;
		*out = f ? f->vn : uk_vfs_cwd();
		uk_vnode_ref(*out);
		return 0;
	}
	return uk_vfs_walk(dirfd, path, false, !(flags & AT_SYMLINK_NOFOLLOW),
			   out, NULL);
}

int uk_vfs_sys_newfstatat(int dirfd, const char *path, struct stat *st,
			  int flags)
{
	struct uk_vnode *vn;
	int rc;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (!ukplat_access_ok(st, sizeof(*st)))
		return -EFAULT;
	rc = vnode_at(dirfd, path, flags, &vn);
	if (rc < 0)
		return rc;
	rc = uk_vfs_getattr(vn, st);
	uk_vnode_unref(vn);
	return rc;
}

int uk_vfs_sys_stat(const char *path, struct stat *st)
{
	return uk_vfs_sys_newfstatat(AT_FDCWD, path, st, 0);
}

int uk_vfs_sys_lstat(const char *path, struct stat *st)
{
	return uk_vfs_sys_newfstatat(AT_FDCWD, path, st,
				     AT_SYMLINK_NOFOLLOW);
}

static void ts_to_statx(const struct timespec *ts, struct uk_statx_time *out)
{
	out->tv_sec = ts->tv_sec;
	out->tv_nsec = ts->tv_nsec;
}

int uk_vfs_sys_statx(int dirfd, const char *path, int flags,
		     unsigned int mask, struct uk_statx *sx)
{
	struct stat st;
	struct uk_vnode *vn;
	int rc;

	if (!ukplat_access_ok(sx, sizeof(*sx)))
		return -EFAULT;
	rc = vnode_at(dirfd, path, flags & (AT_SYMLINK_NOFOLLOW |
					    AT_EMPTY_PATH), &vn);
	if (rc < 0)
		return rc;
	rc = uk_vfs_getattr(vn, &st);
	uk_vnode_unref(vn);
	if (rc < 0)
		return rc;
	memset(sx, 0, sizeof(*sx));
	sx->stx_mask = UK_STATX_BASIC_STATS;
	sx->stx_blksize = st.st_blksize;
	sx->stx_nlink = st.st_nlink;
	sx->stx_mode = st.st_mode;
	sx->stx_ino = st.st_ino;
	sx->stx_size = st.st_size;
	sx->stx_blocks = st.st_blocks;
	ts_to_statx(&st.st_atim, &sx->stx_atime);
	ts_to_statx(&st.st_mtim, &sx->stx_mtime);
	ts_to_statx(&st.st_ctim, &sx->stx_ctime);
	sx->stx_dev_major = major(st.st_dev);
	sx->stx_dev_minor = minor(st.st_dev);
	sx->stx_rdev_major = major(st.st_rdev);
	sx->stx_rdev_minor = minor(st.st_rdev);
	return 0;
}

/* Root may do anything; X_OK still needs an execute bit somewhere. */
int uk_vfs_sys_faccessat2(int dirfd, const char *path, int mode, int flags)
{
	struct uk_vnode *vn;
	int rc;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	rc = vnode_at(dirfd, path, flags & (AT_SYMLINK_NOFOLLOW |
					    AT_EMPTY_PATH), &vn);
	if (rc < 0)
		return rc;
	if ((mode & X_OK) && !S_ISDIR(vn->mode) && !(vn->mode & 0111))
		rc = -EACCES;
	uk_vnode_unref(vn);
	return rc;
}

int uk_vfs_sys_access(const char *path, int mode)
{
	return uk_vfs_sys_faccessat2(AT_FDCWD, path, mode, 0);
}

int uk_vfs_sys_chdir(const char *upath)
{
	struct uk_vnode *vn;
	const char *path;
	int rc = uk_vfs_user_path(upath, &path);

	if (rc < 0)
		return rc;
	rc = uk_vfs_walk(AT_FDCWD, path, false, true, &vn, NULL);
	if (rc < 0)
		return rc;
	if (!S_ISDIR(vn->mode)) {
		uk_vnode_unref(vn);
		return -ENOTDIR;
	}
	uk_vfs_set_cwd(vn);
	return 0;
}

int uk_vfs_sys_fchdir(int fd)
{
	struct uk_file *f = uk_fd_get(fd);

	if (!f)
		return -EBADF;
	if (!f->vn || !S_ISDIR(f->vn->mode))
		return -ENOTDIR;
	uk_vnode_ref(f->vn);
	uk_vfs_set_cwd(f->vn);
	return 0;
}

/* The name under which dir lists the vnode with inode number ino. */
static int name_in(struct uk_vnode *dir, uint64_t ino, char *name)
{
	struct uk_dirent *de = uk_malloc(uk_alloc_get_default(), sizeof(*de));
	uint64_t pos = 0;
	int rc = -ENOENT;

	if (!de)
		return -ENOMEM;
	while (dir->ops->readdir && dir->ops->readdir(dir, &pos, de) == 0)
		if (de->ino == ino) {
			strcpy(name, de->name);
			rc = 0;
			break;
		}
	uk_free(uk_alloc_get_default(), de);
	return rc;
}

/* Build the path of vn backwards from the end of buf. */
static int path_of(struct uk_vnode *vn, char *buf, size_t size, char **start)
{
	char name[UK_NAME_MAX + 1];
	char *p = buf + size - 1;
	struct uk_vnode *parent, *cur = vn;
	int rc = 0;
	size_t n;

	*p = '\0';
	uk_vnode_ref(cur);
	while (cur != uk_vfs_root()) {
		while (cur->mnt && cur == cur->mnt->root && cur->mnt->covered) {
			struct uk_vnode *under = cur->mnt->covered;

			uk_vnode_ref(under);
			uk_vnode_unref(cur);
			cur = under;
		}
		rc = cur->ops->lookup(cur, "..", &parent);
		if (rc == 0)
			rc = name_in(parent, cur->ino, name);
		uk_vnode_unref(cur);
		if (rc < 0)
			return rc;
		cur = parent;
		n = strlen(name);
		if ((size_t)(p - buf) < n + 1) {
			uk_vnode_unref(cur);
			return -ERANGE;
		}
		p -= n;
		memcpy(p, name, n);
		*--p = '/';
	}
	uk_vnode_unref(cur);
	if (!*p)
		*--p = '/';
	*start = p;
	return 0;
}

long uk_vfs_sys_getcwd(char *buf, size_t size)
{
	char *tmp, *start;
	size_t n;
	int rc;

	if (!ukplat_access_ok(buf, size))
		return -EFAULT;
	tmp = uk_malloc(uk_alloc_get_default(), UK_PATH_MAX);
	if (!tmp)
		return -ENOMEM;
	rc = path_of(uk_vfs_cwd(), tmp, UK_PATH_MAX, &start);
	n = rc < 0 ? 0 : strlen(start) + 1;
	if (rc == 0 && n > size)
		rc = -ERANGE;
	if (rc == 0)
		memcpy(buf, start, n);
	uk_free(uk_alloc_get_default(), tmp);
	return rc < 0 ? rc : (long)n;
}

/*
 * Files belong to root and file systems keep no other owner: changing
 * to owner 0 (or -1, no change) succeeds, any other is EPERM.
 */
static int check_owner(uid_t uid, gid_t gid)
{
	if ((uid != 0 && uid != (uid_t)-1) || (gid != 0 && gid != (gid_t)-1))
		return -EPERM;
	return 0;
}

int uk_vfs_sys_fchownat(int dirfd, const char *path, uid_t uid, gid_t gid,
			int flags)
{
	struct uk_vnode *vn;
	int rc;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	rc = vnode_at(dirfd, path, flags, &vn);
	if (rc < 0)
		return rc;
	uk_vnode_unref(vn);
	return check_owner(uid, gid);
}

int uk_vfs_sys_fchown(int fd, uid_t uid, gid_t gid)
{
	return uk_fd_get(fd) ? check_owner(uid, gid) : -EBADF;
}

static int set_mode(struct uk_vnode *vn, mode_t mode)
{
	struct uk_vattr va = { .mask = UK_ATTR_MODE, .mode = mode & 07777 };

	return vn->ops->setattr ? vn->ops->setattr(vn, &va) : -EPERM;
}

int uk_vfs_sys_fchmodat(int dirfd, const char *path, mode_t mode)
{
	struct uk_vnode *vn;
	int rc = vnode_at(dirfd, path, 0, &vn);

	if (rc < 0)
		return rc;
	rc = set_mode(vn, mode);
	uk_vnode_unref(vn);
	return rc;
}

int uk_vfs_sys_chmod(const char *path, mode_t mode)
{
	return uk_vfs_sys_fchmodat(AT_FDCWD, path, mode);
}

int uk_vfs_sys_fchmod(int fd, mode_t mode)
{
	struct uk_file *f = uk_fd_get(fd);

	if (!f)
		return -EBADF;
	return f->vn ? set_mode(f->vn, mode) : -EINVAL;
}

static int pick_time(const struct timespec *in, struct timespec *out,
		     unsigned int bit, unsigned int *mask)
{
	uint64_t now = ukplat_wall_clock_at_boot_ns() + ukplat_monotonic_ns();

	if (in && in->tv_nsec == UTIME_OMIT)
		return 0;
	if (in && in->tv_nsec != UTIME_NOW &&
	    (in->tv_nsec < 0 || in->tv_nsec >= 1000000000))
		return -EINVAL;
	*mask |= bit;
	if (in && in->tv_nsec != UTIME_NOW) {
		*out = *in;
	} else {
		out->tv_sec = now / 1000000000;
		out->tv_nsec = now % 1000000000;
	}
	return 0;
}

int uk_vfs_sys_utimensat(int dirfd, const char *path,
			 const struct timespec *times, int flags)
{
	struct uk_vattr va = { 0 };
	struct uk_vnode *vn;
	struct uk_file *f;
	int rc;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if (times && !ukplat_access_ok(times, 2 * sizeof(*times)))
		return -EFAULT;
	rc = pick_time(times, &va.atime, UK_ATTR_ATIME, &va.mask);
	if (rc == 0)
		rc = pick_time(times ? times + 1 : NULL, &va.mtime,
			       UK_ATTR_MTIME, &va.mask);
	if (rc < 0)
		return rc;
	if (!path) {
		f = uk_fd_get(dirfd);
		if (!f || !f->vn)
			return -EBADF;
		vn = f->vn;
		uk_vnode_ref(vn);
	} else {
		rc = vnode_at(dirfd, path, flags, &vn);
		if (rc < 0)
			return rc;
	}
	rc = vn->ops->setattr ? vn->ops->setattr(vn, &va) : -EPERM;
	uk_vnode_unref(vn);
	return rc;
}

static int fill_statfs(struct uk_vnode *vn, struct statfs *sf)
{
	struct uk_alloc_stats st = { 0 };

	if (!ukplat_access_ok(sf, sizeof(*sf)))
		return -EFAULT;
	uk_alloc_stats(uk_alloc_get_default(), &st);
	memset(sf, 0, sizeof(*sf));
	sf->f_type = RAMFS_MAGIC;
	sf->f_bsize = 4096;
	sf->f_frsize = 4096;
	sf->f_blocks = st.total_bytes / 4096;
	sf->f_bfree = sf->f_bavail = st.free_bytes / 4096;
	sf->f_files = sf->f_ffree = st.free_bytes / 256;
	sf->f_namelen = UK_NAME_MAX;
	sf->f_fsid.__val[0] = vn->mnt ? (int)vn->mnt->dev : 0;
	return 0;
}

int uk_vfs_sys_statfs(const char *upath, struct statfs *sf)
{
	struct uk_vnode *vn;
	int rc = vnode_at(AT_FDCWD, upath, 0, &vn);

	if (rc < 0)
		return rc;
	rc = fill_statfs(vn, sf);
	uk_vnode_unref(vn);
	return rc;
}

int uk_vfs_sys_fstatfs(int fd, struct statfs *sf)
{
	struct uk_file *f = uk_fd_get(fd);

	if (!f)
		return -EBADF;
	return f->vn ? fill_statfs(f->vn, sf) : -EINVAL;
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Put one record in buf if it fits: its length, or 0 when full. */
static size_t put_dirent(char *buf, size_t room, uint64_t ino, int64_t off,
			 unsigned char type, const char *name)
{
	size_t n = strlen(name);
	size_t reclen = UK_ALIGN_UP(offsetof(struct linux_dirent64, d_name) +
				    n + 1, 8);
	struct linux_dirent64 *d = (struct linux_dirent64 *)buf;

	if (reclen > room)
		return 0;
	d->d_ino = ino;
	d->d_off = off;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, n + 1);
	return reclen;
}

/* f->off counts entries handed out: 0 ".", 1 "..", then the file system's. */
long uk_vfs_sys_getdents64(int fd, void *buf, size_t len)
{
	struct uk_file *f = uk_fd_get(fd);
	struct uk_dirent *de;
	size_t used = 0, n;
	uint64_t pos;

	if (!f)
		return -EBADF;
	if (!f->vn || !S_ISDIR(f->vn->mode))
		return -ENOTDIR;
	if (!ukplat_access_ok(buf, len))
		return -EFAULT;
	de = uk_malloc(uk_alloc_get_default(), sizeof(*de));
	if (!de)
		return -ENOMEM;
	for (;;) {
		if (f->off < 2) {
			n = put_dirent((char *)buf + used, len - used,
				       f->vn->ino, f->off + 1, DT_DIR,
				       f->off ? ".." : ".");
		} else {
			pos = f->dir_pos;
			if (!f->vn->ops->readdir ||
			    f->vn->ops->readdir(f->vn, &pos, de) != 0)
				break;
			n = put_dirent((char *)buf + used, len - used, de->ino,
				       f->off + 1, de->type, de->name);
			if (n)
				f->dir_pos = pos;
		}
		if (!n) {
			if (!used)
				used = (size_t)-EINVAL;	/* buf too small */
			break;
		}
		used += n;
		f->off++;
	}
	uk_free(uk_alloc_get_default(), de);
	return (long)used;
}
