/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc-region: a bump allocator. Allocation moves a pointer forward;
 * free does nothing, so memory is never reused.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include <uk/print.h>

#define REGION_ALIGN	16UL

/*
 * Right in front of every block. The chain of prev pointers, from the
 * last block back, lets the integrity walk visit every block even
 * though alignment padding separates them.
 */
struct region_hdr {
	struct region_hdr *prev;	/* the block allocated before */
	size_t size;			/* usable bytes, a multiple of 16 */
};

struct region {
	struct uk_alloc a;
	uintptr_t start;		/* the area */
	uintptr_t end;
	uintptr_t cur;			/* first byte never handed out */
	struct region_hdr *last;	/* newest block, or NULL */
	size_t nblocks;
};

#define region_of(alloc)	uk_container_of(alloc, struct region, a)

static inline struct region_hdr *region_hdr_of(void *ptr)
{
	return (struct region_hdr *)ptr - 1;
}

/* Usable bytes for a request of size, or 0 if the area cannot hold it. */
static size_t region_round(const struct region *r, size_t size)
{
	if (size > r->end - r->start)
		return 0;
	return UK_MAX(UK_ALIGN_UP(size, REGION_ALIGN), REGION_ALIGN);
}

static void *region_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	struct region *r = region_of(a);
	struct region_hdr *h;
	uintptr_t pay;

	size = region_round(r, size);
	if (!size || align > r->end - r->start)
		return NULL;
	align = UK_MAX(align, REGION_ALIGN);

	pay = UK_ALIGN_UP(r->cur + sizeof(*h), align);
	if (pay > r->end || r->end - pay < size)
		return NULL;

	h = region_hdr_of((void *)pay);
	h->prev = r->last;
	h->size = size;
	r->last = h;
	r->cur = pay + size;
	r->nblocks++;
	return (void *)pay;
}

static void *region_malloc(struct uk_alloc *a, size_t size)
{
	return region_memalign(a, REGION_ALIGN, size);
}

static void region_free(struct uk_alloc *a, void *ptr)
{
}

/* The newest block resizes in place; others shrink or are copied. */
static void *region_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	struct region *r = region_of(a);
	struct region_hdr *h;
	size_t want;
	void *new;

	if (!ptr)
		return region_malloc(a, size);
	want = region_round(r, size);
	if (!want)
		return NULL;

	h = region_hdr_of(ptr);
	if (h == r->last && r->end - (uintptr_t)ptr >= want) {
		h->size = want;
		r->cur = (uintptr_t)ptr + want;
		return ptr;
	}
	if (want <= h->size)
		return ptr;

	new = region_malloc(a, size);
	if (!new)
		return NULL;
	memcpy(new, ptr, h->size);
	return new;
}

static size_t region_usable_size(struct uk_alloc *a, void *ptr)
{
	return region_hdr_of(ptr)->size;
}

static size_t region_free_bytes(struct uk_alloc *a)
{
	struct region *r = region_of(a);

	return r->end - r->cur;
}

#define region_bad(fmt, ...)						\
	do {								\
		uk_pr_err("region check: " fmt, ##__VA_ARGS__);		\
		return -EINVAL;						\
	} while (0)

/* Walk the blocks newest first: each lies below the one after it. */
static int region_check(struct uk_alloc *a)
{
	struct region *r = region_of(a);
	const struct region_hdr *h;
	uintptr_t limit, at;
	size_t n = 0;

	if (r->cur < r->start || r->cur > r->end)
		region_bad("bump pointer 0x%lx outside 0x%lx-0x%lx", r->cur,
			   r->start, r->end);

	limit = r->cur;
	for (h = r->last; h; h = h->prev) {
		at = (uintptr_t)h;
		if (at < r->start || at >= limit || limit - at < sizeof(*h) ||
		    !UK_IS_ALIGNED(at, REGION_ALIGN))
			region_bad("block header %p out of place", h);
		if (!UK_IS_ALIGNED(h->size, REGION_ALIGN) ||
		    h->size > limit - at - sizeof(*h))
			region_bad("block %p: size %zu overruns", h, h->size);
		if (h == r->last && at + sizeof(*h) + h->size != r->cur)
			region_bad("newest block %p ends off the bump pointer",
				   h);
		if (++n > r->nblocks)
			region_bad("more blocks than the %zu counted",
				   r->nblocks);
		limit = at;
	}
	if (n != r->nblocks)
		region_bad("%zu blocks found, %zu counted", n, r->nblocks);
	return 0;
}

struct uk_alloc *uk_alloc_region_create(void *base, size_t len)
{
	uintptr_t lo = (uintptr_t)base;
	uintptr_t at = UK_ALIGN_UP(lo, _Alignof(struct region));
	uintptr_t start = UK_ALIGN_UP(at + sizeof(struct region), REGION_ALIGN);
	uintptr_t end = UK_ALIGN_DOWN(lo + len, REGION_ALIGN);
	struct region *r;

	if (!base || lo + len < lo || end <= start ||
	    end - start < sizeof(struct region_hdr) + REGION_ALIGN) {
		uk_pr_err("region: %zu bytes at %p are too few", len, base);
		return NULL;
	}

	r = (struct region *)at;
	memset(r, 0, sizeof(*r));
	r->a.malloc = region_malloc;
	r->a.memalign = region_memalign;
	r->a.realloc = region_realloc;
	r->a.free = region_free;
	r->a.usable_size = region_usable_size;
	r->a.free_bytes = region_free_bytes;
	r->a.check = region_check;
	r->a.name = "region";
	r->a.stats.total_bytes = len;
	r->start = start;
	r->end = end;
	r->cur = start;
	return &r->a;
}
