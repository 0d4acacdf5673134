/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: stopping the machine. QEMU's isa-debug-exit device turns a
 * byte v written to port 0x501 into the QEMU exit status (v << 1) | 1.
 * We write v = status + 1 (1-125 for the application's 0-124, 126 for a
 * boot failure, 127 for a crash), so that QEMU's own exit status 1 (an
 * error of its own) never reads as a guest status; microkraft-run maps
 * it back. Without that device we power off through
 * ACPI (pc and q35 ports, microvm's GED), losing the status, and as a
 * last resort halt the CPU for good.
 */
#include <uk/print.h>
#include "kvm.h"

#define DEBUG_EXIT_PORT		0x501
#define ACPI_PM1A_CNT		0x604		/* pc and q35 under SeaBIOS */
#define ACPI_SLP_S5		0x2000		/* SLP_EN, SLP_TYP 0 */
#define GED_SLEEP_CTL		0xfea00200UL	/* microvm, ACPI on */
#define GED_SLP_S5		((5 << 2) | (1 << 5))

void ukplat_halt(int status)
{
	if (status < 0 || status > UKPLAT_STATUS_CRASH) {
		uk_pr_warn("exit status %d reported as %d", status,
			   UKPLAT_STATUS_MAX);
		status = UKPLAT_STATUS_MAX;
	}
	uk_pr_info("halting with status %d", status);
	ukarch_outb(DEBUG_EXIT_PORT, (uint8_t)(status <= UKPLAT_STATUS_MAX ?
					       status + 1 : status));

	ukarch_outw(ACPI_PM1A_CNT, ACPI_SLP_S5);
	*(volatile uint8_t *)GED_SLEEP_CTL = GED_SLP_S5;
	uk_pr_crit("no exit device answered: CPU halted (status %d)", status);
	ukarch_halt_forever();
	__builtin_unreachable();
}
