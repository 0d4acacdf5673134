/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the virtual file system. File systems (ramfs, devfs) provide
 * vnodes with struct uk_vnode_ops; vfscore owns the mount table, path
 * resolution, open file descriptions, the descriptor table, pipes, and
 * the file system calls.
 *
 * Names handed to vnode operations are single path components: never
 * empty, never ".", without '/', NUL-terminated, at most UK_NAME_MAX
 * bytes. lookup also answers ".." with the parent directory (a file
 * system's root answers itself); other operations never see "..".
 * vfscore crosses mount points itself. Operations return 0 or a
 * negative errno. Nothing here
 * takes a lock: threads switch only when one blocks, and the only
 * operations that block are pipe reads and writes and flock waits.
 */
#ifndef UK_VFS_H
#define UK_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#define UK_NAME_MAX	255
#define UK_PATH_MAX	4096
#define UK_SYMLOOP_MAX	40

struct uk_vnode;
struct uk_mount;

/* One directory entry, as readdir hands it out. */
struct uk_dirent {
	uint64_t ino;
	unsigned char type;		/* DT_REG, DT_DIR, DT_LNK, ... */
	char name[UK_NAME_MAX + 1];
};

/* What setattr changes; fields not named in mask are ignored. */
#define UK_ATTR_MODE	0x1		/* permission bits of mode */
#define UK_ATTR_ATIME	0x2
#define UK_ATTR_MTIME	0x4
struct uk_vattr {
	unsigned int mask;
	mode_t mode;
	struct timespec atime, mtime;
};

struct uk_vnode_ops {
	/*
	 * Directories. lookup returns a referenced vnode or -ENOENT;
	 * create makes an empty regular file (-EEXIST if the name
	 * exists); unlink removes a non-directory (-EISDIR otherwise),
	 * rmdir an empty directory (-ENOTEMPTY, -ENOTDIR); rename moves
	 * or replaces an entry, with POSIX rules for what may replace
	 * what; readdir returns the entry at *pos and advances *pos (0
	 * starts a listing; "." and ".." are not listed), or 1 at the end.
	 * Directory operations fail with -ENOSPC, changing nothing, when
	 * memory runs out. All of them may be NULL on file systems that
	 * do not support them (the call fails with -EPERM or -ENOTDIR).
	 */
	int (*lookup)(struct uk_vnode *dir, const char *name,
		      struct uk_vnode **out);
	int (*create)(struct uk_vnode *dir, const char *name, mode_t mode,
		      struct uk_vnode **out);
	int (*mkdir)(struct uk_vnode *dir, const char *name, mode_t mode);
	int (*symlink)(struct uk_vnode *dir, const char *name,
		       const char *target);
	int (*link)(struct uk_vnode *dir, const char *name,
		    struct uk_vnode *target);
	int (*unlink)(struct uk_vnode *dir, const char *name);
	int (*rmdir)(struct uk_vnode *dir, const char *name);
	int (*rename)(struct uk_vnode *odir, const char *oname,
		      struct uk_vnode *ndir, const char *nname);
	int (*readdir)(struct uk_vnode *dir, uint64_t *pos,
		       struct uk_dirent *out);
	/* Symlinks: copy the target, not NUL-terminated; bytes copied. */
	ssize_t (*readlink)(struct uk_vnode *vn, char *buf, size_t len);

	/*
	 * Regular files and devices. read returns the bytes read (0 at
	 * end of file); write extends the file as needed, filling holes
	 * with zeros, and returns the bytes written (-ENOSPC when memory
	 * runs out before any byte was written); truncate sets the size.
	 */
	ssize_t (*read)(struct uk_vnode *vn, void *buf, size_t len,
			off_t off);
	ssize_t (*write)(struct uk_vnode *vn, const void *buf, size_t len,
			 off_t off);
	int (*truncate)(struct uk_vnode *vn, off_t len);
	int (*ioctl)(struct uk_vnode *vn, unsigned long req, void *arg);

	/* Any vnode: fill st (st_dev comes from the mount); set attributes. */
	int (*getattr)(struct uk_vnode *vn, struct stat *st);
	int (*setattr)(struct uk_vnode *vn, const struct uk_vattr *va);

	/*
	 * The last reference went away: free the vnode if no directory
	 * names it any more (or if the file system keeps no vnodes).
	 */
	void (*release)(struct uk_vnode *vn);

	/* Devices: POLLIN/POLLOUT as of now. NULL: always ready. */
	short (*poll)(struct uk_vnode *vn);
};

struct uk_vnode {
	const struct uk_vnode_ops *ops;
	struct uk_mount *mnt;
	mode_t mode;			/* S_IFMT type and permission bits */
	uint64_t ino;
	unsigned int refs;		/* references: vfscore counts them */
	struct uk_mount *covered_by;	/* a mount on this directory */
	void *flock_owner;		/* the open file holding a flock */
	int flock_shared;		/* count of LOCK_SH holders */
	void *priv;			/* the file system's own */
};

/* A file system type, registered with UK_FSTYPE(). */
struct uk_fstype {
	const char *name;
	/* Create a file system and return its referenced root vnode. */
	int (*mount)(struct uk_mount *mnt, const char *arg,
		     struct uk_vnode **root);
};

struct uk_mount {
	const struct uk_fstype *type;
	struct uk_vnode *root;
	struct uk_vnode *covered;	/* the directory it sits on */
	dev_t dev;
	struct uk_mount *next;
};

#define UK_FSTYPE(sym)							\
	static const struct uk_fstype *const uk_fstype_##sym		\
	__attribute__((used, section(".uk_fstab"), aligned(8))) = &(sym)

extern const struct uk_fstype *const __uk_fstab_start[];
extern const struct uk_fstype *const __uk_fstab_end[];

/* References. vfscore holds one per open file, cwd and mount. */
void uk_vnode_ref(struct uk_vnode *vn);
void uk_vnode_unref(struct uk_vnode *vn);

/*
 * Mount a file system of type fstype on the directory at path ("/" for
 * the root, before anything else is mounted). arg is the type's own.
 */
int uk_vfs_mount(const char *fstype, const char *path, const char *arg);

/*
 * Resolve path (relative to the current directory unless absolute) to a
 * referenced vnode. follow: follow a final symlink. Errors as Linux
 * gives them: -ENOENT, -ENOTDIR, -ENAMETOOLONG, -ELOOP, -EFAULT.
 */
int uk_vfs_resolve(const char *path, bool follow, struct uk_vnode **out);

/* Kernel-side helpers for file systems that populate others (initrd). */
int uk_vfs_mkdir(const char *path, mode_t mode);
int uk_vfs_write_file(const char *path, mode_t mode, const void *data,
		      size_t len);
int uk_vfs_symlink(const char *target, const char *path);

#endif /* UK_VFS_H */
