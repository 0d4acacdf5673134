/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: the boot sequence, from the platform's hand-off to main().
 */
#ifndef UK_BOOT_H
#define UK_BOOT_H

#include <uk/plat.h>

/*
 * Called once by the platform on the boot stack, interrupts off, with
 * the console working and the CPU in its final mode. Parses the command
 * line, creates the heap with the linked allocator, runs the init table
 * and starts the application through musl's __libc_start_main(). Never
 * returns: the application's exit status stops the machine.
 */
void ukboot_entry(struct ukplat_bootinfo *bi) __uk_noreturn;

#endif /* UK_BOOT_H */
