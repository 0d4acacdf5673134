/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc-tlsf: a two-level segregated fit allocator after Masmano et
 * al. (ECRTS 2004). Two bitmap levels find a fitting free list in
 * constant time; a freed block merges at once with its free neighbours.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include <uk/print.h>

/*
 * A block starts on a 16-byte boundary and its span, the distance to
 * the next block, is a multiple of 16. Its first word is the tail of
 * the previous block's payload, except when that block is free: then
 * it points back to it. The second word is the span and two flags. The
 * payload runs from +16 up to the next block's span word, so a used
 * block costs one word; a free one keeps its list links in the payload.
 */
struct tlsf_block {
	struct tlsf_block *prev_phys;	/* only when TLSF_PREV_FREE */
	size_t span;			/* and the TLSF_* flags */
	struct tlsf_block *next_free;	/* only when TLSF_FREE */
	struct tlsf_block *prev_free;
};

#define TLSF_FREE		0x1UL
#define TLSF_PREV_FREE		0x2UL
#define TLSF_FLAGS		(TLSF_FREE | TLSF_PREV_FREE)

#define TLSF_ALIGN_LOG2		4
#define TLSF_ALIGN		(1UL << TLSF_ALIGN_LOG2)
#define TLSF_HDR		offsetof(struct tlsf_block, next_free)
#define TLSF_OVERHEAD		sizeof(size_t)
#define TLSF_MIN_SPAN		sizeof(struct tlsf_block)

/*
 * Size classes. Spans below TLSF_SMALL have one exact list each (first
 * level 0). Above, the first level is the power of two and the second
 * splits it into TLSF_SL_COUNT equal ranges. Spans stay below 2^46, so
 * the first level fits in 64 bits and requests stay far from overflow.
 */
#define TLSF_SL_LOG2		4
#define TLSF_SL_COUNT		(1U << TLSF_SL_LOG2)
#define TLSF_FL_SHIFT		(TLSF_SL_LOG2 + TLSF_ALIGN_LOG2)
#define TLSF_SMALL		(1UL << TLSF_FL_SHIFT)
#define TLSF_SPAN_LOG2		46
#define TLSF_FL_COUNT		(TLSF_SPAN_LOG2 - TLSF_FL_SHIFT + 1)
#define TLSF_MAX_CHUNK		(1UL << (TLSF_SPAN_LOG2 - 1))
#define TLSF_MAX_REQUEST	(1UL << (TLSF_SPAN_LOG2 - 3))

/* One region given to the allocator; its last block has span 0. */
struct tlsf_chunk {
	struct tlsf_chunk *next;
	struct tlsf_block *first;
	struct tlsf_block *last;
};

#define TLSF_CHUNK_HDR	UK_ALIGN_UP(sizeof(struct tlsf_chunk), TLSF_ALIGN)

struct tlsf {
	struct uk_alloc a;
	uint64_t fl_map;		/* bit f: sl_map[f] != 0 */
	uint32_t sl_map[TLSF_FL_COUNT];	/* bit s: heads[f][s] set */
	struct tlsf_block *heads[TLSF_FL_COUNT][TLSF_SL_COUNT];
	struct tlsf_chunk *chunks;
	size_t nfree;			/* blocks on the lists */
	size_t free_span;		/* their spans added up */
};

#define tlsf_of(alloc)	uk_container_of(alloc, struct tlsf, a)

static inline size_t blk_span(const struct tlsf_block *b)
{
	return b->span & ~TLSF_FLAGS;
}

static inline bool blk_is_free(const struct tlsf_block *b)
{
	return b->span & TLSF_FREE;
}

static inline bool blk_prev_is_free(const struct tlsf_block *b)
{
	return b->span & TLSF_PREV_FREE;
}

static inline void blk_set_span(struct tlsf_block *b, size_t span)
{
	b->span = span | (b->span & TLSF_FLAGS);
}

static inline struct tlsf_block *blk_next(const struct tlsf_block *b)
{
	return (struct tlsf_block *)((char *)b + blk_span(b));
}

static inline void *blk_payload(struct tlsf_block *b)
{
	return (char *)b + TLSF_HDR;
}

static inline struct tlsf_block *blk_of(void *ptr)
{
	return (struct tlsf_block *)((char *)ptr - TLSF_HDR);
}

static void blk_mark_free(struct tlsf_block *b)
{
	struct tlsf_block *next = blk_next(b);

	b->span |= TLSF_FREE;
	next->prev_phys = b;
	next->span |= TLSF_PREV_FREE;
}

