/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Check suite for vfscore's initrd: the cpio "newc" reader cpio_walk()
 * and uk_initrd_unpack(), run hosted against a recording fake of the VFS.
 */
#include <check.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include "hosted.h"
#include "../src/vfscore/cpio.h"

#define NEWC		"070701"
#define CRC		"070702"
#define MTIME		1700000000u
#define ARC_MAX		(1 << 16)
#define SEEN_MAX	32
#define FAKE_MAX	64

enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE,
	F_CHECK, NF
};

/* The archive a test builds. */
static struct {
	unsigned char b[ARC_MAX];
	size_t len;
	uint32_t ino;
} arc;

/* What cpio_walk() reported, copied out of the archive. */
struct seen {
	char name[CPIO_NAME_MAX + 1];
	size_t namelen;
	uint32_t mode, uid, gid, nlink, mtime, ino;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	unsigned char data[CPIO_SYMLINK_MAX + 1];
	size_t size, offset;
};
static struct seen seen[SEEN_MAX];
static int nseen;
static int stop_after;		/* record() returns stop_rc after this many */
static int stop_rc;

/* The fake VFS: one node per path created. */
struct fnode {
	struct uk_vnode vn;
	char path[UK_PATH_MAX + 2];
	unsigned char *data;
	size_t len;
	char target[UK_PATH_MAX];
};
static struct fnode fake[FAKE_MAX];
static int nfake, fake_refs, fake_setattrs;
static const char *fail_path;	/* creating it returns fail_rc */
static int fail_rc;

/* Archive writer */

static void put(const void *p, size_t n)
{
	ck_assert_uint_le(arc.len + n, ARC_MAX);
	if (n)
		memcpy(arc.b + arc.len, p, n);
	arc.len += n;
}

static void put_pad(void)
{
	while (arc.len % 4)
		arc.b[arc.len++] = 0;
}

static uint32_t byte_sum(const void *data, size_t size)
{
	const unsigned char *p = data;
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < size; i++)
		sum += p[i];
	return sum;
}

/* Any member, lies included: namesize bytes of name are stored. */
static size_t put_member(const char *magic, const uint32_t *f,
			 const char *name, size_t namesize, const void *data,
			 size_t size)
{
	size_t at = arc.len;
	char h[128];
	int i, n;

	n = snprintf(h, sizeof(h), "%s", magic);
	for (i = 0; i < NF; i++)
		n += snprintf(h + n, sizeof(h) - n, "%08X", f[i]);
	ck_assert_int_eq(n, 110);
	put(h, 110);
	put(name, namesize);
	put_pad();
	put(data, size);
	put_pad();
	return at;
}

static size_t add_full(const char *magic, const char *name, uint32_t mode,
		       uint32_t nlink, uint32_t ino, uint32_t devminor,
		       const void *data, size_t size)
{
	uint32_t f[NF] = {
		[F_INO] = ino, [F_MODE] = mode, [F_UID] = 1000,
		[F_GID] = 100, [F_NLINK] = nlink, [F_MTIME] = MTIME,
		[F_FILESIZE] = size, [F_DEVMAJOR] = 8,
		[F_DEVMINOR] = devminor, [F_NAMESIZE] = strlen(name) + 1,
	};

	if (!strcmp(magic, CRC) && S_ISREG(mode))
		f[F_CHECK] = byte_sum(data, size);
	return put_member(magic, f, name, strlen(name) + 1, data, size);
}

static size_t add(const char *name, uint32_t mode, const void *data,
		  size_t size)
{
	return add_full(NEWC, name, mode, 1, ++arc.ino, 1, data, size);
}

static size_t add_file(const char *name, const char *text)
{
	return add(name, S_IFREG | 0644, text, strlen(text));
}

static size_t add_dir(const char *name)
{
	return add(name, S_IFDIR | 0755, NULL, 0);
}

static size_t add_symlink(const char *name, const char *target)
{
	return add(name, S_IFLNK | 0777, target, strlen(target));
}

static size_t add_link(const char *name, uint32_t ino, uint32_t nlink,
		       uint32_t devminor, const char *text)
{
	return add_full(NEWC, name, S_IFREG | 0644, nlink, ino, devminor,
			text, strlen(text));
}

static size_t add_trailer(void)
{
	return add_full(NEWC, "TRAILER!!!", 0, 1, 0, 0, NULL, 0);
}

static void patch(size_t at, int field, const char *digits)
{
	memcpy(arc.b + at + 6 + field * 8, digits, 8);
}

static void patch_hex(size_t at, int field, uint32_t v)
{
	char d[9];

	snprintf(d, sizeof(d), "%08X", v);
	patch(at, field, d);
}

/* Walker side */

static int record(const struct cpio_entry *e, void *arg)
{
	struct seen *s;

	ck_assert_int_lt(nseen, SEEN_MAX);
	ck_assert_uint_le(e->namelen, CPIO_NAME_MAX);
	ck_assert_uint_eq(strlen(e->name), e->namelen);
	s = &seen[nseen++];
	memcpy(s->name, e->name, e->namelen + 1);
	s->namelen = e->namelen;
	s->mode = e->mode;
	s->uid = e->uid;
	s->gid = e->gid;
	s->nlink = e->nlink;
	s->mtime = e->mtime;
	s->ino = e->ino;
	s->devmajor = e->devmajor;
	s->devminor = e->devminor;
	s->rdevmajor = e->rdevmajor;
	s->rdevminor = e->rdevminor;
	s->size = e->size;
	s->offset = e->offset;
	if (e->size <= sizeof(s->data))
		memcpy(s->data, e->data, e->size);
	return nseen == stop_after ? stop_rc : 0;
}

/* Walk the first len bytes from a heap copy of exactly that size. */
static int walk_prefix(size_t len)
{
	unsigned char *copy = malloc(len ? len : 1);
	int rc;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, arc.b, len);
	nseen = 0;
	rc = cpio_walk(copy, len, record, NULL);
	free(copy);
	return rc;
}

static int walk(void)
{
	return walk_prefix(arc.len);
}

static int unpack_prefix(size_t len)
{
	unsigned char *copy = malloc(len ? len : 1);
	int rc;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, arc.b, len);
	rc = uk_initrd_unpack(copy, len);
	free(copy);
	return rc;
}

static int unpack(void)
{
	return unpack_prefix(arc.len);
}

static const struct seen *seen_named(const char *name)
{
	int i;

	for (i = 0; i < nseen; i++)
		if (!strcmp(seen[i].name, name))
			return &seen[i];
	ck_abort_msg("no entry named '%s' was reported", name);
	return NULL;
}

