/* SPDX-License-Identifier: BSD-3-Clause */
/* plat-kvm: what the platform's own files share. */
#ifndef PLAT_KVM_H
#define PLAT_KVM_H

#include <stdbool.h>
#include <stdint.h>
#include <uk/arch/x86_64.h>
#include <uk/plat.h>

#define KVM_BOOT_MULTIBOOT	1
#define KVM_BOOT_PVH		2

void kvm_serial_init(void);
void kvm_serial_irq_init(void);
void kvm_cpu_init(void);
int kvm_bootinfo_parse(struct ukplat_bootinfo *bi, unsigned int protocol,
		       uint32_t info);
/* The TSC at the first instruction (boot32.S): time zero. */
extern uint64_t kvm_tsc_at_boot;
void kvm_trap(struct ukarch_regs *regs);

/* Interrupt vectors. */
#define KVM_VEC_TIMER		0x20	/* local APIC timer */
#define KVM_VEC_PIC		0x30	/* 8259 lines 0-15, remapped */
#define KVM_VEC_IOAPIC		0x40	/* IOAPIC lines 0-23 */
#define KVM_VEC_LAST_USED	(KVM_VEC_IOAPIC + 24)
#define KVM_VEC_SPURIOUS	0xff

extern bool kvm_lapic_present;
void kvm_intr_init(void);
void kvm_lapic_init(void);
void kvm_lapic_eoi(void);
void kvm_pit_set(uint64_t deadline_ns);
void kvm_irq_dispatch(unsigned int vector);
void kvm_fpu_init(void);
uint64_t kvm_ns_to_tsc(uint64_t ns);
uint64_t kvm_tsc_to_ns(uint64_t ticks);
bool kvm_range_present(uintptr_t p, uintptr_t end);

/* RAM ranges [start, end) from the boot information. */
#define KVM_RAM_MAX	32
struct kvm_range {
	uint64_t start, end;
};
extern struct kvm_range kvm_ram[KVM_RAM_MAX];
extern unsigned int kvm_ram_count;

/* The end of the identity mapping built by boot32.S. */
#define KVM_MAPPED_TOP	(4ULL * 1024 * 1024 * 1024)

extern uint64_t ukplat_gdt[];
/* The page table of the first 2 MiB, and the directories of 0-4 GiB. */
extern uint64_t kvm_boot_pt[512];
extern uint64_t kvm_boot_pd[2048];

/* Map RAM in [start, end) below 4 GiB that boot32.S left unmapped. */
void kvm_map_ram(uint64_t start, uint64_t end);

#endif /* PLAT_KVM_H */
