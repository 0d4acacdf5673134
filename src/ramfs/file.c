/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: regular file data, sparse, in chunks under a radix tree whose
 * height grows with the largest offset written. Holes take no memory.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/alloc.h>
#include <uk/vfs.h>
#include "ramfs.h"

#define RAMFS_FANOUT_MASK	(RAMFS_FANOUT - 1)

/* How many chunk indexes a subtree of the given height covers. */
static inline uint64_t ramfs_span(unsigned int height)
{
	return (uint64_t)1 << (height * RAMFS_FANOUT_SHIFT);
}

static inline size_t ramfs_chunk_cap(struct ramfs_file *f, uint64_t idx)
{
	return idx == 0 ? f->head_cap : RAMFS_CHUNK_SIZE;
}

static bool ramfs_node_empty(void **node)
{
	unsigned long i;

	for (i = 0; i < RAMFS_FANOUT; i++)
		if (node[i])
			return false;
	return true;
}

/* Add levels on top until chunk idx fits under the root. */
static int ramfs_grow(struct ramfs_file *f, uint64_t idx)
{
	while (idx >= ramfs_span(f->height)) {
		void **node;

		if (!f->root) {
			f->height++;
			continue;
		}
		node = uk_calloc(ramfs_alloc(), RAMFS_FANOUT, sizeof(void *));
		if (!node)
			return -ENOSPC;
		node[0] = f->root;
		f->root = node;
		f->height++;
	}
	return 0;
}

/*
 * The slot that holds chunk idx, or NULL. With create, missing index
 * nodes are added (NULL when memory runs out); without, a missing one
 * means a hole.
 */
static void **ramfs_slot(struct ramfs_file *f, uint64_t idx, bool create)
{
	void **slot = &f->root;
	unsigned int h;

	if (idx >= ramfs_span(f->height)) {
		if (!create || ramfs_grow(f, idx))
			return NULL;
	}

	for (h = f->height; h > 0; h--) {
		void **node = *slot;

		if (!node) {
			if (!create)
				return NULL;
			node = uk_calloc(ramfs_alloc(), RAMFS_FANOUT,
					 sizeof(void *));
			if (!node)
				return NULL;
			*slot = node;
		}
		slot = &node[(idx >> ((h - 1) * RAMFS_FANOUT_SHIFT)) &
			     RAMFS_FANOUT_MASK];
	}
	return slot;
}

static void ramfs_chunk_free(struct ramfs_file *f, void **slot, uint64_t idx)
{
	f->bytes -= ramfs_chunk_cap(f, idx);
	if (idx == 0)
		f->head_cap = 0;
	uk_free(ramfs_alloc(), *slot);
	*slot = NULL;
}

/*
 * Free every chunk from index first on in the subtree at slot, whose
 * lowest index is base, and the index nodes that this leaves empty.
 */
static void ramfs_prune(struct ramfs_file *f, void **slot, unsigned int height,
			uint64_t base, uint64_t first)
{
	void **node = *slot;
	uint64_t span;
	unsigned long i;

	if (!node)
		return;
	if (height == 0) {
		if (base >= first)
			ramfs_chunk_free(f, slot, base);
		return;
	}

	span = ramfs_span(height - 1);
	i = first > base ? (first - base) / span : 0;
	for (; i < RAMFS_FANOUT; i++)
		ramfs_prune(f, &node[i], height - 1, base + i * span, first);

	if (ramfs_node_empty(node)) {
		uk_free(ramfs_alloc(), node);
		*slot = NULL;
	}
}

/* Drop the levels that only lead to the first slot. */
static void ramfs_shrink(struct ramfs_file *f)
{
	while (f->height > 0) {
		void **node = f->root;
		unsigned long i;

		if (!node) {
			f->height = 0;
			return;
		}
		for (i = 1; i < RAMFS_FANOUT; i++)
			if (node[i])
				return;
		f->root = node[0];
		f->height--;
		uk_free(ramfs_alloc(), node);
	}
}

/* Free the chunks at index first and above. */
static void ramfs_free_from(struct ramfs_file *f, uint64_t first)
{
	ramfs_prune(f, &f->root, f->height, 0, first);
	ramfs_shrink(f);
}

void ramfs_file_destroy(struct ramfs_node *node)
{
	ramfs_free_from(&node->file, 0);
}

/* Bytes to keep for chunk 0 when it must hold need bytes. */
static size_t ramfs_head_size(size_t need)
{
	size_t cap = RAMFS_HEAD_MIN;

	while (cap < need)
		cap <<= 1;
	return UK_MIN(cap, RAMFS_CHUNK_SIZE);
}

/*
 * Make the chunk at slot able to hold bytes [in, in + n): allocate it,
 * or enlarge chunk 0. Bytes not about to be written are zero. Returns
 * the chunk, or NULL when memory runs out.
 */
