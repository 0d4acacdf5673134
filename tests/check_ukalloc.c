/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Check suite for ukalloc: the API layer and the tlsf, buddy and region
 * allocators, run hosted over buffers from the host's malloc.
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include "hosted.h"

struct kind {
	const char *name;
	struct uk_alloc *(*create)(void *base, size_t len);
	bool reuses;		/* freed memory is handed out again */
};

enum { TLSF, BUDDY, REGION };

static const struct kind kinds[] = {
	[TLSF] = { "tlsf", uk_alloc_tlsf_create, true },
	[BUDDY] = { "buddy", uk_alloc_buddy_create, true },
	[REGION] = { "region", uk_alloc_region_create, false },
};

#define NKINDS		((int)UK_ARRAY_SIZE(kinds))
#define SMALL_HEAP	(256 * UK_KIB)

/* Backing buffers of the allocators under test; freed by the fixture. */
static void *heaps[2];

static void *heap_buffer(int i, size_t len)
{
	heaps[i] = malloc(len);
	ck_assert_ptr_nonnull(heaps[i]);
	memset(heaps[i], 0xa5, len);
	return heaps[i];
}

static void heaps_free(void)
{
	free(heaps[0]);
	free(heaps[1]);
	heaps[0] = heaps[1] = NULL;
}

static struct uk_alloc *make(int kind, size_t len)
{
	const struct kind *k = &kinds[kind];
	struct uk_alloc *a = k->create(heap_buffer(0, len), len);

	ck_assert_msg(a, "%s: create over %zu bytes failed", k->name, len);
	ck_assert_str_eq(a->name, k->name);
	ck_assert_int_eq(uk_alloc_check(a), 0);
	return a;
}

#define ck_consistent(a)						\
	ck_assert_msg(uk_alloc_check(a) == 0, "%s: check failed: %s",	\
		      (a)->name, hosted_console_take())

static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t rnd_below(size_t n)
{
	return rnd() % n;
}

static uint8_t pattern(unsigned int tag, size_t i)
{
	return (uint8_t)(tag * 151 + i * 7 + (i >> 8));
}

static void fill(void *p, size_t n, unsigned int tag)
{
	uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = pattern(tag, i);
}

static bool intact(const void *p, size_t n, unsigned int tag)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != pattern(tag, i))
			return false;
	return true;
}

static bool aligned(const void *p, size_t align)
{
	return ((uintptr_t)p & (align - 1)) == 0;
}

/* Random sequences: every step is checked, every block verified. */

#define SLOTS	128
#define STEPS	3000

struct slot {
	uint8_t *p;
	size_t size;
	unsigned int tag;
};

static size_t random_size(void)
{
	size_t r = rnd_below(100);

	if (r < 3)
		return 0;
	if (r < 70)
		return 1 + rnd_below(256);
	if (r < 95)
		return 257 + rnd_below(4096 - 256);
	return 4097 + rnd_below(32768 - 4096);
}

static void slot_new(struct uk_alloc *a, struct slot *s, unsigned int tag)
{
	size_t size = random_size();
	size_t align = 0;

	if (rnd_below(4) == 0) {
		align = 1UL << (3 + rnd_below(11));
		s->p = uk_memalign(a, align, size);
		ck_assert_msg(!s->p || aligned(s->p, align),
			      "%s: %p not aligned to %zu", a->name, s->p,
			      align);
	} else {
		s->p = uk_malloc(a, size);
		ck_assert_msg(!s->p || aligned(s->p, sizeof(void *)),
			      "%s: %p not word aligned", a->name, s->p);
	}
	if (!s->p)
		return;
	ck_assert_uint_ge(a->usable_size(a, s->p), size);
	s->size = size;
	s->tag = tag;
	fill(s->p, size, tag);
}

static void slot_free(struct uk_alloc *a, struct slot *s)
{
	ck_assert_msg(intact(s->p, s->size, s->tag),
		      "%s: block %p overwritten", a->name, s->p);
	uk_free(a, s->p);
	s->p = NULL;
}

