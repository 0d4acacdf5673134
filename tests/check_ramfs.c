/* SPDX-License-Identifier: BSD-3-Clause */
/* Hosted tests of ramfs, calling its vnode operations directly. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include <uk/vfs.h>
#include "hosted.h"

extern struct uk_fstype ramfs_fstype;

static char heap_mem[8 << 20];
static struct uk_mount mnt;
static struct uk_vnode *root;
static const struct uk_vnode_ops *ops;

static void mount_over(void *mem, size_t len)
{
	struct uk_alloc *a = uk_alloc_tlsf_create(mem, len);

	ck_assert_ptr_nonnull(a);
	uk_alloc_set_default(a);
	memset(&mnt, 0, sizeof(mnt));
	mnt.type = &ramfs_fstype;
	mnt.dev = 42;
	ck_assert_int_eq(ramfs_fstype.mount(&mnt, NULL, &root), 0);
	ops = root->ops;
}

static void setup(void)
{
	mount_over(heap_mem, sizeof(heap_mem));
}

static size_t heap_used(void)
{
	struct uk_alloc_stats st;

	ck_assert_int_eq(uk_alloc_check(uk_alloc_get_default()), 0);
	uk_alloc_stats(uk_alloc_get_default(), &st);
	return st.cur_bytes;
}

static struct uk_vnode *new_file(struct uk_vnode *dir, const char *name)
{
	struct uk_vnode *vn = NULL;

	ck_assert_int_eq(ops->create(dir, name, 0644, &vn), 0);
	ck_assert_ptr_nonnull(vn);
	ck_assert_uint_eq(vn->refs, 1);
	return vn;
}

/* The referenced vnode at name, or NULL for -ENOENT. */
static struct uk_vnode *look(struct uk_vnode *dir, const char *name)
{
	struct uk_vnode *vn = NULL;
	int err = ops->lookup(dir, name, &vn);

	if (err == -ENOENT)
		return NULL;
	ck_assert_int_eq(err, 0);
	return vn;
}

static struct uk_vnode *new_dir(struct uk_vnode *dir, const char *name)
{
	ck_assert_int_eq(ops->mkdir(dir, name, 0755), 0);
	return look(dir, name);
}

static struct stat attr(struct uk_vnode *vn)
{
	struct stat st;

	ck_assert_int_eq(ops->getattr(vn, &st), 0);
	return st;
}

static void put(struct uk_vnode *vn)
{
	uk_vnode_unref(vn);
}

static void write_str(struct uk_vnode *vn, off_t off, const char *s)
{
	ck_assert_int_eq(ops->write(vn, s, strlen(s), off), strlen(s));
}

static void read_expect(struct uk_vnode *vn, off_t off, const char *s)
{
	char buf[256];
	size_t len = strlen(s);

	memset(buf, 0x5a, sizeof(buf));
	ck_assert_int_eq(ops->read(vn, buf, sizeof(buf), off), len);
	ck_assert_int_eq(memcmp(buf, s, len), 0);
}

static bool all_zero(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i])
			return false;
	return true;
}

START_TEST(ramfs_file_write_read_offsets)
{
	struct uk_vnode *f = new_file(root, "a");
	char buf[8];

	write_str(f, 0, "hello");
	read_expect(f, 0, "hello");
	read_expect(f, 2, "llo");
	read_expect(f, 5, "");
	read_expect(f, 1000, "");
	write_str(f, attr(f).st_size, " world");
	read_expect(f, 0, "hello world");
	write_str(f, 4, "O");
	read_expect(f, 0, "hellO world");
	ck_assert_int_eq(ops->read(f, buf, 3, 8), 3);
	ck_assert_int_eq(memcmp(buf, "rld", 3), 0);
	ck_assert_int_eq(attr(f).st_size, 11);
	ck_assert_int_eq(ops->write(f, "x", 0, 50), 0);
	ck_assert_int_eq(attr(f).st_size, 11);
	put(f);
}
END_TEST

START_TEST(ramfs_file_256k_in_4k_blocks_sizes)
{
	struct uk_vnode *f = new_file(root, "big");
	static char blk[4096], back[4096];
	struct stat st;
	int i, j;

	for (i = 0; i < 64; i++) {
		memset(blk, 'a' + i % 26, sizeof(blk));
		blk[0] = (char)i;
		ck_assert_int_eq(ops->write(f, blk, sizeof(blk), i * 4096),
				 4096);
		st = attr(f);
		ck_assert_int_eq(st.st_size, (i + 1) * 4096);
		ck_assert_int_eq(st.st_blocks, (i + 1) * 8);
		ck_assert_int_eq(st.st_blksize, 4096);
	}
	for (i = 0; i < 64; i++) {
		ck_assert_int_eq(ops->read(f, back, sizeof(back), i * 4096),
				 4096);
		ck_assert_int_eq(back[0], i);
		for (j = 1; j < 4096; j++)
			ck_assert_int_eq(back[j], 'a' + i % 26);
	}
	put(f);
}
END_TEST

