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
#include <stdint.h>
#include <sys/types.h>

struct iovec;
struct timespec;
struct timeval;
struct utsname;

typedef long (*uk_syscall_fn)(long, long, long, long, long, long);

/*
 * Install fn as the handler of number nr, replacing the current one
 * (another library's, or the console default), which is returned so
 * that the new handler may delegate. Libraries call it from their init
 * functions. NULL for nr out of range.
 */
uk_syscall_fn uk_syscall_register(long nr, uk_syscall_fn fn);

/*
 * The caller's registers as the entry stub saved them, lowest address
 * first. Valid only inside a system call, on the syscall stack.
 */
struct uk_syscall_frame {
	uint64_t nr, r9, r8, r10, rdx, rsi, rdi, rip, rflags, rsp;
};

struct uk_syscall_frame *uk_syscall_current_frame(void);

/*
 * The vDSO image for the auxiliary vector (AT_SYSINFO_EHDR): musl calls
 * its __vdso_clock_gettime directly instead of trapping.
 */
const void *uk_syscall_vdso(void);

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
/*
 * The console as a file: write never fails; read waits for input and
 * reads ^D as end of file. Used by fds 0-2 here and by devfs.
 */
ssize_t uk_console_read(void *buf, size_t count);
ssize_t uk_console_write(const void *buf, size_t count);

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
int uk_sys_msync(void *addr, size_t len, int flags);

/*
 * For a VFS: len bytes were written at off to the file it calls key
 * (the key its uk_file_map() returned); shared mappings take them in.
 */
void uk_mmap_file_updated(void *key, off_t off, const void *data,
			  size_t len);
int uk_sys_madvise(void *addr, size_t len, int advice);

void uk_sys_exit(int status) __attribute__((noreturn));
void uk_sys_exit_group(int status) __attribute__((noreturn));
int uk_sys_arch_prctl(int code, unsigned long addr);
pid_t uk_sys_set_tid_address(int *tidptr);
pid_t uk_sys_getpid(void);
long uk_sys_getuid(void);	/* also geteuid, getgid, getegid, getppid */
pid_t uk_sys_gettid(void);
int uk_sys_uname(struct utsname *buf);

int uk_sys_clock_gettime(clockid_t clk, struct timespec *ts);
int uk_sys_gettimeofday(struct timeval *tv, void *tz);

ssize_t uk_sys_getrandom(void *buf, size_t len, unsigned int flags);

struct rlimit;
struct sysinfo;
int uk_sys_clock_getres(clockid_t clk, struct timespec *res);
int uk_sys_sched_getaffinity(pid_t pid, size_t len, unsigned long *mask);
int uk_sys_sysinfo(struct sysinfo *info);
int uk_sys_prlimit64(pid_t pid, int res, const struct rlimit *new,
		     struct rlimit *old);

/* Signals: the sigaction and mask arguments use the kernel's layout. */
int uk_sys_rt_sigaction(int sig, const void *act, void *old,
			size_t setsize);
int uk_sys_rt_sigprocmask(int how, const uint64_t *set, uint64_t *old,
			  size_t setsize);
int uk_sys_sigaltstack(const void *ss, void *old);
int uk_sys_tgkill(int tgid, int tid, int sig);
int uk_sys_tkill(int tid, int sig);
int uk_sys_kill(pid_t pid, int sig);

#endif /* UK_SYSCALL_H */
