/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: the extended CPU state threads carry. XSAVE with every state
 * component the CPU offers among x87, SSE, AVX and AVX-512, or FXSAVE
 * on CPUs without XSAVE. Also the FS base, through RDFSBASE/WRFSBASE
 * when the CPU has them.
 */
#include <stdbool.h>
#include <string.h>
#include "kvm.h"

#define CR4_FSGSBASE		(1ULL << 16)
#define CR4_OSXSAVE		(1ULL << 18)
#define CPUID1_ECX_XSAVE	(1u << 26)
#define CPUID7_EBX_FSGSBASE	(1u << 0)
#define XCR0_WANTED		0xe7	/* x87 SSE AVX opmask ZMM_Hi256 Hi16 */
#define FXSAVE_SIZE		512

static bool use_xsave;
static bool use_fsgsbase;
static uint64_t xcr0;
static size_t state_size = FXSAVE_SIZE;
static uint8_t template[UKARCH_FPU_STATE_MAX] __attribute__((aligned(64)));

static uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static void write_cr4(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v));
}

static void xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ __volatile__("xsetbv"
			     : : "c"(reg), "a"((uint32_t)v),
			       "d"((uint32_t)(v >> 32)));
}

/* Called once at boot, before any thread exists. */
void kvm_fpu_init(void)
{
	uint32_t mxcsr = 0x1f80;
	size_t size;

	if (ukarch_cpuid(0, 0).eax >= 7 &&
	    (ukarch_cpuid(7, 0).ebx & CPUID7_EBX_FSGSBASE)) {
		write_cr4(read_cr4() | CR4_FSGSBASE);
		use_fsgsbase = true;
	}
	if (ukarch_cpuid(1, 0).ecx & CPUID1_ECX_XSAVE) {
		write_cr4(read_cr4() | CR4_OSXSAVE);
		xcr0 = ukarch_cpuid(0xd, 0).eax & XCR0_WANTED;
		xsetbv(0, xcr0);
		size = ukarch_cpuid(0xd, 0).ebx;
		if (size <= sizeof(template)) {
			use_xsave = true;
			state_size = size;
		}
	}
	__asm__ __volatile__("fninit; ldmxcsr %0" : : "m"(mxcsr));
	ukarch_fpu_save(template);
}

size_t ukarch_fpu_state_size(void)
{
	return state_size;
}

void ukarch_fpu_state_init(void *area)
{
	memcpy(area, template, state_size);
}

void ukarch_fpu_save(void *area)
{
	if (use_xsave)
		__asm__ __volatile__("xsave64 (%0)"
				     : : "r"(area), "a"((uint32_t)xcr0),
				       "d"((uint32_t)(xcr0 >> 32))
				     : "memory");
	else
		__asm__ __volatile__("fxsave64 (%0)" : : "r"(area) : "memory");
}

void ukarch_fpu_restore(const void *area)
{
	if (use_xsave)
		__asm__ __volatile__("xrstor64 (%0)"
				     : : "r"(area), "a"((uint32_t)xcr0),
				       "d"((uint32_t)(xcr0 >> 32))
				     : "memory");
	else
		__asm__ __volatile__("fxrstor64 (%0)" : : "r"(area) : "memory");
}

uint64_t ukarch_fs_base(void)
{
	uint64_t v;

	if (!use_fsgsbase)
		return ukarch_rdmsr(X86_MSR_FS_BASE);
	__asm__ __volatile__("rdfsbase %0" : "=r"(v));
	return v;
}

void ukarch_set_fs_base(uint64_t base)
{
	if (!use_fsgsbase) {
		ukarch_wrmsr(X86_MSR_FS_BASE, base);
		return;
	}
	__asm__ __volatile__("wrfsbase %0" : : "r"(base) : "memory");
}
