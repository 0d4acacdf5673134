/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: interrupt and exception entry.
 *   void kvm_trap(struct ukarch_regs *regs);
 * Every vector has a stub that pushes a zero error code where the CPU
 * pushes none, then the vector number, and jumps to trap_common, which
 * saves the general registers. The frame, from the stack pointer up,
 * is struct ukarch_regs:
 *   r15 .. r8, rbp, rdi, rsi, rdx, rcx, rbx, rax, vector, error,
 *   rip, cs, rflags, rsp, ss   (the last five pushed by the CPU)
 * All gates use an IST stack, aligned by the CPU, so the frame is
 * 16-byte aligned at the call.
 */

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
		      (v) == 21 || (v) == 29 || (v) == 30)

.section .text
.macro trap_stub vector
	.align 16
trap_stub_\vector:
	.if !HAS_ERROR(\vector)
	push $0
	.endif
	push $\vector
	jmp trap_common
.endm

.altmacro
.macro trap_stubs from, to
	trap_stub \from
	.if \to - \from
	trap_stubs %(\from + 1), \to
	.endif
.endm

trap_stubs 0, 63
trap_stubs 64, 127
trap_stubs 128, 191
trap_stubs 192, 255

trap_common:
	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
	cld
	mov %rsp, %rdi
	call kvm_trap
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rbp
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	pop %rax
	add $16, %rsp
	iretq

.macro stub_addr vector
	.quad trap_stub_\vector
.endm
.macro stub_addrs from, to
	stub_addr \from
	.if \to - \from
	stub_addrs %(\from + 1), \to
	.endif
.endm

.section .rodata
.align 8
.globl kvm_trap_stubs
kvm_trap_stubs:
	stub_addrs 0, 63
	stub_addrs 64, 127
	stub_addrs 128, 191
	stub_addrs 192, 255

.section .note.GNU-stack, "", @progbits