static void blk_mark_used(struct tlsf_block *b)
{
	b->span &= ~TLSF_FREE;
	blk_next(b)->span &= ~TLSF_PREV_FREE;
}

static inline unsigned int tlsf_fls(size_t x)
{
	return 8 * sizeof(x) - 1 - __builtin_clzl(x);
}

static void tlsf_map(size_t span, unsigned int *fl, unsigned int *sl)
{
	unsigned int top;

	if (span < TLSF_SMALL) {
		*fl = 0;
		*sl = span >> TLSF_ALIGN_LOG2;
		return;
	}
	top = tlsf_fls(span);
	*fl = top - TLSF_FL_SHIFT + 1;
	*sl = (span >> (top - TLSF_SL_LOG2)) - TLSF_SL_COUNT;
}

static void tlsf_insert(struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_block *head;
	unsigned int fl, sl;

	tlsf_map(blk_span(b), &fl, &sl);
	head = t->heads[fl][sl];
	b->next_free = head;
	b->prev_free = NULL;
	if (head)
		head->prev_free = b;
	t->heads[fl][sl] = b;
	t->sl_map[fl] |= 1U << sl;
	t->fl_map |= 1ULL << fl;
	t->nfree++;
	t->free_span += blk_span(b);
}

static void tlsf_remove(struct tlsf *t, struct tlsf_block *b)
{
	unsigned int fl, sl;

	tlsf_map(blk_span(b), &fl, &sl);
	if (b->prev_free)
		b->prev_free->next_free = b->next_free;
	else
		t->heads[fl][sl] = b->next_free;
	if (b->next_free)
		b->next_free->prev_free = b->prev_free;
	if (!t->heads[fl][sl]) {
		t->sl_map[fl] &= ~(1U << sl);
		if (!t->sl_map[fl])
			t->fl_map &= ~(1ULL << fl);
	}
	t->nfree--;
	t->free_span -= blk_span(b);
}

/*
 * Take a free block of at least span bytes off its list. The request
 * is rounded up to the next class boundary so that the head of any
 * list found fits: good fit in constant time, never a list walk.
 */
static struct tlsf_block *tlsf_take(struct tlsf *t, size_t span)
{
	unsigned int fl, sl;
	uint64_t fl_map;
	uint32_t sl_map;
	struct tlsf_block *b;

	if (span >= TLSF_SMALL)
		span += (1UL << (tlsf_fls(span) - TLSF_SL_LOG2)) - 1;
	tlsf_map(span, &fl, &sl);

	sl_map = t->sl_map[fl] & (~0U << sl);
	if (!sl_map) {
		fl_map = t->fl_map & (~0ULL << (fl + 1));
		if (!fl_map)
			return NULL;
		fl = __builtin_ctzll(fl_map);
		sl_map = t->sl_map[fl];
	}
	sl = __builtin_ctz(sl_map);

	b = t->heads[fl][sl];
	tlsf_remove(t, b);
	return b;
}

/*
 * Make b free: merge it with free physical neighbours and put the
 * result on its list. Flagging b first lets a later double free of
 * the same pointer be caught even when b disappears into its neighbour.
 */
static void tlsf_release(struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_block *next = blk_next(b);
	struct tlsf_block *prev;

	b->span |= TLSF_FREE;
	if (blk_is_free(next)) {
		tlsf_remove(t, next);
		blk_set_span(b, blk_span(b) + blk_span(next));
	}
	if (blk_prev_is_free(b)) {
		prev = b->prev_phys;
		tlsf_remove(t, prev);
		blk_set_span(prev, blk_span(prev) + blk_span(b));
		b = prev;
	}
	blk_mark_free(b);
	tlsf_insert(t, b);
}

/* Cut the used block b down to span bytes, freeing the tail if useful. */
static void tlsf_trim(struct tlsf *t, struct tlsf_block *b, size_t span)
{
	size_t rest = blk_span(b) - span;
	struct tlsf_block *tail;

	if (rest < TLSF_MIN_SPAN)
		return;
	tail = (struct tlsf_block *)((char *)b + span);
	tail->span = rest;
	blk_set_span(b, span);
	tlsf_release(t, tail);
}

/* The span that holds size bytes, or 0 when no chunk could. */
static size_t tlsf_span_for(size_t size)
{
	size_t span;

	if (size > TLSF_MAX_REQUEST)
		return 0;
	span = UK_ALIGN_UP(size + TLSF_OVERHEAD, TLSF_ALIGN);
	return UK_MAX(span, TLSF_MIN_SPAN);
}