START_TEST(ramfs_file_sparse_hole_reads_zero)
{
	const off_t far = (off_t)1 << 40;
	size_t before = heap_used();
	struct uk_vnode *f = new_file(root, "sparse");
	static char buf[8192];
	struct stat st;

	write_str(f, far, "x");
	st = attr(f);
	ck_assert_int_eq(st.st_size, far + 1);
	ck_assert_int_eq(st.st_blocks, 8);
	ck_assert_uint_lt(heap_used() - before, 64 * 1024);

	memset(buf, 1, sizeof(buf));
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), 0), sizeof(buf));
	ck_assert(all_zero(buf, sizeof(buf)));
	memset(buf, 1, sizeof(buf));
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), far - 100), 101);
	ck_assert(all_zero(buf, 100));
	ck_assert_int_eq(buf[100], 'x');
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), far / 2), sizeof(buf));
	ck_assert(all_zero(buf, sizeof(buf)));

	/* Emptied, the tree is as short as a new one. */
	ck_assert_int_eq(ops->truncate(f, 0), 0);
	write_str(f, 0, "y");
	ck_assert_uint_lt(heap_used() - before, 1024);
	put(f);
	ck_assert_int_eq(ops->unlink(root, "sparse"), 0);
	ck_assert_uint_eq(heap_used(), before);
}
END_TEST

START_TEST(ramfs_file_truncate_shrink_grow)
{
	struct uk_vnode *f = new_file(root, "t");
	size_t empty = heap_used();
	static char buf[16384];

	memset(buf, 0xaa, 10000);
	ck_assert_int_eq(ops->write(f, buf, 10000, 0), 10000);
	ck_assert_int_eq(attr(f).st_blocks, 24);

	ck_assert_int_eq(ops->truncate(f, 5000), 0);
	ck_assert_int_eq(attr(f).st_size, 5000);
	ck_assert_int_eq(attr(f).st_blocks, 16);

	ck_assert_int_eq(ops->truncate(f, 12000), 0);
	ck_assert_int_eq(attr(f).st_size, 12000);
	ck_assert_int_eq(attr(f).st_blocks, 16);
	memset(buf, 1, sizeof(buf));
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), 0), 12000);
	ck_assert_int_eq((unsigned char)buf[0], 0xaa);
	ck_assert_int_eq((unsigned char)buf[4999], 0xaa);
	ck_assert(all_zero(buf + 5000, 7000));

	ck_assert_int_eq(ops->truncate(f, 0), 0);
	ck_assert_int_eq(attr(f).st_blocks, 0);
	ck_assert_uint_eq(heap_used(), empty);
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), 0), 0);
	ck_assert_int_eq(ops->truncate(f, -1), -EINVAL);
	put(f);
}
END_TEST

START_TEST(ramfs_file_small_file_takes_small_chunk)
{
	struct uk_vnode *f = new_file(root, "s");
	char c, buf[6000];
	int i;

	write_str(f, 0, "0123456789");
	ck_assert_int_eq(attr(f).st_blocks, 1);
	for (i = 10; i < 5000; i++) {
		c = (char)('a' + i % 26);
		ck_assert_int_eq(ops->write(f, &c, 1, i), 1);
	}
	ck_assert_int_eq(attr(f).st_blocks, 16);
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), 0), 5000);
	ck_assert_int_eq(memcmp(buf, "0123456789", 10), 0);
	for (i = 10; i < 5000; i++)
		ck_assert_int_eq(buf[i], 'a' + i % 26);

	ck_assert_int_eq(ops->truncate(f, 3), 0);
	ck_assert_int_eq(ops->truncate(f, 200), 0);
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), 0), 200);
	ck_assert_int_eq(memcmp(buf, "012", 3), 0);
	ck_assert(all_zero(buf + 3, 197));
	put(f);
}
END_TEST

/* Random writes and truncates against a plain buffer. */
START_TEST(ramfs_file_random_ops_match_model)
{
	enum { MODEL = 96 * 1024 };
	static char model[MODEL], buf[MODEL], data[MODEL];
	struct uk_vnode *f = new_file(root, "m");
	size_t size = 0, off, len;
	int i;

	srand(5);
	for (i = 0; i < 1500; i++) {
		off = rand() % (MODEL - 20000);
		len = rand() % 20000;
		if (rand() % 5 == 0) {
			ck_assert_int_eq(ops->truncate(f, off), 0);
			if (off > size)
				memset(model + size, 0, off - size);
			size = off;
		} else {
			for (size_t k = 0; k < len; k++)
				data[k] = (char)rand();
			ck_assert_int_eq(ops->write(f, data, len, off), len);
			if (off > size)
				memset(model + size, 0, off - size);
			memcpy(model + off, data, len);
			if (len && off + len > size)
				size = off + len;
		}
		ck_assert_int_eq(attr(f).st_size, size);
		off = rand() % MODEL;
		len = rand() % MODEL;
		ck_assert_int_eq(ops->read(f, buf, len, off),
				 off >= size ? 0 : UK_MIN(len, size - off));
		if (off < size)
			ck_assert_int_eq(memcmp(buf, model + off,
						UK_MIN(len, size - off)), 0);
	}
	put(f);
}
END_TEST