static void slot_realloc(struct uk_alloc *a, struct slot *s, unsigned int tag)
{
	size_t size = random_size();
	uint8_t *p;

	ck_assert_msg(intact(s->p, s->size, s->tag),
		      "%s: block %p overwritten", a->name, s->p);
	p = uk_realloc(a, s->p, size);
	if (!size) {
		ck_assert_ptr_null(p);
		s->p = NULL;
		return;
	}
	if (!p) {
		ck_assert(intact(s->p, s->size, s->tag));
		return;
	}
	ck_assert_msg(intact(p, UK_MIN(size, s->size), s->tag),
		      "%s: realloc lost contents", a->name);
	ck_assert_uint_ge(a->usable_size(a, p), size);
	s->p = p;
	s->size = size;
	s->tag = tag;
	fill(p, size, tag);
}

/* Live blocks must not overlap, and cur_bytes must add up. */
static void slots_verify(struct uk_alloc *a, const struct slot *s)
{
	size_t i, j, live = 0;

	for (i = 0; i < SLOTS; i++) {
		if (!s[i].p)
			continue;
		live += a->usable_size(a, s[i].p);
		for (j = i + 1; j < SLOTS; j++)
			if (s[j].p && s[j].p < s[i].p + s[i].size &&
			    s[i].p < s[j].p + s[j].size)
				ck_abort_msg("%s: blocks %p and %p overlap",
					     a->name, s[i].p, s[j].p);
	}
	ck_assert_uint_eq(a->stats.cur_bytes, live);
}

START_TEST(ukalloc_random_sequence_consistent)
{
	const struct kind *k = &kinds[_i];
	struct uk_alloc *a = make(_i, k->reuses ? 512 * UK_KIB : 8 * UK_MIB);
	size_t initial = a->free_bytes(a);
	struct slot slots[SLOTS] = { 0 };
	struct slot *s;
	unsigned int step;

	rng = 0x9e3779b97f4a7c15ULL + _i;
	for (step = 1; step <= STEPS; step++) {
		s = &slots[rnd_below(SLOTS)];
		if (!s->p)
			slot_new(a, s, step);
		else if (rnd_below(10) < 6)
			slot_free(a, s);
		else
			slot_realloc(a, s, step);
		ck_assert_msg(uk_alloc_check(a) == 0, "%s: step %u: %s",
			      k->name, step, hosted_console_take());
		slots_verify(a, slots);
	}

	for (s = slots; s < slots + SLOTS; s++)
		if (s->p)
			slot_free(a, s);
	ck_consistent(a);
	ck_assert_uint_eq(a->stats.cur_bytes, 0);
	ck_assert_uint_eq(a->stats.nb_allocs, a->stats.nb_frees);
	if (k->reuses)
		ck_assert_uint_eq(a->free_bytes(a), initial);
}
END_TEST

/* Exhaustion */

#define EXHAUST_MAX	1024

