/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 CPU helpers: port I/O, MSRs, CPUID, TSC, control registers. */
#ifndef UK_ARCH_X86_64_H
#define UK_ARCH_X86_64_H

#define X86_MSR_EFER		0xc0000080
#define X86_MSR_STAR		0xc0000081
#define X86_MSR_LSTAR		0xc0000082
#define X86_MSR_FMASK		0xc0000084
#define X86_MSR_FS_BASE		0xc0000100
#define X86_MSR_GS_BASE		0xc0000101
#define X86_EFER_SCE		(1u << 0)

#define X86_RFLAGS_IF		(1u << 9)
#define X86_RFLAGS_DF		(1u << 10)
#define X86_RFLAGS_AC		(1u << 18)

/* Selectors of the GDT that plat-kvm installs. */
#define X86_GDT_CODE		0x08
#define X86_GDT_DATA		0x10
#define X86_GDT_TSS		0x18

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

static inline void ukarch_outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void ukarch_outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t ukarch_inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t ukarch_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void ukarch_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr"
			     : : "c"(msr), "a"((uint32_t)v),
			       "d"((uint32_t)(v >> 32)));
}

struct ukarch_cpuid {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct ukarch_cpuid ukarch_cpuid(uint32_t leaf, uint32_t sub)
{
	struct ukarch_cpuid r;

	__asm__ __volatile__("cpuid"
			     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx),
			       "=d"(r.edx)
			     : "a"(leaf), "c"(sub));
	return r;
}

static inline uint64_t ukarch_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t ukarch_read_cr2(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

/* Let ring 0 write to read-only pages until the restore (CR0.WP). */
static inline uint64_t ukarch_write_protect_off(void)
{
	uint64_t cr0;

	__asm__ __volatile__("mov %%cr0, %0" : "=r"(cr0));
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(cr0 & ~(1ULL << 16))
			     : "memory");
	return cr0;
}

static inline void ukarch_write_protect_restore(uint64_t cr0)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(cr0) : "memory");
}

static inline void ukarch_cli(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void ukarch_halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

static inline void ukarch_pause(void)
{
	__asm__ __volatile__("pause");
}

static inline void ukarch_sti_hlt(void)
{
	/* sti's one-instruction delay makes the pair atomic. */
	__asm__ __volatile__("sti; hlt; cli" : : : "memory");
}

/*
 * Extended CPU state (x87, SSE, AVX) of one thread: a buffer of
 * ukarch_fpu_state_size() bytes, 64-byte aligned, made valid by
 * ukarch_fpu_state_init() before the first restore. Set up by the
 * platform at boot (XSAVE where the CPU has it, FXSAVE otherwise).
 */
#define UKARCH_FPU_STATE_MAX	4096	/* ukarch_fpu_state_size() is at most */
size_t ukarch_fpu_state_size(void);
void ukarch_fpu_state_init(void *area);
void ukarch_fpu_save(void *area);
void ukarch_fpu_restore(const void *area);

/* The FS base (the TLS pointer), with RDFSBASE where enabled. */
uint64_t ukarch_fs_base(void);
void ukarch_set_fs_base(uint64_t base);

/*
 * The registers saved by the trap and syscall entry stubs, lowest
 * address first; the hardware frame (rip..ss) ends it.
 */
struct ukarch_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

#endif /* __ASSEMBLER__ */
#endif /* UK_ARCH_X86_64_H */