START_TEST(ramfs_file_large_sequential)
{
	const size_t total = 64 << 20, step = 64 << 10;
	size_t heap_len = total + (total >> 3) + (1 << 20);
	char *heap = malloc(heap_len), *blk = malloc(step);
	struct uk_vnode *f;
	size_t off, k;

	ck_assert_ptr_nonnull(heap);
	ck_assert_ptr_nonnull(blk);
	mount_over(heap, heap_len);
	f = new_file(root, "db");
	for (off = 0; off < total; off += step) {
		memset(blk, (int)(off / step), step);
		ck_assert_int_eq(ops->write(f, blk, step, off), step);
	}
	ck_assert_int_eq(attr(f).st_size, total);
	ck_assert_int_eq(attr(f).st_blocks, total / 512);
	for (off = 0; off < total; off += step) {
		ck_assert_int_eq(ops->read(f, blk, step, off), step);
		for (k = 0; k < step; k += 1021)
			ck_assert_int_eq((unsigned char)blk[k],
					 (off / step) & 0xff);
	}
	put(f);
	ck_assert_int_eq(ops->unlink(root, "db"), 0);
	free(blk);
	free(heap);
}
END_TEST

START_TEST(ramfs_file_ops_on_dir_fail)
{
	struct uk_vnode *f = new_file(root, "f");
	char buf[4];

	ck_assert_int_eq(ops->read(root, buf, 4, 0), -EISDIR);
	ck_assert_int_eq(ops->write(root, buf, 4, 0), -EISDIR);
	ck_assert_int_eq(ops->truncate(root, 0), -EISDIR);
	ck_assert_int_eq(ops->read(f, buf, 4, -1), -EINVAL);
	ck_assert_int_eq(ops->write(f, buf, 4, -1), -EINVAL);
	ck_assert_int_eq(ops->write(f, buf, 4, INT64_MAX), -EFBIG);
	ck_assert_int_eq(ops->write(f, buf, 4, INT64_MAX - 2), 2);
	ck_assert_int_eq(attr(f).st_size, INT64_MAX);
	put(f);
}
END_TEST

START_TEST(ramfs_unlink_open_file_data_lives)
{
	size_t before = heap_used();
	struct uk_vnode *f = new_file(root, "gone");
	static char buf[100000];
	struct stat st;

	memset(buf, 'q', sizeof(buf));
	ck_assert_int_eq(ops->write(f, buf, sizeof(buf), 0), sizeof(buf));
	ck_assert_uint_gt(heap_used(), before + sizeof(buf));
	ck_assert_int_eq(ops->unlink(root, "gone"), 0);
	ck_assert_ptr_null(look(root, "gone"));

	st = attr(f);
	ck_assert_int_eq(st.st_nlink, 0);
	ck_assert_int_eq(st.st_size, sizeof(buf));
	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), 0), sizeof(buf));
	ck_assert_int_eq(buf[0], 'q');
	ck_assert_int_eq(buf[sizeof(buf) - 1], 'q');
	write_str(f, 0, "still");

	uk_vnode_ref(f);
	put(f);
	ck_assert_uint_gt(heap_used(), before + sizeof(buf));
	put(f);
	ck_assert_uint_eq(heap_used(), before);
}
END_TEST

START_TEST(ramfs_unlink_unreferenced_linked_file_stays)
{
	size_t before = heap_used();
	struct uk_vnode *f = new_file(root, "kept");

	write_str(f, 0, "data");
	put(f);
	ck_assert_uint_gt(heap_used(), before);
	f = look(root, "kept");
	ck_assert_ptr_nonnull(f);
	read_expect(f, 0, "data");
	put(f);

	ck_assert_int_eq(ops->unlink(root, "kept"), 0);
	ck_assert_uint_eq(heap_used(), before);
	ck_assert_int_eq(ops->unlink(root, "kept"), -ENOENT);
}
END_TEST

START_TEST(ramfs_unlink_dir_is_eisdir)
{
	ck_assert_int_eq(ops->mkdir(root, "d", 0755), 0);
	ck_assert_int_eq(ops->unlink(root, "d"), -EISDIR);
	ck_assert_int_eq(ops->unlink(root, ".."), -EISDIR);
	ck_assert_ptr_nonnull(look(root, "d"));
}
END_TEST