START_TEST(ukalloc_exhaustion_free_all_recovers)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	static void *p[EXHAUST_MAX];
	size_t n, again, i;

	for (n = 0; (p[n] = uk_malloc(a, 1000)); n++) {
		ck_assert_uint_lt(n, EXHAUST_MAX - 1);
		ck_consistent(a);
	}
	ck_assert_uint_gt(n, SMALL_HEAP / 1024 / 2);
	ck_assert_uint_eq(a->stats.nb_enomem, 1);
	ck_assert_uint_eq(a->stats.nb_allocs, n);

	for (i = 0; i < n; i++) {
		uk_free(a, p[i]);
		ck_consistent(a);
	}
	ck_assert_uint_eq(a->stats.cur_bytes, 0);

	if (!kinds[_i].reuses) {
		ck_assert_ptr_null(uk_malloc(a, 1000));
		ck_assert_uint_eq(a->stats.nb_enomem, 2);
		return;
	}
	for (again = 0; (p[again] = uk_malloc(a, 1000)); again++)
		ck_assert_uint_lt(again, EXHAUST_MAX - 1);
	ck_assert_uint_eq(again, n);
	ck_assert_uint_eq(a->stats.nb_enomem, 2);
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_huge_request_returns_null)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);

	ck_assert_ptr_null(uk_malloc(a, SIZE_MAX));
	ck_assert_ptr_null(uk_malloc(a, SIZE_MAX - 8));
	ck_assert_ptr_null(uk_malloc(a, SIZE_MAX / 2));
	ck_assert_ptr_null(uk_malloc(a, SMALL_HEAP));
	ck_assert_ptr_null(uk_memalign(a, 1UL << 62, 16));
	ck_assert_ptr_null(uk_memalign(a, 16, SIZE_MAX - 4096));
	ck_assert_uint_eq(a->stats.nb_enomem, 6);
	ck_assert_uint_eq(a->stats.nb_allocs, 0);
	ck_consistent(a);
	ck_assert_ptr_nonnull(uk_malloc(a, 100));
}
END_TEST

/* Alignment */

START_TEST(ukalloc_memalign_power_of_two_aligned)
{
	struct uk_alloc *a = make(_i, UK_MIB);
	void *p[16];
	size_t align;
	int n = 0, i;

	for (align = 8; align <= 65536; align <<= 1) {
		p[n] = uk_memalign(a, align, 100);
		ck_assert_msg(p[n] && aligned(p[n], align),
			      "%s: memalign(%zu) gave %p", kinds[_i].name,
			      align, p[n]);
		fill(p[n], 100, n);
		ck_consistent(a);
		n++;
	}
	for (i = 0; i < n; i++) {
		ck_assert(intact(p[i], 100, i));
		uk_free(a, p[i]);
		ck_consistent(a);
	}
	ck_assert_uint_eq(a->stats.cur_bytes, 0);
}
END_TEST

START_TEST(ukalloc_memalign_small_align_rounded_up)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	size_t align;
	void *p;

	for (align = 1; align < sizeof(void *); align <<= 1) {
		p = uk_memalign(a, align, 24);
		ck_assert_ptr_nonnull(p);
		ck_assert(aligned(p, sizeof(void *)));
		uk_free(a, p);
		ck_consistent(a);
	}
}
END_TEST

START_TEST(ukalloc_memalign_bad_align_returns_null)
{
	static const size_t bad[] = { 0, 3, 12, 24, 100, 4097, SIZE_MAX };
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(bad); i++)
		ck_assert_msg(!uk_memalign(a, bad[i], 64),
			      "%s: memalign(%zu) succeeded", kinds[_i].name,
			      bad[i]);
	ck_assert_uint_eq(a->stats.nb_allocs, 0);
	ck_consistent(a);
}
END_TEST

/* calloc */

START_TEST(ukalloc_calloc_overflow_returns_null)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);

	ck_assert_ptr_null(uk_calloc(a, SIZE_MAX / 2 + 1, 2));
	ck_assert_ptr_null(uk_calloc(a, 1UL << 32, 1UL << 32));
	ck_assert_ptr_null(uk_calloc(a, SIZE_MAX, SIZE_MAX));
	ck_assert_uint_eq(a->stats.nb_allocs, 0);
	ck_assert_uint_eq(a->stats.cur_bytes, 0);
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_calloc_memory_zeroed)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	uint8_t *p = uk_calloc(a, 100, 10);
	size_t i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 1000; i++)
		ck_assert_uint_eq(p[i], 0);
	ck_assert_ptr_nonnull(uk_calloc(a, 0, 10));
	ck_consistent(a);
}
END_TEST

/* realloc */