static void *tlsf_malloc(struct uk_alloc *a, size_t size)
{
	struct tlsf *t = tlsf_of(a);
	size_t span = tlsf_span_for(size);
	struct tlsf_block *b;

	if (!span)
		return NULL;
	b = tlsf_take(t, span);
	if (!b)
		return NULL;

	blk_mark_used(b);
	tlsf_trim(t, b, span);
	return blk_payload(b);
}

/*
 * Over-allocate by the alignment plus a minimal block, so that the
 * bytes in front of the aligned payload always form a free block of
 * their own (never a sliver that no list could hold).
 */
static void *tlsf_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	struct tlsf *t = tlsf_of(a);
	size_t span = tlsf_span_for(size);
	struct tlsf_block *b, *lead;
	uintptr_t pay;
	size_t gap;

	if (align <= TLSF_ALIGN)
		return tlsf_malloc(a, size);
	if (!span || align > TLSF_MAX_REQUEST)
		return NULL;
	b = tlsf_take(t, span + align + TLSF_MIN_SPAN);
	if (!b)
		return NULL;

	pay = (uintptr_t)blk_payload(b);
	gap = UK_ALIGN_UP(pay, align) - pay;
	if (gap && gap < TLSF_MIN_SPAN)
		gap = UK_ALIGN_UP(pay + TLSF_MIN_SPAN, align) - pay;
	if (gap) {
		lead = b;
		b = (struct tlsf_block *)((char *)lead + gap);
		b->span = (blk_span(lead) - gap) | TLSF_PREV_FREE;
		b->prev_phys = lead;
		blk_set_span(lead, gap);
		tlsf_insert(t, lead);
	}

	blk_mark_used(b);
	tlsf_trim(t, b, span);
	return blk_payload(b);
}

static void tlsf_free(struct uk_alloc *a, void *ptr)
{
	struct tlsf_block *b;

	if (!ptr)
		return;
	b = blk_of(ptr);
	if (!UK_IS_ALIGNED((uintptr_t)ptr, TLSF_ALIGN) || blk_is_free(b)) {
		uk_pr_err("tlsf: bad or double free of %p", ptr);
		return;
	}
	tlsf_release(tlsf_of(a), b);
}

/* Grow into a free successor, or shrink, without moving the payload. */
static void *tlsf_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	struct tlsf *t = tlsf_of(a);
	size_t span = tlsf_span_for(size);
	struct tlsf_block *b, *next;
	size_t have;
	void *new;

	if (!ptr)
		return tlsf_malloc(a, size);
	if (!span)
		return NULL;

	b = blk_of(ptr);
	have = blk_span(b);
	next = blk_next(b);
	if (span > have && blk_is_free(next) &&
	    have + blk_span(next) >= span) {
		tlsf_remove(t, next);
		blk_set_span(b, have + blk_span(next));
		blk_next(b)->span &= ~TLSF_PREV_FREE;
		have = blk_span(b);
	}
	if (span <= have) {
		tlsf_trim(t, b, span);
		return ptr;
	}

	new = tlsf_malloc(a, size);
	if (!new)
		return NULL;
	memcpy(new, ptr, have - TLSF_OVERHEAD);
	tlsf_release(t, b);
	return new;
}

static size_t tlsf_usable_size(struct uk_alloc *a, void *ptr)
{
	return blk_span(blk_of(ptr)) - TLSF_OVERHEAD;
}

static size_t tlsf_free_bytes(struct uk_alloc *a)
{
	struct tlsf *t = tlsf_of(a);

	return t->free_span - t->nfree * TLSF_OVERHEAD;
}

static bool tlsf_overlaps(struct tlsf *t, uintptr_t lo, uintptr_t hi)
{
	struct tlsf_chunk *c;

	if (lo < (uintptr_t)(t + 1) && (uintptr_t)t < hi)
		return true;
	for (c = t->chunks; c; c = c->next)
		if (lo < (uintptr_t)c->last + TLSF_HDR && (uintptr_t)c < hi)
			return true;
	return false;
}

/*
 * Lay out [base, base+len) as a chunk: its header, one free block and
 * the zero-span block that stops every walk and merge at the end.
 */
