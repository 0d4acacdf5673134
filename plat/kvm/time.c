/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: time from the TSC. Its frequency is read, never guessed,
 * from the first source that has it:
 *   1. the hypervisor timing leaf (CPUID 0x40000010, TSC in kHz);
 *   2. CPUID 0x15 (crystal clock times the TSC/crystal ratio);
 *   3. KVM's paravirtual clock (the multiplier it publishes);
 *   4. the PIT: TSC ticks across 1 ms of PIT channel 0, three times (TCG);
 *   5. the CMOS RTC: TSC ticks in one second, where nothing else is.
 * The work is done on the first clock read, not at boot, so an image
 * that never asks the time never pays for it. The wall clock comes from
 * the CMOS RTC, read once.
 */
#include <stdbool.h>
#include <uk/print.h>
#include "kvm.h"

#define NSEC_PER_SEC		1000000000ULL
#define CPUID_HV_BASE		0x40000000
#define CPUID_HV_TIMING		0x40000010
#define KVM_SIGNATURE_EBX	0x4b4d564b	/* "KVMK" */
#define KVM_FEATURE_CLOCK2	(1u << 3)
#define MSR_KVM_SYSTEM_TIME	0x4b564d01
#define PIT_HZ			1193182ULL
#define PIT_WINDOW_TICKS	(PIT_HZ / 1000)	/* 1 ms */

static uint64_t tsc_hz;
static uint64_t ns_mult;	/* ns = ticks * ns_mult >> 32 */

struct pvclock {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
};

static uint64_t hz_from_hypervisor_leaf(void)
{
	struct ukarch_cpuid id = ukarch_cpuid(1, 0);

	if (!(id.ecx & (1u << 31)))
		return 0;
	if (ukarch_cpuid(CPUID_HV_BASE, 0).eax < CPUID_HV_TIMING)
		return 0;
	return (uint64_t)ukarch_cpuid(CPUID_HV_TIMING, 0).eax * 1000;
}

static uint64_t hz_from_crystal(void)
{
	struct ukarch_cpuid id;

	if (ukarch_cpuid(0, 0).eax < 0x15)
		return 0;
	id = ukarch_cpuid(0x15, 0);
	if (!id.eax || !id.ebx || !id.ecx)
		return 0;
	return (uint64_t)id.ecx * id.ebx / id.eax;
}

static uint64_t hz_from_kvmclock(void)
{
	static struct pvclock pv __attribute__((aligned(64)));
	struct ukarch_cpuid id = ukarch_cpuid(1, 0);
	uint64_t mul;

	if (!(id.ecx & (1u << 31)) ||
	    ukarch_cpuid(CPUID_HV_BASE, 0).ebx != KVM_SIGNATURE_EBX ||
	    !(ukarch_cpuid(CPUID_HV_BASE + 1, 0).eax & KVM_FEATURE_CLOCK2))
		return 0;
	ukarch_wrmsr(MSR_KVM_SYSTEM_TIME, (uintptr_t)&pv | 1);
	while (!pv.tsc_to_system_mul)
		ukarch_pause();
	ukarch_wrmsr(MSR_KVM_SYSTEM_TIME, 0);
	mul = pv.tsc_to_system_mul;
	if (pv.tsc_shift >= 0)
		mul <<= pv.tsc_shift;
	else
		mul >>= -pv.tsc_shift;
	return (NSEC_PER_SEC << 32) / mul;
}

static uint16_t pit_read0(void)
{
	uint8_t lo, hi;

	ukarch_outb(0x43, 0x00);	/* latch channel 0 */
	lo = ukarch_inb(0x40);
	hi = ukarch_inb(0x40);
	return (uint16_t)(hi << 8 | lo);
}

/*
 * Count TSC ticks across 1 ms of PIT channel 0, counting down from
 * 0xffff in mode 2 (its gate is wired high on every machine; channel 2's
 * gate lives at port 0x61, which microvm lacks). 0 when no PIT counts.
 */
static uint64_t pit_window(void)
{
	uint64_t t0, elapsed = 0;
	uint16_t last, now;
	int stuck = 0;

	ukarch_outb(0x43, 0x34);	/* channel 0, lo/hi, mode 2 */
	ukarch_outb(0x40, 0xff);
	ukarch_outb(0x40, 0xff);
	last = pit_read0();
	t0 = ukarch_rdtsc();
	while (elapsed < PIT_WINDOW_TICKS) {
		now = pit_read0();
		if (now == last && ++stuck > 100000)
			return 0;
		elapsed += (uint16_t)(last - now);
		last = now;
	}
	return (ukarch_rdtsc() - t0) * PIT_HZ / elapsed;
}