START_TEST(ramfs_rename_over_file_replaces)
{
	size_t before = heap_used();
	struct uk_vnode *a = new_file(root, "a");
	struct uk_vnode *b = new_file(root, "b");
	struct uk_vnode *vn;
	uint64_t a_ino = a->ino;

	write_str(a, 0, "AAAA");
	write_str(b, 0, "BB");
	put(a);
	ck_assert_int_eq(ops->rename(root, "a", root, "b"), 0);
	ck_assert_ptr_null(look(root, "a"));
	vn = look(root, "b");
	ck_assert_uint_eq(vn->ino, a_ino);
	read_expect(vn, 0, "AAAA");
	ck_assert_int_eq(attr(vn).st_nlink, 1);
	put(vn);

	ck_assert_int_eq(attr(b).st_nlink, 0);
	read_expect(b, 0, "BB");
	put(b);
	ck_assert_int_eq(ops->unlink(root, "b"), 0);
	ck_assert_uint_eq(heap_used(), before);
}
END_TEST

START_TEST(ramfs_rename_errors_posix)
{
	struct uk_vnode *d, *e, *f, *sub;

	d = new_dir(root, "d");
	e = new_dir(root, "e");
	put(new_dir(root, "empty"));
	put(new_file(root, "f"));
	put(new_file(d, "inside"));
	sub = new_dir(d, "sub");

	ck_assert_int_eq(ops->rename(root, "d", root, "f"), -ENOTDIR);
	ck_assert_int_eq(ops->rename(root, "f", root, "d"), -EISDIR);
	ck_assert_int_eq(ops->rename(root, "e", root, "d"), -ENOTEMPTY);
	ck_assert_int_eq(ops->rename(root, "d", sub, "x"), -EINVAL);
	ck_assert_int_eq(ops->rename(root, "d", d, "x"), -EINVAL);
	ck_assert_int_eq(ops->rename(root, "nope", root, "x"), -ENOENT);
	ck_assert_int_eq(ops->rename(root, ".", root, "x"), -EINVAL);
	ck_assert_int_eq(ops->rename(f = look(root, "f"), "a", root, "x"),
			 -ENOTDIR);
	put(f);

	/* Onto itself, and onto another name of the same file: nothing. */
	ck_assert_int_eq(ops->rename(root, "f", root, "f"), 0);
	ck_assert_int_eq(ops->link(root, "g", f), 0);
	ck_assert_int_eq(ops->rename(root, "f", root, "g"), 0);
	ck_assert_ptr_nonnull(f = look(root, "f"));
	put(f);
	ck_assert_int_eq(attr(f).st_nlink, 2);

	/* A directory over an empty one. */
	ck_assert_int_eq(attr(root).st_nlink, 5);
	ck_assert_int_eq(ops->rename(root, "e", root, "empty"), 0);
	ck_assert_ptr_null(look(root, "e"));
	ck_assert_int_eq(attr(root).st_nlink, 4);
	ck_assert_int_eq(attr(e).st_nlink, 2);
	ck_assert_ptr_nonnull(f = look(root, "empty"));
	ck_assert_ptr_eq(f, e);
	put(f);
	put(e);
	put(sub);
	put(d);
}
END_TEST

START_TEST(ramfs_rename_dir_moves_parent)
{
	struct uk_vnode *a = new_dir(root, "a");
	struct uk_vnode *b = new_dir(root, "b");
	struct uk_vnode *c = new_dir(a, "c");
	struct uk_vnode *vn;

	ck_assert_int_eq(attr(a).st_nlink, 3);
	ck_assert_int_eq(ops->rename(a, "c", b, "c2"), 0);
	ck_assert_int_eq(attr(a).st_nlink, 2);
	ck_assert_int_eq(attr(b).st_nlink, 3);
	ck_assert_int_eq(attr(c).st_nlink, 2);
	vn = look(c, "..");
	ck_assert_ptr_eq(vn, b);
	put(vn);
	ck_assert_ptr_null(look(a, "c"));

	/* Within one directory: the new name only. */
	ck_assert_int_eq(ops->rename(b, "c2", b, "c3"), 0);
	ck_assert_int_eq(attr(b).st_nlink, 3);
	vn = look(b, "c3");
	ck_assert_ptr_eq(vn, c);
	put(vn);
	put(a);
	put(b);
	put(c);
}
END_TEST

/* Collect a listing; each name's count goes into seen[index]. */
static int list(struct uk_vnode *dir, int *seen, int n)
{
	struct uk_dirent de;
	uint64_t pos = 0, last = 0;
	int total = 0, i, err;

	while ((err = ops->readdir(dir, &pos, &de)) == 0) {
		ck_assert_uint_gt(pos, last);
		last = pos;
		ck_assert_str_ne(de.name, ".");
		ck_assert_str_ne(de.name, "..");
		i = atoi(de.name + 1);
		ck_assert_int_lt(i, n);
		seen[i]++;
		total++;
	}
	ck_assert_int_eq(err, 1);
	return total;
}

