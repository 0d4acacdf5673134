/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the system call table entries, registered at boot in place of
 * uksyscall's console-only answers. Each adapter turns the six raw
 * registers into the handler's own types.
 */
#include <poll.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <uk/syscall.h>
#include "vfscore.h"
#include "sys.h"

#define RAW(name, call)							\
	static long raw_##name(long a, long b, long c, long d, long e,	\
			       long f)					\
	{								\
		return (long)(call);					\
	}

#define S(x)	((const char *)(x))
#define I(x)	((int)(x))
#define Z(x)	((size_t)(x))

RAW(read, uk_vfs_sys_read(I(a), (void *)b, Z(c)))
RAW(write, uk_vfs_sys_write(I(a), (const void *)b, Z(c)))
RAW(pread64, uk_vfs_sys_pread64(I(a), (void *)b, Z(c), (off_t)d))
RAW(pwrite64, uk_vfs_sys_pwrite64(I(a), (const void *)b, Z(c), (off_t)d))
RAW(readv, uk_vfs_sys_readv(I(a), (const struct iovec *)b, I(c)))
RAW(writev, uk_vfs_sys_writev(I(a), (const struct iovec *)b, I(c)))
RAW(preadv, uk_vfs_sys_preadv(I(a), (const struct iovec *)b, I(c),
			      (off_t)d))
RAW(pwritev, uk_vfs_sys_pwritev(I(a), (const struct iovec *)b, I(c),
				(off_t)d))
RAW(lseek, uk_vfs_sys_lseek(I(a), (off_t)b, I(c)))
RAW(fstat, uk_vfs_sys_fstat(I(a), (struct stat *)b))
RAW(ftruncate, uk_vfs_sys_ftruncate(I(a), (off_t)b))
RAW(fsync, uk_vfs_sys_fsync(I(a)))
RAW(fallocate, uk_vfs_sys_fallocate(I(a), I(b), (off_t)c, (off_t)d))
RAW(close, uk_vfs_sys_close(I(a)))
RAW(dup, uk_vfs_sys_dup(I(a)))
RAW(dup2, uk_vfs_sys_dup2(I(a), I(b)))
RAW(dup3, uk_vfs_sys_dup3(I(a), I(b), I(c)))
RAW(fcntl, uk_vfs_sys_fcntl(I(a), I(b), (unsigned long)c))
RAW(flock, uk_vfs_sys_flock(I(a), I(b)))
RAW(ioctl, uk_vfs_sys_ioctl(I(a), (unsigned long)b, (void *)c))
RAW(pipe, uk_sys_pipe2((int *)a, 0))
RAW(pipe2, uk_sys_pipe2((int *)a, I(b)))
RAW(open, uk_vfs_sys_open(S(a), I(b), (mode_t)c))
RAW(openat, uk_vfs_sys_openat(I(a), S(b), I(c), (mode_t)d))
RAW(creat, uk_vfs_sys_creat(S(a), (mode_t)b))
RAW(mkdir, uk_vfs_sys_mkdirat(AT_FDCWD, S(a), (mode_t)b))
RAW(mkdirat, uk_vfs_sys_mkdirat(I(a), S(b), (mode_t)c))
RAW(rmdir, uk_vfs_sys_unlinkat(AT_FDCWD, S(a), AT_REMOVEDIR))
RAW(unlink, uk_vfs_sys_unlinkat(AT_FDCWD, S(a), 0))
RAW(unlinkat, uk_vfs_sys_unlinkat(I(a), S(b), I(c)))
RAW(rename, uk_vfs_sys_renameat2(AT_FDCWD, S(a), AT_FDCWD, S(b), 0))
RAW(renameat, uk_vfs_sys_renameat2(I(a), S(b), I(c), S(d), 0))
RAW(renameat2, uk_vfs_sys_renameat2(I(a), S(b), I(c), S(d),
				    (unsigned int)e))
RAW(link, uk_vfs_sys_linkat(AT_FDCWD, S(a), AT_FDCWD, S(b), 0))
RAW(linkat, uk_vfs_sys_linkat(I(a), S(b), I(c), S(d), I(e)))
RAW(symlink, uk_vfs_sys_symlinkat(S(a), AT_FDCWD, S(b)))
RAW(symlinkat, uk_vfs_sys_symlinkat(S(a), I(b), S(c)))
RAW(readlink, uk_vfs_sys_readlinkat(AT_FDCWD, S(a), (char *)b, Z(c)))
RAW(readlinkat, uk_vfs_sys_readlinkat(I(a), S(b), (char *)c, Z(d)))
RAW(truncate, uk_vfs_sys_truncate(S(a), (off_t)b))
RAW(umask, uk_vfs_sys_umask((mode_t)a))
RAW(stat, uk_vfs_sys_stat(S(a), (struct stat *)b))
RAW(lstat, uk_vfs_sys_lstat(S(a), (struct stat *)b))
RAW(newfstatat, uk_vfs_sys_newfstatat(I(a), S(b), (struct stat *)c, I(d)))
RAW(statx, uk_vfs_sys_statx(I(a), S(b), I(c), (unsigned int)d,
			    (struct uk_statx *)e))
