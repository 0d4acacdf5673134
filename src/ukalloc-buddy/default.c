/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc-buddy: makes the buddy allocator the default allocator. Pulled in by
 * -uukalloc_buddy_default; a second implementation's copy of the marker
 * below makes the link fail with a message that names the mistake.
 */
#include <stddef.h>
#include <uk/alloc.h>

const char ukalloc_link_exactly_one_allocator_implementation[] = "buddy";
const char ukalloc_buddy_default[] = "buddy";

struct uk_alloc *uk_alloc_default_create(void *base, size_t len)
{
	return uk_alloc_buddy_create(base, len);
}
