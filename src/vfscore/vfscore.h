/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore: what the library's own files share. */
#ifndef VFSCORE_VFSCORE_H
#define VFSCORE_VFSCORE_H

#include <stdbool.h>
#include <uk/sched.h>
#include <uk/vfs.h>

#define UK_FD_MAX	1024
#define UK_FILE_MAX	(1LL << 46)	/* the largest file size: 64 TiB */

struct uk_file;

/* How an open file reads, writes and polls: vnodes, pipes. */
struct uk_file_ops {
	ssize_t (*read)(struct uk_file *f, void *buf, size_t len, off_t off);
	ssize_t (*write)(struct uk_file *f, const void *buf, size_t len,
			 off_t off);
	short (*poll)(struct uk_file *f);	/* POLLIN/POLLOUT/... now */
	void (*close)(struct uk_file *f);	/* the last reference went */
};

/* An open file description: shared by dup'd descriptors. */
struct uk_file {
	const struct uk_file_ops *fops;
	struct uk_vnode *vn;		/* referenced */
	off_t off;			/* the shared offset */
	uint64_t dir_pos;		/* the file system's readdir cookie */
	int flags;			/* O_ACCMODE, O_APPEND, O_NONBLOCK */
	int flock;			/* 0, LOCK_SH or LOCK_EX held */
	unsigned int refs;		/* descriptors and mappings */
	void *priv;			/* a pipe end */
};

extern const struct uk_file_ops uk_vnode_fops;

/* The descriptor table. */
struct uk_file *uk_fd_get(int fd);		/* borrowed, or NULL */
int uk_fd_install(struct uk_file *f, int min, bool cloexec);
int uk_fd_install_at(struct uk_file *f, int fd, bool cloexec);
bool uk_fd_cloexec(int fd);
void uk_fd_set_cloexec(int fd, bool on);
struct uk_file *uk_file_new(struct uk_vnode *vn, int flags,
			    const struct uk_file_ops *fops);
void uk_file_ref(struct uk_file *f);
void uk_file_unref(struct uk_file *f);
int uk_fd_close(int fd);

/* Path resolution. */
struct uk_vnode *uk_vfs_root(void);
struct uk_vnode *uk_vfs_cwd(void);
void uk_vfs_set_cwd(struct uk_vnode *vn);

/*
 * Resolve path relative to the directory of dirfd (AT_FDCWD: the current
 * one). parent: stop at the last component, return its directory in
 * *out and the name in last ("" when the path names a directory itself,
 * like "/" or "a/.."). follow: follow a final symlink.
 */
int uk_vfs_walk(int dirfd, const char *path, bool parent, bool follow,
		struct uk_vnode **out, char *last);

/* Stat a vnode the way stat(2) reports it. */
int uk_vfs_getattr(struct uk_vnode *vn, struct stat *st);

/* flock(2) state, released when the open file goes. */
int uk_flock(struct uk_file *f, int op);
void uk_flock_release(struct uk_file *f);

/* Pipes wake pollers; poll waits here. */
extern struct uk_waitq uk_vfs_poll_wq;

/* Put vfscore's handlers in the system call table. */
void uk_vfs_register_syscalls(void);

/* Copy a user string (at most max bytes with the NUL): 0 or -errno. */
int uk_vfs_user_path(const char *upath, const char **out);

#endif /* VFSCORE_VFSCORE_H */