static char *ramfs_chunk_prepare(struct ramfs_file *f, void **slot,
				 uint64_t idx, size_t in, size_t n)
{
	size_t cap = RAMFS_CHUNK_SIZE;
	size_t old = 0;
	char *chunk = *slot;

	if (idx == 0) {
		old = chunk ? f->head_cap : 0;
		if (in + n <= old)
			return chunk;
		cap = ramfs_head_size(in + n);
	} else if (chunk) {
		return chunk;
	}

	chunk = uk_realloc(ramfs_alloc(), chunk, cap);
	if (!chunk)
		return NULL;

	/* Zero the new bytes that the write leaves untouched. */
	if (in > old)
		memset(chunk + old, 0, in - old);
	memset(chunk + in + n, 0, cap - (in + n));

	*slot = chunk;
	f->bytes += cap - old;
	if (idx == 0)
		f->head_cap = cap;
	return chunk;
}

ssize_t ramfs_read(struct uk_vnode *vn, void *buf, size_t len, off_t off)
{
	struct ramfs_file *f = &ramfs_node(vn)->file;
	char *dst = buf;
	size_t done = 0;

	if (S_ISDIR(vn->mode))
		return -EISDIR;
	if (!S_ISREG(vn->mode))
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	if (off >= f->size)
		return 0;
	len = UK_MIN(len, (uint64_t)(f->size - off));
	len = UK_MIN(len, (size_t)SSIZE_MAX);

	while (done < len) {
		uint64_t pos = (uint64_t)off + done;
		uint64_t idx = pos >> RAMFS_CHUNK_SHIFT;
		size_t in = pos & (RAMFS_CHUNK_SIZE - 1);
		size_t n = UK_MIN(RAMFS_CHUNK_SIZE - in, len - done);
		size_t cap = ramfs_chunk_cap(f, idx);
		void **slot = ramfs_slot(f, idx, false);
		size_t m = 0;

		if (slot && *slot && in < cap) {
			m = UK_MIN(n, cap - in);
			memcpy(dst + done, (char *)*slot + in, m);
		}
		memset(dst + done + m, 0, n - m);
		done += n;
	}
	return (ssize_t)done;
}

ssize_t ramfs_write(struct uk_vnode *vn, const void *buf, size_t len, off_t off)
{
	struct ramfs_node *node = ramfs_node(vn);
	struct ramfs_file *f = &node->file;
	const char *src = buf;
	size_t done = 0;

	if (S_ISDIR(vn->mode))
		return -EISDIR;
	if (!S_ISREG(vn->mode))
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (off == RAMFS_MAX_SIZE)
		return -EFBIG;
	len = UK_MIN(len, (uint64_t)(RAMFS_MAX_SIZE - off));
	len = UK_MIN(len, (size_t)SSIZE_MAX);

	while (done < len) {
		uint64_t pos = (uint64_t)off + done;
		uint64_t idx = pos >> RAMFS_CHUNK_SHIFT;
		size_t in = pos & (RAMFS_CHUNK_SIZE - 1);
		size_t n = UK_MIN(RAMFS_CHUNK_SIZE - in, len - done);
		void **slot = ramfs_slot(f, idx, true);
		char *chunk;

		if (!slot)
			break;
		chunk = ramfs_chunk_prepare(f, slot, idx, in, n);
		if (!chunk)
			break;
		memcpy(chunk + in, src + done, n);
		done += n;
	}

	if (done == 0)
		return -ENOSPC;
	if ((off_t)(off + done) > f->size)
		f->size = (off_t)(off + done);
	ramfs_touch(node, true);
	return (ssize_t)done;
}

int ramfs_truncate(struct uk_vnode *vn, off_t len)
{
	struct ramfs_node *node = ramfs_node(vn);
	struct ramfs_file *f = &node->file;

	if (S_ISDIR(vn->mode))
		return -EISDIR;
	if (!S_ISREG(vn->mode))
		return -EINVAL;
	if (len < 0)
		return -EINVAL;

	if (len < f->size) {
		uint64_t idx = (uint64_t)len >> RAMFS_CHUNK_SHIFT;
		size_t in = len & (RAMFS_CHUNK_SIZE - 1);
		void **slot;

		/* Keep the invariant: bytes past the end read as zeros. */
		ramfs_free_from(f, in ? idx + 1 : idx);
		slot = in ? ramfs_slot(f, idx, false) : NULL;
		if (slot && *slot && in < ramfs_chunk_cap(f, idx))
			memset((char *)*slot + in, 0,
			       ramfs_chunk_cap(f, idx) - in);
	}
	f->size = len;
	ramfs_touch(node, true);
	return 0;
}
