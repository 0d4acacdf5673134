/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: turn the loader's boot information (PVH start info or a
 * Multiboot info block) into a struct ukplat_bootinfo: the command line
 * copied out, and a memory map with the image, low memory and the
 * initrd carved out of the free RAM.
 */
#include <errno.h>
#include <string.h>
#include <uk/print.h>
#include "kvm.h"

#define PVH_MAGIC		0x336ec578
#define E820_RAM		1
#define MB_INFO_CMDLINE		(1u << 2)
#define MB_INFO_MODS		(1u << 3)
#define MB_INFO_MMAP		(1u << 6)
#define LOW_MEMORY_END		0x100000ULL
#define CMDLINE_MAX		4096

struct pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;		/* version 1 and later */
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct pvh_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

struct pvh_module {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
};

struct mb_mmap_entry {
	uint32_t size;		/* of the rest of the entry */
	uint64_t addr;
	uint64_t len;
	uint32_t type;
} __uk_packed;

struct mb_module {
	uint32_t start, end, cmdline, reserved;
};

static char cmdline_copy[CMDLINE_MAX] __uk_section(".bss.boot");

static int add_region(struct ukplat_bootinfo *bi, uint64_t base, uint64_t len,
		      enum ukplat_memr_type type)
{
	if (!len)
		return 0;
	if (bi->mr_count == UKPLAT_MEMREGION_MAX) {
		uk_pr_err("more than %d memory regions", UKPLAT_MEMREGION_MAX);
		return -E2BIG;
	}
	bi->mr[bi->mr_count++] = (struct ukplat_memregion){ base, len, type };
	return 0;
}

/* Take [base, base+len) out of every free region and record it as type. */
static int carve(struct ukplat_bootinfo *bi, uint64_t base, uint64_t len,
		 enum ukplat_memr_type type)
{
	uint64_t end = base + len;
	unsigned int i, n = bi->mr_count;
	int rc;

	for (i = 0; i < n; i++) {
		struct ukplat_memregion *r = &bi->mr[i];
		uint64_t rend = r->base + r->len;

		if (r->type != UKPLAT_MEMR_FREE || end <= r->base ||
		    base >= rend)
			continue;
		if (base > r->base && end < rend) {
			rc = add_region(bi, end, rend - end, UKPLAT_MEMR_FREE);
			if (rc < 0)
				return rc;
			r->len = base - r->base;
		} else if (base > r->base) {
			r->len = base - r->base;
		} else if (end < rend) {
			r->len = rend - end;
			r->base = end;
		} else {
			r->len = 0;
		}
	}
	if (type == UKPLAT_MEMR_RESERVED)
		return 0;
	return add_region(bi, base, len, type);
}

static void drop_empty(struct ukplat_bootinfo *bi)
{
	unsigned int i, n = 0;

	for (i = 0; i < bi->mr_count; i++)
		if (bi->mr[i].len)
			bi->mr[n++] = bi->mr[i];
	bi->mr_count = n;
}

/* RAM as the loader described it, for pointer checks. */
struct kvm_range kvm_ram[KVM_RAM_MAX] __uk_section(".bss.boot");
unsigned int kvm_ram_count __uk_section(".bss.boot");

static int add_ram(struct ukplat_bootinfo *bi, uint64_t base, uint64_t len)
{
	if (base >= KVM_MAPPED_TOP) {
		uk_pr_warn("RAM at 0x%llx above the mapped 4 GiB is unused",
			   (unsigned long long)base);
		return 0;
	}
	if (base + len > KVM_MAPPED_TOP)
		len = KVM_MAPPED_TOP - base;
	kvm_map_ram(base, base + len);
	if (kvm_ram_count < KVM_RAM_MAX)
		kvm_ram[kvm_ram_count++] = (struct kvm_range){ base,
							       base + len };
	return add_region(bi, base, len, UKPLAT_MEMR_FREE);
}

static int set_cmdline(struct ukplat_bootinfo *bi, const char *s)
{
	size_t n = s ? strnlen(s, CMDLINE_MAX) : 0;

	if (n == CMDLINE_MAX) {
		uk_pr_err("command line longer than %d bytes", CMDLINE_MAX - 1);
		return -E2BIG;
	}
	memcpy(cmdline_copy, s, n);
	cmdline_copy[n] = '\0';
	bi->cmdline = cmdline_copy;
	return 0;
}

