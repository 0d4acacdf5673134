/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/threads: the costs of threads, locks and sleeps, as one program
 * that bench/threads.sh runs as a microkraft image, as /init of a Linux
 * guest and as a host process. One line per measurement on stdout,
 * "op=NAME key=value ...", times in nanoseconds.
 *
 * usage: threads [-r ROUNDS] [-t ROUND_MS] [-n SLEEPS]
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#define MAX_ROUNDS	101

/* The Linux futex ABI; musl-gcc sees no kernel headers. */
#define FUTEX_WAIT_PRIVATE	128
#define FUTEX_WAKE_PRIVATE	129

/* QEMU's isa-debug-exit device, where bench/threads.sh places it. */
#define DEBUG_EXIT_PORT		0x501

/*
 * -r rounds per figure, -t a round's length, -n 1 ms sleeps (and a
 * quarter as many of 10 ms).
 */
static int rounds = 7;
static uint64_t round_ns = 50 * NSEC_PER_MSEC;
static int sleeps = 100;

static int on_linux;		/* a Linux kernel answers */
static int linux_init;		/* as PID 1, in a guest */

/* A measured loop: the ns that n operations took. */
struct measure {
	const char *name;
	uint64_t (*run)(uint64_t n);
	int per;	/* operations one step of the loop counts for */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/*
 * PID 1 may not exit, so on a Linux guest leave QEMU through the exit
 * device, as a microkraft image does, and power off if it is missing.
 */
static void leave(int status)
{
	fflush(stdout);
	if (!linux_init)
		exit(status);
	if (ioperm(DEBUG_EXIT_PORT, 2, 1) == 0)
		outb((unsigned char)status, DEBUG_EXIT_PORT);
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

static void fail(const char *what, int err)
{
	printf("error: %s: %s\n", what, strerror(err));
	leave(1);
}

static pthread_t partner(void *(*fn)(void *), uint64_t n)
{
	pthread_t t;
	int rc = pthread_create(&t, NULL, fn, (void *)(uintptr_t)n);

	if (rc)
		fail("pthread_create", rc);
	return t;
}

static void join(pthread_t t)
{
	int rc = pthread_join(t, NULL);

	if (rc)
		fail("pthread_join", rc);
}

/* --- The operations ----------------------------------------------- */

static volatile uint64_t sink;

static uint64_t run_clock(uint64_t n)
{
	uint64_t t0 = now_ns(), sum = 0, i;

	for (i = 0; i < n; i++)
		sum += now_ns();
	sink = sum;
	return now_ns() - t0;
}

static void *trivial(void *arg)
{
	return arg;
}

static uint64_t run_create_join(uint64_t n)
{
	uint64_t t0 = now_ns(), i;

	for (i = 0; i < n; i++)
		join(partner(trivial, 0));
	return now_ns() - t0;
}

static pthread_mutex_t lone = PTHREAD_MUTEX_INITIALIZER;

static uint64_t run_mutex(uint64_t n)
{
	uint64_t t0 = now_ns(), i;

	for (i = 0; i < n; i++) {
		pthread_mutex_lock(&lone);
		pthread_mutex_unlock(&lone);
	}
	return now_ns() - t0;
}

/*
 * The ping-pongs below start the clock only after WARM_TRIPS untimed
 * round trips. A new thread may not get the CPU at once: Linux's CFS
 * places it ahead in virtual time, and until the yielding thread has
 * caught up, sched_yield() goes on running the yielder.
 */
#define WARM_TRIPS	16

/* Yield ping-pong: whose turn it is, 0 main's, 1 the partner's. */
static int turn;

static void *yield_partner(void *arg)
{
	uint64_t n = (uintptr_t)arg, i;

	for (i = 0; i < n; i++) {
		while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) == 0)
			sched_yield();
		__atomic_store_n(&turn, 0, __ATOMIC_RELEASE);
	}
	return NULL;
}

static void yield_trips(uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++) {
		__atomic_store_n(&turn, 1, __ATOMIC_RELEASE);
		while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) == 1)
			sched_yield();
	}
}

