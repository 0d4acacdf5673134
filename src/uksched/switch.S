/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: the register half of a thread switch, x86_64.
 *   void uksched_switch(uintptr_t *save_sp, uintptr_t load_sp);
 * Pushes the callee-saved registers on the current stack, stores the
 * stack pointer in *save_sp, loads load_sp and pops the next thread's.
 * Frame, from the saved stack pointer up:
 *   r15, r14, r13, r12, rbx, rbp, return address
 * A new thread's frame returns into uksched_thread_start with the entry
 * function in r12 and its argument in r13.
 */
.section .text
.globl uksched_switch
uksched_switch:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret

.globl uksched_thread_start
uksched_thread_start:
	mov %r13, %rdi
	call *%r12
	call uk_thread_exit
	ud2

/*
 * void uksched_enter_user(const struct uk_syscall_frame *f, uintptr_t rsp);
 * Leave the kernel as if returning from a system call that answered 0,
 * with f's registers and flags, on the stack rsp: a clone child's start.
 */
.globl uksched_enter_user
uksched_enter_user:
	pushq 64(%rdi)			/* rflags */
	mov 8(%rdi), %r9
	mov 16(%rdi), %r8
	mov 24(%rdi), %r10
	mov 32(%rdi), %rdx
	mov 56(%rdi), %rcx		/* return address */
	mov %rsi, %r11
	mov 40(%rdi), %rsi
	mov 48(%rdi), %rdi
	popfq
	mov %r11, %rsp
	xor %eax, %eax
	jmp *%rcx

.section .note.GNU-stack, "", @progbits