static void expect_seen(int i, const char *name, uint32_t mode,
			const char *data, size_t offset)
{
	ck_assert_int_lt(i, nseen);
	ck_assert_str_eq(seen[i].name, name);
	ck_assert_uint_eq(seen[i].mode, mode);
	ck_assert_uint_eq(seen[i].size, strlen(data));
	ck_assert_mem_eq(seen[i].data, data, strlen(data));
	ck_assert_uint_eq(seen[i].offset, offset);
}

/* The console holds exactly these lines (level, message), in order. */
static void expect_log(int n, ...)
{
	char want[4096] = "";
	size_t len = 0;
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *level = va_arg(ap, const char *);
		const char *msg = va_arg(ap, const char *);

		len += snprintf(want + len, sizeof(want) - len,
				"[%-5s] vfscore: %s\n", level, msg);
	}
	va_end(ap);
	ck_assert_str_eq(hosted_console_take(), want);
}

static void expect_err(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	expect_log(1, "err", msg);
}

/* Fake VFS */

static struct fnode *fake_find(const char *path)
{
	int i;

	for (i = 0; i < nfake; i++)
		if (!strcmp(fake[i].path, path))
			return &fake[i];
	return NULL;
}

static int fake_setattr(struct uk_vnode *vn, const struct uk_vattr *va)
{
	ck_assert_uint_eq(va->mask, UK_ATTR_MODE);
	vn->mode = (vn->mode & S_IFMT) | (va->mode & 07777);
	fake_setattrs++;
	return 0;
}

static const struct uk_vnode_ops fake_ops = { .setattr = fake_setattr };

/* Like a real VFS: the parent must be a directory, names are unique. */
static int fake_add(const char *path, mode_t mode, struct fnode **out)
{
	char parent[UK_PATH_MAX + 2];
	struct fnode *p, *n;
	char *slash;

	ck_assert_int_eq(path[0], '/');
	if (fail_path && !strcmp(path, fail_path))
		return fail_rc;
	if (fake_find(path))
		return -EEXIST;
	snprintf(parent, sizeof(parent), "%s", path);
	slash = strrchr(parent, '/');
	if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	p = fake_find(parent);
	if (!p)
		return -ENOENT;
	if (!S_ISDIR(p->vn.mode))
		return -ENOTDIR;

	ck_assert_int_lt(nfake, FAKE_MAX);
	n = &fake[nfake++];
	memset(n, 0, sizeof(*n));
	snprintf(n->path, sizeof(n->path), "%s", path);
	n->vn.mode = mode;
	n->vn.ops = &fake_ops;
	*out = n;
	return 0;
}

int uk_vfs_mkdir(const char *path, mode_t mode)
{
	struct fnode *n;

	ck_assert_uint_eq(mode & ~07777u, 0);
	return fake_add(path, S_IFDIR | mode, &n);
}

int uk_vfs_write_file(const char *path, mode_t mode, const void *data,
		      size_t len)
{
	struct fnode *n;
	int rc;

	ck_assert_uint_eq(mode & ~07777u, 0);
	rc = fake_add(path, S_IFREG | mode, &n);
	if (rc)
		return rc;
	n->data = malloc(len + 1);
	ck_assert_ptr_nonnull(n->data);
	memcpy(n->data, data, len);
	n->len = len;
	return 0;
}

int uk_vfs_symlink(const char *target, const char *path)
{
	struct fnode *n;
	int rc;

	rc = fake_add(path, S_IFLNK | 0777, &n);
	if (rc)
		return rc;
	snprintf(n->target, sizeof(n->target), "%s", target);
	return 0;
}

int uk_vfs_resolve(const char *path, bool follow, struct uk_vnode **out)
{
	struct fnode *n = fake_find(path);

	if (!n)
		return -ENOENT;
	fake_refs++;
	*out = &n->vn;
	return 0;
}

void uk_vnode_unref(struct uk_vnode *vn)
{
	fake_refs--;
}

static void fake_reset(void)
{
	int i;

	for (i = 0; i < nfake; i++)
		free(fake[i].data);
	nfake = 0;
	fake_refs = 0;
	fake_setattrs = 0;
	fail_path = NULL;
	memset(&fake[0], 0, sizeof(fake[0]));
	strcpy(fake[0].path, "/");
	fake[0].vn.mode = S_IFDIR | 0755;
	fake[0].vn.ops = &fake_ops;
	nfake = 1;
}

static void expect_node(const char *path, mode_t mode)
{
	struct fnode *n = fake_find(path);

	ck_assert_msg(n, "'%s' was not created", path);
	ck_assert_uint_eq(n->vn.mode, mode);
}

static void expect_file(const char *path, mode_t perm, const char *text)
{
	struct fnode *n = fake_find(path);

	expect_node(path, S_IFREG | perm);
	ck_assert_uint_eq(n->len, strlen(text));
	ck_assert_mem_eq(n->data, text, n->len);
}

static void expect_symlink(const char *path, const char *target)
{
	expect_node(path, S_IFLNK | 0777);
	ck_assert_str_eq(fake_find(path)->target, target);
}

static void setup(void)
{
	memset(&arc, 0, sizeof(arc));
	arc.ino = 100;
	nseen = 0;
	stop_after = -1;
	fake_reset();
	uk_print_level = UK_PRINFO;
	hosted_console_take();
}

static void teardown(void)
{
	fake_reset();
}

/* walk: well-formed archives */

START_TEST(cpio_walk_typical_reports_all)
{
	size_t d, f, e, s;

	d = add_dir("etc");
	f = add_file("etc/passwd", "root:x:0:0::/:/bin/sh\n");
	e = add_file("etc/empty", "");
	s = add_symlink("bin", "usr/bin");
	add_trailer();

	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 4);
	expect_seen(0, "etc", S_IFDIR | 0755, "", d);
	expect_seen(1, "etc/passwd", S_IFREG | 0644,
		    "root:x:0:0::/:/bin/sh\n", f);
	expect_seen(2, "etc/empty", S_IFREG | 0644, "", e);
	expect_seen(3, "bin", S_IFLNK | 0777, "usr/bin", s);
	ck_assert_uint_eq(seen[1].namelen, 10);
	ck_assert_uint_eq(seen[1].ino, 102);
	ck_assert_uint_eq(seen[1].nlink, 1);
	ck_assert_uint_eq(seen[1].uid, 1000);
	ck_assert_uint_eq(seen[1].gid, 100);
	ck_assert_uint_eq(seen[1].mtime, MTIME);
	ck_assert_uint_eq(seen[1].devmajor, 8);
	ck_assert_uint_eq(seen[1].devminor, 1);
	ck_assert_str_eq(hosted_console_take(), "");
}
END_TEST

