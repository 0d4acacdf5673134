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

void ukplat_kvm_entry(unsigned int protocol, uint32_t info)
{
	static struct ukplat_bootinfo bi;
	int rc;

	kvm_time_init();
	kvm_serial_init();
	kvm_cpu_init();
	rc = kvm_bootinfo_parse(&bi, protocol, info);
	if (rc < 0) {
		uk_pr_crit("boot stage 'boot info' failed (%d)", rc);
		ukplat_halt(UKPLAT_STATUS_BOOTFAIL);
	}
	ukboot_entry(&bi);
}
