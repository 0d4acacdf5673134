/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: unpack the initrd, a cpio "newc" archive, into the VFS at
 * boot through the kernel-side helpers of <uk/vfs.h>.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include "cpio.h"

#define INITRD_SHOW_MAX	64

/* printf arguments for "%.*s%s": at most INITRD_SHOW_MAX bytes of s. */
#define INITRD_SHOW(s, len)						\
	(int)UK_MIN((size_t)(len), (size_t)INITRD_SHOW_MAX), (s),	\
	(size_t)(len) > INITRD_SHOW_MAX ? "..." : ""

/* The archive, and what has been created from it. */
struct initrd {
	const void *buf;
	size_t len;
	unsigned int files, dirs, symlinks;
	size_t bytes;
};

/* A scan of the archive for the other members of e's hard-link group. */
struct initrd_scan {
	struct initrd *rd;
	const struct cpio_entry *ref;
	bool found;
	size_t from;	/* the group's members come after this offset */
};

/* "/" + name, and a symlink target with its NUL; used at boot only. */
static char initrd_path[1 + CPIO_NAME_MAX + 1];
static char initrd_target[CPIO_SYMLINK_MAX + 1];

static int initrd_fail(const struct cpio_entry *e, const char *what,
		       const char *path, int rc)
{
	uk_pr_err("initrd: entry '%.*s%s' at offset %zu: %s %.*s%s failed: %s",
		  INITRD_SHOW(e->name, e->namelen), e->offset, what,
		  INITRD_SHOW(path, strlen(path)), uk_errname(rc));
	return rc;
}

static size_t initrd_set_path(const struct cpio_entry *e)
{
	initrd_path[0] = '/';
	memcpy(initrd_path + 1, e->name, e->namelen);
	initrd_path[1 + e->namelen] = '\0';
	return 1 + e->namelen;
}

/*
 * Make the directory at path. One that exists already is fine, and
 * takes mode if the archive lists it (explicit); a non-directory there
 * is -EEXIST. A parent may be a symlink to a directory, as in a path
 * walk; an explicit directory may not.
 */
static int initrd_mkdir(const char *path, mode_t mode, bool explicit)
{
	struct uk_vattr va = { .mask = UK_ATTR_MODE, .mode = mode };
	struct uk_vnode *vn;
	int rc;

	rc = uk_vfs_mkdir(path, mode);
	if (rc != -EEXIST)
		return rc < 0 ? rc : 0;

	rc = uk_vfs_resolve(path, !explicit, &vn);
	if (rc < 0)
		return rc;
	if (!S_ISDIR(vn->mode))
		rc = -EEXIST;
	else if (explicit && vn->ops->setattr)
		rc = vn->ops->setattr(vn, &va);
	uk_vnode_unref(vn);
	return rc < 0 ? rc : 0;
}

/* initrd_path holds "/" + e's name: make the parents that are missing. */
static int initrd_parents(const struct cpio_entry *e, size_t pathlen)
{
	size_t i;
	int rc;

	for (i = 1; i < pathlen; i++) {
		if (initrd_path[i] != '/')
			continue;
		initrd_path[i] = '\0';
		rc = initrd_mkdir(initrd_path, 0755, false);
		if (rc == -EEXIST)
			rc = -ENOTDIR;
		if (rc)
			rc = initrd_fail(e, "making parent directory",
					 initrd_path, rc);
		initrd_path[i] = '/';
		if (rc)
			return rc;
	}
	return 0;
}

static int initrd_dir(struct initrd *rd, const struct cpio_entry *e)
{
	size_t n;
	int rc;

	if (!e->namelen)
		return 0;	/* the root: it exists, its mode stays */

	n = initrd_set_path(e);
	rc = initrd_parents(e, n);
	if (rc)
		return rc;
	rc = initrd_mkdir(initrd_path, e->mode & 07777, true);
	if (rc)
		return initrd_fail(e, "making directory", initrd_path, rc);
	rd->dirs++;
	return 0;
}

static int initrd_symlink(struct initrd *rd, const struct cpio_entry *e)
{
	size_t n;
	int rc;

	n = initrd_set_path(e);
	rc = initrd_parents(e, n);
	if (rc)
		return rc;
	memcpy(initrd_target, e->data, e->size);
	initrd_target[e->size] = '\0';
	rc = uk_vfs_symlink(initrd_target, initrd_path);
	if (rc < 0)
		return initrd_fail(e, "making symlink", initrd_path, rc);
	rd->symlinks++;
	return 0;
}