START_TEST(cpio_walk_every_field_reported)
{
	uint32_t f[NF] = {
		0x11111111, S_IFCHR | 0620, 0x22222222, 0x33333333, 1,
		0x44444444, 0, 0x55555555, 0x66666666, 4, 64, 4, 0,
	};

	put_member(NEWC, f, "tty", 4, NULL, 0);
	patch(0, F_UID, "abcdef01");
	add_trailer();

	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 1);
	ck_assert_str_eq(seen[0].name, "tty");
	ck_assert_uint_eq(seen[0].ino, 0x11111111);
	ck_assert_uint_eq(seen[0].mode, S_IFCHR | 0620);
	ck_assert_uint_eq(seen[0].uid, 0xabcdef01);
	ck_assert_uint_eq(seen[0].gid, 0x33333333);
	ck_assert_uint_eq(seen[0].mtime, 0x44444444);
	ck_assert_uint_eq(seen[0].devmajor, 0x55555555);
	ck_assert_uint_eq(seen[0].devminor, 0x66666666);
	ck_assert_uint_eq(seen[0].rdevmajor, 4);
	ck_assert_uint_eq(seen[0].rdevminor, 64);
}
END_TEST

START_TEST(cpio_walk_special_files_reported)
{
	add("dev/null", S_IFCHR | 0666, NULL, 0);
	add("dev/sda", S_IFBLK | 0660, NULL, 0);
	add("run/fifo", S_IFIFO | 0600, NULL, 0);
	add("run/sock", S_IFSOCK | 0755, NULL, 0);
	add_trailer();

	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 4);
	ck_assert_uint_eq(seen[0].mode, S_IFCHR | 0666);
	ck_assert_uint_eq(seen[1].mode, S_IFBLK | 0660);
	ck_assert_uint_eq(seen[2].mode, S_IFIFO | 0600);
	ck_assert_uint_eq(seen[3].mode, S_IFSOCK | 0755);
	ck_assert_str_eq(cpio_type_name(seen[3].mode), "socket");
}
END_TEST

START_TEST(cpio_walk_fn_nonzero_stops)
{
	add_file("a", "1");
	add_file("b", "2");
	add_file("c", "3");
	add_trailer();
	stop_after = 2;
	stop_rc = 42;

	ck_assert_int_eq(walk(), 42);
	ck_assert_int_eq(nseen, 2);
	stop_rc = -ENOSPC;
	ck_assert_int_eq(walk(), -ENOSPC);
	ck_assert_str_eq(hosted_console_take(), "");
}
END_TEST

START_TEST(cpio_walk_null_fn_checks_only)
{
	add_file("a", "1");
	add_trailer();
	ck_assert_int_eq(cpio_walk(arc.b, arc.len, NULL, NULL), 0);
	patch_hex(0, F_FILESIZE, 9);
	ck_assert_int_eq(cpio_walk(arc.b, arc.len, NULL, NULL), -EINVAL);
}
END_TEST

START_TEST(cpio_walk_zero_padding_after_trailer_accepted)
{
	add_file("a", "hello");
	add_trailer();
	arc.len = 512;

	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 1);
}
END_TEST

START_TEST(cpio_walk_garbage_after_trailer_rejected)
{
	size_t end;

	add_file("a", "hello");
	add_trailer();
	end = arc.len;
	arc.len = 512;
	arc.b[end + 7] = 'x';

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: non-zero byte at offset %zu after the TRAILER!!! entry (only zero padding may follow it)",
		   end + 7);
}
END_TEST

START_TEST(cpio_walk_check_ignored_without_crc_magic)
{
	size_t at = add_file("a", "hello");

	add_trailer();
	patch_hex(at, F_CHECK, 0xdeadbeef);
	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 1);
}
END_TEST

/* names */

START_TEST(cpio_names_leading_prefix_stripped)
{
	add_file("./etc/a", "1");
	add_file("/abs/b", "2");
	add_file("//c", "3");
	add_file("/./d", "4");
	add_file("././/e", "5");
	add_file(".hidden", "6");
	add_trailer();

	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 6);
	ck_assert_str_eq(seen[0].name, "etc/a");
	ck_assert_uint_eq(seen[0].namelen, 5);
	ck_assert_str_eq(seen[1].name, "abs/b");
	ck_assert_str_eq(seen[2].name, "c");
	ck_assert_str_eq(seen[3].name, "d");
	ck_assert_str_eq(seen[4].name, "e");
	ck_assert_str_eq(seen[5].name, ".hidden");
}
END_TEST

START_TEST(cpio_names_root_reported_empty)
{
	add(".", S_IFDIR | 0700, NULL, 0);
	add("/", S_IFDIR | 0755, NULL, 0);
	add("./", S_IFDIR | 0750, NULL, 0);
	add_trailer();

	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 3);
	ck_assert_str_eq(seen[0].name, "");
	ck_assert_uint_eq(seen[0].namelen, 0);
	ck_assert_uint_eq(seen[0].mode, S_IFDIR | 0700);
	ck_assert_str_eq(seen[1].name, "");
	ck_assert_str_eq(seen[2].name, "");
}
END_TEST

START_TEST(cpio_names_root_not_directory_rejected)
{
	add(".", S_IFREG | 0644, "x", 1);
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry '.' at offset 0: the root is a regular file, not a directory");
}
END_TEST

static const char *const dotdot_names[] = {
	"..", "../x", "a/..", "a/../b", "./../x", "/..", "/a/b/../../..",
};

START_TEST(cpio_names_dotdot_rejected)
{
	const char *name = dotdot_names[_i];

	add_file(name, "x");
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	ck_assert_int_eq(nseen, 0);
	expect_err("initrd: entry '%s' at offset 0: name has a '..' component",
		   name);
}
END_TEST

START_TEST(cpio_names_dotdot_lookalikes_accepted)
{
	add_file("..a", "1");
	add_file("a..", "2");
	add_file("x/..b/c", "3");
	add_file("...", "4");
	add_trailer();

	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 4);
	ck_assert_str_eq(seen[2].name, "x/..b/c");
	ck_assert_str_eq(seen[3].name, "...");
}
END_TEST

