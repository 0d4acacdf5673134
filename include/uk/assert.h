/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukdebug: assertions and the crash path. Assertions guard the kernel's
 * own invariants only; input from outside gets an error return instead.
 */
#ifndef UK_ASSERT_H
#define UK_ASSERT_H

#include <uk/essentials.h>

/*
 * Print "crash: <lib>: <message>", a backtrace of the caller, and stop
 * the machine with UKPLAT_STATUS_CRASH. Never returns.
 */
void uk_crash(const char *lib, const char *fmt, ...)
	__uk_noreturn __uk_printf(2, 3);

#define UK_CRASH(fmt, ...)	uk_crash(UK_LIBNAME, fmt, ##__VA_ARGS__)

#define UK_ASSERT(x)							\
	do {								\
		if (uk_unlikely(!(x)))					\
			uk_crash(UK_LIBNAME, "%s:%d: assertion '%s' failed", \
				 __FILE__, __LINE__, #x);		\
	} while (0)

#define UK_BUG_ON(x)	UK_ASSERT(!(x))

#endif /* UK_ASSERT_H */
