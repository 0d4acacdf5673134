/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: path resolution. A path is walked one component at a time
 * from the root or a starting directory; "." stays, ".." climbs (out of
 * a mounted file system onto the directory it covers), mount points are
 * entered, symlinks are followed up to UK_SYMLOOP_MAX in total.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/plat.h>
#include "vfscore.h"

static struct uk_vnode *root;
static struct uk_vnode *cwd;

struct uk_vnode *uk_vfs_root(void)
{
	return root;
}

struct uk_vnode *uk_vfs_cwd(void)
{
	return cwd ? cwd : root;
}

/* Takes over the caller's reference. */
void uk_vfs_set_cwd(struct uk_vnode *vn)
{
	if (cwd)
		uk_vnode_unref(cwd);
	cwd = vn;
	if (!root) {
		root = vn;
		uk_vnode_ref(root);
	}
}

int uk_vfs_user_path(const char *upath, const char **out)
{
	size_t i;

	for (i = 0; i < UK_PATH_MAX; i++) {
		if ((i == 0 || ((uintptr_t)(upath + i) & (UK_PAGE_SIZE - 1)) ==
		     0) && !ukplat_access_ok(upath + i, 1))
			return -EFAULT;
		if (!upath[i]) {
			*out = upath;
			return 0;
		}
	}
	return -ENAMETOOLONG;
}

int uk_vfs_getattr(struct uk_vnode *vn, struct stat *st)
{
	int rc;

	memset(st, 0, sizeof(*st));
	if (!vn->ops->getattr)
		return -EPERM;
	rc = vn->ops->getattr(vn, st);
	st->st_dev = vn->mnt ? vn->mnt->dev : 0;
	return rc;
}

/* One step from directory dir into name; a referenced vnode in *out. */
static int step(struct uk_vnode *dir, const char *name,
		struct uk_vnode **out)
{
	struct uk_vnode *vn;
	int rc;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (name[0] == '.' && name[1] == '\0') {
		uk_vnode_ref(dir);
		*out = dir;
		return 0;
	}
	if (!strcmp(name, "..")) {
		while (dir->mnt && dir == dir->mnt->root && dir->mnt->covered)
			dir = dir->mnt->covered;
		if (dir == root) {
			uk_vnode_ref(dir);
			*out = dir;
			return 0;
		}
	}
	if (!dir->ops->lookup)
		return -ENOENT;
	rc = dir->ops->lookup(dir, name, &vn);
	if (rc < 0)
		return rc;
	while (vn->covered_by) {
		struct uk_vnode *top = vn->covered_by->root;

		uk_vnode_ref(top);
		uk_vnode_unref(vn);
		vn = top;
	}
	*out = vn;
	return 0;
}

static int walk(struct uk_vnode *base, const char *path, bool parent,
		bool follow, int *links, struct uk_vnode **out, char *last);

/* Replace the symlink *vn (found in dir) by what its target names. */
static int follow_link(struct uk_vnode *dir, struct uk_vnode **vn,
		       int *links)
{
	char *target;
	struct uk_vnode *t;
	ssize_t n;
	int rc;

	if (++*links > UK_SYMLOOP_MAX)
		return -ELOOP;
	target = uk_malloc(uk_alloc_get_default(), UK_PATH_MAX);
	if (!target)
		return -ENOMEM;
	n = (*vn)->ops->readlink ?
	    (*vn)->ops->readlink(*vn, target, UK_PATH_MAX - 1) : -EINVAL;
	if (n >= 0) {
		target[n] = '\0';
		rc = walk(dir, target, false, true, links, &t, NULL);
	} else {
		rc = (int)n;
	}
	uk_free(uk_alloc_get_default(), target);
	if (rc < 0)
		return rc;
	uk_vnode_unref(*vn);
	*vn = t;
	return 0;
}

/* Copy the component at *p into name and move *p past it and slashes. */
static int next_component(const char **p, char *name, bool *trailing)
{
	const char *s = *p, *e = s;

	while (*e && *e != '/')
		e++;
	if (e - s > UK_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, s, e - s);
	name[e - s] = '\0';
	*trailing = *e == '/';
	while (*e == '/')
		e++;
	*p = e;
	return 0;
}

static int walk(struct uk_vnode *base, const char *path, bool parent,
		bool follow, int *links, struct uk_vnode **out, char *last)
{
	char name[UK_NAME_MAX + 1];
	struct uk_vnode *cur = path[0] == '/' ? root : base, *next;
	bool trailing = false;
	int rc;

	if (!path[0])
		return -ENOENT;
	if (strnlen(path, UK_PATH_MAX) == UK_PATH_MAX)
		return -ENAMETOOLONG;
	uk_vnode_ref(cur);
	while (*path == '/')
		path++;
	while (*path) {
		rc = next_component(&path, name, &trailing);
		if (rc < 0)
			goto err_unref;
		if (!*path && parent && strcmp(name, ".") &&
		    strcmp(name, "..")) {
			if (!S_ISDIR(cur->mode)) {
				rc = -ENOTDIR;
				goto err_unref;
			}
			strcpy(last, name);
			*out = cur;
			return 0;
		}
		rc = step(cur, name, &next);
		if (rc < 0)
			goto err_unref;
		if (S_ISLNK(next->mode) && (*path || follow || trailing)) {
			rc = follow_link(cur, &next, links);
			if (rc < 0) {
				uk_vnode_unref(next);
				goto err_unref;
			}
		}
		uk_vnode_unref(cur);
		cur = next;
	}
	if (trailing && !S_ISDIR(cur->mode)) {
		rc = -ENOTDIR;
		goto err_unref;
	}
	if (parent)
		last[0] = '\0';
	*out = cur;
	return 0;

err_unref:
	uk_vnode_unref(cur);
	return rc;
}

int uk_vfs_walk(int dirfd, const char *path, bool parent, bool follow,
		struct uk_vnode **out, char *last)
{
	struct uk_vnode *base = uk_vfs_cwd();
	struct uk_file *f;
	int links = 0, rc;

	if (!root)
		return -ENOENT;
	if (dirfd != AT_FDCWD && path[0] != '/') {
		f = uk_fd_get(dirfd);
		if (!f)
			return -EBADF;
		if (!S_ISDIR(f->vn->mode))
			return -ENOTDIR;
		base = f->vn;
	}
	rc = walk(base, path, parent, follow, &links, out, last);
	return rc;
}

int uk_vfs_resolve(const char *path, bool follow, struct uk_vnode **out)
{
	return uk_vfs_walk(AT_FDCWD, path, false, follow, out, NULL);
}
