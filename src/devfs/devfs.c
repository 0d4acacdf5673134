/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs: a fixed directory of character devices: null, zero, full,
 * random, urandom and console. Its vnodes are static and live forever.
 */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <uk/plat.h>
#include <uk/syscall.h>
#include <uk/vfs.h>

struct devfs_node {
	const char *name;
	unsigned int major, minor;
	struct uk_vnode vn;
};

static ssize_t null_read(struct uk_vnode *vn, void *buf, size_t len,
			 off_t off)
{
	return 0;
}

static ssize_t sink_write(struct uk_vnode *vn, const void *buf, size_t len,
			  off_t off)
{
	return len;
}

static ssize_t zero_read(struct uk_vnode *vn, void *buf, size_t len,
			 off_t off)
{
	memset(buf, 0, len);
	return len;
}

static ssize_t full_write(struct uk_vnode *vn, const void *buf, size_t len,
			  off_t off)
{
	return -ENOSPC;
}

static ssize_t random_read(struct uk_vnode *vn, void *buf, size_t len,
			   off_t off)
{
	return uk_sys_getrandom(buf, len, 0);
}

static ssize_t console_read(struct uk_vnode *vn, void *buf, size_t len,
			    off_t off)
{
	return uk_console_read(buf, len);
}

static ssize_t console_write(struct uk_vnode *vn, const void *buf,
			     size_t len, off_t off)
{
	return uk_console_write(buf, len);
}

/* Not a terminal, so that musl buffers standard output fully. */
static int console_ioctl(struct uk_vnode *vn, unsigned long req, void *arg)
{
	int n;

	if (req != FIONREAD)
		return -ENOTTY;
	if (!ukplat_access_ok(arg, sizeof(n)))
		return -EFAULT;
	n = ukplat_cin_pending() ? 1 : 0;
	memcpy(arg, &n, sizeof(n));
	return 0;
}

static short console_poll(struct uk_vnode *vn)
{
	return POLLOUT | POLLWRNORM |
	       (ukplat_cin_pending() ? POLLIN | POLLRDNORM : 0);
}

static int dev_getattr(struct uk_vnode *vn, struct stat *st);

#define DEV_OPS(rd, wr)							\
	{ .read = rd, .write = wr, .getattr = dev_getattr }

static const struct uk_vnode_ops null_ops = DEV_OPS(null_read, sink_write);
static const struct uk_vnode_ops zero_ops = DEV_OPS(zero_read, sink_write);
static const struct uk_vnode_ops full_ops = DEV_OPS(zero_read, full_write);
static const struct uk_vnode_ops random_ops = DEV_OPS(random_read,
						      sink_write);
static const struct uk_vnode_ops console_ops = {
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
	.poll = console_poll,
	.getattr = dev_getattr,
};

static struct devfs_node nodes[] = {
	{ "null", 1, 3, { .ops = &null_ops } },
	{ "zero", 1, 5, { .ops = &zero_ops } },
	{ "full", 1, 7, { .ops = &full_ops } },
	{ "random", 1, 8, { .ops = &random_ops } },
	{ "urandom", 1, 9, { .ops = &random_ops } },
	{ "console", 5, 1, { .ops = &console_ops } },
};

static int dir_lookup(struct uk_vnode *dir, const char *name,
		      struct uk_vnode **out);
static int dir_readdir(struct uk_vnode *dir, uint64_t *pos,
		       struct uk_dirent *out);

static const struct uk_vnode_ops dir_ops = {
	.lookup = dir_lookup,
	.readdir = dir_readdir,
	.getattr = dev_getattr,
};

static struct uk_vnode dir_vn = { .ops = &dir_ops, .mode = S_IFDIR | 0755,
				  .ino = 1 };

static int dev_getattr(struct uk_vnode *vn, struct stat *st)
{
	struct devfs_node *n = vn == &dir_vn ? NULL :
		(struct devfs_node *)((char *)vn -
				      offsetof(struct devfs_node, vn));

	st->st_ino = vn->ino;
	st->st_mode = vn->mode;
	st->st_nlink = n ? 1 : 2;
	st->st_blksize = 4096;
	if (n)
		st->st_rdev = makedev(n->major, n->minor);
	return 0;
}

static int dir_lookup(struct uk_vnode *dir, const char *name,
		      struct uk_vnode **out)
{
	size_t i;

	if (!strcmp(name, "..")) {
		*out = dir;
		uk_vnode_ref(dir);
		return 0;
	}
	for (i = 0; i < UK_ARRAY_SIZE(nodes); i++)
		if (!strcmp(nodes[i].name, name)) {
			*out = &nodes[i].vn;
			uk_vnode_ref(*out);
			return 0;
		}
	return -ENOENT;
}

static int dir_readdir(struct uk_vnode *dir, uint64_t *pos,
		       struct uk_dirent *out)
{
	if (*pos >= UK_ARRAY_SIZE(nodes))
		return 1;
	out->ino = nodes[*pos].vn.ino;
	out->type = DT_CHR;
	strcpy(out->name, nodes[*pos].name);
	(*pos)++;
	return 0;
}

/* One devfs for the image: mounting it again shows the same nodes. */
static int devfs_mount(struct uk_mount *mnt, const char *arg,
		       struct uk_vnode **root)
{
	size_t i;

	dir_vn.mnt = mnt;
	for (i = 0; i < UK_ARRAY_SIZE(nodes); i++) {
		nodes[i].vn.mnt = mnt;
		nodes[i].vn.mode = S_IFCHR | 0666;
		nodes[i].vn.ino = i + 2;
		nodes[i].vn.refs = 1;	/* never released */
	}
	dir_vn.refs++;
	*root = &dir_vn;
	return 0;
}

static const struct uk_fstype devfs_fstype = { "devfs", devfs_mount };
UK_FSTYPE(devfs_fstype);

/* The anchor that devfs.pc names, so this file is linked. */
const char devfs_anchor[] = "devfs";
