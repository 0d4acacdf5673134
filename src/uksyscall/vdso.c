/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: a minimal vDSO. musl looks up __vdso_clock_gettime in the
 * ELF image that the auxiliary vector's AT_SYSINFO_EHDR names, and calls
 * it instead of trapping. Ours is built in memory at boot: one loadable
 * segment at offset 0, a dynamic section, a hash table with one symbol.
 * The function answers the wall and monotonic clocks and declines the
 * rest with ENOSYS, which makes musl fall back to the system call.
 */
#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <uk/plat.h>
#include <uk/syscall.h>

#define NSEC_PER_SEC	1000000000ULL
#define SYM_NAME	"__vdso_clock_gettime"

struct vdso_image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[2];
	Elf64_Dyn dyn[4];
	Elf64_Sym sym[2];		/* the null symbol, then ours */
	uint32_t hash[5];		/* nbucket 1, nchain 2, bucket, chain */
	char strings[sizeof(SYM_NAME) + 1];
};

static struct vdso_image vdso;

static int vdso_clock_gettime(clockid_t clk, struct timespec *ts)
{
	uint64_t ns;

	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = ukplat_wall_clock_at_boot_ns() + ukplat_monotonic_ns();
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ns = ukplat_monotonic_ns();
		break;
	default:
		return -ENOSYS;
	}
	if (!ukplat_access_ok(ts, sizeof(*ts)))
		return -EFAULT;
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
	return 0;
}

#define OFF(field)	offsetof(struct vdso_image, field)

const void *uk_syscall_vdso(void)
{
	static const unsigned char ident[] = {
		ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB,
		EV_CURRENT,
	};

	memcpy(vdso.eh.e_ident, ident, sizeof(ident));
	vdso.eh.e_type = ET_DYN;
	vdso.eh.e_machine = EM_X86_64;
	vdso.eh.e_version = EV_CURRENT;
	vdso.eh.e_phoff = OFF(ph);
	vdso.eh.e_ehsize = sizeof(vdso.eh);
	vdso.eh.e_phentsize = sizeof(vdso.ph[0]);
	vdso.eh.e_phnum = 2;
	vdso.ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
				   .p_filesz = sizeof(vdso),
				   .p_memsz = sizeof(vdso) };
	vdso.ph[1] = (Elf64_Phdr){ .p_type = PT_DYNAMIC, .p_flags = PF_R,
				   .p_offset = OFF(dyn),
				   .p_filesz = sizeof(vdso.dyn) };
	vdso.dyn[0] = (Elf64_Dyn){ DT_STRTAB, { OFF(strings) } };
	vdso.dyn[1] = (Elf64_Dyn){ DT_SYMTAB, { OFF(sym) } };
	vdso.dyn[2] = (Elf64_Dyn){ DT_HASH, { OFF(hash) } };
	strcpy(vdso.strings + 1, SYM_NAME);
	vdso.sym[1] = (Elf64_Sym){
		.st_name = 1,
		.st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
		.st_shndx = 1,
		.st_value = (uintptr_t)vdso_clock_gettime - (uintptr_t)&vdso,
	};
	vdso.hash[0] = 1;	/* one bucket */
	vdso.hash[1] = 2;	/* two symbols */
	vdso.hash[2] = 1;	/* the bucket starts at our symbol */
	return &vdso;
}