static const char *const odd_component_names[] = {
	"a//b", "a/", "a/./b", "a/.", "etc/passwd/",
};

START_TEST(cpio_names_empty_or_dot_component_rejected)
{
	const char *name = odd_component_names[_i];

	add_file(name, "x");
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry '%s' at offset 0: name has an empty or '.' component",
		   name);
}
END_TEST

START_TEST(cpio_names_empty_rejected)
{
	add_file("", "x");
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry '' at offset 0: name is empty");
}
END_TEST

START_TEST(cpio_names_longest_accepted)
{
	static char name[CPIO_NAME_MAX + 3];

	memset(name, 'n', sizeof(name) - 1);
	memcpy(name, "./", 2);
	add_file(name, "x");
	add_trailer();

	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 1);
	ck_assert_uint_eq(seen[0].namelen, CPIO_NAME_MAX);
}
END_TEST

START_TEST(cpio_names_too_long_rejected)
{
	static char name[CPIO_NAME_MAX + 2];

	memset(name, 'n', sizeof(name) - 1);
	add_file(name, "x");
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry '%.64s...' at offset 0: name is longer than 4095 bytes",
		   name);
}
END_TEST

/* symlinks */

START_TEST(cpio_symlink_empty_target_rejected)
{
	add_file("a", "1");
	add_symlink("lib/ld.so", "");
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	ck_assert_int_eq(nseen, 1);
	expect_err("initrd: entry 'lib/ld.so' at offset 116: symlink has an empty target");
}
END_TEST

START_TEST(cpio_symlink_nul_in_target_rejected)
{
	add("s", S_IFLNK | 0777, "ab\0c", 4);
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry 's' at offset 0: symlink target contains a NUL byte");
}
END_TEST

START_TEST(cpio_symlink_longest_target_accepted)
{
	static char target[CPIO_SYMLINK_MAX + 1];

	memset(target, 't', CPIO_SYMLINK_MAX);
	add_symlink("s", target);
	add_trailer();

	ck_assert_int_eq(walk(), 0);
	ck_assert_uint_eq(seen[0].size, CPIO_SYMLINK_MAX);
	ck_assert_mem_eq(seen[0].data, target, CPIO_SYMLINK_MAX);
}
END_TEST

START_TEST(cpio_symlink_target_too_long_rejected)
{
	static char target[CPIO_SYMLINK_MAX + 2];

	memset(target, 't', CPIO_SYMLINK_MAX + 1);
	add_symlink("s", target);
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry 's' at offset 0: symlink target is longer than 4095 bytes");
}
END_TEST

/* crc: magic 070702 */

START_TEST(cpio_crc_good_checksum_accepted)
{
	static const unsigned char bin[] = { 0xff, 0x80, 0x01, 0x00, 0xfe };

	add_full(CRC, "bin", S_IFREG | 0755, 1, 1, 1, bin, sizeof(bin));
	add_full(CRC, "empty", S_IFREG | 0644, 1, 2, 1, NULL, 0);
	add_full(CRC, "link", S_IFLNK | 0777, 1, 3, 1, "bin", 3);
	add_full(CRC, "dir", S_IFDIR | 0755, 2, 4, 1, NULL, 0);
	add_trailer();

	ck_assert_uint_eq(byte_sum(bin, sizeof(bin)), 0x27e);
	ck_assert_int_eq(walk(), 0);
	ck_assert_int_eq(nseen, 4);
	ck_assert_uint_eq(seen[0].size, 5);
	ck_assert_mem_eq(seen[0].data, bin, 5);
}
END_TEST

START_TEST(cpio_crc_bad_checksum_rejected)
{
	size_t at;

	add_full(CRC, "ok", S_IFREG | 0644, 1, 1, 1, "fine", 4);
	at = add_full(CRC, "etc/motd", S_IFREG | 0644, 1, 2, 1, "hello", 5);
	add_trailer();
	arc.b[at + 120] = 'j';

	ck_assert_int_eq(walk(), -EINVAL);
	ck_assert_int_eq(nseen, 1);
	expect_err("initrd: entry 'etc/motd' at offset %zu: checksum mismatch: header says 0x00000214, data sums to 0x00000216",
		   at);
}
END_TEST

START_TEST(cpio_crc_empty_file_nonzero_check_rejected)
{
	size_t at = add_full(CRC, "e", S_IFREG | 0644, 1, 1, 1, NULL, 0);

	add_trailer();
	patch_hex(at, F_CHECK, 1);

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry 'e' at offset 0: checksum mismatch: header says 0x00000001, data sums to 0x00000000");
}
END_TEST

/* malformed: headers that lie */

START_TEST(cpio_malformed_filesize_huge_rejected)
{
	size_t at = add_file("etc/passwd", "root");

	add_trailer();
	patch_hex(at, F_FILESIZE, 0xffffffff);

	ck_assert_int_eq(walk(), -EINVAL);
	ck_assert_int_eq(nseen, 0);
	expect_err("initrd: entry 'etc/passwd' at offset 0: data (4294967295 bytes) runs past the end of the archive");
}
END_TEST

START_TEST(cpio_malformed_filesize_past_end_by_one_rejected)
{
	size_t at;

	add_file("a", "x");
	at = add_file("b", "1234");
	arc.len -= 1;
	patch_hex(at, F_FILESIZE, 4);

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry 'b' at offset %zu: data (4 bytes) runs past the end of the archive",
		   at);
}
END_TEST

START_TEST(cpio_malformed_namesize_zero_rejected)
{
	size_t at = add_file("a", "x");

	add_trailer();
	patch_hex(at, F_NAMESIZE, 0);

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry at offset 0: name size is 0");
}
END_TEST

START_TEST(cpio_malformed_namesize_huge_rejected)
{
	size_t at = add_file("a", "x");

	add_trailer();
	patch_hex(at, F_NAMESIZE, 0xffffffff);

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry at offset 0: name (4294967295 bytes) runs past the end of the archive");
}
END_TEST

START_TEST(cpio_malformed_namesize_past_end_rejected)
{
	size_t at = add_file("a", "x");

	patch_hex(at, F_NAMESIZE, arc.len - 110 + 1);

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry at offset 0: name (7 bytes) runs past the end of the archive");
}
END_TEST

START_TEST(cpio_malformed_name_without_nul_rejected)
{
	uint32_t f[NF] = { [F_MODE] = S_IFREG | 0644, [F_NAMESIZE] = 4 };

	put_member(NEWC, f, "abcd", 4, NULL, 0);
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry at offset 0: name is not NUL-terminated");
}
END_TEST

