/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc-buddy: a binary buddy allocator. Blocks are powers of two,
 * aligned to their own size; a freed block merges with its buddy as long
 * as the buddy is free and whole.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include <uk/print.h>

#define BUDDY_MIN_ORDER		5
#define BUDDY_MAX_ORDER		46
#define BUDDY_UNIT		(1UL << BUDDY_MIN_ORDER)

/*
 * One tag byte per unit of the area, outside the area so that blocks
 * keep their natural alignment. Only a block's first unit carries
 * BUDDY_HEAD, with the block's order and whether it is free.
 */
#define BUDDY_HEAD		0x80
#define BUDDY_FREE		0x40
#define BUDDY_ORDER_MASK	0x3f

/* Kept in the first bytes of a free block. */
struct buddy_link {
	struct buddy_link *next;
	struct buddy_link *prev;
};

struct buddy {
	struct uk_alloc a;
	uint64_t order_map;		/* bit k: heads[k] is not empty */
	struct buddy_link *heads[BUDDY_MAX_ORDER + 1];
	size_t free_total;		/* bytes in free blocks */
	uint8_t *tags;
	uintptr_t start;		/* the area, unit aligned */
	uintptr_t end;
};

#define buddy_of(alloc)	uk_container_of(alloc, struct buddy, a)

static inline size_t order_size(unsigned int order)
{
	return 1UL << order;
}

static inline uint8_t *buddy_tag(struct buddy *d, uintptr_t addr)
{
	return &d->tags[(addr - d->start) >> BUDDY_MIN_ORDER];
}

/* True when [addr, addr + 2^order) lies inside the area. */
static bool buddy_fits(const struct buddy *d, uintptr_t addr,
		       unsigned int order)
{
	return addr >= d->start && addr < d->end &&
	       d->end - addr >= order_size(order);
}

static void buddy_push(struct buddy *d, uintptr_t addr, unsigned int order)
{
	struct buddy_link *l = (struct buddy_link *)addr;

	l->prev = NULL;
	l->next = d->heads[order];
	if (l->next)
		l->next->prev = l;
	d->heads[order] = l;
	d->order_map |= 1ULL << order;
	d->free_total += order_size(order);
	*buddy_tag(d, addr) = BUDDY_HEAD | BUDDY_FREE | order;
}

static void buddy_unlink(struct buddy *d, uintptr_t addr, unsigned int order)
{
	struct buddy_link *l = (struct buddy_link *)addr;

	if (l->prev)
		l->prev->next = l->next;
	else
		d->heads[order] = l->next;
	if (l->next)
		l->next->prev = l->prev;
	if (!d->heads[order])
		d->order_map &= ~(1ULL << order);
	d->free_total -= order_size(order);
}

/* The free buddy of the block at addr, or 0 when it is used or split. */
static uintptr_t buddy_free_mate(struct buddy *d, uintptr_t addr,
				 unsigned int order)
{
	uintptr_t mate = addr ^ order_size(order);

	if (order >= BUDDY_MAX_ORDER || !buddy_fits(d, mate, order))
		return 0;
	if (*buddy_tag(d, mate) != (BUDDY_HEAD | BUDDY_FREE | order))
		return 0;
	return mate;
}

/* Free a block, merging it with its buddy as far up as they are free. */
static void buddy_release(struct buddy *d, uintptr_t addr, unsigned int order)
{
	uintptr_t mate;

	while ((mate = buddy_free_mate(d, addr, order))) {
		buddy_unlink(d, mate, order);
		*buddy_tag(d, UK_MAX(addr, mate)) = 0;
		addr = UK_MIN(addr, mate);
		order++;
	}
	buddy_push(d, addr, order);
}

/* Smallest order holding size bytes; BUDDY_MAX_ORDER + 1 if none does. */
static unsigned int buddy_order_for(size_t size)
{
	if (size <= BUDDY_UNIT)
		return BUDDY_MIN_ORDER;
	if (size > order_size(BUDDY_MAX_ORDER))
		return BUDDY_MAX_ORDER + 1;
	return 8 * sizeof(size) - __builtin_clzl(size - 1);
}

static void *buddy_alloc_order(struct buddy *d, unsigned int order)
{
	uint64_t avail;
	unsigned int k;
	uintptr_t addr;

	if (order > BUDDY_MAX_ORDER)
		return NULL;
	avail = d->order_map & (~0ULL << order);
	if (!avail)
		return NULL;

	k = __builtin_ctzll(avail);
	addr = (uintptr_t)d->heads[k];
	buddy_unlink(d, addr, k);
	while (k > order) {
		k--;
		buddy_push(d, addr + order_size(k), k);
	}
	*buddy_tag(d, addr) = BUDDY_HEAD | order;
	return (void *)addr;
}

static void *buddy_malloc(struct uk_alloc *a, size_t size)
{
	return buddy_alloc_order(buddy_of(a), buddy_order_for(size));
}

