/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc: the allocation API every caller uses. It checks arguments,
 * keeps the statistics and calls the linked implementation's operations.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include <uk/print.h>

static struct uk_alloc *alloc_default;

struct uk_alloc *uk_alloc_get_default(void)
{
	return alloc_default;
}

void uk_alloc_set_default(struct uk_alloc *a)
{
	alloc_default = a;
}

static void alloc_account(struct uk_alloc *a, void *ptr)
{
	struct uk_alloc_stats *st = &a->stats;

	if (!ptr) {
		st->nb_enomem++;
		return;
	}
	st->nb_allocs++;
	st->cur_bytes += a->usable_size(a, ptr);
	if (st->cur_bytes > st->max_bytes)
		st->max_bytes = st->cur_bytes;
}

/* Clamped: a double free must not wrap the counter around. */
static void alloc_unaccount(struct uk_alloc *a, size_t bytes)
{
	struct uk_alloc_stats *st = &a->stats;

	st->cur_bytes = bytes < st->cur_bytes ? st->cur_bytes - bytes : 0;
}

void *uk_malloc(struct uk_alloc *a, size_t size)
{
	void *ptr;

	if (!a)
		return NULL;

	/* One byte is enough to make the pointer unique and freeable. */
	ptr = a->malloc(a, size ? size : 1);
	alloc_account(a, ptr);
	return ptr;
}

void *uk_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	void *ptr;

	if (!a || !UK_IS_POW2(align))
		return NULL;
	if (align < sizeof(void *))
		align = sizeof(void *);

	ptr = a->memalign(a, align, size ? size : 1);
	alloc_account(a, ptr);
	return ptr;
}

void *uk_calloc(struct uk_alloc *a, size_t nmemb, size_t size)
{
	size_t bytes;
	void *ptr;

	if (!a)
		return NULL;
	if (__builtin_mul_overflow(nmemb, size, &bytes)) {
		a->stats.nb_enomem++;
		return NULL;
	}

	ptr = uk_malloc(a, bytes);
	if (ptr)
		memset(ptr, 0, bytes);
	return ptr;
}

void uk_free(struct uk_alloc *a, void *ptr)
{
	if (!a || !ptr)
		return;

	alloc_unaccount(a, a->usable_size(a, ptr));
	a->stats.nb_frees++;
	a->free(a, ptr);
}

void *uk_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	struct uk_alloc_stats *st;
	size_t old;
	void *new;

	if (!a)
		return NULL;
	if (!ptr)
		return uk_malloc(a, size);
	if (!size) {
		uk_free(a, ptr);
		return NULL;
	}

	/* A resize is neither an allocation nor a free in the counters. */
	st = &a->stats;
	old = a->usable_size(a, ptr);
	new = a->realloc(a, ptr, size);
	if (!new) {
		st->nb_enomem++;
		return NULL;
	}
	alloc_unaccount(a, old);
	st->cur_bytes += a->usable_size(a, new);
	if (st->cur_bytes > st->max_bytes)
		st->max_bytes = st->cur_bytes;
	return new;
}

void *uk_palloc(struct uk_alloc *a, size_t npages)
{
	if (!a || !npages || npages > SIZE_MAX / UK_PAGE_SIZE)
		return NULL;

	return uk_memalign(a, UK_PAGE_SIZE, npages * UK_PAGE_SIZE);
}

void uk_pfree(struct uk_alloc *a, void *ptr, size_t npages)
{
	if (!a || !ptr)
		return;

	if (!UK_IS_ALIGNED((uintptr_t)ptr, UK_PAGE_SIZE) ||
	    a->usable_size(a, ptr) / UK_PAGE_SIZE < npages)
		uk_pr_warn("%s: uk_pfree(%p, %zu) does not match an allocation",
			   a->name, ptr, npages);
	uk_free(a, ptr);
}

int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len)
{
	int rc;

	if (!a)
		return -EINVAL;
	if (!a->addmem)
		return -ENOTSUP;

	rc = a->addmem(a, base, len);
	if (rc == 0)
		a->stats.total_bytes += len;
	return rc;
}

void uk_alloc_stats(struct uk_alloc *a, struct uk_alloc_stats *out)
{
	if (a->free_bytes)
		a->stats.free_bytes = a->free_bytes(a);
	*out = a->stats;
}

int uk_alloc_check(struct uk_alloc *a)
{
	if (!a)
		return -EINVAL;

	return a->check ? a->check(a) : 0;
}