/*
 * The median of three windows: a host that deschedules the vCPU for more
 * than a PIT period (55 ms) inside one window loses a wrap and skews it.
 */
static uint64_t hz_from_pit(void)
{
	uint64_t a = pit_window(), b = pit_window(), c = pit_window();

	if (a > b)
		UK_SWAP(a, b);
	if (b > c)
		UK_SWAP(b, c);
	if (a > b)
		UK_SWAP(a, b);
	return b;
}

static uint8_t cmos_read(uint8_t reg);

/* The last resort: TSC ticks between two RTC second boundaries. */
static uint64_t hz_from_rtc(void)
{
	uint8_t s0 = cmos_read(0x00), s;
	uint64_t t0;

	if (s0 == 0xff)
		return 0;
	while ((s = cmos_read(0x00)) == s0)
		ukarch_pause();
	t0 = ukarch_rdtsc();
	while (cmos_read(0x00) == s)
		ukarch_pause();
	return ukarch_rdtsc() - t0;
}

static void calibrate(void)
{
	const char *src = "hypervisor leaf";

	tsc_hz = hz_from_hypervisor_leaf();
	if (!tsc_hz && (src = "CPUID 0x15", 1))
		tsc_hz = hz_from_crystal();
	if (!tsc_hz && (src = "kvmclock", 1))
		tsc_hz = hz_from_kvmclock();
	if (!tsc_hz && (src = "PIT", 1))
		tsc_hz = hz_from_pit();
	if (!tsc_hz && (src = "RTC, one second", 1))
		tsc_hz = hz_from_rtc();
	if (!tsc_hz) {
		uk_pr_crit("no clock to measure the TSC against");
		ukplat_halt(UKPLAT_STATUS_CRASH);
	}
	ns_mult = (NSEC_PER_SEC << 32) / tsc_hz;
	uk_pr_info("TSC at %llu kHz (from %s)",
		   (unsigned long long)(tsc_hz / 1000), src);
}

uint64_t kvm_ns_to_tsc(uint64_t ns)
{
	if (uk_unlikely(!ns_mult))
		calibrate();
	return (uint64_t)((unsigned __int128)ns * tsc_hz / NSEC_PER_SEC);
}

uint64_t kvm_tsc_to_ns(uint64_t ticks)
{
	if (uk_unlikely(!ns_mult))
		calibrate();
	return (uint64_t)(((unsigned __int128)ticks * ns_mult) >> 32);
}

uint64_t ukplat_monotonic_ns(void)
{
	return kvm_tsc_to_ns(ukarch_rdtsc() - kvm_tsc_at_boot);
}

static uint8_t cmos_read(uint8_t reg)
{
	ukarch_outb(0x70, reg);
	return ukarch_inb(0x71);
}

static unsigned int from_bcd(uint8_t v, bool bcd)
{
	return bcd ? (v >> 4) * 10 + (v & 0x0f) : v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint64_t days_from_civil(unsigned int y, unsigned int m,
				unsigned int d)
{
	unsigned int era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (uint64_t)era * 146097 + doe - 719468;
}

static uint64_t rtc_read_ns(void)
{
	uint8_t sec, min, hour, day, mon, year, regb;
	bool bcd, pm;
	int spins = 0;

	while ((cmos_read(0x0a) & 0x80) && spins++ < 100000)
		ukarch_pause();
	sec = cmos_read(0x00);
	min = cmos_read(0x02);
	hour = cmos_read(0x04);
	day = cmos_read(0x07);
	mon = cmos_read(0x08);
	year = cmos_read(0x09);
	regb = cmos_read(0x0b);
	if (sec == 0xff && mon == 0xff)
		return 0;	/* no RTC (microvm without rtc=on) */
	bcd = !(regb & 0x04);
	pm = !(regb & 0x02) && (hour & 0x80);
	hour = from_bcd(hour & 0x7f, bcd) % 12 * !(regb & 0x02) +
	       from_bcd(hour & 0x7f, bcd) * !!(regb & 0x02) + (pm ? 12 : 0);
	return ((days_from_civil(2000 + from_bcd(year, bcd),
				 from_bcd(mon, bcd), from_bcd(day, bcd)) *
		 86400) + hour * 3600 + from_bcd(min, bcd) * 60 +
		from_bcd(sec, bcd)) * NSEC_PER_SEC;
}

uint64_t ukplat_wall_clock_at_boot_ns(void)
{
	static uint64_t boot_wall;
	static bool read;
	uint64_t now;

	if (!read) {
		read = true;
		now = rtc_read_ns();
		if (now)
			boot_wall = now - ukplat_monotonic_ns();
	}
	return boot_wall;
}