/* Blocks are aligned to their size: ask for one at least align big. */
static void *buddy_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	unsigned int order = buddy_order_for(size);

	if (align > order_size(BUDDY_MAX_ORDER))
		return NULL;
	while (order_size(order) < align)
		order++;
	return buddy_alloc_order(buddy_of(a), order);
}

/* The order of the used block at ptr, or -1 if ptr is not one. */
static int buddy_used_order(struct buddy *d, void *ptr)
{
	uintptr_t addr = (uintptr_t)ptr;
	unsigned int order;
	uint8_t tag;

	if (addr < d->start || addr >= d->end ||
	    !UK_IS_ALIGNED(addr, BUDDY_UNIT))
		return -1;
	tag = *buddy_tag(d, addr);
	order = tag & BUDDY_ORDER_MASK;
	if ((tag & ~BUDDY_ORDER_MASK) != BUDDY_HEAD ||
	    order < BUDDY_MIN_ORDER || order > BUDDY_MAX_ORDER ||
	    !UK_IS_ALIGNED(addr, order_size(order)))
		return -1;
	return order;
}

static void buddy_free(struct uk_alloc *a, void *ptr)
{
	struct buddy *d = buddy_of(a);
	int order;

	if (!ptr)
		return;
	order = buddy_used_order(d, ptr);
	if (order < 0) {
		uk_pr_err("buddy: bad or double free of %p", ptr);
		return;
	}
	buddy_release(d, (uintptr_t)ptr, order);
}

/* Give back the upper halves until the block is of order want. */
static void buddy_shrink(struct buddy *d, uintptr_t addr, unsigned int have,
			 unsigned int want)
{
	while (have > want) {
		have--;
		buddy_push(d, addr + order_size(have), have);
	}
	*buddy_tag(d, addr) = BUDDY_HEAD | want;
}

/* Absorb the free upper buddies up to order want, if all of them are. */
static bool buddy_grow(struct buddy *d, uintptr_t addr, unsigned int have,
		       unsigned int want)
{
	unsigned int k;

	if (!UK_IS_ALIGNED(addr, order_size(want)))
		return false;
	for (k = have; k < want; k++)
		if (!buddy_free_mate(d, addr, k))
			return false;

	for (k = have; k < want; k++) {
		buddy_unlink(d, addr + order_size(k), k);
		*buddy_tag(d, addr + order_size(k)) = 0;
	}
	*buddy_tag(d, addr) = BUDDY_HEAD | want;
	return true;
}

static void *buddy_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	struct buddy *d = buddy_of(a);
	unsigned int want = buddy_order_for(size);
	uintptr_t addr = (uintptr_t)ptr;
	int have;
	void *new;

	if (!ptr)
		return buddy_alloc_order(d, want);
	if (want > BUDDY_MAX_ORDER)
		return NULL;
	have = buddy_used_order(d, ptr);
	if (have < 0) {
		uk_pr_err("buddy: realloc of %p, not a block", ptr);
		return NULL;
	}

	if (want <= (unsigned int)have) {
		buddy_shrink(d, addr, have, want);
		return ptr;
	}
	if (buddy_grow(d, addr, have, want))
		return ptr;

	new = buddy_alloc_order(d, want);
	if (!new)
		return NULL;
	memcpy(new, ptr, order_size(have));
	buddy_release(d, addr, have);
	return new;
}

static size_t buddy_usable_size(struct uk_alloc *a, void *ptr)
{
	int order = buddy_used_order(buddy_of(a), ptr);

	return order < 0 ? 0 : order_size(order);
}

static size_t buddy_free_bytes(struct uk_alloc *a)
{
	return buddy_of(a)->free_total;
}