START_TEST(cpio_malformed_name_inner_nul_rejected)
{
	uint32_t f[NF] = { [F_MODE] = S_IFREG | 0644, [F_NAMESIZE] = 4 };

	put_member(NEWC, f, "a\0b", 4, NULL, 0);
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry at offset 0: name contains a NUL byte");
}
END_TEST

static const char *const field_names[NF] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize",
	"check",
};

static const char *const bad_digits[] = {
	"0000000g", " 0000001", "0x00000f", "+0000001", "0000\0" "001",
	"-0000001",
};

START_TEST(cpio_malformed_nonhex_digit_rejected)
{
	int field = _i % NF;
	const char *digits = bad_digits[_i / NF];
	size_t at;

	add_file("a", "x");
	at = add_file("b", "y");
	add_trailer();
	patch(at, field, digits);

	ck_assert_int_eq(walk(), -EINVAL);
	ck_assert_int_eq(nseen, 1);
	expect_err("initrd: entry at offset %zu: field '%s' is not 8 hex digits",
		   at, field_names[field]);
}
END_TEST

static const char *const bad_magics[][2] = {
	{ "070703", "bad magic (not 070701 or 070702)" },
	{ "707010", "bad magic (not 070701 or 070702)" },
	{ "\0\0\0\0\0\1", "bad magic (not 070701 or 070702)" },
	{ "070707",
	  "old portable format (magic 070707); only newc (070701, 070702) is read" },
	{ "\x1f\x8b\x08\0\0\0",
	  "gzip data; the archive must be an uncompressed newc cpio" },
};

START_TEST(cpio_malformed_bad_magic_rejected)
{
	add_file("a", "x");
	add_trailer();
	memcpy(arc.b, bad_magics[_i][0], 6);

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry at offset 0: %s", bad_magics[_i][1]);
}
END_TEST

START_TEST(cpio_malformed_missing_trailer_rejected)
{
	add_file("a", "x");
	add_file("b", "y");

	ck_assert_int_eq(walk(), -EINVAL);
	ck_assert_int_eq(nseen, 2);
	expect_err("initrd: archive ends at offset 232 without a TRAILER!!! entry");

	memset(arc.b + arc.len, 0, 512);
	arc.len += 512;
	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: archive ends at offset 232 without a TRAILER!!! entry");
}
END_TEST

START_TEST(cpio_malformed_empty_or_null_rejected)
{
	ck_assert_int_eq(cpio_walk(arc.b, 0, record, NULL), -EINVAL);
	expect_err("initrd: archive ends at offset 0 without a TRAILER!!! entry");
	ck_assert_int_eq(cpio_walk(NULL, 100, record, NULL), -EINVAL);
	expect_err("initrd: no archive (NULL buffer of 100 bytes)");
	ck_assert_int_eq(nseen, 0);
}
END_TEST

START_TEST(cpio_malformed_dir_with_data_rejected)
{
	add("d", S_IFDIR | 0755, "data", 4);
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry 'd' at offset 0: directory has 4 bytes of data");
}
END_TEST

START_TEST(cpio_malformed_unknown_type_rejected)
{
	add("weird", 0170644, NULL, 0);
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry 'weird' at offset 0: unknown file type in mode 0170644");

	arc.len = 0;
	add("none", 0644, NULL, 0);
	add_trailer();
	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry 'none' at offset 0: unknown file type in mode 0644");
}
END_TEST

START_TEST(cpio_malformed_mode_high_bits_rejected)
{
	add("f", 01100644, NULL, 0);
	add_trailer();

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry 'f' at offset 0: mode 01100644 has bits beyond type and permissions");
}
END_TEST

START_TEST(cpio_malformed_header_cut_short_rejected)
{
	add_file("a", "x");
	add_trailer();

	ck_assert_int_eq(walk_prefix(116 + 50), -EINVAL);
	expect_err("initrd: entry at offset 116: header runs past the end of the archive (50 of 110 bytes)");
}
END_TEST

START_TEST(cpio_malformed_long_name_shown_truncated)
{
	static char name[200];
	size_t at;

	memset(name, 'q', sizeof(name) - 1);
	at = add_file(name, "x");
	add_trailer();
	patch_hex(at, F_FILESIZE, 1000);

	ck_assert_int_eq(walk(), -EINVAL);
	expect_err("initrd: entry '%.64s...' at offset 0: data (1000 bytes) runs past the end of the archive",
		   name);
}
END_TEST

/* truncated: every prefix of an archive */

static size_t build_small(void)
{
	add_dir("d");
	add_file("d/f", "hello");
	add_symlink("s", "d/f");
	add_file("e", "");
	add_trailer();
	return arc.len;
}

START_TEST(cpio_truncated_every_prefix_rejected)
{
	size_t full = build_small(), len;
	const char *log;

	for (len = 0; len < full; len++) {
		ck_assert_msg(walk_prefix(len) == -EINVAL,
			      "prefix of %zu bytes was not rejected", len);
		ck_assert_int_le(nseen, 4);
		log = hosted_console_take();
		ck_assert_msg(!strncmp(log, "[err  ] vfscore: initrd: ", 25) &&
			      strchr(log, '\n') == log + strlen(log) - 1,
			      "prefix of %zu bytes logged '%s'", len, log);
	}
	ck_assert_int_eq(walk_prefix(full), 0);
	ck_assert_int_eq(nseen, 4);
}
END_TEST

START_TEST(cpio_truncated_prefix_in_padding_accepted)
{
	size_t full = build_small(), len;

	memset(arc.b + full, 0, 1024 - full);
	arc.len = 1024;
	for (len = full; len <= 1024; len++) {
		ck_assert_msg(walk_prefix(len) == 0,
			      "prefix of %zu bytes was rejected", len);
		ck_assert_int_eq(nseen, 4);
	}
	ck_assert_str_eq(hosted_console_take(), "");
}
END_TEST

START_TEST(cpio_truncated_initrd_creates_nothing)
{
	size_t full = build_small(), len;

	for (len = 0; len < full; len++) {
		ck_assert_int_eq(unpack_prefix(len), -EINVAL);
		ck_assert_int_eq(nfake, 1);
	}
	hosted_console_take();
	ck_assert_int_eq(unpack_prefix(full), 0);
	ck_assert_int_eq(nfake, 5);
}
END_TEST

/* initrd: unpacking into the (fake) VFS */