START_TEST(ukalloc_realloc_contents_preserved)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	uint8_t *p = uk_malloc(a, 100);

	fill(p, 100, 1);
	p = uk_realloc(a, p, 5000);
	ck_assert_ptr_nonnull(p);
	ck_assert(intact(p, 100, 1));
	ck_consistent(a);

	fill(p, 5000, 2);
	p = uk_realloc(a, p, 40);
	ck_assert_ptr_nonnull(p);
	ck_assert(intact(p, 40, 2));
	ck_consistent(a);

	p = uk_realloc(a, p, 3000);
	ck_assert_ptr_nonnull(p);
	ck_assert(intact(p, 40, 2));
	ck_consistent(a);

	uk_free(a, p);
	ck_assert_uint_eq(a->stats.cur_bytes, 0);
}
END_TEST

START_TEST(ukalloc_realloc_null_is_malloc_zero_is_free)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	void *p = uk_realloc(a, NULL, 64);

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(a->stats.nb_allocs, 1);
	ck_assert_ptr_null(uk_realloc(a, p, 0));
	ck_assert_uint_eq(a->stats.nb_frees, 1);
	ck_assert_uint_eq(a->stats.cur_bytes, 0);
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_realloc_failure_keeps_block)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	void *p = uk_malloc(a, 100);
	size_t cur = a->stats.cur_bytes;

	fill(p, 100, 3);
	ck_assert_ptr_null(uk_realloc(a, p, SMALL_HEAP));
	ck_assert_ptr_null(uk_realloc(a, p, SIZE_MAX / 2));
	ck_assert(intact(p, 100, 3));
	ck_assert_uint_eq(a->stats.nb_enomem, 2);
	ck_assert_uint_eq(a->stats.cur_bytes, cur);
	ck_consistent(a);
	uk_free(a, p);
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_tlsf_realloc_in_place_with_free_neighbour)
{
	struct uk_alloc *a = make(TLSF, SMALL_HEAP);
	uint8_t *p = uk_malloc(a, 100);
	uint8_t *q = uk_malloc(a, 100);
	uint8_t *r = uk_malloc(a, 100);
	size_t before;

	fill(p, 100, 4);
	uk_free(a, q);
	ck_assert_ptr_eq(uk_realloc(a, p, 200), p);
	ck_assert(intact(p, 100, 4));
	ck_consistent(a);

	before = a->free_bytes(a);
	ck_assert_ptr_eq(uk_realloc(a, p, 24), p);
	ck_assert_uint_gt(a->free_bytes(a), before);
	ck_consistent(a);

	ck_assert_ptr_eq(uk_realloc(a, r, 10000), r);
	ck_assert_uint_ge(a->usable_size(a, r), 10000);
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_buddy_realloc_in_place_with_free_buddy)
{
	struct uk_alloc *a = make(BUDDY, SMALL_HEAP);
	uint8_t *p = uk_malloc(a, 8192);
	size_t before = a->free_bytes(a);

	fill(p, 100, 5);
	ck_assert_ptr_eq(uk_realloc(a, p, 100), p);
	ck_assert_uint_eq(a->free_bytes(a), before + 8192 - 128);
	ck_consistent(a);
	ck_assert_ptr_eq(uk_realloc(a, p, 8000), p);
	ck_assert_uint_eq(a->free_bytes(a), before);
	ck_assert(intact(p, 100, 5));
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_region_realloc_newest_in_place)
{
	struct uk_alloc *a = make(REGION, SMALL_HEAP);
	uint8_t *p = uk_malloc(a, 64);
	uint8_t *q;

	fill(p, 64, 6);
	ck_assert_ptr_eq(uk_realloc(a, p, 1000), p);
	ck_consistent(a);
	ck_assert_ptr_nonnull(uk_malloc(a, 10));
	q = uk_realloc(a, p, 2000);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_ne(q, p);
	ck_assert(intact(q, 64, 6));
	ck_consistent(a);
}
END_TEST

/* Pages */