#define buddy_bad(fmt, ...)						\
	do {								\
		uk_pr_err("buddy check: " fmt, ##__VA_ARGS__);		\
		return -EINVAL;						\
	} while (0)

/* Every list entry is a free head of the list's order, links intact. */
static int buddy_check_lists(struct buddy *d, size_t *n, size_t *bytes)
{
	size_t limit = (d->end - d->start) >> BUDDY_MIN_ORDER;
	struct buddy_link *l, *prev;
	unsigned int k;
	uintptr_t addr;

	for (k = 0; k <= BUDDY_MAX_ORDER; k++) {
		if (!!(d->order_map & (1ULL << k)) != !!d->heads[k])
			buddy_bad("order %u: bitmap bit disagrees", k);
		if (k < BUDDY_MIN_ORDER && d->heads[k])
			buddy_bad("order %u: below the smallest block", k);
		prev = NULL;
		for (l = d->heads[k]; l; prev = l, l = l->next) {
			addr = (uintptr_t)l;
			if (!buddy_fits(d, addr, k) ||
			    !UK_IS_ALIGNED(addr, order_size(k)))
				buddy_bad("order %u: %p is no block", k, l);
			if (*buddy_tag(d, addr) !=
			    (BUDDY_HEAD | BUDDY_FREE | k))
				buddy_bad("order %u: %p has tag 0x%02x", k, l,
					  *buddy_tag(d, addr));
			if (l->prev != prev)
				buddy_bad("order %u: %p badly linked", k, l);
			if (++*n > limit)
				buddy_bad("order %u: cycle", k);
			*bytes += order_size(k);
		}
	}
	if (d->order_map >> (BUDDY_MAX_ORDER + 1))
		buddy_bad("bitmap bits beyond the largest order");
	return 0;
}

/* Walk the area block by block: tags valid, free buddies all merged. */
static int buddy_check_area(struct buddy *d, size_t *n, size_t *bytes)
{
	uintptr_t addr = d->start, u;
	unsigned int order;
	uint8_t tag;

	while (addr < d->end) {
		tag = *buddy_tag(d, addr);
		order = tag & BUDDY_ORDER_MASK;
		if (!(tag & BUDDY_HEAD) || order < BUDDY_MIN_ORDER ||
		    order > BUDDY_MAX_ORDER || !buddy_fits(d, addr, order) ||
		    !UK_IS_ALIGNED(addr, order_size(order)))
			buddy_bad("%p: tag 0x%02x is no block head",
				  (void *)addr, tag);
		for (u = addr + BUDDY_UNIT; u < addr + order_size(order);
		     u += BUDDY_UNIT)
			if (*buddy_tag(d, u) & BUDDY_HEAD)
				buddy_bad("block %p hides a head at %p",
					  (void *)addr, (void *)u);
		if (tag & BUDDY_FREE) {
			if (buddy_free_mate(d, addr, order))
				buddy_bad("free buddies at %p left unmerged",
					  (void *)addr);
			(*n)++;
			*bytes += order_size(order);
		}
		addr += order_size(order);
	}
	return 0;
}

static int buddy_check(struct uk_alloc *a)
{
	struct buddy *d = buddy_of(a);
	size_t nlist = 0, blist = 0, narea = 0, barea = 0;
	int rc;

	rc = buddy_check_lists(d, &nlist, &blist);
	if (rc)
		return rc;
	rc = buddy_check_area(d, &narea, &barea);
	if (rc)
		return rc;
	if (nlist != narea || blist != barea || blist != d->free_total)
		buddy_bad("lists: %zu blocks, area: %zu; bytes %zu/%zu/%zu",
			  nlist, narea, blist, barea, d->free_total);
	return 0;
}

/*
 * Cover the area with the largest naturally aligned blocks that fit,
 * so that no two of them are free buddies.
 */
static void buddy_carve(struct buddy *d)
{
	uintptr_t addr = d->start;
	unsigned int order;

	while (addr < d->end) {
		order = BUDDY_MIN_ORDER;
		while (order < BUDDY_MAX_ORDER &&
		       UK_IS_ALIGNED(addr, order_size(order + 1)) &&
		       d->end - addr >= order_size(order + 1))
			order++;
		buddy_push(d, addr, order);
		addr += order_size(order);
	}
}

/*
 * Lay out [lo, lo + len): control block, one tag per unit, then the
 * unit-aligned area. False when not even one unit would remain.
 */
static bool buddy_layout(uintptr_t lo, size_t len, uintptr_t *tags,
			 uintptr_t *start, size_t *units)
{
	uintptr_t at = UK_ALIGN_UP(lo, _Alignof(struct buddy));
	uintptr_t hi = UK_ALIGN_DOWN(lo + len, BUDDY_UNIT);

	if (!lo || lo + len < lo || hi <= at + sizeof(struct buddy))
		return false;
	*tags = at + sizeof(struct buddy);
	*units = (hi - *tags) / (BUDDY_UNIT + 1);
	*start = UK_ALIGN_UP(*tags + *units, BUDDY_UNIT);
	if (*start >= hi)
		return false;
	*units = UK_MIN(*units, (hi - *start) >> BUDDY_MIN_ORDER);
	return *units > 0;
}

struct uk_alloc *uk_alloc_buddy_create(void *base, size_t len)
{
	uintptr_t tags, start;
	struct buddy *d;
	size_t units;

	if (!buddy_layout((uintptr_t)base, len, &tags, &start, &units)) {
		uk_pr_err("buddy: %zu bytes at %p are too few", len, base);
		return NULL;
	}

	d = (struct buddy *)UK_ALIGN_UP((uintptr_t)base,
					_Alignof(struct buddy));
	memset(d, 0, sizeof(*d));
	d->a.malloc = buddy_malloc;
	d->a.memalign = buddy_memalign;
	d->a.realloc = buddy_realloc;
	d->a.free = buddy_free;
	d->a.usable_size = buddy_usable_size;
	d->a.free_bytes = buddy_free_bytes;
	d->a.check = buddy_check;
	d->a.name = "buddy";
	d->a.stats.total_bytes = len;
	d->tags = (uint8_t *)tags;
	d->start = start;
	d->end = start + units * BUDDY_UNIT;
	memset(d->tags, 0, units);
	buddy_carve(d);
	return &d->a;
}
