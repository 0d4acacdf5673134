/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore: the system call handlers, as C functions with their types. */
#ifndef VFSCORE_SYS_H
#define VFSCORE_SYS_H

#include <fcntl.h>
#include <stdint.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>

/* The Linux ABI's statx record (musl 1.2.3 has no header for it). */
struct uk_statx_time {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct uk_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, pad0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct uk_statx_time stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t spare[14];
};

#define UK_STATX_BASIC_STATS	0x7ff

ssize_t uk_vfs_sys_read(int fd, void *buf, size_t len);
ssize_t uk_vfs_sys_write(int fd, const void *buf, size_t len);
ssize_t uk_vfs_sys_pread64(int fd, void *buf, size_t len, off_t off);
ssize_t uk_vfs_sys_pwrite64(int fd, const void *buf, size_t len, off_t off);
ssize_t uk_vfs_sys_readv(int fd, const struct iovec *iov, int cnt);
ssize_t uk_vfs_sys_writev(int fd, const struct iovec *iov, int cnt);
ssize_t uk_vfs_sys_preadv(int fd, const struct iovec *iov, int cnt,
			  off_t off);
ssize_t uk_vfs_sys_pwritev(int fd, const struct iovec *iov, int cnt,
			   off_t off);
off_t uk_vfs_sys_lseek(int fd, off_t off, int whence);
int uk_vfs_sys_fstat(int fd, struct stat *st);
int uk_vfs_sys_ftruncate(int fd, off_t len);
int uk_vfs_sys_fsync(int fd);
int uk_vfs_sys_fallocate(int fd, int mode, off_t off, off_t len);
int uk_vfs_sys_close(int fd);
int uk_vfs_sys_dup(int fd);
int uk_vfs_sys_dup2(int fd, int nfd);
int uk_vfs_sys_dup3(int fd, int nfd, int flags);
long uk_vfs_sys_fcntl(int fd, int cmd, unsigned long arg);
int uk_vfs_sys_flock(int fd, int op);
int uk_vfs_sys_ioctl(int fd, unsigned long req, void *arg);
int uk_sys_pipe2(int *fdpair, int flags);

int uk_vfs_sys_open(const char *path, int flags, mode_t mode);
int uk_vfs_sys_openat(int dirfd, const char *path, int flags, mode_t mode);
int uk_vfs_sys_creat(const char *path, mode_t mode);
int uk_vfs_sys_mkdirat(int dirfd, const char *path, mode_t mode);
int uk_vfs_mkdirat(int dirfd, const char *path, mode_t mode);
int uk_vfs_sys_unlinkat(int dirfd, const char *path, int flags);
int uk_vfs_sys_renameat2(int odirfd, const char *oldpath, int ndirfd,
			 const char *newpath, unsigned int flags);
int uk_vfs_sys_linkat(int odirfd, const char *oldpath, int ndirfd,
		      const char *newpath, int flags);
int uk_vfs_sys_symlinkat(const char *target, int dirfd, const char *path);
ssize_t uk_vfs_sys_readlinkat(int dirfd, const char *path, char *buf,
			      size_t len);
int uk_vfs_sys_truncate(const char *path, off_t len);
mode_t uk_vfs_sys_umask(mode_t mask);

int uk_vfs_sys_stat(const char *path, struct stat *st);
int uk_vfs_sys_lstat(const char *path, struct stat *st);
int uk_vfs_sys_newfstatat(int dirfd, const char *path, struct stat *st,
			  int flags);
int uk_vfs_sys_statx(int dirfd, const char *path, int flags,
		     unsigned int mask, struct uk_statx *sx);
int uk_vfs_sys_access(const char *path, int mode);
int uk_vfs_sys_faccessat2(int dirfd, const char *path, int mode, int flags);
int uk_vfs_sys_chdir(const char *path);
int uk_vfs_sys_fchdir(int fd);
long uk_vfs_sys_getcwd(char *buf, size_t size);
int uk_vfs_sys_chmod(const char *path, mode_t mode);
int uk_vfs_sys_fchownat(int dirfd, const char *path, uid_t uid, gid_t gid,
			int flags);
int uk_vfs_sys_fchown(int fd, uid_t uid, gid_t gid);
int uk_vfs_sys_fchmod(int fd, mode_t mode);
int uk_vfs_sys_fchmodat(int dirfd, const char *path, mode_t mode);
int uk_vfs_sys_utimensat(int dirfd, const char *path,
			 const struct timespec *times, int flags);
int uk_vfs_sys_statfs(const char *path, struct statfs *sf);
int uk_vfs_sys_fstatfs(int fd, struct statfs *sf);
long uk_vfs_sys_getdents64(int fd, void *buf, size_t len);
int uk_vfs_sys_poll(struct pollfd *fds, nfds_t n, int timeout_ms);
int uk_vfs_sys_ppoll(struct pollfd *fds, nfds_t n,
		     const struct timespec *ts, const void *sigmask);

#endif /* VFSCORE_SYS_H */
