/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore: system calls on path names: open, create, remove, rename. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <uk/plat.h>
#include <uk/syscall.h>
#include "sys.h"
#include "vfscore.h"

#define OPEN_KNOWN	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
			 O_APPEND | O_NONBLOCK | O_DSYNC | O_SYNC | \
			 O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_LARGEFILE | \
			 O_NOATIME | O_DIRECT | O_ASYNC | O_PATH)

#define TMPFILE_BIT	020000000	/* O_TMPFILE without O_DIRECTORY */
#define RENAME_NOREPLACE	1

static mode_t cur_umask = 022;

mode_t uk_vfs_sys_umask(mode_t mask)
{
	mode_t old = cur_umask;

	cur_umask = mask & 0777;
	return old;
}

/* The parent directory and last name of a user path. */
static int parent_of(int dirfd, const char *upath, struct uk_vnode **dir,
		     char *last)
{
	const char *path;
	int rc = uk_vfs_user_path(upath, &path);

	if (rc < 0)
		return rc;
	return uk_vfs_walk(dirfd, path, true, false, dir, last);
}

static int lookup_in(struct uk_vnode *dir, const char *name,
		     struct uk_vnode **out)
{
	if (!dir->ops->lookup)
		return -ENOENT;
	return dir->ops->lookup(dir, name, out);
}

/* Find or create the file that open(2) names; a referenced vnode. */
static int open_vnode(int dirfd, const char *path, int flags, mode_t mode,
		      struct uk_vnode **out)
{
	char last[UK_NAME_MAX + 1];
	struct uk_vnode *dir, *vn;
	int rc;

	if (!(flags & O_CREAT))
		return uk_vfs_walk(dirfd, path, false, !(flags & O_NOFOLLOW),
				   out, NULL);
	rc = uk_vfs_walk(dirfd, path, true, false, &dir, last);
	if (rc < 0)
		return rc;
	if (!last[0]) {
		uk_vnode_unref(dir);
		return -EISDIR;
	}
	rc = lookup_in(dir, last, &vn);
	if (rc == -ENOENT) {
		rc = dir->ops->create ?
		     dir->ops->create(dir, last, (mode & ~cur_umask) & 07777,
				      &vn) : -EROFS;
	} else if (rc == 0 && (flags & O_EXCL)) {
		uk_vnode_unref(vn);
		rc = -EEXIST;
	} else if (rc == 0 && S_ISLNK(vn->mode) && !(flags & O_NOFOLLOW)) {
		uk_vnode_unref(vn);
		rc = uk_vfs_walk(dirfd, path, false, true, &vn, NULL);
	}
	uk_vnode_unref(dir);
	if (rc == 0)
		*out = vn;
	return rc;
}

