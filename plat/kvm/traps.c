/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: what happens on an exception: a report with the vector, the
 * registers, the faulting address and a backtrace, then the machine
 * stops with UKPLAT_STATUS_CRASH. Interrupts go to intr.c.
 */
#include <stdbool.h>
#include <uk/print.h>
#include "kvm.h"

#define VEC_PAGE_FAULT	14
#define VEC_FIRST_IRQ	32
#define BACKTRACE_MAX	32

static const char *const exception_names[VEC_FIRST_IRQ] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack-segment fault",
	"general protection fault", "page fault", "reserved",
	"x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point error", "virtualization exception",
	"control protection exception",
};

static bool in_text(uint64_t addr)
{
	return addr >= (uintptr_t)__image_start &&
	       addr < (uintptr_t)__text_end;
}

/* Follow the frame-pointer chain; returns the number of frames shown. */
static int walk_frames(uint64_t rbp)
{
	int depth;

	for (depth = 0; depth < BACKTRACE_MAX && rbp; depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;

		if ((rbp & 7) || !ukplat_access_ok(frame, 16) ||
		    !in_text(frame[1]))
			break;
		uk_pr_crit("  #%d 0x%016llx", depth,
			   (unsigned long long)frame[1]);
		if (frame[0] <= rbp)
			return depth + 1;
		rbp = frame[0];
	}
	return depth;
}

/*
 * Code built without frame pointers (musl, most applications) leaves no
 * chain: then list the words near the stack pointer that point into the
 * text, marked '?', as candidates for return addresses.
 */
static void scan_stack(uint64_t rsp)
{
	const uint64_t *sp = (const uint64_t *)(rsp & ~7ULL);
	int i, shown = 0;

	for (i = 0; i < 256 && shown < BACKTRACE_MAX; i++) {
		if (!ukplat_access_ok(sp + i, sizeof(*sp)))
			break;
		if (in_text(sp[i])) {
			uk_pr_crit("  ? 0x%016llx", (unsigned long long)sp[i]);
			shown++;
		}
	}
}

static void backtrace_from(uint64_t rip, uint64_t rbp, uint64_t rsp)
{
	uk_pr_crit("backtrace (resolve with addr2line -e <image>):");
	uk_pr_crit("  at 0x%016llx", (unsigned long long)rip);
	if (walk_frames(rbp) < 2)
		scan_stack(rsp);
}

void ukplat_backtrace(void)
{
	uint64_t rsp;

	__asm__ __volatile__("mov %%rsp, %0" : "=r"(rsp));
	backtrace_from((uintptr_t)__builtin_return_address(0),
		       (uintptr_t)__builtin_frame_address(0), rsp);
}

static void dump_regs(const struct ukarch_regs *r)
{
	uk_pr_crit("rip %016llx  rsp %016llx  rflags %016llx",
		   (unsigned long long)r->rip, (unsigned long long)r->rsp,
		   (unsigned long long)r->rflags);
	uk_pr_crit("rax %016llx  rbx %016llx  rcx %016llx",
		   (unsigned long long)r->rax, (unsigned long long)r->rbx,
		   (unsigned long long)r->rcx);
	uk_pr_crit("rdx %016llx  rsi %016llx  rdi %016llx",
		   (unsigned long long)r->rdx, (unsigned long long)r->rsi,
		   (unsigned long long)r->rdi);
	uk_pr_crit("rbp %016llx  r8  %016llx  r9  %016llx",
		   (unsigned long long)r->rbp, (unsigned long long)r->r8,
		   (unsigned long long)r->r9);
	uk_pr_crit("r10 %016llx  r11 %016llx  r12 %016llx",
		   (unsigned long long)r->r10, (unsigned long long)r->r11,
		   (unsigned long long)r->r12);
	uk_pr_crit("r13 %016llx  r14 %016llx  r15 %016llx",
		   (unsigned long long)r->r13, (unsigned long long)r->r14,
		   (unsigned long long)r->r15);
}

/* Linked only with a scheduler: names the thread in crash reports. */
const char *uk_thread_current_name(void) __attribute__((weak));

/* A fault just below the stack pointer is almost always an overflow. */
static void explain_page_fault(const struct ukarch_regs *r, uint64_t addr)
{
	const char *who = uk_thread_current_name ? uk_thread_current_name()
						 : NULL;

	if (addr < r->rsp + 64 && r->rsp - addr < 1024 * 1024)
		uk_pr_crit("stack overflow: the fault is just below the stack "
			   "pointer (guard page hit)");
	if (who)
		uk_pr_crit("in thread '%s'", who);
}

static void report_exception(const struct ukarch_regs *r)
{
	const char *name = exception_names[r->vector] ?
			   exception_names[r->vector] : "reserved";

	uk_pr_crit("crash: %s (vector %llu, error 0x%llx) at rip 0x%llx",
		   name, (unsigned long long)r->vector,
		   (unsigned long long)r->error, (unsigned long long)r->rip);
	if (r->vector == VEC_PAGE_FAULT) {
		uk_pr_crit("faulting address 0x%llx (%s, %s)",
			   (unsigned long long)ukarch_read_cr2(),
			   r->error & 2 ? "write" : "read",
			   r->error & 1 ? "protection" : "not present");
		explain_page_fault(r, ukarch_read_cr2());
	}
	dump_regs(r);
	backtrace_from(r->rip, r->rbp, r->rsp);
}

void kvm_trap(struct ukarch_regs *r)
{
	static bool crashing;

	if (r->vector >= VEC_FIRST_IRQ) {
		kvm_irq_dispatch(r->vector);
		return;
	}
	if (crashing) {
		uk_pr_crit("crash: %s while reporting a crash",
			   exception_names[r->vector]);
		ukplat_halt(UKPLAT_STATUS_CRASH);
	}
	crashing = true;
	report_exception(r);
	ukplat_halt(UKPLAT_STATUS_CRASH);
}