START_TEST(ramfs_readdir_lists_each_once)
{
	enum { N = 300 };
	int seen[N] = { 0 }, i;
	struct uk_dirent de;
	uint64_t pos = 0;
	char name[16];

	ck_assert_int_eq(ops->readdir(root, &pos, &de), 1);
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "%c%d", i % 3 ? 'f' : 'd', i);
		if (i % 3)
			put(new_file(root, name));
		else
			ck_assert_int_eq(ops->mkdir(root, name, 0755), 0);
	}
	ck_assert_int_eq(list(root, seen, N), N);
	for (i = 0; i < N; i++)
		ck_assert_int_eq(seen[i], 1);

	pos = 0;
	ck_assert_int_eq(ops->readdir(root, &pos, &de), 0);
	ck_assert_str_eq(de.name, "d0");
	ck_assert_int_eq(de.type, DT_DIR);
	ck_assert_int_eq(ops->readdir(root, &pos, &de), 0);
	ck_assert_str_eq(de.name, "f1");
	ck_assert_int_eq(de.type, DT_REG);
	ck_assert_int_eq(attr(root).st_size, N);
}
END_TEST

START_TEST(ramfs_readdir_while_unlinking)
{
	enum { N = 200 };
	int seen[N] = { 0 }, i, total = 0;
	struct uk_dirent de;
	uint64_t pos = 0;
	char name[16];

	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		put(new_file(root, name));
	}
	/* rm -rf: read one, remove it, read on. */
	while (ops->readdir(root, &pos, &de) == 0) {
		seen[atoi(de.name + 1)]++;
		total++;
		ck_assert_int_eq(ops->unlink(root, de.name), 0);
	}
	ck_assert_int_eq(total, N);
	for (i = 0; i < N; i++)
		ck_assert_int_eq(seen[i], 1);
	pos = 0;
	ck_assert_int_eq(ops->readdir(root, &pos, &de), 1);
	ck_assert_int_eq(attr(root).st_size, 0);
}
END_TEST

START_TEST(ramfs_readdir_skips_entries_removed_ahead)
{
	enum { N = 50 };
	int seen[N] = { 0 }, i;
	struct uk_dirent de;
	uint64_t pos = 0, saved;
	char name[16];

	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		put(new_file(root, name));
	}
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(ops->readdir(root, &pos, &de), 0);
	saved = pos;
	ck_assert_int_eq(ops->unlink(root, "f9"), 0);
	ck_assert_int_eq(ops->unlink(root, "f10"), 0);
	ck_assert_int_eq(ops->unlink(root, "f11"), 0);
	ck_assert_int_eq(ops->readdir(root, &pos, &de), 0);
	ck_assert_str_eq(de.name, "f12");

	/* A second reader resumes at an old cookie. */
	pos = saved;
	ck_assert_int_eq(ops->readdir(root, &pos, &de), 0);
	ck_assert_str_eq(de.name, "f12");
	ck_assert_int_eq(list(root, seen, N), N - 3);
	ck_assert_int_eq(seen[10], 0);
	ck_assert_int_eq(seen[12], 1);

	pos = UINT64_MAX;
	ck_assert_int_eq(ops->readdir(root, &pos, &de), 1);
	ck_assert_int_eq(ops->readdir(look(root, "f1"), &pos, &de), -ENOTDIR);
}
END_TEST

START_TEST(ramfs_link_counts_nlink)
{
	struct uk_vnode *a = new_file(root, "a");
	struct uk_vnode *d = new_dir(root, "d");
	struct uk_vnode *vn;

	write_str(a, 0, "shared");
	ck_assert_int_eq(ops->link(d, "b", a), 0);
	ck_assert_int_eq(attr(a).st_nlink, 2);
	vn = look(d, "b");
	ck_assert_ptr_eq(vn, a);
	ck_assert_uint_eq(attr(vn).st_ino, a->ino);
	put(vn);

	ck_assert_int_eq(ops->link(root, "a", a), -EEXIST);
	ck_assert_int_eq(ops->link(root, "dd", d), -EPERM);
	ck_assert_int_eq(ops->unlink(root, "a"), 0);
	ck_assert_int_eq(attr(a).st_nlink, 1);
	put(a);
	vn = look(d, "b");
	read_expect(vn, 0, "shared");
	ck_assert_int_eq(ops->unlink(d, "b"), 0);
	ck_assert_int_eq(attr(vn).st_nlink, 0);
	ck_assert_int_eq(ops->link(root, "back", vn), -ENOENT);
	put(vn);
	put(d);
}
END_TEST

