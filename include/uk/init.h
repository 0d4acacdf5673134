/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: init tables. A library registers a function that ukboot calls
 * once during boot, after the heap exists and before main(). Levels run
 * in order; within a level, in link order. A negative return stops the
 * boot with a message naming the function.
 *
 * An object file that only registers is not pulled out of its archive
 * by this alone: its library's .pc file names an anchor with -u<symbol>.
 */
#ifndef UK_INIT_H
#define UK_INIT_H

#include <uk/essentials.h>

#define UK_INIT_ARCH	1	/* CPU features: syscall entry, FPU */
#define UK_INIT_PLAT	2	/* platform devices */
#define UK_INIT_LIB	3	/* libraries */
#define UK_INIT_FS	4	/* file systems and mounts */
#define UK_INIT_NET	5	/* network */
#define UK_INIT_LATE	6	/* just before main */

struct uk_init_entry {
	int (*fn)(void);
	const char *name;
};

#define UK_INIT__(fn, level)						\
	static const struct uk_init_entry uk_init_##fn			\
	__uk_used __uk_section(".uk_inittab." #level)			\
	__attribute__((aligned(8))) = { fn, #fn }
#define UK_INIT_(fn, level)	UK_INIT__(fn, level)
#define UK_INIT(fn, level)	UK_INIT_(fn, level)

extern const struct uk_init_entry __uk_inittab_start[], __uk_inittab_end[];

#endif /* UK_INIT_H */
