/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Image test: files on vfscore, ramfs and devfs, through musl. Each check
 * prints "ok:" or "FAILED:"; the exit status is the number of failures.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

static int failed;

#define CHECK(what, cond)						\
	do {								\
		if (cond) {						\
			printf("ok: %s\n", what);			\
		} else {						\
			printf("FAILED: %s (errno %d %s)\n", what, errno, \
			       strerror(errno));			\
			failed++;					\
		}							\
	} while (0)

#define ERRNO_IS(call, e)	((call) == -1 && errno == (e))

static void check_basic_io(void)
{
	char buf[64] = { 0 };
	int fd = open("/tmp/a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);

	CHECK("create", fd >= 0);
	CHECK("write", write(fd, "hello world", 11) == 11);
	CHECK("seek to start", lseek(fd, 0, SEEK_SET) == 0);
	CHECK("read back", read(fd, buf, sizeof(buf)) == 11 &&
	      !strcmp(buf, "hello world"));
	CHECK("read at end of file", read(fd, buf, sizeof(buf)) == 0);
	CHECK("seek relative", lseek(fd, -5, SEEK_END) == 6);
	CHECK("pwrite", pwrite(fd, "WORLD", 5, 6) == 5);
	memset(buf, 0, sizeof(buf));
	CHECK("pread", pread(fd, buf, 11, 0) == 11 &&
	      !strcmp(buf, "hello WORLD"));
	CHECK("pread leaves the offset", lseek(fd, 0, SEEK_CUR) == 6);
	CHECK("ftruncate shrinks", ftruncate(fd, 5) == 0);
	CHECK("lseek end after truncate", lseek(fd, 0, SEEK_END) == 5);
	CHECK("ftruncate grows", ftruncate(fd, 100) == 0 &&
	      pread(fd, buf, 10, 90) == 10 && buf[0] == 0 && buf[9] == 0);
	CHECK("negative seek is EINVAL",
	      ERRNO_IS(lseek(fd, -1, SEEK_SET), EINVAL));
	close(fd);
	fd = open("/tmp/a.txt", O_WRONLY | O_APPEND);
	CHECK("append", write(fd, "!", 1) == 1 &&
	      lseek(fd, 0, SEEK_CUR) == 101);
	close(fd);
}

static void check_big_file(void)
{
	static char block[4096];
	struct stat st;
	int fd = open("/tmp/big", O_CREAT | O_RDWR | O_TRUNC, 0600);
	int i, ok = 1;

	for (i = 0; i < 64; i++) {
		memset(block, 'a' + i % 26, sizeof(block));
		ok &= write(fd, block, sizeof(block)) == sizeof(block);
		ok &= fstat(fd, &st) == 0 && st.st_size == (i + 1) * 4096;
	}
	CHECK("256 KiB in 4 KiB blocks, size checked by fstat", ok);
	CHECK("lseek SEEK_END says 256 KiB",
	      lseek(fd, 0, SEEK_END) == 256 * 1024);
	CHECK("stat agrees", stat("/tmp/big", &st) == 0 &&
	      st.st_size == 256 * 1024 && S_ISREG(st.st_mode) &&
	      st.st_nlink == 1 && st.st_blocks >= 512);
	CHECK("read the middle block", pread(fd, block, 4096, 4096 * 30) ==
	      4096 && block[0] == 'a' + 30 % 26 && block[4095] == block[0]);
	close(fd);
}

static void check_unlink_open(void)
{
	char buf[8] = { 0 };
	int fd = open("/tmp/gone", O_CREAT | O_RDWR, 0600);

	write(fd, "still", 5);
	CHECK("unlink an open file", unlink("/tmp/gone") == 0);
	CHECK("name is gone", ERRNO_IS(access("/tmp/gone", F_OK), ENOENT));
	CHECK("data lives while open", pread(fd, buf, 5, 0) == 5 &&
	      !strcmp(buf, "still"));
	CHECK("writes still work", pwrite(fd, "X", 1, 0) == 1);
	CHECK("close the last reference", close(fd) == 0);
}

static void check_rename(void)
{
	char buf[8] = { 0 };
	int fd;

	fd = open("/tmp/r1", O_CREAT | O_WRONLY, 0600);
	write(fd, "one", 3);
	close(fd);
	fd = open("/tmp/r2", O_CREAT | O_WRONLY, 0600);
	write(fd, "two", 3);
	close(fd);
	fd = open("/tmp/r2", O_RDONLY);
	CHECK("rename over an existing file", rename("/tmp/r1", "/tmp/r2") ==
	      0);
	CHECK("the old name is gone", ERRNO_IS(access("/tmp/r1", F_OK),
					       ENOENT));
	CHECK("the replaced file is still readable through its fd",
	      read(fd, buf, 3) == 3 && !strcmp(buf, "two"));
	close(fd);
	fd = open("/tmp/r2", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	CHECK("the new name has the moved data", read(fd, buf, 3) == 3 &&
	      !strcmp(buf, "one"));
	close(fd);
	mkdir("/tmp/d1", 0755);
	mkdir("/tmp/d1/sub", 0755);
	CHECK("rename a directory into itself is EINVAL",
	      ERRNO_IS(rename("/tmp/d1", "/tmp/d1/sub/x"), EINVAL));
	CHECK("rename a file over a directory is EISDIR",
	      ERRNO_IS(rename("/tmp/r2", "/tmp/d1"), EISDIR));
}

static void check_readdir(void)
{
	const char *names[] = { "alpha", "beta", "gamma" };
	struct dirent *de;
	int seen = 0, dots = 0, i;
	DIR *d;

	mkdir("/tmp/list", 0755);
	for (i = 0; i < 3; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/tmp/list/%s", names[i]);
		close(open(path, O_CREAT | O_WRONLY, 0644));
	}
	mkdir("/tmp/list/dir", 0755);
	d = opendir("/tmp/list");
	CHECK("opendir", d != NULL);
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			dots++;
		for (i = 0; i < 3; i++)
			if (!strcmp(de->d_name, names[i]) &&
			    de->d_type == DT_REG)
				seen++;
		if (!strcmp(de->d_name, "dir") && de->d_type == DT_DIR)
			seen++;
	}
	CHECK("readdir lists every entry once, with types",
	      seen == 4 && dots == 2);
	if (d)
		closedir(d);
	CHECK("rmdir of a non-empty directory is ENOTEMPTY",
	      ERRNO_IS(rmdir("/tmp/list"), ENOTEMPTY));
	CHECK("rmdir of a file is ENOTDIR",
	      ERRNO_IS(rmdir("/tmp/list/alpha"), ENOTDIR));
	CHECK("unlink of a directory is EISDIR",
	      ERRNO_IS(unlink("/tmp/list/dir"), EISDIR));
	CHECK("rmdir an empty directory", rmdir("/tmp/list/dir") == 0);
}

static void check_dup(void)
{
	char c;
	int fd = open("/tmp/a.txt", O_RDONLY), fd2 = dup(fd), fd3;

	CHECK("dup", fd2 >= 0 && fd2 != fd);
	read(fd, &c, 1);
	CHECK("dup'd descriptors share the offset",
	      lseek(fd2, 0, SEEK_CUR) == 1);
	fd3 = fcntl(fd, F_DUPFD_CLOEXEC, 50);
	CHECK("F_DUPFD_CLOEXEC picks >= 50", fd3 >= 50 &&
	      fcntl(fd3, F_GETFD) == FD_CLOEXEC);
	CHECK("dup2", dup2(fd, 40) == 40 && lseek(40, 0, SEEK_CUR) == 1);
	CHECK("close twice is EBADF", close(40) == 0 &&
	      ERRNO_IS(close(40), EBADF));
	CHECK("F_GETFL", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
	CHECK("write to a read-only fd is EBADF",
	      ERRNO_IS(write(fd, "x", 1), EBADF));
	close(fd);
	close(fd2);
	close(fd3);
}

static int pipefd[2];

static void *pipe_writer(void *arg)
{
	char buf[1000];
	int i;

	for (i = 0; i < 200; i++) {
		memset(buf, 'A' + i % 26, sizeof(buf));
		write(pipefd[1], buf, sizeof(buf));
	}
	close(pipefd[1]);
	return NULL;
}

static void check_pipe(void)
{
	char buf[4096];
	long total = 0, sum = 0, n, i;
	struct pollfd p;
	pthread_t t;

	CHECK("pipe", pipe(pipefd) == 0);
	p.fd = pipefd[0];
	p.events = POLLIN;
	CHECK("poll on an empty pipe times out", poll(&p, 1, 20) == 0);
	pthread_create(&t, NULL, pipe_writer, NULL);
	CHECK("poll sees data", poll(&p, 1, 1000) == 1 &&
	      (p.revents & POLLIN));
	while ((n = read(pipefd[0], buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			sum += buf[i];
		total += n;
	}
	pthread_join(t, NULL);
	CHECK("200 KB through a pipe between two threads",
	      total == 200000 && n == 0);
	for (i = 0, n = 0; i < 200; i++)
		n += 1000L * ('A' + i % 26);
	CHECK("pipe data intact", sum == n);
	close(pipefd[0]);
}

static void check_paths(void)
{
	char buf[PATH_MAX], longname[300];
	struct stat st;

	CHECK("mkdir -p", mkdir("/tmp/p", 0755) == 0 &&
	      mkdir("/tmp/p/q", 0755) == 0);
	CHECK("mkdir existing is EEXIST",
	      ERRNO_IS(mkdir("/tmp/p", 0755), EEXIST));
	CHECK("missing is ENOENT", ERRNO_IS(stat("/tmp/nope", &st), ENOENT));
	CHECK("file as directory is ENOTDIR",
	      ERRNO_IS(stat("/tmp/a.txt/x", &st), ENOTDIR));
	CHECK("open a directory for writing is EISDIR",
	      ERRNO_IS(open("/tmp/p", O_WRONLY), EISDIR));
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK("a 299-byte name is ENAMETOOLONG",
	      ERRNO_IS(open(longname, O_CREAT | O_WRONLY, 0644),
		       ENAMETOOLONG));
	CHECK("dot and dotdot and repeated slashes",
	      stat("/tmp//p/./q/../../p/q/", &st) == 0 &&
	      S_ISDIR(st.st_mode));
	CHECK("chdir and relative paths", chdir("/tmp/p") == 0 &&
	      stat("q", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK("getcwd", getcwd(buf, sizeof(buf)) &&
	      !strcmp(buf, "/tmp/p"));
	CHECK("getcwd too small is ERANGE",
	      getcwd(buf, 4) == NULL && errno == ERANGE);
	chdir("/");
	CHECK("symlink", symlink("/tmp/a.txt", "/tmp/link") == 0);
	CHECK("readlink", readlink("/tmp/link", buf, sizeof(buf)) == 10 &&
	      !memcmp(buf, "/tmp/a.txt", 10));
	CHECK("stat follows, lstat does not",
	      stat("/tmp/link", &st) == 0 && S_ISREG(st.st_mode) &&
	      lstat("/tmp/link", &st) == 0 && S_ISLNK(st.st_mode));
	symlink("/tmp/loop2", "/tmp/loop1");
	symlink("/tmp/loop1", "/tmp/loop2");
	CHECK("a symlink loop is ELOOP",
	      ERRNO_IS(stat("/tmp/loop1", &st), ELOOP));
	CHECK("O_NOFOLLOW on a symlink is ELOOP",
	      ERRNO_IS(open("/tmp/link", O_RDONLY | O_NOFOLLOW), ELOOP));
	CHECK("hard link", link("/tmp/a.txt", "/tmp/hard") == 0 &&
	      stat("/tmp/a.txt", &st) == 0 && st.st_nlink == 2);
	CHECK("unlink one name keeps the other", unlink("/tmp/a.txt") == 0 &&
	      stat("/tmp/hard", &st) == 0 && st.st_nlink == 1 &&
	      st.st_size == 101);
	CHECK("O_EXCL on an existing file is EEXIST",
	      ERRNO_IS(open("/tmp/hard", O_CREAT | O_EXCL | O_RDWR, 0600),
		       EEXIST));
	CHECK("O_DIRECTORY on a file is ENOTDIR",
	      ERRNO_IS(open("/tmp/hard", O_RDONLY | O_DIRECTORY), ENOTDIR));
}

static void check_devices(void)
{
	unsigned char buf[64];
	int fd, i, nonzero = 0;

	fd = open("/dev/null", O_RDWR);
	CHECK("/dev/null swallows and reads empty",
	      write(fd, "x", 1) == 1 && read(fd, buf, 1) == 0);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 1, sizeof(buf));
	CHECK("/dev/zero reads zeros", read(fd, buf, 64) == 64 &&
	      buf[0] == 0 && buf[63] == 0);
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	CHECK("/dev/urandom", read(fd, buf, 64) == 64);
	for (i = 0; i < 64; i++)
		nonzero += buf[i] != 0;
	CHECK("/dev/urandom is not all zeros", nonzero > 32);
	close(fd);
	CHECK("stdout is the console", isatty(1) == 0 &&
	      fcntl(1, F_GETFL) >= 0);
}

/*
 * Regressions found with SQLite's mmap mode, which corrupted its
 * database: writes did not show in existing shared mappings, unmapping
 * a read-only mapping wrote its stale copy back over newer data, and
 * growing a file mapping with mremap added zeros instead of the file.
 */
static void check_mapping_coherence(int fd)
{
	char *ro, *grown, buf[8] = { 0 };

	pwrite(fd, "AAAA", 4, 8000);
	ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
	CHECK("read-only shared mapping", ro != MAP_FAILED);
	if (ro == MAP_FAILED)
		return;
	pwrite(fd, "BBBB", 4, 8000);
	CHECK("pwrite shows in a shared mapping", !memcmp(ro + 3904, "BBBB", 4));
	CHECK("munmap of a read-only mapping writes nothing back",
	      munmap(ro, 4096) == 0 && pread(fd, buf, 4, 8000) == 4 &&
	      !strcmp(buf, "BBBB"));
	ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	grown = mremap(ro, 4096, 8192, MREMAP_MAYMOVE);
	CHECK("mremap grows a file mapping with the file's bytes",
	      grown != MAP_FAILED && !memcmp(grown + 3904 + 4096, "BBBB", 4));
	if (grown != MAP_FAILED)
		munmap(grown, 8192);
	CHECK("fchown to root", fchown(fd, 0, 0) == 0 &&
	      geteuid() == 0 && getuid() == 0);
}

static void check_mmap_and_locks(void)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char *m, buf[8] = { 0 };
	int fd = open("/tmp/map", O_CREAT | O_RDWR | O_TRUNC, 0600);
	int fd2;

	ftruncate(fd, 8192);
	pwrite(fd, "mapped", 6, 4096);
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("mmap a file", m != MAP_FAILED && !memcmp(m + 4096, "mapped", 6));
	if (m == MAP_FAILED)
		return;
	memcpy(m, "shared", 6);
	CHECK("msync writes back", msync(m, 8192, MS_SYNC) == 0 &&
	      pread(fd, buf, 6, 0) == 6 && !strcmp(buf, "shared"));
	memcpy(m + 100, "unmap", 5);
	munmap(m, 8192);
	memset(buf, 0, sizeof(buf));
	CHECK("munmap writes back", pread(fd, buf, 5, 100) == 5 &&
	      !strcmp(buf, "unmap"));
	check_mapping_coherence(fd);
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK("mmap private", m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	memcpy(m, "PRIVAT", 6);
	munmap(m, 4096);
	memset(buf, 0, sizeof(buf));
	CHECK("private mappings are not written back",
	      pread(fd, buf, 6, 0) == 6 && !strcmp(buf, "shared"));
	CHECK("F_SETLK", fcntl(fd, F_SETLK, &fl) == 0);
	CHECK("F_GETLK sees no other process", fcntl(fd, F_GETLK, &fl) == 0 &&
	      fl.l_type == F_UNLCK);
	fd2 = open("/tmp/map", O_RDWR);
	CHECK("flock exclusive", flock(fd, LOCK_EX | LOCK_NB) == 0);
	CHECK("a second open file conflicts",
	      ERRNO_IS(flock(fd2, LOCK_SH | LOCK_NB), EWOULDBLOCK));
	CHECK("unlock lets it in", flock(fd, LOCK_UN) == 0 &&
	      flock(fd2, LOCK_SH | LOCK_NB) == 0);
	close(fd2);
	close(fd);
}

static void check_meta(void)
{
	struct timespec ts[2] = { { 1000000000, 0 }, { 1234567890, 5 } };
	struct statfs sf;
	struct stat st;
	mode_t old;
	int fd;

	CHECK("chmod", chmod("/tmp/hard", 0600) == 0 &&
	      stat("/tmp/hard", &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK("utimensat", utimensat(AT_FDCWD, "/tmp/hard", ts, 0) == 0 &&
	      stat("/tmp/hard", &st) == 0 &&
	      st.st_mtim.tv_sec == 1234567890 &&
	      st.st_mtim.tv_nsec == 5);
	old = umask(077);
	fd = open("/tmp/masked", O_CREAT | O_WRONLY, 0666);
	CHECK("umask applies", fstat(fd, &st) == 0 &&
	      (st.st_mode & 0777) == 0600);
	close(fd);
	umask(old);
	CHECK("access", access("/tmp/hard", R_OK | W_OK) == 0);
	CHECK("statfs", statfs("/", &sf) == 0 && sf.f_bsize == 4096);
	CHECK("a new file's times are recent", stat("/tmp/masked", &st) ==
	      0 && st.st_mtim.tv_sec > 1704067200);
}

int main(void)
{
	check_basic_io();
	check_big_file();
	check_unlink_open();
	check_rename();
	check_readdir();
	check_dup();
	check_pipe();
	check_paths();
	check_devices();
	check_mmap_and_locks();
	check_meta();
	printf("%d checks failed\n", failed);
	return failed;
}
