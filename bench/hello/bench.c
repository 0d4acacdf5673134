/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/hello: the program both sides of bench/hello.sh boot. First of
 * all it reads CLOCK_MONOTONIC (main_ns=) and the raw TSC (main_tsc=,
 * time since machine reset under QEMU's -icount), then says hello and
 * exits 0. As a microkraft image the toolkit turns that exit into QEMU's
 * status. As /init of a Linux initramfs it is PID 1, which must never
 * exit (the kernel panics), so there it leaves QEMU itself.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/io.h>
#include <sys/reboot.h>
#include <sys/utsname.h>

/* QEMU's isa-debug-exit device, as both sides' command lines place it. */
#define DEBUG_EXIT_PORT 0x501

/* microkraft answers getpid() with 1 too: ask the kernel's name. */
static int is_linux_init(void)
{
	struct utsname u;

	if (getpid() != 1 || uname(&u) != 0)
		return 0;
	return strcmp(u.sysname, "Linux") == 0;
}

/*
 * Leave QEMU the way a microkraft image does: write status + 1 to the
 * debug-exit port, and QEMU exits at once with ((status + 1) << 1) | 1,
 * no device shutdown in the timed path (the + 1 keeps QEMU's own exit
 * codes 0 and 1 from reading as a guest status). Without the port
 * (ioperm fails, or the write returns) power off instead.
 */
static void linux_init_leave(int status)
{
	fflush(stdout);
	if (ioperm(DEBUG_EXIT_PORT, 2, 1) == 0)
		outb((unsigned char)(status + 1), DEBUG_EXIT_PORT);
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

int main(void)
{
	/* Before the clock: a first clock read may calibrate for ms. */
	unsigned long long tsc = __builtin_ia32_rdtsc();
	struct timespec ts;
	long long ns;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ns = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;

	printf("main_ns=%lld\n", ns);
	printf("main_tsc=%llu\n", tsc);
	printf("hello\n");
	if (is_linux_init())
		linux_init_leave(0);
	return 0;
}
