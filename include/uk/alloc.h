/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc: the memory allocation API. An allocator implementation
 * (ukalloc-tlsf, ukalloc-buddy, ukalloc-region) fills a struct uk_alloc
 * with its operations; callers use the uk_* functions below, which add
 * the statistics every allocator shares.
 *
 * Exactly one implementation provides the default allocator that ukboot
 * creates over the heap: each defines uk_alloc_default_create() and the
 * marker symbol ukalloc_link_exactly_one_allocator_implementation, so
 * linking two of them is a link error that names the mistake.
 *
 * No function here sleeps. The allocators themselves take no lock: the
 * cooperative scheduler never switches threads inside them.
 */
#ifndef UK_ALLOC_H
#define UK_ALLOC_H

#include <stddef.h>
#include <stdint.h>

struct uk_alloc;

/* Counters kept by the API layer for every allocator. */
struct uk_alloc_stats {
	size_t total_bytes;	/* memory handed to the allocator */
	size_t free_bytes;	/* as the allocator reports it, or 0 */
	size_t cur_bytes;	/* usable_size() of the live blocks */
	size_t max_bytes;	/* high-water mark of cur_bytes */
	uint64_t nb_allocs;	/* successful allocations */
	uint64_t nb_frees;	/* frees of non-NULL pointers */
	uint64_t nb_enomem;	/* failed allocations, bad align aside */
};

struct uk_alloc {
	/* Operations. align is a power of two, at least sizeof(void *). */
	void *(*malloc)(struct uk_alloc *a, size_t size);
	void *(*memalign)(struct uk_alloc *a, size_t align, size_t size);
	void *(*realloc)(struct uk_alloc *a, void *ptr, size_t size);
	void (*free)(struct uk_alloc *a, void *ptr);
	/* Bytes usable at ptr (at least what was asked for). */
	size_t (*usable_size)(struct uk_alloc *a, void *ptr);
	/* Free bytes right now, or 0 when the allocator cannot tell. */
	size_t (*free_bytes)(struct uk_alloc *a);
	/* Give the allocator another region; 0 or -errno. May be NULL. */
	int (*addmem)(struct uk_alloc *a, void *base, size_t len);
	/*
	 * Integrity walk of every internal structure: 0 when consistent,
	 * otherwise -EINVAL after logging what is wrong. Tests call it
	 * after every mutation.
	 */
	int (*check)(struct uk_alloc *a);

	const char *name;		/* "tlsf", "buddy", "region" */
	struct uk_alloc_stats stats;	/* maintained by uk_malloc() & co. */
};

/*
 * Create an allocator of the implementation's kind inside [base,
 * base+len): its own metadata lives at the start of the region. Each
 * implementation exports one under its own name, and the default one.
 * Returns NULL when the region is too small to be of any use.
 */
struct uk_alloc *uk_alloc_tlsf_create(void *base, size_t len);
struct uk_alloc *uk_alloc_buddy_create(void *base, size_t len);
struct uk_alloc *uk_alloc_region_create(void *base, size_t len);
struct uk_alloc *uk_alloc_default_create(void *base, size_t len);

/* The allocator that malloc-like kernel code uses; set by ukboot. */
struct uk_alloc *uk_alloc_get_default(void);
void uk_alloc_set_default(struct uk_alloc *a);

/*
 * Allocation functions. All return NULL on failure (size 0 returns a
 * unique pointer that may be freed, as in musl); none sleeps.
 * uk_memalign fails for an alignment that is not a power of two.
 * uk_calloc fails on multiplication overflow. uk_realloc(a, NULL, n) is
 * uk_malloc; uk_realloc(a, p, 0) frees p and returns NULL; a failed
 * uk_realloc leaves p untouched, a successful one counts as neither an
 * allocation nor a free. A NULL allocator makes every call fail.
 */
void *uk_malloc(struct uk_alloc *a, size_t size);
void *uk_calloc(struct uk_alloc *a, size_t nmemb, size_t size);
void *uk_realloc(struct uk_alloc *a, void *ptr, size_t size);
void *uk_memalign(struct uk_alloc *a, size_t align, size_t size);
void uk_free(struct uk_alloc *a, void *ptr);

/* Whole pages, page-aligned, NULL for none; free with the same count. */
void *uk_palloc(struct uk_alloc *a, size_t npages);
void uk_pfree(struct uk_alloc *a, void *ptr, size_t npages);

/* Add a memory region to an allocator: 0, or -ENOTSUP / -EINVAL. */
int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len);

/* Copy the statistics out (free_bytes refreshed). */
void uk_alloc_stats(struct uk_alloc *a, struct uk_alloc_stats *out);

/* Run the implementation's integrity walk: 0 or -EINVAL. */
int uk_alloc_check(struct uk_alloc *a);

#endif /* UK_ALLOC_H */
