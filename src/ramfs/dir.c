/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: directories. Entries sit on a list in creation order, which
 * gives readdir stable cookies, and in a hash table for lookup by name.
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/alloc.h>
#include <uk/vfs.h>
#include "ramfs.h"

#define RAMFS_BUCKETS_MIN	8

void ramfs_dir_init(struct ramfs_node *dir, struct ramfs_node *parent)
{
	dir->dir.parent = parent;
	dir->dir.next_cookie = RAMFS_COOKIE_FIRST;
}

void ramfs_dir_destroy(struct ramfs_node *dir)
{
	struct ramfs_dirent *e, *next;

	for (e = dir->dir.head; e; e = next) {
		next = e->next;
		uk_free(ramfs_alloc(), e);
	}
	uk_free(ramfs_alloc(), dir->dir.buckets);
}

/* FNV-1a: short names, few collisions, no table. */
static uint32_t ramfs_hash(const char *name, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h;
}

/* The length of a usable entry name, or -errno. */
static int ramfs_name(const char *name)
{
	size_t len = strnlen(name, UK_NAME_MAX + 1);

	if (len == 0)
		return -ENOENT;
	if (len > UK_NAME_MAX)
		return -ENAMETOOLONG;
	if (memchr(name, '/', len))
		return -EINVAL;
	return (int)len;
}