START_TEST(ukalloc_palloc_page_aligned)
{
	struct uk_alloc *a = make(_i, UK_MIB);
	void *p = uk_palloc(a, 3);

	ck_assert_ptr_nonnull(p);
	ck_assert(aligned(p, UK_PAGE_SIZE));
	ck_assert_uint_ge(a->usable_size(a, p), 3 * UK_PAGE_SIZE);
	fill(p, 3 * UK_PAGE_SIZE, 7);
	ck_consistent(a);
	uk_pfree(a, p, 3);
	ck_consistent(a);
	ck_assert_uint_eq(a->stats.cur_bytes, 0);

	ck_assert_ptr_null(uk_palloc(a, 0));
	ck_assert_ptr_null(uk_palloc(a, SIZE_MAX / UK_PAGE_SIZE + 1));
	ck_assert_ptr_null(uk_palloc(a, SIZE_MAX / UK_PAGE_SIZE));
	ck_consistent(a);
}
END_TEST

/* Size zero, NULL, creation */

START_TEST(ukalloc_malloc_zero_unique_and_freeable)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	void *p = uk_malloc(a, 0);
	void *q = uk_malloc(a, 0);
	void *r = uk_memalign(a, 64, 0);

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_ne(p, q);
	ck_assert(aligned(r, 64));
	uk_free(a, p);
	uk_free(a, q);
	uk_free(a, r);
	ck_assert_uint_eq(a->stats.cur_bytes, 0);
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_free_null_harmless)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);

	uk_free(a, NULL);
	uk_pfree(a, NULL, 1);
	ck_assert_uint_eq(a->stats.nb_frees, 0);
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_create_too_small_returns_null)
{
	const struct kind *k = &kinds[_i];
	static char small[64];

	ck_assert_ptr_null(k->create(small, sizeof(small)));
	ck_assert_ptr_null(k->create(small, 0));
	ck_assert_ptr_null(k->create(NULL, UK_MIB));
	ck_assert_ptr_null(k->create((void *)(UINTPTR_MAX - 4095), 8192));
}
END_TEST

START_TEST(ukalloc_null_allocator_returns_null)
{
	ck_assert_ptr_null(uk_malloc(NULL, 10));
	ck_assert_ptr_null(uk_calloc(NULL, 1, 10));
	ck_assert_ptr_null(uk_memalign(NULL, 16, 10));
	ck_assert_ptr_null(uk_realloc(NULL, NULL, 10));
	ck_assert_ptr_null(uk_palloc(NULL, 1));
	ck_assert_int_eq(uk_alloc_addmem(NULL, NULL, 0), -EINVAL);
	ck_assert_int_eq(uk_alloc_check(NULL), -EINVAL);
}
END_TEST

START_TEST(ukalloc_default_set_then_get)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);

	ck_assert_ptr_null(uk_alloc_get_default());
	uk_alloc_set_default(a);
	ck_assert_ptr_eq(uk_alloc_get_default(), a);
	uk_free(a, uk_malloc(uk_alloc_get_default(), 10));
	ck_assert_uint_eq(a->stats.nb_frees, 1);
	uk_alloc_set_default(NULL);
}
END_TEST

/* Statistics */

START_TEST(ukalloc_stats_cur_bytes_zero_after_free)
{
	struct uk_alloc *a = make(_i, UK_MIB);
	struct uk_alloc_stats st;
	size_t sum = 0, i;
	void *p[50];

	for (i = 0; i < 50; i++) {
		p[i] = uk_malloc(a, 10 + 97 * i);
		ck_assert_ptr_nonnull(p[i]);
		sum += a->usable_size(a, p[i]);
	}
	uk_alloc_stats(a, &st);
	ck_assert_uint_eq(st.cur_bytes, sum);
	ck_assert_uint_eq(st.max_bytes, sum);
	ck_assert_uint_eq(st.free_bytes, a->free_bytes(a));
	ck_assert_uint_eq(st.total_bytes, UK_MIB);
	ck_assert_uint_le(st.free_bytes, UK_MIB - sum);

	for (i = 0; i < 50; i++)
		uk_free(a, p[i]);
	uk_alloc_stats(a, &st);
	ck_assert_uint_eq(st.cur_bytes, 0);
	ck_assert_uint_eq(st.max_bytes, sum);
	ck_assert_uint_eq(st.nb_allocs, 50);
	ck_assert_uint_eq(st.nb_frees, 50);
	ck_assert_uint_eq(st.nb_enomem, 0);
	ck_consistent(a);
}
END_TEST