START_TEST(ramfs_dir_nlink_counts_subdirs)
{
	struct uk_vnode *x;

	ck_assert_int_eq(attr(root).st_nlink, 2);
	x = new_dir(root, "x");
	ck_assert_int_eq(ops->mkdir(root, "y", 0755), 0);
	put(new_file(root, "file"));
	ck_assert_int_eq(attr(root).st_nlink, 4);
	ck_assert_int_eq(ops->mkdir(x, "z", 0755), 0);
	ck_assert_int_eq(attr(x).st_nlink, 3);
	ck_assert_int_eq(ops->rmdir(root, "y"), 0);
	ck_assert_int_eq(attr(root).st_nlink, 3);
	put(x);
}
END_TEST

START_TEST(ramfs_symlink_readlink_target)
{
	struct uk_vnode *l, *f = new_file(root, "f");
	char buf[64];
	struct stat st;

	ck_assert_int_eq(ops->symlink(root, "l", "some/target"), 0);
	l = look(root, "l");
	st = attr(l);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(st.st_size, 11);
	ck_assert_int_eq(ops->readlink(l, buf, sizeof(buf)), 11);
	ck_assert_int_eq(memcmp(buf, "some/target", 11), 0);
	ck_assert_int_eq(ops->readlink(l, buf, 4), 4);
	ck_assert_int_eq(memcmp(buf, "some", 4), 0);
	ck_assert_int_eq(ops->readlink(f, buf, sizeof(buf)), -EINVAL);
	ck_assert_int_eq(ops->read(l, buf, sizeof(buf), 0), -EINVAL);
	ck_assert_int_eq(ops->symlink(root, "l", "x"), -EEXIST);
	ck_assert_int_eq(ops->symlink(root, "e", ""), -ENOENT);
	ck_assert_int_eq(ops->link(root, "l2", l), 0);
	ck_assert_int_eq(attr(l).st_nlink, 2);
	put(l);
	put(f);
}
END_TEST

START_TEST(ramfs_mkdir_rmdir_errors)
{
	struct uk_vnode *d, *vn;

	put(new_file(root, "f"));
	d = new_dir(root, "d");
	put(new_file(d, "inner"));

	ck_assert_int_eq(ops->mkdir(root, "d", 0755), -EEXIST);
	ck_assert_int_eq(ops->mkdir(root, "f", 0755), -EEXIST);
	ck_assert_int_eq(ops->mkdir(root, "..", 0755), -EEXIST);
	ck_assert_int_eq(ops->create(root, "d", 0644, &vn), -EEXIST);
	ck_assert_int_eq(ops->rmdir(root, "missing"), -ENOENT);
	ck_assert_int_eq(ops->rmdir(root, "f"), -ENOTDIR);
	ck_assert_int_eq(ops->rmdir(root, "d"), -ENOTEMPTY);
	ck_assert_int_eq(ops->rmdir(root, "."), -EINVAL);
	ck_assert_int_eq(ops->mkdir(look(root, "f"), "x", 0755), -ENOTDIR);
	ck_assert_int_eq(ops->create(root, "", 0644, &vn), -ENOENT);

	/* A removed directory that is still held takes no new entries. */
	ck_assert_int_eq(ops->unlink(d, "inner"), 0);
	ck_assert_int_eq(ops->rmdir(root, "d"), 0);
	ck_assert_int_eq(attr(d).st_nlink, 0);
	ck_assert_int_eq(ops->create(d, "new", 0644, &vn), -ENOENT);
	ck_assert_int_eq(ops->lookup(d, "..", &vn), -ENOENT);
	ck_assert_int_eq(ops->rename(root, "f", d, "f"), -ENOENT);
	put(d);
}
END_TEST

START_TEST(ramfs_lookup_dotdot_parent)
{
	struct uk_vnode *a = new_dir(root, "a");
	struct uk_vnode *b = new_dir(a, "b");
	struct uk_vnode *f = new_file(b, "f");
	struct uk_vnode *vn;

	vn = look(b, "..");
	ck_assert_ptr_eq(vn, a);
	ck_assert_uint_eq(a->refs, 2);
	put(vn);
	vn = look(root, "..");
	ck_assert_ptr_eq(vn, root);
	put(vn);
	vn = look(b, ".");
	ck_assert_ptr_eq(vn, b);
	put(vn);
	ck_assert_int_eq(ops->lookup(f, "x", &vn), -ENOTDIR);
	ck_assert_int_eq(ops->lookup(root, "a/b", &vn), -EINVAL);
	ck_assert_ptr_eq(f->mnt, &mnt);
	ck_assert_uint_eq(attr(f).st_dev, 42);
	put(f);
	put(b);
	put(a);
}
END_TEST