static int parse_pvh(struct ukplat_bootinfo *bi, struct pvh_start_info *si)
{
	struct pvh_memmap_entry *mm;
	struct pvh_module *mod;
	uint32_t i;
	int rc;

	if (si->magic != PVH_MAGIC || si->version < 1 || !si->memmap_paddr) {
		uk_pr_err("PVH start info without a memory map");
		return -EINVAL;
	}
	rc = set_cmdline(bi, (const char *)(uintptr_t)si->cmdline_paddr);
	mm = (struct pvh_memmap_entry *)(uintptr_t)si->memmap_paddr;
	for (i = 0; rc == 0 && i < si->memmap_entries; i++)
		if (mm[i].type == E820_RAM)
			rc = add_ram(bi, mm[i].addr, mm[i].size);
	mod = (struct pvh_module *)(uintptr_t)si->modlist_paddr;
	for (i = 0; rc == 0 && mod && i < si->nr_modules; i++)
		rc = carve(bi, mod[i].paddr, mod[i].size, UKPLAT_MEMR_INITRD);
	return rc;
}

/* Multiboot loaders put the kernel's path first on the command line. */
static const char *skip_first_word(const char *s)
{
	while (*s && *s != ' ')
		s++;
	while (*s == ' ')
		s++;
	return s;
}

static int parse_multiboot(struct ukplat_bootinfo *bi, struct mb_info *mi)
{
	uintptr_t p, end;
	struct mb_module *mod;
	uint32_t i;
	int rc = 0;

	if (!(mi->flags & MB_INFO_MMAP)) {
		uk_pr_err("Multiboot info without a memory map");
		return -EINVAL;
	}
	if (mi->flags & MB_INFO_CMDLINE)
		rc = set_cmdline(bi, skip_first_word(
				 (const char *)(uintptr_t)mi->cmdline));
	else
		rc = set_cmdline(bi, "");
	end = mi->mmap_addr + mi->mmap_length;
	for (p = mi->mmap_addr; rc == 0 && p < end;) {
		struct mb_mmap_entry *e = (struct mb_mmap_entry *)p;

		if (e->type == E820_RAM)
			rc = add_ram(bi, e->addr, e->len);
		p += e->size + sizeof(e->size);
	}
	mod = (struct mb_module *)(uintptr_t)mi->mods_addr;
	for (i = 0; rc == 0 && (mi->flags & MB_INFO_MODS) &&
		    i < mi->mods_count; i++)
		rc = carve(bi, mod[i].start, mod[i].end - mod[i].start,
			   UKPLAT_MEMR_INITRD);
	return rc;
}

/* The whole image, bss included, must lie in one RAM region. */
static int check_image_fits(const struct ukplat_bootinfo *bi)
{
	uint64_t lo = (uintptr_t)__image_start, hi = (uintptr_t)__image_end;
	unsigned int i;

	for (i = 0; i < bi->mr_count; i++)
		if (bi->mr[i].base <= lo &&
		    bi->mr[i].base + bi->mr[i].len >= hi)
			return 0;
	uk_pr_crit("the image needs RAM up to %llu KiB; give the guest more "
		   "memory (-m)", (unsigned long long)(hi + 1023) / 1024);
	return -ENOMEM;
}

int kvm_bootinfo_parse(struct ukplat_bootinfo *bi, unsigned int protocol,
		       uint32_t info)
{
	uint64_t img = (uintptr_t)__image_start;
	int rc;

	bi->mapped_top = KVM_MAPPED_TOP;
	if (protocol == KVM_BOOT_PVH) {
		bi->protocol = "pvh";
		rc = parse_pvh(bi, (struct pvh_start_info *)(uintptr_t)info);
	} else {
		bi->protocol = "multiboot";
		rc = parse_multiboot(bi, (struct mb_info *)(uintptr_t)info);
	}
	if (rc == 0)
		rc = check_image_fits(bi);
	if (rc == 0)
		rc = carve(bi, 0, LOW_MEMORY_END, UKPLAT_MEMR_RESERVED);
	if (rc == 0)
		rc = carve(bi, img, (uintptr_t)__image_end - img,
			   UKPLAT_MEMR_KERNEL);
	drop_empty(bi);
	return rc;
}
