/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Image test: the system calls a plain musl program makes, through the
 * trap, each checked against what Linux would answer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int failed;
static int constructed;
static __thread int tls_data = 42;
static __thread char tls_zero[64];

__attribute__((constructor)) static void ctor(void)
{
	constructed = 1;
}

static void at_exit(void)
{
	printf("atexit handler ran");	/* no newline: exit must flush */
}

#define CHECK(what, cond)						\
	do {								\
		if (cond) {						\
			printf("ok: %s\n", what);			\
		} else {						\
			printf("FAILED: %s (errno %d)\n", what, errno);	\
			failed++;					\
		}							\
	} while (0)

static void check_io(void)
{
	struct iovec iov[2] = { { "writev ", 7 }, { "works\n", 6 } };
	struct winsize ws;

	CHECK("writev", writev(1, iov, 2) == 13);
	errno = 0;
	CHECK("write from a NULL buffer is EFAULT",
	      write(1, NULL, 8) == -1 && errno == EFAULT);
	CHECK("write to fd 7 is EBADF", write(7, "x", 1) == -1 &&
	      errno == EBADF);
	errno = 0;
	CHECK("a pointer into the local APIC is EFAULT",
	      uname((struct utsname *)0xfee00000) == -1 && errno == EFAULT);
	CHECK("TIOCGWINSZ is ENOTTY", ioctl(1, TIOCGWINSZ, &ws) == -1 &&
	      errno == ENOTTY);
	CHECK("stdout is not a tty", !isatty(1));
}

static void check_unknown(void)
{
	errno = 0;
	CHECK("unknown syscall is ENOSYS",
	      syscall(SYS_mount, 0, 0, 0, 0, 0) == -1 && errno == ENOSYS);
	CHECK("again ENOSYS", syscall(SYS_mount, 0, 0, 0, 0, 0) == -1 &&
	      errno == ENOSYS);
	CHECK("syscall 500 is ENOSYS", syscall(500) == -1 && errno == ENOSYS);
}

static void check_time(void)
{
	struct timespec a, b;
	struct timeval tv;

	CHECK("clock_gettime MONOTONIC",
	      clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	CHECK("clock_gettime MONOTONIC again",
	      clock_gettime(CLOCK_MONOTONIC, &b) == 0);
	CHECK("monotonic does not go back", b.tv_sec > a.tv_sec ||
	      (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
	CHECK("monotonic nsec in range", b.tv_nsec >= 0 &&
	      b.tv_nsec < 1000000000);
	CHECK("realtime is after 2024", time(NULL) > 1704067200);
	CHECK("a vDSO is offered", getauxval(AT_SYSINFO_EHDR) != 0);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK("the vDSO clock agrees with the system call",
	      b.tv_sec - a.tv_sec < 2 && (b.tv_sec > a.tv_sec ||
	      b.tv_nsec >= a.tv_nsec));
	CHECK("gettimeofday", gettimeofday(&tv, NULL) == 0 &&
	      tv.tv_sec > 1704067200);
	errno = 0;
	CHECK("bad clock is EINVAL", clock_gettime(12345, &a) == -1 &&
	      errno == EINVAL);
}

static void check_process(void)
{
	unsigned char r1[32], r2[32];
	struct utsname u;

	CHECK("uname", uname(&u) == 0 && !strcmp(u.sysname, "microkraft") &&
	      !strcmp(u.machine, "x86_64"));
	CHECK("getpid", getpid() == 1);
	CHECK("getrandom", getrandom(r1, sizeof(r1), 0) == sizeof(r1) &&
	      getrandom(r2, sizeof(r2), 0) == sizeof(r2) &&
	      memcmp(r1, r2, sizeof(r1)) != 0);
	errno = 0;
	CHECK("getrandom bad flags is EINVAL",
	      getrandom(r1, 4, 0x100) == -1 && errno == EINVAL);
	CHECK("constructor ran before main", constructed);
	CHECK("__thread initialised", tls_data == 42 && tls_zero[63] == 0);
	tls_data++;
	CHECK("__thread writable", tls_data == 43);
}

static void clobber_vectors(int sig)
{
	__asm__ __volatile__("pxor %%xmm5, %%xmm5" : : : "xmm5");
}

/*
 * Regression: a signal handler run inside tkill used the vector
 * registers that musl's caller keeps live across the syscall.
 */
static void check_signal_keeps_vectors(void)
{
	double before = 1234.5, after = 0;

	signal(SIGUSR2, clobber_vectors);
	__asm__ __volatile__("movsd %2, %%xmm5\n\t"
			     "syscall\n\t"
			     "movsd %%xmm5, %0"
			     : "=m"(after)
			     : "a"((long)SYS_tkill), "m"(before),
			       "D"((long)getpid()), "S"((long)SIGUSR2)
			     : "rcx", "r11", "memory", "xmm5");
	CHECK("a signal handler leaves the caller's vector registers",
	      after == before);
}

static void check_memory(void)
{
	char *m, *r;
	void *b;
	int i, zero = 1;

	m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mmap anonymous", m != MAP_FAILED);
	for (i = 0; m != MAP_FAILED && i < 4 * 4096; i++)
		zero &= m[i] == 0;
	CHECK("mmap memory is zeroed", zero);
	memset(m, 'x', 4 * 4096);
	CHECK("munmap the middle page", munmap(m + 4096, 4096) == 0);
	CHECK("munmap the rest", munmap(m, 4096) == 0 &&
	      munmap(m + 2 * 4096, 2 * 4096) == 0);
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(m, 'y', 4096);
	r = mremap(m, 4096, 64 * 4096, MREMAP_MAYMOVE);
	CHECK("mremap grows and keeps contents", r != MAP_FAILED &&
	      r[0] == 'y' && r[4095] == 'y' && r[64 * 4096 - 1] == 0);
	errno = 0;
	CHECK("mmap without MAP_PRIVATE or MAP_SHARED is EINVAL",
	      mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0) ==
	      MAP_FAILED && errno == EINVAL);
	errno = 0;
	CHECK("mmap at an unaligned offset is EINVAL",
	      mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		   100) == MAP_FAILED && errno == EINVAL);
	errno = 0;
	CHECK("mmap of length 0 is EINVAL", mmap(NULL, 0, PROT_READ,
	      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	      errno == EINVAL);
	b = (void *)syscall(SYS_brk, 0);
	CHECK("brk grows", b != NULL &&
	      syscall(SYS_brk, (char *)b + 8192) == (long)b + 8192 &&
	      ((char *)b)[8191] == 0);
	m = mmap(NULL, 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	CHECK("mprotect a mapping", mprotect(m, 4096, PROT_READ) == 0);
	errno = 0;
	CHECK("mprotect of unmapped memory is ENOMEM",
	      mprotect((void *)0x10000000000, 4096, PROT_READ) == -1 &&
	      errno == ENOMEM);
	r = malloc(10 * 1024 * 1024);
	CHECK("10 MiB malloc", r != NULL);
	memset(r, 1, 10 * 1024 * 1024);
	free(r);
}

int main(void)
{
	atexit(at_exit);
	check_io();
	check_unknown();
	check_time();
	check_process();
	check_memory();
	check_signal_keeps_vectors();
	printf("%d checks failed\n", failed);
	return failed;
}
