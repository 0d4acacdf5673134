/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: the `syscall` instruction's landing point (MSR LSTAR).
 *   long uk_syscall_dispatch(long a1, long a2, long a3, long a4,
 *                            long a5, long a6, long nr);
 * On entry: rax = number, rdi rsi rdx r10 r8 r9 = arguments, rcx =
 * return address, r11 = caller's rflags, interrupts masked by FMASK,
 * rsp = the caller's stack, whose red zone we must not touch. So rsp is
 * saved in a scratch word and replaced before anything is pushed.
 * Frame on the syscall stack, from the top down:
 *   caller rsp, caller rflags, return rip, rdi, rsi, rdx, r10, r8, r9,
 *   nr (the seventh C argument)
 * Everything but rax, rcx and r11 comes back as it was, as on Linux.
 */
.section .text
.globl uk_syscall_entry
uk_syscall_entry:
	mov %rsp, syscall_caller_rsp(%rip)
	mov uk_syscall_stack_top(%rip), %rsp
	pushq syscall_caller_rsp(%rip)
	push %r11
	push %rcx
	push %rdi
	push %rsi
	push %rdx
	push %r10
	push %r8
	push %r9
	push %rax
	cld
	mov %r10, %rcx
	call uk_syscall_dispatch
	add $8, %rsp
	pop %r9
	pop %r8
	pop %r10
	pop %rdx
	pop %rsi
	pop %rdi
	pop %rcx
	popfq
	pop %rsp
	jmp *%rcx

.section .bss
.align 8
syscall_caller_rsp:
	.skip 8

.section .note.GNU-stack, "", @progbits
