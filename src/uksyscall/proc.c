/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: the process: one of it, pid 1, one thread until a scheduler
 * is linked. exit_group stops the machine with the status.
 */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <uk/arch/x86_64.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/syscall.h>

/* arch_prctl codes, from the Linux ABI (musl has no header for them). */
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003

void uk_sys_exit_group(int status)
{
	status &= 0xff;
	if (status > UKPLAT_STATUS_MAX) {
		uk_pr_warn("exit status %d does not fit the exit device: %d",
			   status, UKPLAT_STATUS_MAX);
		status = UKPLAT_STATUS_MAX;
	}
	ukplat_halt(status);
}

void uk_sys_exit(int status)
{
	uk_sys_exit_group(status);
}

int uk_sys_arch_prctl(int code, unsigned long addr)
{
	switch (code) {
	case ARCH_SET_FS:
		ukarch_wrmsr(X86_MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		if (!ukplat_access_ok((void *)addr, sizeof(unsigned long)))
			return -EFAULT;
		*(unsigned long *)addr = ukarch_rdmsr(X86_MSR_FS_BASE);
		return 0;
	default:
		return -EINVAL;
	}
}

pid_t uk_sys_set_tid_address(int *tidptr)
{
	return uk_sys_gettid();
}

pid_t uk_sys_getpid(void)
{
	return 1;
}

/* The one process runs as root: user and group 0, parent 0. */
long uk_sys_getuid(void)
{
	return 0;
}

pid_t uk_sys_gettid(void)
{
	return 1;
}

int uk_sys_uname(struct utsname *buf)
{
	if (!ukplat_access_ok(buf, sizeof(*buf)))
		return -EFAULT;
	memset(buf, 0, sizeof(*buf));
	strcpy(buf->sysname, "microkraft");
	strcpy(buf->nodename, "microkraft");
	strcpy(buf->release, PACKAGE_VERSION);
	strcpy(buf->version, "microkraft " PACKAGE_VERSION);
	strcpy(buf->machine, "x86_64");
	strcpy(buf->domainname, "(none)");
	return 0;
}
