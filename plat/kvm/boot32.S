/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: the first instructions. Both boot protocols enter here in
 * 32-bit protected mode with paging off:
 *   Multiboot: eax = 0x2badb002, ebx = struct multiboot_info *
 *   PVH:       ebx = struct hvm_start_info *
 * We build identity page tables for the first GiB and the top 32 MiB
 * below 4 GiB, where the APICs and other devices sit (2 MiB pages, the
 * first 2 MiB in 4 KiB pages so that page 0 can be unmapped once the
 * boot information, which loaders may put there, is read); RAM above
 * the first GiB is mapped later from the memory map. Then we enter long
 * mode and call
 *   void ukplat_kvm_entry(unsigned int protocol, uint32_t info);
 * on the boot stack. Loaders zero .bss, so the tables start empty. The
 * TSC read first of all is where the monotonic clock starts.
 */
#include <uk/arch/x86_64.h>

#define MB_MAGIC	0x1badb002
#define MB_LOADED_MAGIC	0x2badb002
#define MB_FLAGS	((1 << 0) | (1 << 1) | (1 << 16)) /* align, mem, addr */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define CR0_PE		(1 << 0)
#define CR0_MP		(1 << 1)
#define CR0_EM		(1 << 2)
#define CR0_NE		(1 << 5)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define CR4_OSFXSR	(1 << 9)
#define CR4_OSXMMEXCPT	(1 << 10)
#define EFER_LME	(1 << 8)
#define PTE_P_RW	0x003
#define PTE_P_RW_PS	0x083

/* Multiboot header with load addresses: QEMU loads an ELF64 this way. */
.section .multiboot, "a"
.align 4
multiboot_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long multiboot_header
	.long __image_start
	.long __data_end
	.long __image_end
	.long _ukplat_multiboot_start

/* PVH: the physical address of the 32-bit entry, in a Xen ELF note. */
.section .note.Xen, "a"
.align 4
	.long 4
	.long 4
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.long _ukplat_pvh_start

.section .text.boot, "ax"
.code32
.globl _ukplat_multiboot_start
_ukplat_multiboot_start:
	cmp $MB_LOADED_MAGIC, %eax
	jne .Lhang32
	mov $1, %edi
	jmp boot32

.globl _ukplat_pvh_start
_ukplat_pvh_start:
	mov $2, %edi

boot32:
	rdtsc
	mov %eax, kvm_tsc_at_boot
	mov %edx, kvm_tsc_at_boot + 4
	cli
	cld
	mov %ebx, %esi
	mov $boot_stack_top, %esp

	/* PML4[0] -> PDPT, PDPT[0..3] -> four page directories. */
	mov $boot_pdpt + PTE_P_RW, %eax
	mov %eax, boot_pml4
	mov $boot_pd + PTE_P_RW, %eax
	xor %ecx, %ecx
1:	mov %eax, boot_pdpt(, %ecx, 8)
	add $4096, %eax
	inc %ecx
	cmp $4, %ecx
	jb 1b

	/* Large pages: the first GiB, then 0xfe000000 .. 4 GiB. */
	mov $PTE_P_RW_PS, %eax
	xor %ecx, %ecx
2:	mov %eax, boot_pd(, %ecx, 8)
	add $0x200000, %eax
	inc %ecx
	cmp $512, %ecx
	jb 2b
	mov $0xfe000000 + PTE_P_RW_PS, %eax
	mov $2032, %ecx
5:	mov %eax, boot_pd(, %ecx, 8)
	add $0x200000, %eax
	inc %ecx
	cmp $2048, %ecx
	jb 5b

	/* The first 2 MiB in small pages. */
	mov $kvm_boot_pt + PTE_P_RW, %eax
	mov %eax, boot_pd
	mov $PTE_P_RW, %eax
	xor %ecx, %ecx
3:	mov %eax, kvm_boot_pt(, %ecx, 8)
	add $4096, %eax
	inc %ecx
	cmp $512, %ecx
	jb 3b

	mov %cr4, %eax
	or $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	mov %eax, %cr4
	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov $X86_MSR_EFER, %ecx
	rdmsr
	or $(EFER_LME | X86_EFER_SCE), %eax
	wrmsr
	mov %cr0, %eax
	and $~CR0_EM, %eax
	or $(CR0_PG | CR0_PE | CR0_MP | CR0_NE | CR0_WP), %eax
	mov %eax, %cr0

	lgdt boot_gdt_desc
	ljmp $X86_GDT_CODE, $boot64

.Lhang32:
	cli
	hlt
	jmp .Lhang32

.code64
boot64:
	mov $X86_GDT_DATA, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	mov $boot_stack_top, %rsp
	xor %ebp, %ebp
	mov %edi, %edi
	mov %esi, %esi
	fninit
	call ukplat_kvm_entry
4:	cli
	hlt
	jmp 4b

/* The GDT; plat-kvm fills in the TSS descriptor later. */
.section .data
.align 16
.globl ukplat_gdt
ukplat_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* X86_GDT_CODE: 64-bit code */
	.quad 0x00cf92000000ffff	/* X86_GDT_DATA */
	.quad 0, 0			/* X86_GDT_TSS */
ukplat_gdt_end:
.align 8
boot_gdt_desc:
	.word ukplat_gdt_end - ukplat_gdt - 1
	.quad ukplat_gdt

.globl kvm_tsc_at_boot
.align 8
kvm_tsc_at_boot:
	.quad 0

.section .bss.boot, "aw", @nobits
.align 4096
boot_pml4:	.skip 4096
boot_pdpt:	.skip 4096
.globl kvm_boot_pd
kvm_boot_pd:
boot_pd:	.skip 4 * 4096
.globl kvm_boot_pt
kvm_boot_pt:	.skip 4096
boot_stack:	.skip 16384
boot_stack_top:

.section .note.GNU-stack, "", @progbits