static uint64_t run_yield(uint64_t n)
{
	pthread_t t;
	uint64_t t0, elapsed;

	turn = 0;
	t = partner(yield_partner, WARM_TRIPS + n);
	yield_trips(WARM_TRIPS);
	t0 = now_ns();
	yield_trips(n);
	elapsed = now_ns() - t0;
	join(t);
	return elapsed;
}

/*
 * Futex ping-pong over one word: main makes it odd and wakes the
 * partner, which makes it even and wakes main. Each waits in the kernel.
 */
static uint32_t fword;

static void futex_wake(uint32_t *w)
{
	syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void await_change(uint32_t *w, uint32_t old)
{
	while (__atomic_load_n(w, __ATOMIC_ACQUIRE) == old)
		syscall(SYS_futex, w, FUTEX_WAIT_PRIVATE, old, NULL, NULL, 0);
}

static void *futex_partner(void *arg)
{
	uint64_t n = (uintptr_t)arg, i;

	for (i = 0; i < n; i++) {
		await_change(&fword, (uint32_t)(2 * i));
		__atomic_store_n(&fword, (uint32_t)(2 * i + 2),
				 __ATOMIC_RELEASE);
		futex_wake(&fword);
	}
	return NULL;
}

/* Round trips from..to-1 of the futex ping-pong, main's side. */
static void futex_trips(uint64_t from, uint64_t to)
{
	uint64_t i;

	for (i = from; i < to; i++) {
		__atomic_store_n(&fword, (uint32_t)(2 * i + 1),
				 __ATOMIC_RELEASE);
		futex_wake(&fword);
		await_change(&fword, (uint32_t)(2 * i + 1));
	}
}

static uint64_t run_futex(uint64_t n)
{
	pthread_t t;
	uint64_t t0, elapsed;

	fword = 0;
	t = partner(futex_partner, WARM_TRIPS + n);
	futex_trips(0, WARM_TRIPS);
	t0 = now_ns();
	futex_trips(WARM_TRIPS, WARM_TRIPS + n);
	elapsed = now_ns() - t0;
	join(t);
	return elapsed;
}

/* Condition variable ping-pong: one mutex, a condvar each way. */
static pthread_mutex_t cv_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv_ping = PTHREAD_COND_INITIALIZER;
static pthread_cond_t cv_pong = PTHREAD_COND_INITIALIZER;
static int cv_turn;	/* cv_lock: 0 main's, 1 the partner's */

static void *cond_partner(void *arg)
{
	uint64_t n = (uintptr_t)arg, i;

	pthread_mutex_lock(&cv_lock);
	for (i = 0; i < n; i++) {
		while (cv_turn == 0)
			pthread_cond_wait(&cv_ping, &cv_lock);
		cv_turn = 0;
		pthread_cond_signal(&cv_pong);
	}
	pthread_mutex_unlock(&cv_lock);
	return NULL;
}

/* Main's side; the caller holds cv_lock. */
static void cond_trips(uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++) {
		cv_turn = 1;
		pthread_cond_signal(&cv_ping);
		while (cv_turn == 1)
			pthread_cond_wait(&cv_pong, &cv_lock);
	}
}

static uint64_t run_cond(uint64_t n)
{
	pthread_t t;
	uint64_t t0, elapsed;

	cv_turn = 0;
	t = partner(cond_partner, WARM_TRIPS + n);
	pthread_mutex_lock(&cv_lock);
	cond_trips(WARM_TRIPS);
	t0 = now_ns();
	cond_trips(n);
	elapsed = now_ns() - t0;
	pthread_mutex_unlock(&cv_lock);
	join(t);
	return elapsed;
}

/*
 * XSAVE then XRSTOR of the x87, SSE and AVX state, as far as XCR0
 * enables it: the state a thread switch saves and restores, so a
 * reference for part of a switch's cost. Only these three, which every
 * side here has; Linux may also fault on AMX tile data never used.
 */
#define XSAVE_MASK	0x07u
#define CPUID1_OSXSAVE	(1u << 27)

static void *xarea;
static uint32_t xmask;

