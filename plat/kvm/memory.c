/* SPDX-License-Identifier: BSD-3-Clause */
/* plat-kvm: pointer checks against the page tables, and RDRAND. */
#include <stdbool.h>
#include <string.h>
#include "kvm.h"

#define CPUID1_ECX_RDRAND	(1u << 30)
#define RDRAND_RETRIES		10

/* Inside RAM (not device memory) and mapped, page 0 excluded. */
bool ukplat_access_ok(const void *ptr, size_t len)
{
	uintptr_t p = (uintptr_t)ptr;
	unsigned int i;

	if (p < UK_PAGE_SIZE || p + len < p)
		return false;
	for (i = 0; i < kvm_ram_count; i++)
		if (p >= kvm_ram[i].start && p + len <= kvm_ram[i].end)
			return kvm_range_present(p, p + len);
	return false;
}

static bool rdrand64(uint64_t *v)
{
	int i;
	uint8_t ok;

	for (i = 0; i < RDRAND_RETRIES; i++) {
		__asm__ __volatile__("rdrand %0; setc %1"
				     : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

size_t ukplat_random_bytes(void *buf, size_t len)
{
	static int has_rdrand = -1;
	uint8_t *out = buf;
	size_t done = 0;
	uint64_t v;

	if (has_rdrand < 0)
		has_rdrand = !!(ukarch_cpuid(1, 0).ecx & CPUID1_ECX_RDRAND);
	while (has_rdrand && done < len && rdrand64(&v)) {
		size_t n = UK_MIN(sizeof(v), len - done);

		memcpy(out + done, &v, n);
		done += n;
	}
	return done;
}
