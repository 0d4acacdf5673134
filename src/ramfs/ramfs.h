/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: private declarations shared by the node (ramfs.c), directory
 * (dir.c) and regular file (file.c) parts of the in-memory file system.
 */
#ifndef RAMFS_H
#define RAMFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include <uk/vfs.h>

/*
 * File data lives in chunks of RAMFS_CHUNK_SIZE bytes, found through a
 * radix tree of RAMFS_FANOUT-way index nodes. Chunk 0 alone may be
 * smaller than a chunk (it grows by doubling), so small files stay small.
 */
#define RAMFS_CHUNK_SHIFT	UK_PAGE_SHIFT
#define RAMFS_CHUNK_SIZE	(1UL << RAMFS_CHUNK_SHIFT)
#define RAMFS_FANOUT_SHIFT	9
#define RAMFS_FANOUT		(1UL << RAMFS_FANOUT_SHIFT)
#define RAMFS_HEAD_MIN		64
#define RAMFS_MAX_SIZE		INT64_MAX

/* The first readdir cookie: 0 and 1 stay free for "." and "..". */
#define RAMFS_COOKIE_FIRST	2

/* One file system instance, made by each mount. */
struct ramfs_fs {
	uint64_t next_ino;
};

struct ramfs_file {
	void *root;		/* the chunk itself at height 0, else a node */
	unsigned int height;	/* levels of index nodes above the chunks */
	size_t head_cap;	/* bytes allocated for chunk 0, if present */
	uint64_t bytes;		/* data bytes allocated, for st_blocks */
	off_t size;
};

struct ramfs_dirent {
	struct ramfs_dirent *next, *prev;	/* in cookie order */
	struct ramfs_dirent *hnext;		/* hash bucket chain */
	struct ramfs_node *node;
	uint64_t cookie;
	uint32_t hash;
	uint16_t namelen;
	char name[];
};

struct ramfs_dir {
	struct ramfs_node *parent;	/* NULL once removed; root: itself */
	struct ramfs_dirent *head, *tail;
	struct ramfs_dirent *hint;	/* where the last readdir stopped */
	struct ramfs_dirent **buckets;	/* NULL while the directory is empty */
	size_t nbuckets;
	size_t count;
	uint64_t next_cookie;
};

struct ramfs_symlink {
	char *target;
	size_t len;
};

struct ramfs_node {
	struct uk_vnode vn;		/* vn.mode holds the type and bits */
	struct ramfs_fs *fs;
	unsigned long nlink;		/* names, plus subdirectories' ".." */
	struct timespec atime, mtime, ctime;
	union {
		struct ramfs_file file;
		struct ramfs_dir dir;
		struct ramfs_symlink link;
	};
};

static inline struct ramfs_node *ramfs_node(struct uk_vnode *vn)
{
	return uk_container_of(vn, struct ramfs_node, vn);
}

static inline struct uk_alloc *ramfs_alloc(void)
{
	return uk_alloc_get_default();
}

extern const struct uk_vnode_ops ramfs_vnode_ops;

/* ramfs.c: nodes and their lifetime. */
struct timespec ramfs_now(void);
struct ramfs_node *ramfs_node_new(struct ramfs_fs *fs, struct uk_mount *mnt,
				  mode_t mode);
void ramfs_node_free(struct ramfs_node *node);
void ramfs_node_drop(struct ramfs_node *node);
void ramfs_touch(struct ramfs_node *node, bool modified);

/* dir.c: directories. */
void ramfs_dir_init(struct ramfs_node *dir, struct ramfs_node *parent);
void ramfs_dir_destroy(struct ramfs_node *dir);
int ramfs_lookup(struct uk_vnode *dir, const char *name, struct uk_vnode **out);
int ramfs_create(struct uk_vnode *dir, const char *name, mode_t mode,
		 struct uk_vnode **out);
int ramfs_mkdir(struct uk_vnode *dir, const char *name, mode_t mode);
int ramfs_symlink(struct uk_vnode *dir, const char *name, const char *target);
int ramfs_link(struct uk_vnode *dir, const char *name, struct uk_vnode *target);
int ramfs_unlink(struct uk_vnode *dir, const char *name);
int ramfs_rmdir(struct uk_vnode *dir, const char *name);
int ramfs_rename(struct uk_vnode *odir, const char *oname,
		 struct uk_vnode *ndir, const char *nname);
int ramfs_readdir(struct uk_vnode *dir, uint64_t *pos, struct uk_dirent *out);

/* file.c: regular file data. */
void ramfs_file_destroy(struct ramfs_node *node);
ssize_t ramfs_read(struct uk_vnode *vn, void *buf, size_t len, off_t off);
ssize_t ramfs_write(struct uk_vnode *vn, const void *buf, size_t len,
		    off_t off);
int ramfs_truncate(struct uk_vnode *vn, off_t len);

#endif /* RAMFS_H */