START_TEST(ramfs_name_too_long_rejected)
{
	char name[UK_NAME_MAX + 2];
	struct uk_vnode *vn, *f = new_file(root, "f");
	struct uk_dirent de;
	uint64_t pos = 0;

	memset(name, 'n', UK_NAME_MAX + 1);
	name[UK_NAME_MAX + 1] = '\0';
	ck_assert_int_eq(ops->create(root, name, 0644, &vn), -ENAMETOOLONG);
	ck_assert_int_eq(ops->mkdir(root, name, 0755), -ENAMETOOLONG);
	ck_assert_int_eq(ops->symlink(root, name, "t"), -ENAMETOOLONG);
	ck_assert_int_eq(ops->link(root, name, f), -ENAMETOOLONG);
	ck_assert_int_eq(ops->lookup(root, name, &vn), -ENAMETOOLONG);
	ck_assert_int_eq(ops->rename(root, "f", root, name), -ENAMETOOLONG);
	ck_assert_int_eq(ops->unlink(root, name), -ENAMETOOLONG);

	name[UK_NAME_MAX] = '\0';
	ck_assert_int_eq(ops->rename(root, "f", root, name), 0);
	ck_assert_int_eq(ops->readdir(root, &pos, &de), 0);
	ck_assert_str_eq(de.name, name);
	vn = look(root, name);
	ck_assert_ptr_eq(vn, f);
	put(vn);
	put(f);
}
END_TEST

START_TEST(ramfs_attr_fields_and_setattr)
{
	struct uk_vnode *f = new_file(root, "f");
	struct uk_vattr va = { 0 };
	struct stat st;

	st = attr(root);
	ck_assert_uint_eq(st.st_ino, 1);
	ck_assert(S_ISDIR(st.st_mode));
	st = attr(f);
	ck_assert_uint_eq(st.st_ino, 2);
	ck_assert_int_eq(st.st_mode, S_IFREG | 0644);
	ck_assert_int_eq(st.st_nlink, 1);
	ck_assert_int_eq(st.st_uid, 0);
	ck_assert_int_eq(st.st_gid, 0);
	ck_assert_int_eq(st.st_blocks, 0);

	va.mask = UK_ATTR_MODE;
	va.mode = S_IFDIR | 04711;
	ck_assert_int_eq(ops->setattr(f, &va), 0);
	ck_assert_int_eq(attr(f).st_mode, S_IFREG | 04711);

	va.mask = UK_ATTR_MTIME | UK_ATTR_ATIME;
	va.mtime = (struct timespec){ .tv_sec = 1000, .tv_nsec = 7 };
	va.atime = (struct timespec){ .tv_sec = 5, .tv_nsec = UTIME_OMIT };
	st = attr(f);
	ck_assert_int_eq(ops->setattr(f, &va), 0);
	ck_assert_int_eq(attr(f).st_mtim.tv_sec, 1000);
	ck_assert_int_eq(attr(f).st_mtim.tv_nsec, 7);
	ck_assert_int_eq(attr(f).st_atim.tv_sec, st.st_atim.tv_sec);
	ck_assert_int_eq(attr(f).st_atim.tv_nsec, st.st_atim.tv_nsec);

	write_str(f, 0, "x");
	st = attr(f);
	ck_assert(st.st_mtim.tv_sec != 1000 || st.st_mtim.tv_nsec != 7);
	ck_assert_int_eq(st.st_ctim.tv_sec, st.st_mtim.tv_sec);
	ck_assert_int_eq(st.st_ctim.tv_nsec, st.st_mtim.tv_nsec);
	put(f);
}
END_TEST

START_TEST(ramfs_mount_instances_independent)
{
	struct uk_mount mnt2 = { .dev = 43 };
	struct uk_vnode *root2, *f, *vn;

	f = new_file(root, "only-in-first");
	ck_assert_int_eq(ramfs_fstype.mount(&mnt2, "", &root2), 0);
	ck_assert_ptr_ne(root2, root);
	ck_assert_ptr_eq(root2->mnt, &mnt2);
	ck_assert_uint_eq(root2->ino, 1);
	ck_assert_uint_eq(root2->refs, 1);
	ck_assert_ptr_null(look(root2, "only-in-first"));
	ck_assert_int_eq(ops->rename(root, "only-in-first", root2, "x"),
			 -EXDEV);
	ck_assert_int_eq(ops->link(root2, "x", f), -EXDEV);
	vn = new_file(root2, "second");
	ck_assert_uint_eq(vn->ino, 2);
	ck_assert_uint_eq(attr(vn).st_dev, 43);
	put(vn);
	put(f);
	ck_assert_str_eq(ramfs_fstype.name, "ramfs");
}
END_TEST