static bool ramfs_is_dot(const char *name)
{
	return name[0] == '.' &&
	       (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

static struct ramfs_dirent *ramfs_find(struct ramfs_dir *d, const char *name,
				       size_t len)
{
	uint32_t hash = ramfs_hash(name, len);
	struct ramfs_dirent *e;

	if (!d->buckets)
		return NULL;
	for (e = d->buckets[hash & (d->nbuckets - 1)]; e; e = e->hnext)
		if (e->hash == hash && e->namelen == len &&
		    !memcmp(e->name, name, len))
			return e;
	return NULL;
}

static int ramfs_table_grow(struct ramfs_dir *d)
{
	size_t n = d->nbuckets ? d->nbuckets * 2 : RAMFS_BUCKETS_MIN;
	struct ramfs_dirent **b, *e;

	b = uk_calloc(ramfs_alloc(), n, sizeof(*b));
	if (!b)
		return -ENOSPC;
	for (e = d->head; e; e = e->next) {
		e->hnext = b[e->hash & (n - 1)];
		b[e->hash & (n - 1)] = e;
	}
	uk_free(ramfs_alloc(), d->buckets);
	d->buckets = b;
	d->nbuckets = n;
	return 0;
}

/*
 * Name node in dir with a new entry at the end of the list. Touches no
 * link count. A full table that cannot grow only makes chains longer.
 */
static int ramfs_add(struct ramfs_node *dir, const char *name, size_t len,
		     struct ramfs_node *node)
{
	struct ramfs_dir *d = &dir->dir;
	struct ramfs_dirent *e;
	size_t i;

	e = uk_malloc(ramfs_alloc(), sizeof(*e) + len + 1);
	if (!e)
		return -ENOSPC;
	if (d->count >= d->nbuckets && ramfs_table_grow(d) && !d->buckets) {
		uk_free(ramfs_alloc(), e);
		return -ENOSPC;
	}

	memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->namelen = (uint16_t)len;
	e->hash = ramfs_hash(name, len);
	e->node = node;
	e->cookie = d->next_cookie++;

	i = e->hash & (d->nbuckets - 1);
	e->hnext = d->buckets[i];
	d->buckets[i] = e;
	e->next = NULL;
	e->prev = d->tail;
	if (d->tail)
		d->tail->next = e;
	else
		d->head = e;
	d->tail = e;
	d->count++;
	return 0;
}

/* Remove and free an entry; the table goes with the last one. */
static void ramfs_del(struct ramfs_node *dir, struct ramfs_dirent *e)
{
	struct ramfs_dir *d = &dir->dir;
	struct ramfs_dirent **pp;

	pp = &d->buckets[e->hash & (d->nbuckets - 1)];
	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;

	if (e->prev)
		e->prev->next = e->next;
	else
		d->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		d->tail = e->prev;
	if (d->hint == e)
		d->hint = e->next;
	uk_free(ramfs_alloc(), e);

	if (--d->count == 0) {
		uk_free(ramfs_alloc(), d->buckets);
		d->buckets = NULL;
		d->nbuckets = 0;
	}
}

/* node lost its name in dir; the caller drops it when done. */
static void ramfs_unname(struct ramfs_node *dir, struct ramfs_node *node)
{
	if (S_ISDIR(node->vn.mode)) {
		node->nlink = 0;
		node->dir.parent = NULL;
		dir->nlink--;
	} else {
		node->nlink--;
	}
	ramfs_touch(node, false);
}

/* A directory that may get new entries: not removed. */
static int ramfs_dir_live(struct ramfs_node *dir)
{
	if (!S_ISDIR(dir->vn.mode))
		return -ENOTDIR;
	if (dir->nlink == 0)
		return -ENOENT;
	return 0;
}

/* Check a name for a new entry in dir: its length, or -errno. */
static int ramfs_new_name(struct ramfs_node *dir, const char *name)
{
	int len = ramfs_dir_live(dir);

	if (len)
		return len;
	len = ramfs_name(name);
	if (len < 0)
		return len;
	if (ramfs_is_dot(name) || ramfs_find(&dir->dir, name, len))
		return -EEXIST;
	return len;
}

/* Make a node of the given type and name it in dir. */
static int ramfs_make(struct ramfs_node *dir, const char *name, mode_t mode,
		      struct ramfs_node **out)
{
	struct ramfs_node *node;
	int len, err;

	len = ramfs_new_name(dir, name);
	if (len < 0)
		return len;
	node = ramfs_node_new(dir->fs, dir->vn.mnt, mode);
	if (!node)
		return -ENOSPC;
	if (S_ISDIR(mode))
		ramfs_dir_init(node, dir);

	err = ramfs_add(dir, name, len, node);
	if (err) {
		ramfs_node_free(node);
		return err;
	}

	if (S_ISDIR(mode)) {
		node->nlink = 2;
		dir->nlink++;
	} else {
		node->nlink = 1;
	}
	ramfs_touch(dir, true);
	*out = node;
	return 0;
}

int ramfs_lookup(struct uk_vnode *vn, const char *name, struct uk_vnode **out)
{
	struct ramfs_node *dir = ramfs_node(vn);
	struct ramfs_node *found;
	struct ramfs_dirent *e;
	int len;

	if (!S_ISDIR(vn->mode))
		return -ENOTDIR;
	len = ramfs_name(name);
	if (len < 0)
		return len;

	if (!strcmp(name, ".")) {
		found = dir;
	} else if (!strcmp(name, "..")) {
		found = dir->dir.parent;
	} else {
		e = ramfs_find(&dir->dir, name, len);
		found = e ? e->node : NULL;
	}
	if (!found)
		return -ENOENT;

	uk_vnode_ref(&found->vn);
	*out = &found->vn;
	return 0;
}

int ramfs_create(struct uk_vnode *vn, const char *name, mode_t mode,
		 struct uk_vnode **out)
{
	struct ramfs_node *node;
	int err;

	err = ramfs_make(ramfs_node(vn), name, S_IFREG | (mode & 07777), &node);
	if (err)
		return err;
	uk_vnode_ref(&node->vn);
	*out = &node->vn;
	return 0;
}

int ramfs_mkdir(struct uk_vnode *vn, const char *name, mode_t mode)
{
	struct ramfs_node *node;

	return ramfs_make(ramfs_node(vn), name, S_IFDIR | (mode & 07777),
			  &node);
}

int ramfs_symlink(struct uk_vnode *vn, const char *name, const char *target)
{
	size_t len = strnlen(target, UK_PATH_MAX);
	struct ramfs_node *node;
	char *copy;
	int err;

	if (len == 0)
		return -ENOENT;
	if (len >= UK_PATH_MAX)
		return -ENAMETOOLONG;
	copy = uk_malloc(ramfs_alloc(), len);
	if (!copy)
		return -ENOSPC;
	memcpy(copy, target, len);

	err = ramfs_make(ramfs_node(vn), name, S_IFLNK | 0777, &node);
	if (err) {
		uk_free(ramfs_alloc(), copy);
		return err;
	}
	node->link.target = copy;
	node->link.len = len;
	return 0;
}

int ramfs_link(struct uk_vnode *vn, const char *name, struct uk_vnode *target)
{
	struct ramfs_node *dir = ramfs_node(vn);
	struct ramfs_node *node;
	int len, err;

	if (target->ops != &ramfs_vnode_ops ||
	    ramfs_node(target)->fs != dir->fs)
		return -EXDEV;
	node = ramfs_node(target);

	len = ramfs_new_name(dir, name);
	if (len < 0)
		return len;
	if (S_ISDIR(target->mode))
		return -EPERM;
	if (node->nlink == 0)
		return -ENOENT;

	err = ramfs_add(dir, name, len, node);
	if (err)
		return err;
	node->nlink++;
	ramfs_touch(node, false);
	ramfs_touch(dir, true);
	return 0;
}

/* Find the entry to remove: 0 with *out, or -errno. */
static int ramfs_victim(struct ramfs_node *dir, const char *name,
			struct ramfs_dirent **out)
{
	int len;

	if (!S_ISDIR(dir->vn.mode))
		return -ENOTDIR;
	len = ramfs_name(name);
	if (len < 0)
		return len;
	*out = ramfs_find(&dir->dir, name, len);
	return *out ? 0 : -ENOENT;
}

int ramfs_unlink(struct uk_vnode *vn, const char *name)
{
	struct ramfs_node *dir = ramfs_node(vn);
	struct ramfs_node *node;
	struct ramfs_dirent *e;
	int err;

	if (ramfs_is_dot(name))
		return -EISDIR;
	err = ramfs_victim(dir, name, &e);
	if (err)
		return err;
	node = e->node;
	if (S_ISDIR(node->vn.mode))
		return -EISDIR;

	ramfs_del(dir, e);
	ramfs_unname(dir, node);
	ramfs_touch(dir, true);
	ramfs_node_drop(node);
	return 0;
}

int ramfs_rmdir(struct uk_vnode *vn, const char *name)
{
	struct ramfs_node *dir = ramfs_node(vn);
	struct ramfs_node *node;
	struct ramfs_dirent *e;
	int err;

	if (!strcmp(name, "."))
		return -EINVAL;
	if (!strcmp(name, ".."))
		return -ENOTEMPTY;
	err = ramfs_victim(dir, name, &e);
	if (err)
		return err;
	node = e->node;
	if (!S_ISDIR(node->vn.mode))
		return -ENOTDIR;
	if (node->dir.count)
		return -ENOTEMPTY;
	if (node->vn.covered_by)
		return -EBUSY;

	ramfs_del(dir, e);
	ramfs_unname(dir, node);
	ramfs_touch(dir, true);
	ramfs_node_drop(node);
	return 0;
}

/* May src move into ndir, replacing dst (maybe NULL)? 0 or -errno. */
static int ramfs_rename_check(struct ramfs_node *src, struct ramfs_node *ndir,
			      struct ramfs_node *dst)
{
	bool src_dir = S_ISDIR(src->vn.mode);
	struct ramfs_node *p;

	/* Live directories lead up to the root, which is its own parent. */
	for (p = ndir; src_dir && p; p = p->dir.parent) {
		if (p == src)
			return -EINVAL;
		if (p->dir.parent == p)
			break;
	}
	if (src->vn.covered_by || (dst && dst->vn.covered_by))
		return -EBUSY;
	if (!dst)
		return 0;
	if (src_dir && !S_ISDIR(dst->vn.mode))
		return -ENOTDIR;
	if (!src_dir && S_ISDIR(dst->vn.mode))
		return -EISDIR;
	if (src_dir && dst->dir.count)
		return -ENOTEMPTY;
	return 0;
}

int ramfs_rename(struct uk_vnode *ovn, const char *oname, struct uk_vnode *nvn,
		 const char *nname)
{
	struct ramfs_node *odir = ramfs_node(ovn), *ndir, *src, *dst;
	struct ramfs_dirent *se, *de;
	int nlen, err;

	if (!S_ISDIR(ovn->mode) || !S_ISDIR(nvn->mode))
		return -ENOTDIR;
	if (nvn->ops != &ramfs_vnode_ops || ramfs_node(nvn)->fs != odir->fs)
		return -EXDEV;
	ndir = ramfs_node(nvn);
	if (ramfs_is_dot(oname) || ramfs_is_dot(nname))
		return -EINVAL;
	err = ramfs_victim(odir, oname, &se);
	if (err)
		return err;
	nlen = ramfs_name(nname);
	if (nlen < 0)
		return nlen;
	if (ndir->nlink == 0)
		return -ENOENT;

	src = se->node;
	de = ramfs_find(&ndir->dir, nname, nlen);
	dst = de ? de->node : NULL;
	if (dst == src)
		return 0;
	err = ramfs_rename_check(src, ndir, dst);
	if (err)
		return err;

	/* The only step that can fail comes first: a new entry. */
	if (de) {
		de->node = src;
		ramfs_unname(ndir, dst);
	} else {
		err = ramfs_add(ndir, nname, nlen, src);
		if (err)
			return err;
	}
	ramfs_del(odir, se);

	if (S_ISDIR(src->vn.mode) && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
		src->dir.parent = ndir;
	}
	ramfs_touch(src, false);
	ramfs_touch(odir, true);
	ramfs_touch(ndir, true);
	if (dst)
		ramfs_node_drop(dst);
	return 0;
}

static unsigned char ramfs_dtype(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return DT_REG;
	case S_IFDIR:
		return DT_DIR;
	case S_IFLNK:
		return DT_LNK;
	}
	return DT_UNKNOWN;
}

/*
 * The first entry whose cookie is pos or more. The hint makes a plain
 * listing, and one that removes what it has just read, constant time
 * per entry; any other position is a walk from the head.
 */
static struct ramfs_dirent *ramfs_seek(struct ramfs_dir *d, uint64_t pos)
{
	struct ramfs_dirent *e = d->hint;

	if (!d->tail || d->tail->cookie < pos)
		return NULL;
	if (e && e->cookie >= pos && (!e->prev || e->prev->cookie < pos))
		return e;
	for (e = d->head; e->cookie < pos; e = e->next)
		;
	return e;
}

int ramfs_readdir(struct uk_vnode *vn, uint64_t *pos, struct uk_dirent *out)
{
	struct ramfs_node *dir = ramfs_node(vn);
	struct ramfs_dirent *e;

	if (!S_ISDIR(vn->mode))
		return -ENOTDIR;
	e = ramfs_seek(&dir->dir, *pos);
	if (!e)
		return 1;

	out->ino = e->node->vn.ino;
	out->type = ramfs_dtype(e->node->vn.mode);
	memcpy(out->name, e->name, e->namelen + 1);
	*pos = e->cookie + 1;
	dir->dir.hint = e->next;
	return 0;
}