static int xsave_ready(void)
{
	unsigned int a, b, c, d;
	uint32_t xcr0, high;

	__cpuid(1, a, b, c, d);
	if (!(c & CPUID1_OSXSAVE))
		return 0;
	__asm__ __volatile__("xgetbv" : "=a"(xcr0), "=d"(high) : "c"(0));
	xmask = xcr0 & XSAVE_MASK;
	__cpuid_count(0xd, 0, a, b, c, d);
	xarea = aligned_alloc(64, (b + 63) & ~63u);
	if (!xarea)
		return 0;
	memset(xarea, 0, b);
	printf("xsave xcr0=%#x mask=%#x area_bytes=%u\n", xcr0, xmask, b);
	return 1;
}

static uint64_t run_xsave(uint64_t n)
{
	uint64_t t0 = now_ns(), i;

	for (i = 0; i < n; i++) {
		__asm__ __volatile__("xsave64 (%0)"
				     : : "r"(xarea), "a"(xmask), "d"(0)
				     : "memory");
		__asm__ __volatile__("xrstor64 (%0)"
				     : : "r"(xarea), "a"(xmask), "d"(0)
				     : "memory");
	}
	return now_ns() - t0;
}

static const struct measure xsave_measure = { "xsave_pair", run_xsave, 1 };

static const struct measure measures[] = {
	{ "clock_gettime", run_clock, 1 },
	{ "create_join", run_create_join, 1 },
	{ "yield_roundtrip", run_yield, 1 },
	{ "mutex_pair", run_mutex, 1 },
	{ "futex_hop", run_futex, 2 },
	{ "cond_hop", run_cond, 2 },
};

/* --- Rounds and medians --------------------------------------------- */

/*
 * Loop steps that take about one round: after one step to warm up,
 * doubled until they take an eighth of it, then scaled by the rate seen.
 */