/* The integrity walk must fail on damage, and say why. */

static void expect_detected(struct uk_alloc *a, const char *what)
{
	const char *log;

	ck_assert_msg(uk_alloc_check(a) == -EINVAL, "%s: %s not detected",
		      a->name, what);
	log = hosted_console_take();
	ck_assert_msg(strstr(log, "check"), "%s: no log line for %s: '%s'",
		      a->name, what, log);
}

static void corrupt_header(int kind)
{
	struct uk_alloc *a = make(kind, SMALL_HEAP);
	void *p = uk_malloc(a, 100);
	size_t *word = (size_t *)p - 1;

	ck_assert_ptr_nonnull(uk_malloc(a, 100));
	ck_assert_ptr_nonnull(p);
	ck_consistent(a);
	*word ^= 8;
	expect_detected(a, "a damaged header");
	*word ^= 8;
	ck_consistent(a);
}

START_TEST(ukalloc_tlsf_check_detects_header_corruption)
{
	corrupt_header(TLSF);
}
END_TEST

START_TEST(ukalloc_region_check_detects_header_corruption)
{
	corrupt_header(REGION);
}
END_TEST

/*
 * Write over the forward list link of a freed block whose neighbours
 * are in use: the walk must refuse to follow it, not crash on it.
 */
static void corrupt_free_block(int kind)
{
	struct uk_alloc *a = make(kind, SMALL_HEAP);
	void *p = uk_malloc(a, 100);
	void *q = uk_malloc(a, 100);
	void *r = uk_malloc(a, 100);

	ck_assert(p && q && r);
	uk_free(a, q);
	ck_consistent(a);
	memset(q, 0x5a, sizeof(void *));
	expect_detected(a, "a write after free");
}

START_TEST(ukalloc_tlsf_check_detects_use_after_free)
{
	corrupt_free_block(TLSF);
}
END_TEST

START_TEST(ukalloc_buddy_check_detects_use_after_free)
{
	corrupt_free_block(BUDDY);
}
END_TEST

START_TEST(ukalloc_tlsf_check_detects_overflow)
{
	struct uk_alloc *a = make(TLSF, SMALL_HEAP);
	void *p = uk_malloc(a, 100);

	ck_assert_ptr_nonnull(uk_malloc(a, 100));
	memset(p, 0xab, a->usable_size(a, p) + sizeof(size_t));
	expect_detected(a, "a write past the end of a block");
}
END_TEST

static void free_twice(int kind)
{
	struct uk_alloc *a = make(kind, SMALL_HEAP);
	void *p = uk_malloc(a, 64);

	ck_assert_ptr_nonnull(uk_malloc(a, 64));
	uk_free(a, p);
	hosted_console_take();
	uk_free(a, p);
	ck_assert_ptr_nonnull(strstr(hosted_console_take(), "double free"));
	ck_consistent(a);
}

START_TEST(ukalloc_tlsf_double_free_refused)
{
	free_twice(TLSF);
}
END_TEST

START_TEST(ukalloc_buddy_double_free_refused)
{
	free_twice(BUDDY);
}
END_TEST

/* Allocator-specific behaviour */