START_TEST(cpio_initrd_tree_created)
{
	add(".", S_IFDIR | 0700, NULL, 0);
	add_dir("etc");
	add("etc/ssh", S_IFDIR | 0700, NULL, 0);
	add("etc/passwd", S_IFREG | 0600, "root:x:0:0\n", 11);
	add_file("etc/empty", "");
	add("bin/sh", S_IFREG | 0755, "\177ELF", 4);
	add_symlink("bin/ash", "sh");
	add_trailer();

	ck_assert_int_eq(unpack(), 0);
	expect_log(1, "info", "initrd: 3 files, 2 directories, 1 symlinks, 15 bytes");
	ck_assert_int_eq(nfake, 8);
	expect_node("/", S_IFDIR | 0755);
	expect_node("/etc", S_IFDIR | 0755);
	expect_node("/etc/ssh", S_IFDIR | 0700);
	expect_file("/etc/passwd", 0600, "root:x:0:0\n");
	expect_file("/etc/empty", 0644, "");
	expect_node("/bin", S_IFDIR | 0755);
	expect_file("/bin/sh", 0755, "\177ELF");
	expect_symlink("/bin/ash", "sh");
	ck_assert_int_eq(fake_refs, 0);
	ck_assert_int_eq(fake_setattrs, 0);
}
END_TEST

START_TEST(cpio_initrd_missing_parents_made_0755)
{
	add("a/b/c/file", S_IFREG | 0640, "z", 1);
	add_symlink("x/y/link", "/a/b/c/file");
	add_trailer();

	ck_assert_int_eq(unpack(), 0);
	ck_assert_int_eq(nfake, 8);
	expect_node("/a", S_IFDIR | 0755);
	expect_node("/a/b", S_IFDIR | 0755);
	expect_node("/a/b/c", S_IFDIR | 0755);
	expect_file("/a/b/c/file", 0640, "z");
	expect_node("/x", S_IFDIR | 0755);
	expect_node("/x/y", S_IFDIR | 0755);
	expect_symlink("/x/y/link", "/a/b/c/file");
	ck_assert_int_eq(fake_refs, 0);
	expect_log(1, "info", "initrd: 1 files, 0 directories, 1 symlinks, 1 bytes");
}
END_TEST

START_TEST(cpio_initrd_dir_listed_after_child_gets_mode)
{
	add_file("secret/key", "k");
	add("secret", S_IFDIR | 0700, NULL, 0);
	add_trailer();

	ck_assert_int_eq(unpack(), 0);
	expect_node("/secret", S_IFDIR | 0700);
	ck_assert_int_eq(fake_setattrs, 1);
	ck_assert_int_eq(fake_refs, 0);
	expect_log(1, "info", "initrd: 1 files, 1 directories, 0 symlinks, 1 bytes");
}
END_TEST

START_TEST(cpio_initrd_hardlinks_data_for_all_names)
{
	add_link("bin/a", 7, 3, 1, "");
	add_file("other", "o");
	add_link("sbin/b", 7, 3, 1, "");
	add_link("bin/c", 7, 3, 1, "busybox");
	add_trailer();

	ck_assert_int_eq(unpack(), 0);
	expect_file("/bin/a", 0644, "busybox");
	expect_file("/sbin/b", 0644, "busybox");
	expect_file("/bin/c", 0644, "busybox");
	expect_file("/other", 0644, "o");
	ck_assert_int_eq(nfake, 7);
	expect_log(1, "info", "initrd: 4 files, 0 directories, 0 symlinks, 8 bytes");
}
END_TEST

START_TEST(cpio_initrd_hardlinks_all_empty)
{
	add_link("a", 9, 2, 1, "");
	add_link("b", 9, 2, 1, "");
	add_trailer();

	ck_assert_int_eq(unpack(), 0);
	expect_file("/a", 0644, "");
	expect_file("/b", 0644, "");
	ck_assert_int_eq(nfake, 3);
}
END_TEST

START_TEST(cpio_initrd_hardlinks_reused_ino_groups_apart)
{
	add_link("p", 5, 2, 1, "");
	add_link("q", 5, 2, 1, "one");
	add_link("r", 5, 2, 1, "");
	add_link("s", 5, 2, 1, "two");
	add_link("t", 5, 2, 2, "");
	add_link("u", 5, 2, 2, "dev2");
	add_trailer();

	ck_assert_int_eq(unpack(), 0);
	expect_file("/p", 0644, "one");
	expect_file("/q", 0644, "one");
	expect_file("/r", 0644, "two");
	expect_file("/s", 0644, "two");
	expect_file("/t", 0644, "dev2");
	expect_file("/u", 0644, "dev2");
	ck_assert_int_eq(nfake, 7);
}
END_TEST

START_TEST(cpio_initrd_hardlinks_other_device_not_linked)
{
	add_link("m", 5, 2, 1, "");
	add_link("n", 5, 2, 2, "data");
	add_link("o", 6, 3, 1, "solo");
	add_trailer();

	ck_assert_int_eq(unpack(), 0);
	expect_file("/m", 0644, "");
	expect_file("/n", 0644, "data");
	expect_file("/o", 0644, "solo");
	ck_assert_int_eq(nfake, 4);
}
END_TEST

START_TEST(cpio_initrd_special_files_skipped_with_warning)
{
	char w1[256], w2[256];
	size_t at1, at2;

	add_file("a", "1");
	at1 = add("dev/console", S_IFCHR | 0600, NULL, 0);
	at2 = add("fifo", S_IFIFO | 0600, NULL, 0);
	add_trailer();

	ck_assert_int_eq(unpack(), 0);
	ck_assert_int_eq(nfake, 2);
	ck_assert_ptr_null(fake_find("/dev"));
	snprintf(w1, sizeof(w1),
		 "initrd: entry 'dev/console' at offset %zu: skipping a character device (device nodes, fifos and sockets are not created)",
		 at1);
	snprintf(w2, sizeof(w2),
		 "initrd: entry 'fifo' at offset %zu: skipping a fifo (device nodes, fifos and sockets are not created)",
		 at2);
	expect_log(3, "warn", w1, "warn", w2, "info",
		   "initrd: 1 files, 0 directories, 0 symlinks, 1 bytes");
}
END_TEST