RAW(access, uk_vfs_sys_access(S(a), I(b)))
RAW(faccessat, uk_vfs_sys_faccessat2(I(a), S(b), I(c), 0))
RAW(faccessat2, uk_vfs_sys_faccessat2(I(a), S(b), I(c), I(d)))
RAW(chdir, uk_vfs_sys_chdir(S(a)))
RAW(fchdir, uk_vfs_sys_fchdir(I(a)))
RAW(getcwd, uk_vfs_sys_getcwd((char *)a, Z(b)))
RAW(chmod, uk_vfs_sys_chmod(S(a), (mode_t)b))
RAW(chown, uk_vfs_sys_fchownat(AT_FDCWD, S(a), (uid_t)b, (gid_t)c, 0))
RAW(lchown, uk_vfs_sys_fchownat(AT_FDCWD, S(a), (uid_t)b, (gid_t)c,
				AT_SYMLINK_NOFOLLOW))
RAW(fchownat, uk_vfs_sys_fchownat(I(a), S(b), (uid_t)c, (gid_t)d, I(e)))
RAW(fchown, uk_vfs_sys_fchown(I(a), (uid_t)b, (gid_t)c))
RAW(fchmod, uk_vfs_sys_fchmod(I(a), (mode_t)b))
RAW(fchmodat, uk_vfs_sys_fchmodat(I(a), S(b), (mode_t)c))
RAW(utimensat, uk_vfs_sys_utimensat(I(a), S(b), (const struct timespec *)c,
				    I(d)))
RAW(statfs, uk_vfs_sys_statfs(S(a), (struct statfs *)b))
RAW(fstatfs, uk_vfs_sys_fstatfs(I(a), (struct statfs *)b))
RAW(getdents64, uk_vfs_sys_getdents64(I(a), (void *)b, Z(c)))
RAW(poll, uk_vfs_sys_poll((struct pollfd *)a, (nfds_t)b, I(c)))
RAW(ppoll, uk_vfs_sys_ppoll((struct pollfd *)a, (nfds_t)b,
			    (const struct timespec *)c, (const void *)d))

static const struct {
	long nr;
	uk_syscall_fn fn;
} table[] = {
	{ SYS_read, raw_read }, { SYS_write, raw_write },
	{ SYS_pread64, raw_pread64 }, { SYS_pwrite64, raw_pwrite64 },
	{ SYS_readv, raw_readv }, { SYS_writev, raw_writev },
	{ SYS_preadv, raw_preadv }, { SYS_pwritev, raw_pwritev },
	{ SYS_lseek, raw_lseek }, { SYS_fstat, raw_fstat },
	{ SYS_ftruncate, raw_ftruncate }, { SYS_fsync, raw_fsync },
	{ SYS_fdatasync, raw_fsync }, { SYS_fallocate, raw_fallocate },
	{ SYS_close, raw_close }, { SYS_dup, raw_dup },
	{ SYS_dup2, raw_dup2 }, { SYS_dup3, raw_dup3 },
	{ SYS_fcntl, raw_fcntl }, { SYS_flock, raw_flock },
	{ SYS_ioctl, raw_ioctl }, { SYS_pipe, raw_pipe },
	{ SYS_pipe2, raw_pipe2 }, { SYS_open, raw_open },
	{ SYS_openat, raw_openat }, { SYS_creat, raw_creat },
	{ SYS_mkdir, raw_mkdir }, { SYS_mkdirat, raw_mkdirat },
	{ SYS_rmdir, raw_rmdir }, { SYS_unlink, raw_unlink },
	{ SYS_unlinkat, raw_unlinkat }, { SYS_rename, raw_rename },
	{ SYS_renameat, raw_renameat }, { SYS_renameat2, raw_renameat2 },
	{ SYS_link, raw_link }, { SYS_linkat, raw_linkat },
	{ SYS_symlink, raw_symlink }, { SYS_symlinkat, raw_symlinkat },
	{ SYS_readlink, raw_readlink }, { SYS_readlinkat, raw_readlinkat },
	{ SYS_truncate, raw_truncate }, { SYS_umask, raw_umask },
	{ SYS_stat, raw_stat }, { SYS_lstat, raw_lstat },
	{ SYS_newfstatat, raw_newfstatat }, { SYS_statx, raw_statx },
	{ SYS_access, raw_access }, { SYS_faccessat, raw_faccessat },
	{ SYS_faccessat2, raw_faccessat2 }, { SYS_chdir, raw_chdir },
	{ SYS_fchdir, raw_fchdir }, { SYS_getcwd, raw_getcwd },
	{ SYS_chmod, raw_chmod }, { SYS_fchmod, raw_fchmod },
	{ SYS_chown, raw_chown }, { SYS_lchown, raw_lchown },
	{ SYS_fchownat, raw_fchownat }, { SYS_fchown, raw_fchown },
	{ SYS_fchmodat, raw_fchmodat }, { SYS_utimensat, raw_utimensat },
	{ SYS_statfs, raw_statfs }, { SYS_fstatfs, raw_fstatfs },
	{ SYS_getdents64, raw_getdents64 }, { SYS_poll, raw_poll },
	{ SYS_ppoll, raw_ppoll },
};

void uk_vfs_register_syscalls(void)
{
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(table); i++)
		uk_syscall_register(table[i].nr, table[i].fn);
}
