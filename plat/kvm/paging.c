/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: page protection on the identity map. boot32.S maps the first
 * 4 GiB with 2 MiB pages; protecting a 4 KiB page splits its large page
 * into a page table taken from the heap.
 */
#include <errno.h>
#include <uk/alloc.h>
#include <uk/plat.h>
#include "kvm.h"

#define PTE_P		(1ULL << 0)
#define PTE_RW		(1ULL << 1)
#define PTE_PS		(1ULL << 7)
#define PTE_ADDR	0x000ffffffffff000ULL
#define LARGE		(2ULL * 1024 * 1024)

static uint64_t *table_at(uint64_t entry)
{
	return (uint64_t *)(uintptr_t)(entry & PTE_ADDR);
}

/* The page-directory entry that maps addr. */
static uint64_t *pd_entry(uintptr_t addr)
{
	uint64_t cr3, *pml4, *pdpt, *pd;

	__asm__ __volatile__("mov %%cr3, %0" : "=r"(cr3));
	pml4 = table_at(cr3);
	pdpt = table_at(pml4[(addr >> 39) & 511]);
	pd = table_at(pdpt[(addr >> 30) & 511]);
	return &pd[(addr >> 21) & 511];
}

/* Replace a 2 MiB mapping by 512 small pages with the same rights. */
static int split(uint64_t *pde)
{
	uint64_t base = *pde & PTE_ADDR & ~(LARGE - 1);
	uint64_t flags = *pde & (PTE_P | PTE_RW);
	uint64_t *pt = uk_palloc(uk_alloc_get_default(), 1);
	int i;

	if (!pt)
		return -ENOMEM;
	for (i = 0; i < 512; i++)
		pt[i] = (base + i * UK_PAGE_SIZE) | flags;
	*pde = (uintptr_t)pt | PTE_P | PTE_RW;
	return 0;
}

void kvm_map_ram(uint64_t start, uint64_t end)
{
	uint64_t a;

	for (a = UK_ALIGN_DOWN(start, LARGE); a < end && a < KVM_MAPPED_TOP;
	     a += LARGE)
		if (!(kvm_boot_pd[a / LARGE] & PTE_P))
			kvm_boot_pd[a / LARGE] = a | PTE_P | PTE_RW | PTE_PS;
}

int ukplat_page_protect(void *addr, size_t len, unsigned int prot)
{
	uintptr_t p = (uintptr_t)addr, end = p + len;
	uint64_t flags = 0;
	int rc;

	if (!UK_IS_ALIGNED(p, UK_PAGE_SIZE) || !UK_IS_ALIGNED(len, UK_PAGE_SIZE)
	    || end < p || p < UK_PAGE_SIZE || end > KVM_MAPPED_TOP)
		return -EINVAL;
	if (prot & (UKPLAT_PROT_READ | UKPLAT_PROT_WRITE))
		flags |= PTE_P;
	if (prot & UKPLAT_PROT_WRITE)
		flags |= PTE_RW;
	for (; p < end; p += UK_PAGE_SIZE) {
		uint64_t *pde = pd_entry(p), *pte;

		if (*pde & PTE_PS) {
			if (flags == (PTE_P | PTE_RW))
				continue;	/* large pages are read-write */
			rc = split(pde);
			if (rc < 0)
				return rc;
		}
		pte = &table_at(*pde)[(p >> 12) & 511];
		*pte = (*pte & PTE_ADDR) | flags;
		__asm__ __volatile__("invlpg (%0)" : : "r"(p) : "memory");
	}
	return 0;
}

/* True when every page of [p, end) is present in the page tables. */
bool kvm_range_present(uintptr_t p, uintptr_t end)
{
	while (p < end) {
		uint64_t *pde = pd_entry(p);

		if (!(*pde & PTE_P))
			return false;
		if (*pde & PTE_PS) {
			p = UK_ALIGN_DOWN(p, LARGE) + LARGE;
			continue;
		}
		if (!(table_at(*pde)[(p >> 12) & 511] & PTE_P))
			return false;
		p = UK_ALIGN_DOWN(p, UK_PAGE_SIZE) + UK_PAGE_SIZE;
	}
	return true;
}
