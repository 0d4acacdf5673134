/* SPDX-License-Identifier: BSD-3-Clause */
/* Small macros every micro-library uses: alignment, sizes, attributes. */
#ifndef UK_ESSENTIALS_H
#define UK_ESSENTIALS_H

#include <stddef.h>
#include <stdint.h>

#define UK_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define UK_ALIGN_UP(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define UK_ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define UK_IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define UK_IS_POW2(x)		((x) != 0 && ((x) & ((x) - 1)) == 0)
#define UK_MIN(a, b)		((a) < (b) ? (a) : (b))
#define UK_MAX(a, b)		((a) > (b) ? (a) : (b))
#define UK_SWAP(a, b)							\
	do {								\
		__typeof__(a) uk_swap_tmp__ = (a);			\
		(a) = (b);						\
		(b) = uk_swap_tmp__;					\
	} while (0)

#define UK_KIB			(1024UL)
#define UK_MIB			(1024UL * UK_KIB)
#define UK_GIB			(1024UL * UK_MIB)
#define UK_PAGE_SHIFT		12
#define UK_PAGE_SIZE		(1UL << UK_PAGE_SHIFT)

#define uk_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define uk_likely(x)		__builtin_expect(!!(x), 1)
#define uk_unlikely(x)		__builtin_expect(!!(x), 0)
#define __uk_noreturn		__attribute__((noreturn))
#define __uk_unused		__attribute__((unused))
#define __uk_used		__attribute__((used))
#define __uk_packed		__attribute__((packed))
#define __uk_section(s)		__attribute__((section(s)))
#define __uk_printf(f, a)	__attribute__((format(printf, f, a)))

#endif /* UK_ESSENTIALS_H */