START_TEST(cpio_initrd_vfs_error_names_entry)
{
	size_t at;

	add_file("small", "s");
	at = add_file("var/big", "bbbbbbbb");
	add_file("after", "a");
	add_trailer();
	fail_path = "/var/big";
	fail_rc = -ENOSPC;

	ck_assert_int_eq(unpack(), -ENOSPC);
	expect_err("initrd: entry 'var/big' at offset %zu: writing file /var/big failed: ENOSPC",
		   at);
	expect_file("/small", 0644, "s");
	ck_assert_ptr_null(fake_find("/after"));
}
END_TEST

START_TEST(cpio_initrd_hardlink_member_error_names_member)
{
	size_t at;

	at = add_link("first", 3, 2, 1, "");
	add_link("last", 3, 2, 1, "data");
	add_trailer();
	fail_path = "/first";
	fail_rc = -ENOMEM;

	ck_assert_int_eq(unpack(), -ENOMEM);
	expect_err("initrd: entry 'first' at offset %zu: writing file /first failed: ENOMEM",
		   at);
}
END_TEST

START_TEST(cpio_initrd_file_in_way_of_parent_rejected)
{
	size_t at;

	add_file("a", "file");
	at = add_file("a/b", "x");
	add_trailer();

	ck_assert_int_eq(unpack(), -ENOTDIR);
	expect_err("initrd: entry 'a/b' at offset %zu: making parent directory /a failed: ENOTDIR",
		   at);
	ck_assert_int_eq(fake_refs, 0);
}
END_TEST

START_TEST(cpio_initrd_dir_over_file_rejected)
{
	size_t at;

	add_file("a", "file");
	at = add_dir("a");
	add_trailer();

	ck_assert_int_eq(unpack(), -EEXIST);
	expect_err("initrd: entry 'a' at offset %zu: making directory /a failed: EEXIST",
		   at);
	ck_assert_int_eq(fake_refs, 0);
	ck_assert_int_eq(fake_setattrs, 0);
}
END_TEST

START_TEST(cpio_initrd_symlink_error_names_entry)
{
	size_t at;

	add_file("l", "x");
	at = add_symlink("l", "target");
	add_trailer();

	ck_assert_int_eq(unpack(), -EEXIST);
	expect_err("initrd: entry 'l' at offset %zu: making symlink /l failed: EEXIST",
		   at);
}
END_TEST

START_TEST(cpio_initrd_malformed_creates_nothing)
{
	char e1[256], e2[256];
	size_t at;

	add_dir("etc");
	add_file("etc/a", "1");
	at = add_file("etc/..", "2");
	add_trailer();

	ck_assert_int_eq(unpack(), -EINVAL);
	ck_assert_int_eq(nfake, 1);
	snprintf(e1, sizeof(e1),
		 "initrd: entry 'etc/..' at offset %zu: name has a '..' component",
		 at);
	snprintf(e2, sizeof(e2),
		 "initrd: the archive (%zu bytes) is malformed, nothing was unpacked",
		 arc.len);
	expect_log(2, "err", e1, "err", e2);
}
END_TEST

/* gnu: archives written by GNU cpio on the host */

static char tree[64];

static void sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	ck_assert_msg(rc == 0, "'%s' failed with status %d", cmd, rc);
}

/* A tree with every kind of member, and GNU cpio's archive of it. */
static void gnu_archive(const char *format)
{
	char cmd[256];
	FILE *p;
	size_t n;
	int rc;

	ck_assert_msg(system("command -v cpio >/dev/null 2>&1") == 0,
		      "GNU cpio is not installed: it is a build dependency of the tests (apt-get install cpio)");
	snprintf(tree, sizeof(tree), "/tmp/check_cpio.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tree));
	sh("cd %s && mkdir sub && printf 'alpha\\n' > sub/a.txt && : > empty && ln -s sub/a.txt link && printf 'hard\\n' > h1 && ln h1 h2",
	   tree);
	sh("cd %s && chmod 0750 sub && chmod 0640 sub/a.txt && chmod 0600 empty h1",
	   tree);

	snprintf(cmd, sizeof(cmd),
		 "cd %s && find . | LC_ALL=C sort | cpio -o -H %s --quiet",
		 tree, format);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(arc.b, 1, sizeof(arc.b), p);
	rc = pclose(p);
	sh("rm -rf %s", tree);
	ck_assert_msg(rc == 0, "'%s' failed with status %d", cmd, rc);
	ck_assert_uint_lt(n, sizeof(arc.b));
	ck_assert_uint_eq(n % 512, 0);
	arc.len = n;
}

static void expect_gnu_entries(void)
{
	const struct seen *h1, *h2, *s;

	ck_assert_int_eq(nseen, 7);
	ck_assert_uint_eq(seen_named("")->mode, S_IFDIR | 0700);
	ck_assert_uint_eq(seen_named("sub")->mode, S_IFDIR | 0750);
	s = seen_named("sub/a.txt");
	ck_assert_uint_eq(s->mode, S_IFREG | 0640);
	ck_assert_uint_eq(s->size, 6);
	ck_assert_mem_eq(s->data, "alpha\n", 6);
	ck_assert_uint_eq(seen_named("empty")->size, 0);
	s = seen_named("link");
	ck_assert_uint_eq(s->mode & S_IFMT, S_IFLNK);
	ck_assert_uint_eq(s->size, 9);
	ck_assert_mem_eq(s->data, "sub/a.txt", 9);

	h1 = seen_named("h1");
	h2 = seen_named("h2");
	ck_assert_uint_eq(h1->ino, h2->ino);
	ck_assert_uint_eq(h1->nlink, 2);
	ck_assert_uint_eq(h2->nlink, 2);
	ck_assert_uint_eq(h1->size + h2->size, 5);
	ck_assert_mem_eq(h1->size ? h1->data : h2->data, "hard\n", 5);
}

static void expect_gnu_tree(void)
{
	expect_node("/sub", S_IFDIR | 0750);
	expect_file("/sub/a.txt", 0640, "alpha\n");
	expect_file("/empty", 0600, "");
	expect_symlink("/link", "sub/a.txt");
	expect_file("/h1", 0600, "hard\n");
	expect_file("/h2", 0600, "hard\n");
	ck_assert_int_eq(nfake, 7);
	expect_log(1, "info", "initrd: 4 files, 1 directories, 1 symlinks, 11 bytes");
}

START_TEST(cpio_gnu_newc_archive_read)
{
	gnu_archive("newc");
	ck_assert_mem_eq(arc.b, "070701", 6);

	ck_assert_int_eq(walk(), 0);
	expect_gnu_entries();
	ck_assert_int_eq(unpack(), 0);
	expect_gnu_tree();
}
END_TEST

START_TEST(cpio_gnu_crc_archive_read)
{
	size_t i;

	gnu_archive("crc");
	ck_assert_mem_eq(arc.b, "070702", 6);

	ck_assert_int_eq(walk(), 0);
	expect_gnu_entries();
	ck_assert_int_eq(unpack(), 0);
	expect_gnu_tree();

	for (i = 0; i + 6 <= arc.len; i++)
		if (!memcmp(arc.b + i, "alpha\n", 6))
			break;
	ck_assert_uint_le(i + 6, arc.len);
	arc.b[i] = 'A';
	ck_assert_int_eq(walk(), -EINVAL);
	ck_assert_msg(strstr(hosted_console_take(),
			     "initrd: entry 'sub/a.txt' at offset ") != NULL,
		      "the checksum error does not name the entry");
}
END_TEST

static TCase *tcase(const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, teardown);
	return tc;
}