static int tlsf_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct tlsf *t = tlsf_of(a);
	uintptr_t lo = UK_ALIGN_UP((uintptr_t)base, TLSF_ALIGN);
	uintptr_t hi = (uintptr_t)base + len;
	struct tlsf_chunk *c;

	if (!base || hi < (uintptr_t)base)
		return -EINVAL;
	hi = UK_ALIGN_DOWN(hi, TLSF_ALIGN);
	if (hi < lo || hi - lo < TLSF_CHUNK_HDR + TLSF_MIN_SPAN + TLSF_HDR)
		return -EINVAL;
	if (hi - lo > TLSF_MAX_CHUNK) {
		uk_pr_warn("tlsf: using %lu of %zu bytes at %p",
			   TLSF_MAX_CHUNK, len, base);
		hi = lo + TLSF_MAX_CHUNK;
	}
	if (tlsf_overlaps(t, lo, hi)) {
		uk_pr_err("tlsf: region at %p overlaps the heap", base);
		return -EINVAL;
	}

	c = (struct tlsf_chunk *)lo;
	c->first = (struct tlsf_block *)(lo + TLSF_CHUNK_HDR);
	c->last = (struct tlsf_block *)(hi - TLSF_HDR);
	c->first->span = (uintptr_t)c->last - (uintptr_t)c->first;
	c->last->span = 0;
	c->next = t->chunks;
	t->chunks = c;
	tlsf_release(t, c->first);
	return 0;
}

