/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: a file system that keeps everything in kernel memory. This
 * file holds the mount, the life of a node and the attribute calls.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/alloc.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include "ramfs.h"

/* The anchor that ramfs.pc names, so the file system type is linked. */
const char ramfs_anchor[] = "ramfs";

struct timespec ramfs_now(void)
{
	uint64_t ns = ukplat_wall_clock_at_boot_ns() + ukplat_monotonic_ns();

	return (struct timespec){
		.tv_sec = (time_t)(ns / 1000000000u),
		.tv_nsec = (long)(ns % 1000000000u),
	};
}

/* A change of the node: its ctime, and its mtime if the data changed. */
void ramfs_touch(struct ramfs_node *node, bool modified)
{
	node->ctime = ramfs_now();
	if (modified)
		node->mtime = node->ctime;
}

/* A fresh node, not yet named anywhere (nlink 0) and not referenced. */
struct ramfs_node *ramfs_node_new(struct ramfs_fs *fs, struct uk_mount *mnt,
				  mode_t mode)
{
	struct ramfs_node *node;

	node = uk_calloc(ramfs_alloc(), 1, sizeof(*node));
	if (!node)
		return NULL;

	node->vn.ops = &ramfs_vnode_ops;
	node->vn.mnt = mnt;
	node->vn.mode = mode;
	node->vn.ino = fs->next_ino++;
	node->fs = fs;
	node->atime = ramfs_now();
	node->mtime = node->atime;
	node->ctime = node->atime;
	return node;
}

void ramfs_node_free(struct ramfs_node *node)
{
	switch (node->vn.mode & S_IFMT) {
	case S_IFREG:
		ramfs_file_destroy(node);
		break;
	case S_IFDIR:
		ramfs_dir_destroy(node);
		break;
	case S_IFLNK:
		uk_free(ramfs_alloc(), node->link.target);
		break;
	}
	uk_free(ramfs_alloc(), node);
}

/* A name went away: free the node if nothing else holds it. */
void ramfs_node_drop(struct ramfs_node *node)
{
	if (node->nlink == 0 && node->vn.refs == 0)
		ramfs_node_free(node);
}

static void ramfs_release(struct uk_vnode *vn)
{
	ramfs_node_drop(ramfs_node(vn));
}

static blkcnt_t ramfs_blocks(struct ramfs_node *node)
{
	if (!S_ISREG(node->vn.mode))
		return 0;
	return (blkcnt_t)((node->file.bytes + 511) / 512);
}

static off_t ramfs_size(struct ramfs_node *node)
{
	switch (node->vn.mode & S_IFMT) {
	case S_IFREG:
		return node->file.size;
	case S_IFDIR:
		return (off_t)node->dir.count;
	case S_IFLNK:
		return (off_t)node->link.len;
	}
	return 0;
}

static int ramfs_getattr(struct uk_vnode *vn, struct stat *st)
{
	struct ramfs_node *node = ramfs_node(vn);

	memset(st, 0, sizeof(*st));
	st->st_dev = vn->mnt ? vn->mnt->dev : 0;
	st->st_ino = vn->ino;
	st->st_mode = vn->mode;
	st->st_nlink = node->nlink;
	st->st_size = ramfs_size(node);
	st->st_blksize = RAMFS_CHUNK_SIZE;
	st->st_blocks = ramfs_blocks(node);
	st->st_atim = node->atime;
	st->st_mtim = node->mtime;
	st->st_ctim = node->ctime;
	return 0;
}

/* A time from utimensat(): UTIME_NOW and UTIME_OMIT as Linux reads them. */
static void ramfs_set_time(struct timespec *field, const struct timespec *ts,
			   const struct timespec *now)
{
	if (ts->tv_nsec == UTIME_OMIT)
		return;
	*field = ts->tv_nsec == UTIME_NOW ? *now : *ts;
}

static int ramfs_setattr(struct uk_vnode *vn, const struct uk_vattr *va)
{
	struct ramfs_node *node = ramfs_node(vn);
	struct timespec now = ramfs_now();

	if (va->mask & UK_ATTR_MODE)
		vn->mode = (vn->mode & S_IFMT) | (va->mode & 07777);
	if (va->mask & UK_ATTR_ATIME)
		ramfs_set_time(&node->atime, &va->atime, &now);
	if (va->mask & UK_ATTR_MTIME)
		ramfs_set_time(&node->mtime, &va->mtime, &now);
	if (va->mask & (UK_ATTR_MODE | UK_ATTR_ATIME | UK_ATTR_MTIME))
		node->ctime = now;
	return 0;
}

static ssize_t ramfs_readlink(struct uk_vnode *vn, char *buf, size_t len)
{
	struct ramfs_node *node = ramfs_node(vn);
	size_t n;

	if (!S_ISLNK(vn->mode))
		return -EINVAL;

	n = UK_MIN(len, node->link.len);
	memcpy(buf, node->link.target, n);
	return (ssize_t)n;
}

/* One table for every node type: each call checks the type it needs. */
const struct uk_vnode_ops ramfs_vnode_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readdir = ramfs_readdir,
	.readlink = ramfs_readlink,
	.read = ramfs_read,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
	.getattr = ramfs_getattr,
	.setattr = ramfs_setattr,
	.release = ramfs_release,
};

/*
 * Every mount is a new, empty file system. The instance is never freed:
 * vfscore has no unmount. arg takes no options yet.
 */
static int ramfs_mount(struct uk_mount *mnt, const char *arg,
		       struct uk_vnode **root)
{
	struct ramfs_node *node;
	struct ramfs_fs *fs;

	if (arg && arg[0])
		uk_pr_warn("ignoring mount options \"%s\"", arg);

	fs = uk_calloc(ramfs_alloc(), 1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	fs->next_ino = 1;

	node = ramfs_node_new(fs, mnt, S_IFDIR | 0755);
	if (!node) {
		uk_free(ramfs_alloc(), fs);
		return -ENOMEM;
	}
	ramfs_dir_init(node, node);
	node->nlink = 2;

	uk_vnode_ref(&node->vn);
	*root = &node->vn;
	return 0;
}

struct uk_fstype ramfs_fstype = { "ramfs", ramfs_mount };
UK_FSTYPE(ramfs_fstype);