static Suite *cpio_suite(void)
{
	Suite *s = suite_create("cpio");
	TCase *tc;

	tc = tcase("walk");
	tcase_add_test(tc, cpio_walk_typical_reports_all);
	tcase_add_test(tc, cpio_walk_every_field_reported);
	tcase_add_test(tc, cpio_walk_special_files_reported);
	tcase_add_test(tc, cpio_walk_fn_nonzero_stops);
	tcase_add_test(tc, cpio_walk_null_fn_checks_only);
	tcase_add_test(tc, cpio_walk_zero_padding_after_trailer_accepted);
	tcase_add_test(tc, cpio_walk_garbage_after_trailer_rejected);
	tcase_add_test(tc, cpio_walk_check_ignored_without_crc_magic);
	suite_add_tcase(s, tc);

	tc = tcase("names");
	tcase_add_test(tc, cpio_names_leading_prefix_stripped);
	tcase_add_test(tc, cpio_names_root_reported_empty);
	tcase_add_test(tc, cpio_names_root_not_directory_rejected);
	tcase_add_loop_test(tc, cpio_names_dotdot_rejected, 0,
			    UK_ARRAY_SIZE(dotdot_names));
	tcase_add_test(tc, cpio_names_dotdot_lookalikes_accepted);
	tcase_add_loop_test(tc, cpio_names_empty_or_dot_component_rejected, 0,
			    UK_ARRAY_SIZE(odd_component_names));
	tcase_add_test(tc, cpio_names_empty_rejected);
	tcase_add_test(tc, cpio_names_longest_accepted);
	tcase_add_test(tc, cpio_names_too_long_rejected);
	suite_add_tcase(s, tc);

	tc = tcase("symlink");
	tcase_add_test(tc, cpio_symlink_empty_target_rejected);
	tcase_add_test(tc, cpio_symlink_nul_in_target_rejected);
	tcase_add_test(tc, cpio_symlink_longest_target_accepted);
	tcase_add_test(tc, cpio_symlink_target_too_long_rejected);
	suite_add_tcase(s, tc);

	tc = tcase("crc");
	tcase_add_test(tc, cpio_crc_good_checksum_accepted);
	tcase_add_test(tc, cpio_crc_bad_checksum_rejected);
	tcase_add_test(tc, cpio_crc_empty_file_nonzero_check_rejected);
	suite_add_tcase(s, tc);

	tc = tcase("malformed");
	tcase_add_test(tc, cpio_malformed_filesize_huge_rejected);
	tcase_add_test(tc, cpio_malformed_filesize_past_end_by_one_rejected);
	tcase_add_test(tc, cpio_malformed_namesize_zero_rejected);
	tcase_add_test(tc, cpio_malformed_namesize_huge_rejected);
	tcase_add_test(tc, cpio_malformed_namesize_past_end_rejected);
	tcase_add_test(tc, cpio_malformed_name_without_nul_rejected);
	tcase_add_test(tc, cpio_malformed_name_inner_nul_rejected);
	tcase_add_loop_test(tc, cpio_malformed_nonhex_digit_rejected, 0,
			    NF * UK_ARRAY_SIZE(bad_digits));
	tcase_add_loop_test(tc, cpio_malformed_bad_magic_rejected, 0,
			    UK_ARRAY_SIZE(bad_magics));
	tcase_add_test(tc, cpio_malformed_missing_trailer_rejected);
	tcase_add_test(tc, cpio_malformed_empty_or_null_rejected);
	tcase_add_test(tc, cpio_malformed_dir_with_data_rejected);
	tcase_add_test(tc, cpio_malformed_unknown_type_rejected);
	tcase_add_test(tc, cpio_malformed_mode_high_bits_rejected);
	tcase_add_test(tc, cpio_malformed_header_cut_short_rejected);
	tcase_add_test(tc, cpio_malformed_long_name_shown_truncated);
	suite_add_tcase(s, tc);

	tc = tcase("truncated");
	tcase_add_test(tc, cpio_truncated_every_prefix_rejected);
	tcase_add_test(tc, cpio_truncated_prefix_in_padding_accepted);
	tcase_add_test(tc, cpio_truncated_initrd_creates_nothing);
	suite_add_tcase(s, tc);

	tc = tcase("initrd");
	tcase_add_test(tc, cpio_initrd_tree_created);
	tcase_add_test(tc, cpio_initrd_missing_parents_made_0755);
	tcase_add_test(tc, cpio_initrd_dir_listed_after_child_gets_mode);
	tcase_add_test(tc, cpio_initrd_hardlinks_data_for_all_names);
	tcase_add_test(tc, cpio_initrd_hardlinks_all_empty);
	tcase_add_test(tc, cpio_initrd_hardlinks_reused_ino_groups_apart);
	tcase_add_test(tc, cpio_initrd_hardlinks_other_device_not_linked);
	tcase_add_test(tc, cpio_initrd_special_files_skipped_with_warning);
	tcase_add_test(tc, cpio_initrd_vfs_error_names_entry);
	tcase_add_test(tc, cpio_initrd_hardlink_member_error_names_member);
	tcase_add_test(tc, cpio_initrd_file_in_way_of_parent_rejected);
	tcase_add_test(tc, cpio_initrd_dir_over_file_rejected);
	tcase_add_test(tc, cpio_initrd_symlink_error_names_entry);
	tcase_add_test(tc, cpio_initrd_malformed_creates_nothing);
	suite_add_tcase(s, tc);

	tc = tcase("gnu");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, cpio_gnu_newc_archive_read);
	tcase_add_test(tc, cpio_gnu_crc_archive_read);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cpio_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
