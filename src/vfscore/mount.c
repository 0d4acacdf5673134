/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the mount table and the file system at boot. The root file
 * system and extra mounts come from the command line:
 *   vfs.root=ramfs  vfs.mounts=devfs:/dev,ramfs:/tmp
 * then the initrd, if the loader passed one, is unpacked into the tree,
 * and descriptors 0-2 are opened on /dev/console.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/param.h>
#include <uk/plat.h>
#include <uk/print.h>
#include "cpio.h"
#include "sys.h"
#include "vfscore.h"

static const char *root_type = "ramfs";
UK_PARAM(vfs, root, UK_PARAM_STR, root_type);
static const char *extra_mounts = "devfs:/dev";
UK_PARAM(vfs, mounts, UK_PARAM_STR, extra_mounts);

static struct uk_mount *mounts;
static unsigned int next_dev = 1;

static const struct uk_fstype *find_type(const char *name)
{
	const struct uk_fstype *const *t;

	for (t = __uk_fstab_start; t < __uk_fstab_end; t++)
		if (!strcmp((*t)->name, name))
			return *t;
	return NULL;
}

int uk_vfs_mount(const char *fstype, const char *path, const char *arg)
{
	const struct uk_fstype *type = find_type(fstype);
	struct uk_vnode *on = NULL, *root;
	struct uk_mount *m;
	int rc;

	if (!type)
		return -ENODEV;
	if (uk_vfs_root()) {
		rc = uk_vfs_resolve(path, true, &on);
		if (rc < 0)
			return rc;
		if (!S_ISDIR(on->mode) || on->covered_by) {
			uk_vnode_unref(on);
			return S_ISDIR(on->mode) ? -EBUSY : -ENOTDIR;
		}
	} else if (strcmp(path, "/")) {
		return -ENOENT;
	}
	m = uk_calloc(uk_alloc_get_default(), 1, sizeof(*m));
	rc = m ? type->mount(m, arg, &root) : -ENOMEM;
	if (rc < 0) {
		uk_free(uk_alloc_get_default(), m);
		if (on)
			uk_vnode_unref(on);
		return rc;
	}
	*m = (struct uk_mount){ type, root, on, makedev(0, next_dev), mounts };
	next_dev++;
	mounts = m;
	if (on)
		on->covered_by = m;	/* keeps the reference to on */
	else
		uk_vfs_set_cwd(root);
	return 0;
}

int uk_vfs_mkdir(const char *path, mode_t mode)
{
	return uk_vfs_mkdirat(AT_FDCWD, path, mode);
}

int uk_vfs_symlink(const char *target, const char *path)
{
	return uk_vfs_sys_symlinkat(target, AT_FDCWD, path);
}

int uk_vfs_write_file(const char *path, mode_t mode, const void *data,
		      size_t len)
{
	char last[UK_NAME_MAX + 1];
	struct uk_vnode *dir, *vn;
	ssize_t n = 0;
	int rc = uk_vfs_walk(AT_FDCWD, path, true, false, &dir, last);

	if (rc < 0)
		return rc;
	rc = !last[0] ? -EISDIR : dir->ops->lookup(dir, last, &vn);
	if (rc == -ENOENT)
		rc = dir->ops->create ? dir->ops->create(dir, last, mode, &vn)
				      : -EPERM;
	uk_vnode_unref(dir);
	if (rc < 0)
		return rc;
	if (!S_ISREG(vn->mode))
		rc = -EEXIST;
	else
		rc = vn->ops->truncate(vn, 0);
	if (rc == 0 && len)
		n = vn->ops->write(vn, data, len, 0);
	uk_vnode_unref(vn);
	if (rc == 0 && n >= 0 && (size_t)n != len)
		return -ENOSPC;
	return rc < 0 ? rc : (n < 0 ? (int)n : 0);
}

/* "type:path,type:path": mount each in order. */
static int mount_list(const char *list)
{
	char item[256], *colon;
	const char *p = list, *end;
	int rc;

	while (*p) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		if ((size_t)(end - p) >= sizeof(item))
			return -ENAMETOOLONG;
		memcpy(item, p, end - p);
		item[end - p] = '\0';
		p = *end ? end + 1 : end;
		colon = strchr(item, ':');
		if (!colon || colon == item || !colon[1]) {
			uk_pr_err("vfs.mounts: '%s' is not type:/path", item);
			return -EINVAL;
		}
		*colon = '\0';
		rc = uk_vfs_mount(item, colon + 1, NULL);
		if (rc == -ENOENT)
			rc = uk_vfs_mkdir(colon + 1, 0755) ?:
			     uk_vfs_mount(item, colon + 1, NULL);
		if (rc < 0) {
			uk_pr_err("cannot mount %s on %s: %s", item,
				  colon + 1, uk_errname(rc));
			return rc;
		}
	}
	return 0;
}

/* Unpack every initrd into the tree, then give its memory to the heap. */
static int unpack_initrds(void)
{
	const struct ukplat_bootinfo *bi = ukplat_bootinfo_get();
	unsigned int i;
	int rc;

	for (i = 0; i < bi->mr_count; i++) {
		const struct ukplat_memregion *r = &bi->mr[i];

		if (r->type != UKPLAT_MEMR_INITRD)
			continue;
		rc = uk_initrd_unpack((const void *)(uintptr_t)r->base,
				      r->len);
		if (rc < 0)
			return rc;
		if (uk_alloc_addmem(uk_alloc_get_default(),
				    (void *)(uintptr_t)r->base, r->len) == 0)
			uk_pr_info("initrd memory (%llu KiB) given to the heap",
				   (unsigned long long)r->len / 1024);
	}
	return 0;
}

static int open_console(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++)
		if (uk_vfs_sys_openat(AT_FDCWD, "/dev/console", O_RDWR, 0)
		    != fd) {
			uk_pr_crit("cannot open /dev/console as fd %d: is "
				   "devfs mounted on /dev (vfs.mounts)?", fd);
			return -ENOENT;
		}
	return 0;
}

static int vfscore_init(void)
{
	int rc = uk_vfs_mount(root_type, "/", NULL);

	if (rc < 0) {
		uk_pr_crit("cannot mount %s as the root file system: %s",
			   root_type, uk_errname(rc));
		return rc;
	}
	rc = mount_list(extra_mounts);
	if (rc == 0)
		rc = unpack_initrds();
	if (rc == 0)
		rc = open_console();
	if (rc == 0)
		uk_vfs_register_syscalls();
	return rc;
}
UK_INIT(vfscore_init, UK_INIT_FS);

/* The anchor that vfscore.pc names, so the init entry is linked. */
const char vfscore_anchor[] = "vfscore";