START_TEST(ukalloc_tlsf_free_coalesces_neighbours)
{
	struct uk_alloc *a = make(TLSF, SMALL_HEAP);
	size_t initial = a->free_bytes(a);
	void *p = uk_malloc(a, 300);
	void *q = uk_malloc(a, 300);
	void *r = uk_malloc(a, 300);
	void *s = uk_malloc(a, 300);

	ck_assert(p && q && r && s);
	uk_free(a, q);
	ck_consistent(a);
	uk_free(a, p);
	ck_consistent(a);
	uk_free(a, s);
	ck_consistent(a);
	uk_free(a, r);
	ck_consistent(a);
	ck_assert_uint_eq(a->free_bytes(a), initial);
	ck_assert_ptr_eq(uk_malloc(a, initial - 4096), p);
}
END_TEST

START_TEST(ukalloc_tlsf_addmem_extends_heap)
{
	struct uk_alloc *a = make(TLSF, 64 * UK_KIB);
	char *more = heap_buffer(1, SMALL_HEAP);
	char *p;

	ck_assert_ptr_null(uk_malloc(a, 100 * UK_KIB));
	ck_assert_int_eq(uk_alloc_addmem(a, more, SMALL_HEAP), 0);
	ck_assert_uint_eq(a->stats.total_bytes, 64 * UK_KIB + SMALL_HEAP);
	ck_consistent(a);

	p = uk_malloc(a, 100 * UK_KIB);
	ck_assert_ptr_nonnull(p);
	ck_assert(p >= more && p + 100 * UK_KIB <= more + SMALL_HEAP);
	fill(p, 100 * UK_KIB, 8);
	ck_consistent(a);
	uk_free(a, p);
	ck_consistent(a);

	ck_assert_int_eq(uk_alloc_addmem(a, more + 4096, 8192), -EINVAL);
	ck_assert_int_eq(uk_alloc_addmem(a, heaps[0], 8192), -EINVAL);
	ck_assert_int_eq(uk_alloc_addmem(a, more, 16), -EINVAL);
	ck_assert_uint_eq(a->stats.total_bytes, 64 * UK_KIB + SMALL_HEAP);
	ck_consistent(a);
}
END_TEST

START_TEST(ukalloc_addmem_unsupported_returns_enotsup)
{
	struct uk_alloc *a = make(_i, SMALL_HEAP);
	char *more = heap_buffer(1, SMALL_HEAP);

	ck_assert_int_eq(uk_alloc_addmem(a, more, SMALL_HEAP), -ENOTSUP);
	ck_assert_uint_eq(a->stats.total_bytes, SMALL_HEAP);
}
END_TEST

START_TEST(ukalloc_buddy_free_merges_buddies)
{
	struct uk_alloc *a = make(BUDDY, SMALL_HEAP);
	size_t initial = a->free_bytes(a);
	void *p[64];
	int i;

	for (i = 0; i < 64; i++) {
		p[i] = uk_malloc(a, 32 + 61 * i);
		ck_assert_ptr_nonnull(p[i]);
	}
	for (i = 0; i < 64; i += 2)
		uk_free(a, p[i]);
	ck_consistent(a);
	for (i = 1; i < 64; i += 2) {
		uk_free(a, p[i]);
		ck_consistent(a);
	}
	ck_assert_uint_eq(a->free_bytes(a), initial);
}
END_TEST

START_TEST(ukalloc_region_free_memory_not_reused)
{
	struct uk_alloc *a = make(REGION, SMALL_HEAP);
	uint8_t *p = uk_malloc(a, 64);
	size_t left = a->free_bytes(a);
	uint8_t *q;

	fill(p, 64, 9);
	uk_free(a, p);
	ck_assert_uint_eq(a->free_bytes(a), left);
	ck_assert(intact(p, 64, 9));
	q = uk_malloc(a, 64);
	ck_assert_ptr_nonnull(q);
	ck_assert(q >= p + 64);
	ck_consistent(a);
}
END_TEST

static TCase *tcase(const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, NULL, heaps_free);
	tcase_set_timeout(tc, 60);
	return tc;
}