static int check_open(struct uk_vnode *vn, int flags)
{
	int acc = flags & O_ACCMODE;

	if (S_ISLNK(vn->mode))
		return -ELOOP;
	if ((flags & O_DIRECTORY) && !S_ISDIR(vn->mode))
		return -ENOTDIR;
	if (S_ISDIR(vn->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if (acc == 3)
		return -EINVAL;
	if ((flags & O_TRUNC) && S_ISREG(vn->mode) && acc != O_RDONLY)
		return vn->ops->truncate ? vn->ops->truncate(vn, 0) : -EPERM;
	return 0;
}

int uk_vfs_sys_openat(int dirfd, const char *upath, int flags, mode_t mode)
{
	struct uk_vnode *vn;
	struct uk_file *f;
	const char *path;
	int rc, fd;

	if (flags & ~OPEN_KNOWN)
		return (flags & TMPFILE_BIT) ? -EOPNOTSUPP : -EINVAL;
	rc = uk_vfs_user_path(upath, &path);
	if (rc < 0)
		return rc;
	rc = open_vnode(dirfd, path, flags, mode, &vn);
	if (rc < 0)
		return rc;
	rc = check_open(vn, flags);
	f = rc < 0 ? NULL : uk_file_new(vn, flags & (O_ACCMODE | O_APPEND |
					O_NONBLOCK | O_DIRECTORY | O_PATH),
					&uk_vnode_fops);
	if (!f) {
		uk_vnode_unref(vn);
		return rc < 0 ? rc : -ENFILE;
	}
	fd = uk_fd_install(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		uk_file_unref(f);
	return fd;
}

int uk_vfs_sys_open(const char *path, int flags, mode_t mode)
{
	return uk_vfs_sys_openat(AT_FDCWD, path, flags, mode);
}

int uk_vfs_sys_creat(const char *path, mode_t mode)
{
	return uk_vfs_sys_openat(AT_FDCWD, path,
				 O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* mkdirat(2) without the umask, for the kernel's own callers too. */
int uk_vfs_mkdirat(int dirfd, const char *upath, mode_t mode)
{
	char last[UK_NAME_MAX + 1];
	struct uk_vnode *dir;
	int rc = parent_of(dirfd, upath, &dir, last);

	if (rc < 0)
		return rc;
	if (!last[0])
		rc = -EEXIST;
	else
		rc = dir->ops->mkdir ? dir->ops->mkdir(dir, last, mode & 07777)
				     : -EPERM;
	uk_vnode_unref(dir);
	return rc;
}

int uk_vfs_sys_mkdirat(int dirfd, const char *upath, mode_t mode)
{
	return uk_vfs_mkdirat(dirfd, upath, mode & ~cur_umask);
}

int uk_vfs_sys_unlinkat(int dirfd, const char *upath, int flags)
{
	char last[UK_NAME_MAX + 1];
	struct uk_vnode *dir;
	int rc;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	rc = parent_of(dirfd, upath, &dir, last);
	if (rc < 0)
		return rc;
	if (!last[0])
		rc = flags ? -EBUSY : -EISDIR;
	else if (flags & AT_REMOVEDIR)
		rc = dir->ops->rmdir ? dir->ops->rmdir(dir, last) : -EPERM;
	else
		rc = dir->ops->unlink ? dir->ops->unlink(dir, last) : -EPERM;
	uk_vnode_unref(dir);
	return rc;
}

int uk_vfs_sys_renameat2(int odirfd, const char *oldpath, int ndirfd,
			 const char *newpath, unsigned int flags)
{
	char oname[UK_NAME_MAX + 1], nname[UK_NAME_MAX + 1];
	struct uk_vnode *odir, *ndir, *vn;
	int rc;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	rc = parent_of(odirfd, oldpath, &odir, oname);
	if (rc < 0)
		return rc;
	rc = parent_of(ndirfd, newpath, &ndir, nname);
	if (rc < 0)
		goto out_odir;
	if (!oname[0] || !nname[0])
		rc = -EBUSY;
	else if (odir->mnt != ndir->mnt)
		rc = -EXDEV;
	else if ((flags & RENAME_NOREPLACE) &&
		 lookup_in(ndir, nname, &vn) == 0) {
		uk_vnode_unref(vn);
		rc = -EEXIST;
	} else {
		rc = odir->ops->rename ? odir->ops->rename(odir, oname, ndir,
							   nname) : -EPERM;
	}
	uk_vnode_unref(ndir);
out_odir:
	uk_vnode_unref(odir);
	return rc;
}

int uk_vfs_sys_linkat(int odirfd, const char *oldpath, int ndirfd,
		      const char *newpath, int flags)
{
	char last[UK_NAME_MAX + 1];
	struct uk_vnode *target, *dir;
	const char *path;
	int rc;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	rc = uk_vfs_user_path(oldpath, &path);
	if (rc < 0)
		return rc;
	rc = uk_vfs_walk(odirfd, path, false, flags & AT_SYMLINK_FOLLOW,
			 &target, NULL);
	if (rc < 0)
		return rc;
	rc = parent_of(ndirfd, newpath, &dir, last);
	if (rc < 0)
		goto out_target;
	if (!last[0])
		rc = -EEXIST;
	else if (S_ISDIR(target->mode))
		rc = -EPERM;
	else if (dir->mnt != target->mnt)
		rc = -EXDEV;
	else
		rc = dir->ops->link ? dir->ops->link(dir, last, target)
				    : -EPERM;
	uk_vnode_unref(dir);
out_target:
	uk_vnode_unref(target);
	return rc;
}

int uk_vfs_sys_symlinkat(const char *utarget, int dirfd, const char *upath)
{
	char last[UK_NAME_MAX + 1];
	struct uk_vnode *dir;
	const char *target;
	int rc = uk_vfs_user_path(utarget, &target);

	if (rc < 0)
		return rc;
	if (!target[0])
		return -ENOENT;
	rc = parent_of(dirfd, upath, &dir, last);
	if (rc < 0)
		return rc;
	if (!last[0])
		rc = -EEXIST;
	else
		rc = dir->ops->symlink ? dir->ops->symlink(dir, last, target)
				       : -EPERM;
	uk_vnode_unref(dir);
	return rc;
}

ssize_t uk_vfs_sys_readlinkat(int dirfd, const char *upath, char *buf,
			      size_t len)
{
	struct uk_vnode *vn;
	const char *path;
	ssize_t n;
	int rc;

	if ((ssize_t)len <= 0)
		return -EINVAL;
	if (!ukplat_access_ok(buf, len))
		return -EFAULT;
	rc = uk_vfs_user_path(upath, &path);
	if (rc < 0)
		return rc;
	rc = uk_vfs_walk(dirfd, path, false, false, &vn, NULL);
	if (rc < 0)
		return rc;
	n = S_ISLNK(vn->mode) && vn->ops->readlink ?
	    vn->ops->readlink(vn, buf, len) : -EINVAL;
	uk_vnode_unref(vn);
	return n;
}

int uk_vfs_sys_truncate(const char *upath, off_t len)
{
	struct uk_vnode *vn;
	const char *path;
	int rc = uk_vfs_user_path(upath, &path);

	if (rc < 0)
		return rc;
	if (len < 0)
		return -EINVAL;
	rc = uk_vfs_walk(AT_FDCWD, path, false, true, &vn, NULL);
	if (rc < 0)
		return rc;
	if (S_ISDIR(vn->mode))
		rc = -EISDIR;
	else if (!S_ISREG(vn->mode) || !vn->ops->truncate)
		rc = -EINVAL;
	else
		rc = vn->ops->truncate(vn, len);
	uk_vnode_unref(vn);
	return rc;
}
