/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukdebug: kernel log lines with five levels, tagged with the library
 * that printed them. Every micro-library logs through these macros; none
 * calls printf.
 *
 * Two thresholds apply. UK_PRINT_MAXLEVEL (configure --with-print-level)
 * removes lines above it at compile time. The run-time level, the boot
 * parameter debug.level=N (default 2, warnings and worse), filters the
 * rest. Levels: 0 crit, 1 err, 2 warn, 3 info, 4 debug.
 *
 * Each compilation unit names its library with -DUK_LIBNAME=\"name\";
 * the build system sets it per library.
 */
#ifndef UK_PRINT_H
#define UK_PRINT_H

#include <stdarg.h>
#include <stddef.h>
#include <uk/essentials.h>

#define UK_PRCRIT	0
#define UK_PRERR	1
#define UK_PRWARN	2
#define UK_PRINFO	3
#define UK_PRDEBUG	4

#ifndef UK_PRINT_MAXLEVEL
#define UK_PRINT_MAXLEVEL UK_PRDEBUG
#endif
#ifndef UK_LIBNAME
#define UK_LIBNAME "app"
#endif

/* The run-time threshold; lines with a higher level are dropped. */
extern int uk_print_level;

/*
 * Format one log line and write it to the platform console, prefixed
 * with the level and library. Never allocates, never sleeps; safe from
 * exception handlers. Supports %d %i %u %x %X %o %p %s %c %% with the
 * flags '-', '0', width, precision and the length modifiers hh h l ll z
 * j t.
 */
void uk_printk(int level, const char *lib, const char *fmt, ...)
	__uk_printf(3, 4);
void uk_vprintk(int level, const char *lib, const char *fmt, va_list ap);

/*
 * The symbolic name of an error number, with or without its minus sign
 * ("ENOTDIR"), or "error" for one it does not know. For log lines.
 */
const char *uk_errname(int err);

/* The formatter itself, into a buffer: returns the length it wanted. */
int uk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int uk_snprintf(char *buf, size_t size, const char *fmt, ...)
	__uk_printf(3, 4);

#define uk_pr_level(lvl, fmt, ...)					\
	do {								\
		if ((lvl) <= UK_PRINT_MAXLEVEL &&			\
		    (lvl) <= uk_print_level)				\
			uk_printk(lvl, UK_LIBNAME, fmt, ##__VA_ARGS__);	\
	} while (0)

#define uk_pr_crit(fmt, ...)	uk_pr_level(UK_PRCRIT, fmt, ##__VA_ARGS__)
#define uk_pr_err(fmt, ...)	uk_pr_level(UK_PRERR, fmt, ##__VA_ARGS__)
#define uk_pr_warn(fmt, ...)	uk_pr_level(UK_PRWARN, fmt, ##__VA_ARGS__)
#define uk_pr_info(fmt, ...)	uk_pr_level(UK_PRINFO, fmt, ##__VA_ARGS__)
#define uk_pr_debug(fmt, ...)	uk_pr_level(UK_PRDEBUG, fmt, ##__VA_ARGS__)

/* Print a line the first time this call site is reached, never again. */
#define uk_pr_once(lvl, fmt, ...)					\
	do {								\
		static int uk_pr_once_done__;				\
		if (!uk_pr_once_done__) {				\
			uk_pr_once_done__ = 1;				\
			uk_pr_level(lvl, fmt, ##__VA_ARGS__);		\
		}							\
	} while (0)

#endif /* UK_PRINT_H */
