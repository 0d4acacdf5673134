/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: the table from Linux numbers to handlers, the dispatcher
 * the entry stub calls, and the MSR set-up that routes `syscall` here.
 */
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <uk/arch/x86_64.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/syscall.h>
#include "syscall_names.h"

#define SYSCALL_STACK_SIZE	(32 * 1024)

/* Adapters from the six raw registers to each handler's own types. */
#define RAW(name, call)							\
	static long raw_##name(long a, long b, long c, long d, long e,	\
			       long f)					\
	{								\
		return (long)(call);					\
	}

RAW(read, uk_sys_read((int)a, (void *)b, (size_t)c))
RAW(write, uk_sys_write((int)a, (const void *)b, (size_t)c))
RAW(readv, uk_sys_readv((int)a, (const struct iovec *)b, (int)c))
RAW(writev, uk_sys_writev((int)a, (const struct iovec *)b, (int)c))
RAW(ioctl, uk_sys_ioctl((int)a, (unsigned long)b, (void *)c))
RAW(brk, uk_sys_brk((void *)a))
RAW(mmap, uk_sys_mmap((void *)a, (size_t)b, (int)c, (int)d, (int)e,
		      (off_t)f))
RAW(munmap, uk_sys_munmap((void *)a, (size_t)b))
RAW(mremap, uk_sys_mremap((void *)a, (size_t)b, (size_t)c, (int)d,
			  (void *)e))
RAW(mprotect, uk_sys_mprotect((void *)a, (size_t)b, (int)c))
RAW(msync, uk_sys_msync((void *)a, (size_t)b, (int)c))
RAW(madvise, uk_sys_madvise((void *)a, (size_t)b, (int)c))
RAW(arch_prctl, uk_sys_arch_prctl((int)a, (unsigned long)b))
RAW(set_tid_address, uk_sys_set_tid_address((int *)a))
RAW(getpid, uk_sys_getpid())
RAW(getuid, uk_sys_getuid())
RAW(gettid, uk_sys_gettid())
RAW(uname, uk_sys_uname((struct utsname *)a))
RAW(clock_gettime, uk_sys_clock_gettime((clockid_t)a,
					(struct timespec *)b))
RAW(gettimeofday, uk_sys_gettimeofday((struct timeval *)a, (void *)b))
RAW(getrandom, uk_sys_getrandom((void *)a, (size_t)b, (unsigned int)c))

RAW(rt_sigaction, uk_sys_rt_sigaction((int)a, (const void *)b, (void *)c,
				      (size_t)d))
RAW(rt_sigprocmask, uk_sys_rt_sigprocmask((int)a, (const uint64_t *)b,
					  (uint64_t *)c, (size_t)d))
RAW(sigaltstack, uk_sys_sigaltstack((const stack_t *)a, (stack_t *)b))
RAW(tgkill, uk_sys_tgkill((int)a, (int)b, (int)c))
RAW(tkill, uk_sys_tkill((int)a, (int)b))
RAW(kill, uk_sys_kill((pid_t)a, (int)b))
RAW(clock_getres, uk_sys_clock_getres((clockid_t)a, (struct timespec *)b))
RAW(sched_getaffinity, uk_sys_sched_getaffinity((pid_t)a, (size_t)b,
						(unsigned long *)c))
RAW(sysinfo, uk_sys_sysinfo((struct sysinfo *)a))
RAW(prlimit64, uk_sys_prlimit64((pid_t)a, (int)b, (const struct rlimit *)c,
				(struct rlimit *)d))

static long raw_exit(long a, long b, long c, long d, long e, long f)
{
	uk_sys_exit((int)a);
}

static long raw_exit_group(long a, long b, long c, long d, long e, long f)
{
	uk_sys_exit_group((int)a);
}

static uk_syscall_fn syscall_table[UK_SYSCALL_MAX] = {
	[SYS_read] = raw_read,
	[SYS_write] = raw_write,
	[SYS_readv] = raw_readv,
	[SYS_writev] = raw_writev,
	[SYS_ioctl] = raw_ioctl,
	[SYS_brk] = raw_brk,
	[SYS_mmap] = raw_mmap,
	[SYS_munmap] = raw_munmap,
	[SYS_mremap] = raw_mremap,
	[SYS_mprotect] = raw_mprotect,
	[SYS_msync] = raw_msync,
	[SYS_madvise] = raw_madvise,
	[SYS_exit] = raw_exit,
	[SYS_exit_group] = raw_exit_group,
	[SYS_arch_prctl] = raw_arch_prctl,
	[SYS_set_tid_address] = raw_set_tid_address,
	[SYS_getpid] = raw_getpid,
	[SYS_getppid] = raw_getuid,
	[SYS_getuid] = raw_getuid,
	[SYS_geteuid] = raw_getuid,
	[SYS_getgid] = raw_getuid,
	[SYS_getegid] = raw_getuid,
	[SYS_gettid] = raw_gettid,
	[SYS_uname] = raw_uname,
	[SYS_clock_gettime] = raw_clock_gettime,
	[SYS_gettimeofday] = raw_gettimeofday,
	[SYS_getrandom] = raw_getrandom,
	[SYS_rt_sigaction] = raw_rt_sigaction,
	[SYS_rt_sigprocmask] = raw_rt_sigprocmask,
	[SYS_sigaltstack] = raw_sigaltstack,
	[SYS_tgkill] = raw_tgkill,
	[SYS_tkill] = raw_tkill,
	[SYS_kill] = raw_kill,
	[SYS_clock_getres] = raw_clock_getres,
	[SYS_sched_getaffinity] = raw_sched_getaffinity,
	[SYS_sysinfo] = raw_sysinfo,
	[SYS_prlimit64] = raw_prlimit64,
};

