/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: the local APIC and the one-shot timer. x2APIC (MSRs) where
 * the CPU has it, xAPIC (MMIO) otherwise. The timer uses TSC-deadline
 * mode where offered; else one-shot counting, whose rate is measured
 * against the TSC on first use. Interrupts are taken only in
 * ukplat_idle_wait(), so the timer's handler just acknowledges.
 */
#include <stdbool.h>
#include <uk/print.h>
#include "kvm.h"

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	(1u << 11)
#define APIC_BASE_X2APIC	(1u << 10)
#define MSR_TSC_DEADLINE	0x6e0
#define MSR_X2APIC_FIRST	0x800
#define CPUID1_ECX_X2APIC	(1u << 21)
#define CPUID1_ECX_TSCDL	(1u << 24)
#define CPUID1_EDX_APIC		(1u << 9)

#define APIC_EOI		0x0b0
#define APIC_SVR		0x0f0
#define APIC_LVT_TIMER		0x320
#define APIC_TIMER_INIT		0x380
#define APIC_TIMER_CUR		0x390
#define APIC_TIMER_DIV		0x3e0
#define SVR_ENABLE		(1u << 8)
#define LVT_MASKED		(1u << 16)
#define LVT_TSC_DEADLINE	(2u << 17)
#define DIV_BY_1		0x0b

static bool x2apic;
static bool tsc_deadline;
static volatile uint32_t *xapic;
static uint64_t apic_ticks_per_ms;	/* one-shot mode, measured lazily */
bool kvm_lapic_present;

static uint32_t apic_read(uint32_t reg)
{
	if (x2apic)
		return (uint32_t)ukarch_rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
	return xapic[reg / 4];
}

static void apic_write(uint32_t reg, uint32_t v)
{
	if (x2apic)
		ukarch_wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
	else
		xapic[reg / 4] = v;
}

void kvm_lapic_eoi(void)
{
	if (kvm_lapic_present)
		apic_write(APIC_EOI, 0);
}

void kvm_lapic_init(void)
{
	struct ukarch_cpuid id = ukarch_cpuid(1, 0);
	uint64_t base;

	if (!(id.edx & CPUID1_EDX_APIC))
		return;
	base = ukarch_rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE;
	x2apic = id.ecx & CPUID1_ECX_X2APIC;
	if (x2apic)
		base |= APIC_BASE_X2APIC;
	ukarch_wrmsr(MSR_APIC_BASE, base);
	xapic = (volatile uint32_t *)(uintptr_t)(base & ~0xfffULL);
	tsc_deadline = id.ecx & CPUID1_ECX_TSCDL;
	apic_write(APIC_SVR, SVR_ENABLE | KVM_VEC_SPURIOUS);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | KVM_VEC_TIMER);
	kvm_lapic_present = true;
}

/*
 * Count APIC timer ticks against the TSC for about 1 ms. The rate comes
 * from the TSC time that really passed, which is longer when the host
 * deschedules the vCPU meanwhile.
 */
static void measure_apic_rate(void)
{
	uint64_t t0, t1, spent_ns;
	uint32_t left;

	apic_write(APIC_TIMER_DIV, DIV_BY_1);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | KVM_VEC_TIMER);
	apic_write(APIC_TIMER_INIT, 0xffffffff);
	t0 = ukarch_rdtsc();
	t1 = t0 + kvm_ns_to_tsc(1000000);
	while (ukarch_rdtsc() < t1)
		ukarch_pause();
	left = apic_read(APIC_TIMER_CUR);
	spent_ns = kvm_tsc_to_ns(ukarch_rdtsc() - t0);
	apic_write(APIC_TIMER_INIT, 0);
	apic_ticks_per_ms = (0xffffffffULL - left) * 1000000 / spent_ns;
	if (!apic_ticks_per_ms)
		apic_ticks_per_ms = 1;
	uk_pr_info("APIC timer at %llu kHz",
		   (unsigned long long)apic_ticks_per_ms);
}

static void arm_one_shot(uint64_t deadline_ns)
{
	uint64_t now = ukplat_monotonic_ns(), ticks;

	if (!apic_ticks_per_ms)
		measure_apic_rate();
	ticks = deadline_ns > now ?
		(deadline_ns - now) * apic_ticks_per_ms / 1000000 + 1 : 1;
	if (ticks > 0xffffffffULL)
		ticks = 0xffffffffULL;	/* wakes early; the caller re-arms */
	apic_write(APIC_LVT_TIMER, KVM_VEC_TIMER);
	apic_write(APIC_TIMER_INIT, (uint32_t)ticks);
}

void ukplat_timer_set(uint64_t deadline_ns)
{
	if (!kvm_lapic_present) {
		kvm_pit_set(deadline_ns);
		return;
	}
	if (!deadline_ns) {
		if (tsc_deadline)
			ukarch_wrmsr(MSR_TSC_DEADLINE, 0);
		else
			apic_write(APIC_TIMER_INIT, 0);
		return;
	}
	if (!tsc_deadline) {
		arm_one_shot(deadline_ns);
		return;
	}
	apic_write(APIC_LVT_TIMER, LVT_TSC_DEADLINE | KVM_VEC_TIMER);
	ukarch_wrmsr(MSR_TSC_DEADLINE,
		     kvm_tsc_at_boot + kvm_ns_to_tsc(deadline_ns));
}
