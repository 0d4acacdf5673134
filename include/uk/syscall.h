/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: the Linux x86_64 system call ABI, served in-kernel. musl's
 * `syscall` instruction lands in an entry stub (MSR LSTAR) that moves to
 * the syscall stack before touching memory, then a table indexed by the
 * Linux number calls an ordinary C function. An unimplemented number
 * returns -ENOSYS and logs its name the first time.
 *
 * Handlers return a result or -errno, as the kernel ABI does; musl turns
 * that into errno. A libc built from source may call uk_syscall() or a
 * handler directly instead of trapping.
 */
#ifndef UK_SYSCALL_H
#define UK_SYSCALL_H

#include <stddef.h>
#include <sys/types.h>

struct iovec;
struct timespec;
struct timeval;
struct utsname;

/* Run system call nr with up to six arguments, as the trap would. */
long uk_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
		long a6);

/* Number of table slots: every Linux x86_64 number below it. */
#define UK_SYSCALL_MAX	512

/*
 * The top of the stack the entry stub switches to. One stack per thread:
 * a scheduler sets this when it switches threads. Interrupts stay off
 * from the `syscall` instruction until the stack is switched.
 */
extern void *uk_syscall_stack_top;

/* The handlers, by family. Arguments as the Linux man pages name them. */
ssize_t uk_sys_read(int fd, void *buf, size_t count);
ssize_t uk_sys_write(int fd, const void *buf, size_t count);
ssize_t uk_sys_writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t uk_sys_readv(int fd, const struct iovec *iov, int iovcnt);
int uk_sys_ioctl(int fd, unsigned long request, void *arg);

void *uk_sys_brk(void *addr);
void *uk_sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
int uk_sys_munmap(void *addr, size_t len);
void *uk_sys_mremap(void *old, size_t old_len, size_t new_len, int flags,
		    void *new_addr);
int uk_sys_mprotect(void *addr, size_t len, int prot);
int uk_sys_madvise(void *addr, size_t len, int advice);

void uk_sys_exit(int status) __attribute__((noreturn));
void uk_sys_exit_group(int status) __attribute__((noreturn));
int uk_sys_arch_prctl(int code, unsigned long addr);
pid_t uk_sys_set_tid_address(int *tidptr);
pid_t uk_sys_getpid(void);
pid_t uk_sys_gettid(void);
int uk_sys_uname(struct utsname *buf);

int uk_sys_clock_gettime(clockid_t clk, struct timespec *ts);
int uk_sys_gettimeofday(struct timeval *tv, void *tz);

ssize_t uk_sys_getrandom(void *buf, size_t len, unsigned int flags);

#endif /* UK_SYSCALL_H */