uk_syscall_fn uk_syscall_register(long nr, uk_syscall_fn fn)
{
	uk_syscall_fn old;

	if (nr < 0 || nr >= UK_SYSCALL_MAX)
		return NULL;
	old = syscall_table[nr];
	syscall_table[nr] = fn;
	return old;
}

struct uk_syscall_frame *uk_syscall_current_frame(void)
{
	return (struct uk_syscall_frame *)uk_syscall_stack_top - 1;
}

static uint8_t warned[UK_SYSCALL_MAX / 8];

/* Calls that another micro-library serves: name it in the warning. */
static const char *provider(long nr)
{
	static const long sched[] = {
		SYS_clone, SYS_futex, SYS_nanosleep, SYS_clock_nanosleep,
		SYS_sched_yield, SYS_getrusage,
	};
	static const long vfs[] = {
		SYS_open, SYS_openat, SYS_close, SYS_stat, SYS_fstat,
		SYS_lstat, SYS_newfstatat, SYS_lseek, SYS_pread64,
		SYS_pwrite64, SYS_mkdir, SYS_unlink, SYS_rename, SYS_pipe,
		SYS_pipe2, SYS_dup, SYS_dup2, SYS_dup3, SYS_fcntl,
		SYS_getdents64, SYS_getcwd, SYS_chdir, SYS_access, SYS_poll,
		SYS_statx, SYS_readlink, SYS_ftruncate, SYS_fsync,
	};
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(sched); i++)
		if (sched[i] == nr)
			return " (link uksched-coop for it)";
	for (i = 0; i < UK_ARRAY_SIZE(vfs); i++)
		if (vfs[i] == nr)
			return " (link vfscore for it)";
	return "";
}

static long unknown(long nr)
{
	const char *name = "unknown";

	if (nr >= 0 && nr < UK_SYSCALL_MAX) {
		if (nr < (long)UK_ARRAY_SIZE(syscall_names) &&
		    syscall_names[nr])
			name = syscall_names[nr];
		if (warned[nr / 8] & (1u << (nr % 8)))
			return -ENOSYS;
		warned[nr / 8] |= 1u << (nr % 8);
	}
	uk_pr_warn("system call %ld (%s) is not implemented: ENOSYS%s", nr,
		   name, provider(nr));
	return -ENOSYS;
}

long uk_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
		long a6)
{
	if (nr < 0 || nr >= UK_SYSCALL_MAX || !syscall_table[nr])
		return unknown(nr);
	return syscall_table[nr](a1, a2, a3, a4, a5, a6);
}

long uk_syscall_dispatch(long a1, long a2, long a3, long a4, long a5,
			 long a6, long nr);

long uk_syscall_dispatch(long a1, long a2, long a3, long a4, long a5,
			 long a6, long nr)
{
	return uk_syscall(nr, a1, a2, a3, a4, a5, a6);
}

static uint8_t boot_syscall_stack[SYSCALL_STACK_SIZE]
	__attribute__((aligned(16)));
void *uk_syscall_stack_top = boot_syscall_stack + SYSCALL_STACK_SIZE;

void uk_syscall_entry(void);

/*
 * `syscall` at ring 0 loads CS from STAR[47:32] and SS from that plus 8,
 * which is X86_GDT_CODE and X86_GDT_DATA; FMASK clears IF, DF, TF, AC.
 */
static int uksyscall_init(void)
{
	ukarch_wrmsr(X86_MSR_STAR, (uint64_t)X86_GDT_CODE << 32);
	ukarch_wrmsr(X86_MSR_LSTAR, (uintptr_t)uk_syscall_entry);
	ukarch_wrmsr(X86_MSR_FMASK, X86_RFLAGS_IF | X86_RFLAGS_DF |
		     X86_RFLAGS_AC | (1u << 8));
	ukarch_wrmsr(X86_MSR_EFER, ukarch_rdmsr(X86_MSR_EFER) | X86_EFER_SCE);
	return 0;
}
UK_INIT(uksyscall_init, UK_INIT_ARCH);

/* The anchor that uksyscall.pc names, so the init entry is linked. */
const char uksyscall_anchor[] = "uksyscall";