static Suite *ukalloc_suite(void)
{
	Suite *s = suite_create("ukalloc");
	TCase *tc;

	tc = tcase("random");
	tcase_add_loop_test(tc, ukalloc_random_sequence_consistent, 0, NKINDS);
	suite_add_tcase(s, tc);

	tc = tcase("exhaustion");
	tcase_add_loop_test(tc, ukalloc_exhaustion_free_all_recovers, 0,
			    NKINDS);
	tcase_add_loop_test(tc, ukalloc_huge_request_returns_null, 0, NKINDS);
	suite_add_tcase(s, tc);

	tc = tcase("align");
	tcase_add_loop_test(tc, ukalloc_memalign_power_of_two_aligned, 0,
			    NKINDS);
	tcase_add_loop_test(tc, ukalloc_memalign_small_align_rounded_up, 0,
			    NKINDS);
	tcase_add_loop_test(tc, ukalloc_memalign_bad_align_returns_null, 0,
			    NKINDS);
	tcase_add_loop_test(tc, ukalloc_palloc_page_aligned, 0, NKINDS);
	suite_add_tcase(s, tc);

	tc = tcase("calloc");
	tcase_add_loop_test(tc, ukalloc_calloc_overflow_returns_null, 0,
			    NKINDS);
	tcase_add_loop_test(tc, ukalloc_calloc_memory_zeroed, 0, NKINDS);
	suite_add_tcase(s, tc);

	tc = tcase("realloc");
	tcase_add_loop_test(tc, ukalloc_realloc_contents_preserved, 0, NKINDS);
	tcase_add_loop_test(tc, ukalloc_realloc_null_is_malloc_zero_is_free,
			    0, NKINDS);
	tcase_add_loop_test(tc, ukalloc_realloc_failure_keeps_block, 0,
			    NKINDS);
	tcase_add_test(tc, ukalloc_tlsf_realloc_in_place_with_free_neighbour);
	tcase_add_test(tc, ukalloc_buddy_realloc_in_place_with_free_buddy);
	tcase_add_test(tc, ukalloc_region_realloc_newest_in_place);
	suite_add_tcase(s, tc);

	tc = tcase("edge");
	tcase_add_loop_test(tc, ukalloc_malloc_zero_unique_and_freeable, 0,
			    NKINDS);
	tcase_add_loop_test(tc, ukalloc_free_null_harmless, 0, NKINDS);
	tcase_add_loop_test(tc, ukalloc_create_too_small_returns_null, 0,
			    NKINDS);
	tcase_add_test(tc, ukalloc_null_allocator_returns_null);
	tcase_add_loop_test(tc, ukalloc_default_set_then_get, 0, NKINDS);
	suite_add_tcase(s, tc);

	tc = tcase("stats");
	tcase_add_loop_test(tc, ukalloc_stats_cur_bytes_zero_after_free, 0,
			    NKINDS);
	suite_add_tcase(s, tc);

	tc = tcase("check");
	tcase_add_test(tc, ukalloc_tlsf_check_detects_header_corruption);
	tcase_add_test(tc, ukalloc_region_check_detects_header_corruption);
	tcase_add_test(tc, ukalloc_tlsf_check_detects_use_after_free);
	tcase_add_test(tc, ukalloc_buddy_check_detects_use_after_free);
	tcase_add_test(tc, ukalloc_tlsf_check_detects_overflow);
	tcase_add_test(tc, ukalloc_tlsf_double_free_refused);
	tcase_add_test(tc, ukalloc_buddy_double_free_refused);
	suite_add_tcase(s, tc);

	tc = tcase("merge");
	tcase_add_test(tc, ukalloc_tlsf_free_coalesces_neighbours);
	tcase_add_test(tc, ukalloc_buddy_free_merges_buddies);
	tcase_add_test(tc, ukalloc_region_free_memory_not_reused);
	suite_add_tcase(s, tc);

	tc = tcase("addmem");
	tcase_add_test(tc, ukalloc_tlsf_addmem_extends_heap);
	tcase_add_loop_test(tc, ukalloc_addmem_unsupported_returns_enotsup,
			    BUDDY, REGION + 1);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(ukalloc_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