START_TEST(ramfs_write_enospc_tiny_heap)
{
	static char tiny[96 * 1024];
	static char buf[256 * 1024];
	struct uk_vnode *f;
	size_t empty;
	ssize_t n;

	mount_over(tiny, sizeof(tiny));
	f = new_file(root, "f");
	empty = heap_used();

	memset(buf, 'w', sizeof(buf));
	n = ops->write(f, buf, sizeof(buf), 0);
	ck_assert_int_gt(n, 0);
	ck_assert_int_lt(n, sizeof(buf));
	ck_assert_int_eq(n % 4096, 0);
	ck_assert_int_eq(attr(f).st_size, n);
	ck_assert_int_eq(ops->write(f, buf, sizeof(buf), n), -ENOSPC);
	ck_assert_int_eq(ops->write(f, buf, 1, 1 << 30), -ENOSPC);
	ck_assert_int_eq(attr(f).st_size, n);
	ck_assert_int_eq(uk_alloc_check(uk_alloc_get_default()), 0);

	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(ops->read(f, buf, sizeof(buf), 0), n);
	ck_assert_int_eq(buf[0], 'w');
	ck_assert_int_eq(buf[n - 1], 'w');

	ck_assert_int_eq(ops->truncate(f, 0), 0);
	ck_assert_uint_eq(heap_used(), empty);
	write_str(f, 0, "room again");
	read_expect(f, 0, "room again");
	put(f);
}
END_TEST

START_TEST(ramfs_create_enospc_tiny_heap)
{
	static char tiny[64 * 1024];
	struct uk_vnode *vn;
	char name[16];
	size_t empty;
	int i, err = 0;

	mount_over(tiny, sizeof(tiny));
	empty = heap_used();
	for (i = 0; i < 10000; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		err = ops->create(root, name, 0644, &vn);
		if (err)
			break;
		put(vn);
	}
	ck_assert_int_eq(err, -ENOSPC);
	ck_assert_int_gt(i, 10);
	ck_assert_int_eq(ops->mkdir(root, "d", 0755), -ENOSPC);
	ck_assert_int_eq(attr(root).st_size, i);
	while (i-- > 0) {
		snprintf(name, sizeof(name), "f%d", i);
		ck_assert_int_eq(ops->unlink(root, name), 0);
	}
	ck_assert_uint_eq(heap_used(), empty);
}
END_TEST

static void add_tcase(Suite *s, const char *name, const TTest **tests,
		      int timeout)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, NULL);
	if (timeout)
		tcase_set_timeout(tc, timeout);
	for (; *tests; tests++)
		tcase_add_test(tc, *tests);
	suite_add_tcase(s, tc);
}

static Suite *ramfs_suite(void)
{
	Suite *s = suite_create("ramfs");
	const TTest *file[] = {
		ramfs_file_write_read_offsets,
		ramfs_file_256k_in_4k_blocks_sizes,
		ramfs_file_sparse_hole_reads_zero,
		ramfs_file_truncate_shrink_grow,
		ramfs_file_small_file_takes_small_chunk,
		ramfs_file_random_ops_match_model,
		ramfs_file_large_sequential,
		ramfs_file_ops_on_dir_fail,
		NULL,
	};
	const TTest *unlink[] = {
		ramfs_unlink_open_file_data_lives,
		ramfs_unlink_unreferenced_linked_file_stays,
		ramfs_unlink_dir_is_eisdir,
		NULL,
	};
	const TTest *rename[] = {
		ramfs_rename_over_file_replaces,
		ramfs_rename_errors_posix,
		ramfs_rename_dir_moves_parent,
		NULL,
	};
	const TTest *readdir[] = {
		ramfs_readdir_lists_each_once,
		ramfs_readdir_while_unlinking,
		ramfs_readdir_skips_entries_removed_ahead,
		NULL,
	};
	const TTest *links[] = {
		ramfs_link_counts_nlink,
		ramfs_dir_nlink_counts_subdirs,
		ramfs_symlink_readlink_target,
		NULL,
	};
	const TTest *dirs[] = {
		ramfs_mkdir_rmdir_errors,
		ramfs_lookup_dotdot_parent,
		ramfs_name_too_long_rejected,
		NULL,
	};
	const TTest *attrs[] = {
		ramfs_attr_fields_and_setattr,
		ramfs_mount_instances_independent,
		NULL,
	};
	const TTest *enospc[] = {
		ramfs_write_enospc_tiny_heap,
		ramfs_create_enospc_tiny_heap,
		NULL,
	};

	add_tcase(s, "file", file, 120);
	add_tcase(s, "unlink", unlink, 0);
	add_tcase(s, "rename", rename, 0);
	add_tcase(s, "readdir", readdir, 0);
	add_tcase(s, "links", links, 0);
	add_tcase(s, "dirs", dirs, 0);
	add_tcase(s, "attrs", attrs, 0);
	add_tcase(s, "enospc", enospc, 0);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(ramfs_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
