/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: from boot32.S to ukboot. The CPU is in long mode on the boot
 * stack; we finish the CPU set-up, read the boot information and hand
 * over.
 */
#include <uk/boot.h>
#include <uk/print.h>
#include "kvm.h"

void ukplat_kvm_entry(unsigned int protocol, uint32_t info);

/* From here on a NULL dereference faults. */
static void unmap_page0(void)
{
	kvm_boot_pt[0] = 0;
	__asm__ __volatile__("invlpg (%0)" : : "r"(0UL) : "memory");
}

/* In .bss.boot, the front of .bss: inside RAM even when the image is not. */
static struct ukplat_bootinfo bi __uk_section(".bss.boot");

const struct ukplat_bootinfo *ukplat_bootinfo_get(void)
{
	return &bi;
}

/*
 * The boot information is read first: it tells whether the image fits
 * in RAM, before anything writes to the rest of .bss.
 */
void ukplat_kvm_entry(unsigned int protocol, uint32_t info)
{
	int rc;

	kvm_serial_init();
	rc = kvm_bootinfo_parse(&bi, protocol, info);
	if (rc < 0) {
		uk_pr_crit("boot stage 'boot info' failed: %s",
			   uk_errname(rc));
		ukplat_halt(UKPLAT_STATUS_BOOTFAIL);
	}
	unmap_page0();
	kvm_cpu_init();
	kvm_fpu_init();
	kvm_intr_init();
	kvm_serial_irq_init();
	ukboot_entry(&bi);
}