static uint64_t calibrate(const struct measure *m)
{
	uint64_t n = 1, elapsed;

	m->run(1);	/* first use: page faults, lazy set-up, translation */
	for (;;) {
		elapsed = m->run(n);
		if (elapsed >= round_ns / 8 || n >= (1ULL << 40))
			break;
		n *= 2;
	}
	if (elapsed == 0)
		elapsed = 1;
	n = (uint64_t)((double)n * (double)round_ns / (double)elapsed);
	return n ? n : 1;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void measure(const struct measure *m)
{
	double per_op[MAX_ROUNDS];
	uint64_t n = calibrate(m);
	int r;

	for (r = 0; r < rounds; r++)
		per_op[r] = (double)m->run(n) / ((double)n * m->per);
	qsort(per_op, (size_t)rounds, sizeof(*per_op), by_value);
	printf("op=%s median_ns=%.2f min_ns=%.2f max_ns=%.2f steps=%llu "
	       "rounds=%d\n", m->name, per_op[rounds / 2], per_op[0],
	       per_op[rounds - 1], (unsigned long long)n, rounds);
	fflush(stdout);
}

/*
 * How much later than asked n sleeps of len_ns return: mean, median,
 * the extremes. A negative minimum would be a sleep cut short.
 */
static void sleep_overshoot(const char *name, uint64_t len_ns, int n)
{
	struct timespec req = { (time_t)(len_ns / NSEC_PER_SEC),
				(long)(len_ns % NSEC_PER_SEC) };
	double *over = calloc((size_t)n, sizeof(*over));
	double sum = 0;
	uint64_t t0;
	int i;

	if (!over)
		fail("calloc", ENOMEM);
	nanosleep(&req, NULL);	/* the first arms a timer never used yet */
	for (i = 0; i < n; i++) {
		t0 = now_ns();
		while (nanosleep(&req, NULL) != 0 && errno == EINTR)
			;
		over[i] = (double)(int64_t)(now_ns() - t0 - len_ns);
		sum += over[i];
	}
	qsort(over, (size_t)n, sizeof(*over), by_value);
	printf("op=%s mean_ns=%.0f median_ns=%.0f max_ns=%.0f min_ns=%.0f "
	       "n=%d\n", name, sum / n, over[n / 2], over[n - 1], over[0],
	       n);
	fflush(stdout);
	free(over);
}

/* --- Set-up --------------------------------------------------------- */

/* microkraft answers getpid() with 1 too: ask the kernel's name. */
static void describe(void)
{
	struct utsname u;

	if (uname(&u) != 0)
		strcpy(u.sysname, "unknown");
	on_linux = strcmp(u.sysname, "Linux") == 0;
	linux_init = on_linux && getpid() == 1;
	printf("system=%s release=%s\n", u.sysname, u.release);
	if (linux_init) {
		mkdir("/sys", 0555);
		mount("sysfs", "/sys", "sysfs", 0, NULL);
	}
}

/* The Linux kernel's clock source, "-" where there is none to read. */
static void clock_source(char *name, int len)
{
	const char *path =
		"/sys/devices/system/clocksource/clocksource0/current_clocksource";
	FILE *f = on_linux ? fopen(path, "r") : NULL;
	char fmt[16];

	strcpy(name, "-");
	if (!f)
		return;
	snprintf(fmt, sizeof(fmt), "%%%ds", len - 1);
	if (fscanf(f, fmt, name) != 1)
		strcpy(name, "-");
	fclose(f);
}

/* The clock as the measurements see it: its resolution and source. */
static void clock_info(const char *phase)
{
	struct timespec res = { 0, 0 };
	char name[64];

	clock_source(name, sizeof(name));
	clock_getres(CLOCK_MONOTONIC, &res);
	printf("clock phase=%s source=%s res_ns=%ld\n", phase, name,
	       res.tv_nsec);
}

/*
 * A Linux guest starts /init on tsc-early or jiffies, without
 * high-resolution timers, and moves to its final clock source a moment
 * later. Wait for that, five seconds at most, so that it is measured as
 * it runs, not as it boots.
 */
static void settle_clock(void)
{
	uint64_t t0 = now_ns();
	struct timespec tick = { 0, 50 * NSEC_PER_MSEC };
	char name[64];

	if (!linux_init)
		return;
	for (;;) {
		clock_source(name, sizeof(name));
		if (strcmp(name, "tsc-early") && !strstr(name, "jiffies"))
			break;
		if (now_ns() - t0 > 5 * NSEC_PER_SEC)
			break;
		nanosleep(&tick, NULL);
	}
	printf("settle waited_ms=%llu\n",
	       (unsigned long long)((now_ns() - t0) / NSEC_PER_MSEC));
}

/*
 * Run on one CPU, like the single-CPU guests: a ping-pong then measures
 * switches, not two CPUs spinning. Where one CPU is all there is, as on
 * microkraft, nothing is asked (it has no sched_setaffinity).
 */
static void one_cpu(void)
{
	cpu_set_t set;
	int cpu;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return;
	if (CPU_COUNT(&set) > 1) {
		for (cpu = 0; !CPU_ISSET(cpu, &set); cpu++)
			;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) != 0)
			fail("sched_setaffinity", errno);
		sched_getaffinity(0, sizeof(set), &set);
	}
	printf("cpus=%d\n", CPU_COUNT(&set));
}

static int number(const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return !errno && *s && !*end && *out >= lo && *out <= hi;
}

static void parse(int argc, char **argv)
{
	long v;
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "-r") && number(argv[i + 1], 1,
						     MAX_ROUNDS, &v))
			rounds = (int)v;
		else if (!strcmp(argv[i], "-t") &&
			 number(argv[i + 1], 1, 60000, &v))
			round_ns = (uint64_t)v * NSEC_PER_MSEC;
		else if (!strcmp(argv[i], "-n") &&
			 number(argv[i + 1], 4, 100000, &v))
			sleeps = (int)v;
		else
			break;
	}
	if (i != argc) {
		printf("error: usage: threads [-r 1-%d] [-t ROUND_MS] "
		       "[-n SLEEPS]\n", MAX_ROUNDS);
		leave(2);
	}
}

int main(int argc, char **argv)
{
	size_t i;

	describe();
	parse(argc, argv);
	clock_info("start");
	settle_clock();
	clock_info("settled");
	one_cpu();
	for (i = 0; i < sizeof(measures) / sizeof(measures[0]); i++)
		measure(&measures[i]);
	if (xsave_ready())
		measure(&xsave_measure);
	clock_info("sleeps");
	sleep_overshoot("sleep_1ms", NSEC_PER_MSEC, sleeps);
	sleep_overshoot("sleep_10ms", 10 * NSEC_PER_MSEC, sleeps / 4);
	printf("done\n");
	leave(0);
	return 0;
}