#define tlsf_bad(fmt, ...)						\
	do {								\
		uk_pr_err("tlsf check: " fmt, ##__VA_ARGS__);		\
		return -EINVAL;						\
	} while (0)

static bool tlsf_in_chunk(const struct tlsf *t, const struct tlsf_block *b)
{
	const struct tlsf_chunk *c;

	if (!UK_IS_ALIGNED((uintptr_t)b, TLSF_ALIGN))
		return false;
	for (c = t->chunks; c; c = c->next)
		if (b >= c->first && b < c->last)
			return true;
	return false;
}

static bool tlsf_on_list(const struct tlsf *t, const struct tlsf_block *b)
{
	const struct tlsf_block *it;
	unsigned int fl, sl;

	tlsf_map(blk_span(b), &fl, &sl);
	for (it = t->heads[fl][sl]; it; it = it->next_free)
		if (it == b)
			return true;
	return false;
}

/* Chunk headers sane; *limit gets the most blocks they could hold. */
static int tlsf_check_chunks(const struct tlsf *t, size_t *limit)
{
	const struct tlsf_chunk *c;

	*limit = 0;
	for (c = t->chunks; c; c = c->next) {
		if (c->first != (void *)((char *)c + TLSF_CHUNK_HDR) ||
		    c->last < c->first ||
		    !UK_IS_ALIGNED((uintptr_t)c->last, TLSF_ALIGN))
			tlsf_bad("chunk %p: bad bounds", c);
		*limit += ((char *)c->last - (char *)c->first) / TLSF_MIN_SPAN;
	}
	return 0;
}

/* Every entry of one list is a free block of its class, links intact. */
static int tlsf_check_list(const struct tlsf *t, unsigned int fl,
			   unsigned int sl, size_t *n, size_t *span,
			   size_t limit)
{
	const struct tlsf_block *b, *prev = NULL;
	unsigned int bfl, bsl;

	for (b = t->heads[fl][sl]; b; prev = b, b = b->next_free) {
		if (!tlsf_in_chunk(t, b))
			tlsf_bad("list %u/%u: %p is outside the heap", fl, sl,
				 b);
		if (!blk_is_free(b) || b->prev_free != prev)
			tlsf_bad("list %u/%u: %p is used or badly linked", fl,
				 sl, b);
		tlsf_map(blk_span(b), &bfl, &bsl);
		if (bfl != fl || bsl != sl)
			tlsf_bad("list %u/%u: %p of span %zu is misfiled", fl,
				 sl, b, blk_span(b));
		if (++*n > limit)
			tlsf_bad("list %u/%u: cycle", fl, sl);
		*span += blk_span(b);
	}
	return 0;
}

/* Bitmaps match the lists, and the lists match the counters. */
static int tlsf_check_lists(const struct tlsf *t, size_t limit)
{
	size_t n = 0, span = 0;
	unsigned int fl, sl;
	bool bit;
	int rc;

	for (fl = 0; fl < TLSF_FL_COUNT; fl++) {
		if (!!(t->fl_map & (1ULL << fl)) != !!t->sl_map[fl])
			tlsf_bad("first-level bit %u is wrong", fl);
		for (sl = 0; sl < TLSF_SL_COUNT; sl++) {
			bit = t->sl_map[fl] & (1U << sl);
			if (bit != !!t->heads[fl][sl])
				tlsf_bad("list %u/%u: bit is wrong", fl, sl);
			rc = tlsf_check_list(t, fl, sl, &n, &span, limit);
			if (rc)
				return rc;
		}
	}
	if (t->fl_map >> TLSF_FL_COUNT)
		tlsf_bad("first-level bits beyond the last class");
	if (n != t->nfree || span != t->free_span)
		tlsf_bad("lists: %zu blocks, %zu bytes; counted %zu, %zu", n,
			 span, t->nfree, t->free_span);
	return 0;
}

/* Walk one chunk block by block; add up its free blocks. */
static int tlsf_check_chunk(const struct tlsf *t, const struct tlsf_chunk *c,
			    size_t *nfree, size_t *free_span)
{
	const struct tlsf_block *b = c->first, *prev = NULL;
	size_t span;

	while (b != c->last) {
		span = blk_span(b);
		if (span < TLSF_MIN_SPAN || !UK_IS_ALIGNED(span, TLSF_ALIGN) ||
		    span > (uintptr_t)c->last - (uintptr_t)b)
			tlsf_bad("block %p: span %zu does not fit", b, span);
		if (blk_prev_is_free(b) != (prev && blk_is_free(prev)))
			tlsf_bad("block %p: prev-free tag is wrong", b);
		if (blk_prev_is_free(b) && b->prev_phys != prev)
			tlsf_bad("block %p: boundary tag %p, should be %p",
				 b, b->prev_phys, prev);
		if (blk_is_free(b)) {
			if (blk_prev_is_free(b))
				tlsf_bad("block %p: follows a free block", b);
			if (!tlsf_on_list(t, b))
				tlsf_bad("block %p: free but on no list", b);
			(*nfree)++;
			*free_span += span;
		}
		prev = b;
		b = blk_next(b);
	}

	if ((b->span & ~TLSF_PREV_FREE) != 0)
		tlsf_bad("chunk %p: end marker overwritten", c);
	if (blk_prev_is_free(b) != (prev && blk_is_free(prev)) ||
	    (blk_prev_is_free(b) && b->prev_phys != prev))
		tlsf_bad("chunk %p: end marker's tags are wrong", c);
	return 0;
}

static int tlsf_check(struct uk_alloc *a)
{
	struct tlsf *t = tlsf_of(a);
	const struct tlsf_chunk *c;
	size_t limit, nfree = 0, free_span = 0;
	int rc;

	rc = tlsf_check_chunks(t, &limit);
	if (rc)
		return rc;
	rc = tlsf_check_lists(t, limit);
	if (rc)
		return rc;
	for (c = t->chunks; c; c = c->next) {
		rc = tlsf_check_chunk(t, c, &nfree, &free_span);
		if (rc)
			return rc;
	}
	if (nfree != t->nfree || free_span != t->free_span)
		tlsf_bad("walk: %zu free blocks, %zu bytes; lists %zu, %zu",
			 nfree, free_span, t->nfree, t->free_span);
	return 0;
}

struct uk_alloc *uk_alloc_tlsf_create(void *base, size_t len)
{
	uintptr_t lo = (uintptr_t)base;
	uintptr_t at = UK_ALIGN_UP(lo, _Alignof(struct tlsf));
	uintptr_t rest;
	struct tlsf *t;

	if (!base || lo + len < lo || at + sizeof(*t) > lo + len) {
		uk_pr_err("tlsf: %zu bytes at %p are too few", len, base);
		return NULL;
	}

	t = (struct tlsf *)at;
	memset(t, 0, sizeof(*t));
	t->a.malloc = tlsf_malloc;
	t->a.memalign = tlsf_memalign;
	t->a.realloc = tlsf_realloc;
	t->a.free = tlsf_free;
	t->a.usable_size = tlsf_usable_size;
	t->a.free_bytes = tlsf_free_bytes;
	t->a.addmem = tlsf_addmem;
	t->a.check = tlsf_check;
	t->a.name = "tlsf";

	rest = at + sizeof(*t);
	if (tlsf_addmem(&t->a, (void *)rest, lo + len - rest)) {
		uk_pr_err("tlsf: %zu bytes at %p are too few", len, base);
		return NULL;
	}
	t->a.stats.total_bytes = len;
	return &t->a;
}
