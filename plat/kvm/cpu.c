/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: the CPU's tables. A TSS whose interrupt stack table gives
 * every interrupt and exception a stack of its own: the interrupted code
 * (musl, the application) may keep live data in the red zone below its
 * stack pointer, so nothing may be pushed there.
 */
#include <string.h>
#include "kvm.h"

#define IST_STACK_SIZE	(16 * 1024)
#define IST_TRAP	1	/* exceptions and interrupts */
#define IST_NMI		2	/* NMI and machine check */
#define IST_DOUBLE	3	/* double fault */

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __uk_packed;

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;		/* 0x8e: present, ring 0, interrupt gate */
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __uk_packed;

struct table_ptr {
	uint16_t limit;
	uint64_t base;
} __uk_packed;

static struct tss tss;
static struct idt_gate idt[256] __attribute__((aligned(16)));
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

/* From traps.S: the 256 entry stubs, one per vector. */
extern const uint64_t kvm_trap_stubs[256];

static void tss_init(void)
{
	uint64_t base = (uintptr_t)&tss;
	uint64_t limit = sizeof(tss) - 1;
	int i;

	for (i = 0; i < 3; i++)
		tss.ist[i] = (uintptr_t)ist_stacks[i] + IST_STACK_SIZE;
	tss.iomap_base = sizeof(tss);
	ukplat_gdt[X86_GDT_TSS / 8] = (limit & 0xffff) |
		((base & 0xffffff) << 16) | (0x89ULL << 40) |
		(((limit >> 16) & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	ukplat_gdt[X86_GDT_TSS / 8 + 1] = base >> 32;
	__asm__ __volatile__("ltr %w0" : : "r"(X86_GDT_TSS));
}

static uint8_t ist_for(int vector)
{
	switch (vector) {
	case 2:		/* NMI */
	case 18:	/* machine check */
		return IST_NMI;
	case 8:
		return IST_DOUBLE;
	default:
		return IST_TRAP;
	}
}

static void idt_init(void)
{
	struct table_ptr p = { sizeof(idt) - 1, (uintptr_t)idt };
	int v;

	for (v = 0; v < 256; v++) {
		uint64_t off = kvm_trap_stubs[v];

		if (v >= KVM_VEC_LAST_USED && v != KVM_VEC_SPURIOUS)
			continue;	/* never routed: left absent */
		idt[v] = (struct idt_gate){
			.offset_lo = off & 0xffff,
			.selector = X86_GDT_CODE,
			.ist = ist_for(v),
			.type = 0x8e,
			.offset_mid = (off >> 16) & 0xffff,
			.offset_hi = off >> 32,
		};
	}
	__asm__ __volatile__("lidt %0" : : "m"(p));
}

void kvm_cpu_init(void)
{
	tss_init();
	idt_init();
}
