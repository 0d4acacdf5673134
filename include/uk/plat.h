/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukplat: what every platform (plat-kvm, and hosted test doubles)
 * provides to the libraries above it: console, memory map, boot
 * information, time, interrupts, and stopping the machine.
 */
#ifndef UK_PLAT_H
#define UK_PLAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uk/essentials.h>

/* Console. Output never fails visibly and never sleeps. */
void ukplat_coutk(const char *buf, size_t len);
/* Read up to len bytes already received; returns the count, maybe 0. */
size_t ukplat_cink(char *buf, size_t len);
/* True when input is waiting to be read. */
bool ukplat_cin_pending(void);

/* Memory regions, from the boot loader's map. */
enum ukplat_memr_type {
	UKPLAT_MEMR_FREE,	/* usable RAM, not yet given to anybody */
	UKPLAT_MEMR_KERNEL,	/* the loaded image, text to bss */
	UKPLAT_MEMR_INITRD,	/* an initial ram disk passed by the loader */
	UKPLAT_MEMR_RESERVED,	/* firmware, boot info, low memory */
};

struct ukplat_memregion {
	uint64_t base;
	uint64_t len;
	enum ukplat_memr_type type;
};

#define UKPLAT_MEMREGION_MAX 32

/* What the platform learned at boot, handed to ukboot_entry(). */
struct ukplat_bootinfo {
	const char *protocol;		/* "pvh", "multiboot" */
	const char *cmdline;		/* never NULL, maybe "" */
	struct ukplat_memregion mr[UKPLAT_MEMREGION_MAX];
	unsigned int mr_count;
	uint64_t mapped_top;		/* end of the identity mapping */
};

/* The loaded image, from the linker script. */
extern char __image_start[], __text_end[], __data_start[], __bss_start[];
extern char __image_end[];

/*
 * Time. The monotonic clock counts nanoseconds since boot; the wall
 * clock is seconds since the epoch when the platform can tell.
 */
uint64_t ukplat_monotonic_ns(void);
/* Nanoseconds since the epoch at boot, or 0 if unknown. */
uint64_t ukplat_wall_clock_at_boot_ns(void);

/*
 * Stop the machine. The status reaches the host as the hypervisor's
 * exit status where the platform can do that (see plat/kvm/README.md
 * for the mapping). Never returns.
 */
#define UKPLAT_STATUS_MAX	124	/* larger exit statuses are clamped */
#define UKPLAT_STATUS_BOOTFAIL	126	/* a boot stage failed */
#define UKPLAT_STATUS_CRASH	127	/* exception or failed assertion */
void ukplat_halt(int status) __uk_noreturn;

/*
 * Interrupts. They are masked while code runs and taken only inside
 * ukplat_idle_wait(), so handlers never interleave with threads. A
 * handler runs on an interrupt stack and must not sleep.
 */
typedef void (*ukplat_irq_fn)(void *arg);

/* Route legacy/GSI line irq to fn: 0, or -EBUSY / -EINVAL / -ENODEV. */
int ukplat_irq_register(unsigned int irq, ukplat_irq_fn fn, void *arg);

/*
 * Arm the one-shot timer for a monotonic deadline in nanoseconds (0
 * disarms). Its only effect is to end the next ukplat_idle_wait().
 */
void ukplat_timer_set(uint64_t deadline_ns);

/* Halt the CPU until an interrupt has been handled. */
void ukplat_idle_wait(void);

/*
 * Page protection of [addr, addr+len), page-aligned, inside the mapping:
 * UKPLAT_PROT_NONE makes accesses fault, READ makes writes fault. Large
 * pages are split as needed. 0, or -EINVAL / -ENOMEM.
 */
#define UKPLAT_PROT_NONE	0
#define UKPLAT_PROT_READ	1
#define UKPLAT_PROT_WRITE	2
int ukplat_page_protect(void *addr, size_t len, unsigned int prot);

/* The boot information the platform handed to ukboot_entry(). */
const struct ukplat_bootinfo *ukplat_bootinfo_get(void);

/* Print the call chain starting at the caller's frame. */
void ukplat_backtrace(void);

/*
 * True when [ptr, ptr+len) lies inside mapped memory and not in the
 * unmapped first page: the check system calls make on user pointers
 * before touching them.
 */
bool ukplat_access_ok(const void *ptr, size_t len);

/* Random bytes from the CPU (RDRAND), if it has them: count written. */
size_t ukplat_random_bytes(void *buf, size_t len);

#endif /* UK_PLAT_H */