/* Write the regular file e names, with data (its own, or its group's). */
static int initrd_put_file(struct initrd *rd, const struct cpio_entry *e,
			   const void *data, size_t size)
{
	size_t n;
	int rc;

	n = initrd_set_path(e);
	rc = initrd_parents(e, n);
	if (rc)
		return rc;
	rc = uk_vfs_write_file(initrd_path, e->mode & 07777, data, size);
	if (rc < 0)
		return initrd_fail(e, "writing file", initrd_path, rc);
	rd->files++;
	return 0;
}

static bool initrd_same_inode(const struct cpio_entry *a,
			      const struct cpio_entry *b)
{
	return S_ISREG(a->mode) && S_ISREG(b->mode) && a->nlink > 1 &&
	       b->nlink > 1 && a->ino == b->ino &&
	       a->devmajor == b->devmajor && a->devminor == b->devminor;
}

/* Scan: does a member after ref carry the group's data? 1 stops: yes. */
static int initrd_find_carrier(const struct cpio_entry *e, void *arg)
{
	struct initrd_scan *s = arg;

	if (e->offset <= s->ref->offset || !initrd_same_inode(e, s->ref))
		return 0;
	return e->size ? 1 : 0;
}

/*
 * Scan: the last member with data before ref (ref carries data); an
 * inode number may be reused by a later group. 1 stops at ref.
 */
static int initrd_find_previous(const struct cpio_entry *e, void *arg)
{
	struct initrd_scan *s = arg;

	if (e->offset >= s->ref->offset)
		return 1;
	if (initrd_same_inode(e, s->ref) && e->size) {
		s->found = true;
		s->from = e->offset;
	}
	return 0;
}

/* Scan: give ref's data to the members of its group that came first. */
static int initrd_write_members(const struct cpio_entry *e, void *arg)
{
	struct initrd_scan *s = arg;

	if (e->offset >= s->ref->offset)
		return 1;
	if ((s->found && e->offset <= s->from) || !initrd_same_inode(e, s->ref))
		return 0;
	return initrd_put_file(s->rd, e, s->ref->data, s->ref->size);
}

/*
 * newc stores a hard-link group's data once, with its last member; the
 * others have size 0. Each name is written once, with the data: a
 * member without data waits for the member that carries it, which then
 * writes the whole group. A group whose members all have size 0 is a
 * group of empty files. The scans re-walk an archive already checked.
 */
static int initrd_file(struct initrd *rd, const struct cpio_entry *e)
{
	struct initrd_scan s = { .rd = rd, .ref = e };
	int rc;

	rd->bytes += e->size;
	if (e->nlink > 1 && !e->size) {
		rc = cpio_walk(rd->buf, rd->len, initrd_find_carrier, &s);
		if (rc)
			return rc < 0 ? rc : 0;
	}

	rc = initrd_put_file(rd, e, e->data, e->size);
	if (rc || e->nlink <= 1 || !e->size)
		return rc;

	rc = cpio_walk(rd->buf, rd->len, initrd_find_previous, &s);
	if (rc < 0)
		return rc;
	rc = cpio_walk(rd->buf, rd->len, initrd_write_members, &s);
	return rc < 0 ? rc : 0;
}

static int initrd_create(const struct cpio_entry *e, void *arg)
{
	struct initrd *rd = arg;

	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		return initrd_dir(rd, e);
	case S_IFREG:
		return initrd_file(rd, e);
	case S_IFLNK:
		return initrd_symlink(rd, e);
	default:
		uk_pr_warn("initrd: entry '%.*s%s' at offset %zu: skipping a %s (device nodes, fifos and sockets are not created)",
			   INITRD_SHOW(e->name, e->namelen), e->offset,
			   cpio_type_name(e->mode));
		return 0;
	}
}

int uk_initrd_unpack(const void *buf, size_t len)
{
	struct initrd rd = { .buf = buf, .len = len };
	int rc;

	rc = cpio_walk(buf, len, NULL, NULL);
	if (rc) {
		uk_pr_err("initrd: the archive (%zu bytes) is malformed, nothing was unpacked",
			  len);
		return rc;
	}

	rc = cpio_walk(buf, len, initrd_create, &rd);
	if (rc)
		return rc;
	uk_pr_info("initrd: %u files, %u directories, %u symlinks, %zu bytes",
		   rd.files, rd.dirs, rd.symlinks, rd.bytes);
	return 0;
}
