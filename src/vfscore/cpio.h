/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore's private initrd API: a reader of cpio "newc" archives (magic
 * 070701, and 070702 whose regular files carry a checksum) and the
 * unpacker that builds the initrd's tree in the VFS with it.
 */
#ifndef VFSCORE_CPIO_H
#define VFSCORE_CPIO_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_NAME_MAX		4095	/* a name's length, as reported */
#define CPIO_SYMLINK_MAX	4095	/* a symlink target's length */

/*
 * One member of an archive, as cpio_walk() reports it. The pointers
 * point into the archive and are valid as long as it is.
 *
 * name is the member's path made relative: leading "./" and '/' are
 * gone, and it is NUL-terminated. It has no empty, "." or ".."
 * component and no trailing '/'. The root directory itself (stored as
 * ".", "/" or "./") is reported with the name "".
 *
 * For a symlink, data is the target (not NUL-terminated; 1 to 4095
 * bytes, no NUL). Directories, device nodes, fifos and sockets have no
 * data (size 0). Members of a hard-link group share ino, devmajor and
 * devminor and have nlink > 1; the archive stores the data once, with
 * the last member, and the others have size 0.
 */
struct cpio_entry {
	const char *name;
	size_t namelen;			/* without the NUL */
	uint32_t mode;			/* S_IFMT type and permission bits */
	uint32_t uid, gid, nlink, mtime, ino;
	uint32_t devmajor, devminor;	/* the device that held the file */
	uint32_t rdevmajor, rdevminor;	/* a device node's own numbers */
	const void *data;
	size_t size;
	size_t offset;			/* of the header in the archive */
};

/*
 * Check the cpio archive buf[0..len) and call fn once per member, in
 * archive order, up to the "TRAILER!!!" member (which is not reported).
 * Only zero bytes may follow the trailer. Every member is fully checked
 * before fn sees it, but a member late in the archive is checked only
 * after fn has seen the earlier ones: a caller that must not act on a
 * broken archive walks it once first with fn NULL, which only checks.
 *
 * Returns 0 after the trailer; the first non-zero value fn returns,
 * which ends the walk; or -EINVAL on a malformed archive, after an
 * error line that names the member (or its offset) and the fault.
 * Allocates nothing, never sleeps, reentrant.
 */
int cpio_walk(const void *buf, size_t len,
	      int (*fn)(const struct cpio_entry *e, void *arg), void *arg);

/* "regular file", "directory", ... for the S_IFMT type of mode. */
const char *cpio_type_name(uint32_t mode);

/*
 * Create the tree the cpio archive buf[0..len) describes in the VFS:
 * its directories, regular files (every name of a hard-link group gets
 * the group's data) and symlinks, under "/", with parents the archive
 * does not list made 0755. Device nodes, fifos and sockets are skipped
 * with a warning; owners and times are not kept.
 *
 * The archive is checked whole before anything is created, so a broken
 * archive creates nothing. Returns 0 (and logs a summary at info
 * level), -EINVAL for a broken archive, or the first error of the VFS
 * (creation stops there), after a line naming the member. Boot time
 * only: not reentrant (it uses static path buffers). May sleep if the
 * VFS does.
 */
int uk_initrd_unpack(const void *buf, size_t len);

#endif /* VFSCORE_CPIO_H */
