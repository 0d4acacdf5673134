/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Image test: musl's pthreads on uksched-coop. Each check prints "ok:" or
 * "FAILED:"; the exit status is the number of failures.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

static int failed;

#define CHECK(what, cond)						\
	do {								\
		if (cond) {						\
			printf("ok: %s\n", what);			\
		} else {						\
			printf("FAILED: %s\n", what);			\
			failed++;					\
		}							\
	} while (0)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static void *ret_arg(void *arg)
{
	return arg;
}

static void check_many_threads(void)
{
	static pthread_t t[1000];
	pthread_attr_t attr;
	long sum = 0, i;
	void *r;
	int ok = 1;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 16384);
	for (i = 0; i < 1000; i++)
		ok &= pthread_create(&t[i], &attr, ret_arg, (void *)i) == 0;
	for (i = 0; i < 1000; i++) {
		ok &= pthread_join(t[i], &r) == 0;
		sum += (long)r;
	}
	CHECK("1000 threads alive at once, created and joined",
	      ok && sum == 999 * 1000 / 2);
	for (i = 0, sum = 0; i < 1000; i++) {
		ok &= pthread_create(&t[0], NULL, ret_arg, (void *)i) == 0;
		ok &= pthread_join(t[0], &r) == 0;
		sum += (long)r;
	}
	CHECK("1000 threads created and joined one by one",
	      ok && sum == 999 * 1000 / 2);
}

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn, rounds_done;

static void *pong(void *arg)
{
	int me = (int)(long)arg, i;

	for (i = 0; i < 5000; i++) {
		pthread_mutex_lock(&m);
		while (turn != me)
			pthread_cond_wait(&cv, &m);
		turn = !me;
		rounds_done++;
		pthread_cond_signal(&cv);
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

static void check_ping_pong(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, pong, (void *)0L);
	pthread_create(&b, NULL, pong, (void *)1L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	CHECK("mutex and condition variable ping-pong, 10000 rounds",
	      rounds_done == 10000);
}

static int go, woke;

static void *waiter(void *arg)
{
	pthread_mutex_lock(&m);
	while (!go)
		pthread_cond_wait(&cv, &m);
	woke++;
	pthread_mutex_unlock(&m);
	return NULL;
}

static void check_broadcast(void)
{
	pthread_t t[8];
	int i;

	for (i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, waiter, NULL);
	usleep(10000);
	pthread_mutex_lock(&m);
	go = 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&m);
	for (i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	CHECK("condvar broadcast wakes all 8 waiters", woke == 8);
}

static void check_timedwait(void)
{
	pthread_condattr_t ca;
	pthread_cond_t c;
	struct timespec dl;
	uint64_t t0 = now_ns(), waited;
	int rc;

	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c, &ca);
	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_nsec += 50000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	rc = pthread_cond_timedwait(&c, &m, &dl);
	pthread_mutex_unlock(&m);
	waited = now_ns() - t0;
	printf("timedwait: waited %llu us for 50000\n",
	       (unsigned long long)waited / 1000);
	CHECK("pthread_cond_timedwait on CLOCK_MONOTONIC times out",
	      rc == ETIMEDOUT && waited >= 50000000);
}

static __thread int tls_array[64];
static __thread char tls_name[16] = "unset";

static void *tls_worker(void *arg)
{
	int id = (int)(long)arg, i, round, ok = 1;

	for (i = 0; i < 64; i++)
		tls_array[i] = id * 1000 + i;
	snprintf(tls_name, sizeof(tls_name), "worker%d", id);
	for (round = 0; round < 5; round++) {
		usleep(1000 + id * 100);
		for (i = 0; i < 64; i++)
			ok &= tls_array[i] == id * 1000 + i;
		ok &= strcmp(tls_name, "worker") > 0 &&
		      atoi(tls_name + 6) == id;
	}
	return (void *)(long)ok;
}

static void check_tls(void)
{
	pthread_t t[8];
	void *r;
	int i, ok = 1;

	for (i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, tls_worker, (void *)(long)i);
	for (i = 0; i < 8; i++) {
		pthread_join(t[i], &r);
		ok &= (long)r;
	}
	CHECK("__thread arrays keep per-thread values across sleeps",
	      ok && !strcmp(tls_name, "unset") && tls_array[5] == 0);
}

static double shared_x[4];

static void *fp_worker2(void *arg)
{
	int id = (int)(long)arg, i;
	double x = shared_x[id], acc = 0.0;

	for (i = 1; i <= 2000; i++) {
		acc += x / i + 0.25 * i;
		if (i % 7 == 0)
			sched_yield();
		if (i % 500 == 0)
			usleep(100);
	}
	return (void *)(long)(acc * 1000.0);
}

static void check_fpu_state(void)
{
	pthread_t t[4];
	void *r;
	int i, k, ok = 1;

	for (i = 0; i < 4; i++)
		shared_x[i] = i + 1.5;
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, fp_worker2, (void *)(long)i);
	for (i = 0; i < 4; i++) {
		double acc = 0.0;

		for (k = 1; k <= 2000; k++)
			acc += shared_x[i] / k + 0.25 * k;
		pthread_join(t[i], &r);
		ok &= (long)r == (long)(acc * 1000.0);
	}
	CHECK("floating-point state survives switches and sleeps", ok);
}

static void check_sleep(void)
{
	uint64_t over[20], worst = 0, t0;
	int i, early = 0;
	struct timespec ts = { 0, 10000000 };

	for (i = 0; i < 20; i++) {
		t0 = now_ns();
		nanosleep(&ts, NULL);
		over[i] = now_ns() - t0;
		early |= over[i] < 10000000;
		over[i] -= early ? 0 : 10000000;
		worst = over[i] > worst ? over[i] : worst;
	}
	printf("sleep 10 ms x20: worst overshoot %llu us\n",
	       (unsigned long long)worst / 1000);
	CHECK("a 10 ms nanosleep never wakes early", !early);
	CHECK("a 10 ms nanosleep overshoots by under 20 ms",
	      worst < 20000000);
}

static void check_abs_sleep(void)
{
	struct timespec dl;
	uint64_t t0 = now_ns();

	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_nsec += 20000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	CHECK("clock_nanosleep TIMER_ABSTIME",
	      clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL) == 0
	      && now_ns() - t0 >= 20000000);
}

static void check_cpu_time(void)
{
	struct timespec a, b;
	struct rusage ru;
	volatile unsigned long spin;
	uint64_t busy, idle;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	usleep(50000);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	idle = (b.tv_sec - a.tv_sec) * 1000000000ull + b.tv_nsec - a.tv_nsec;
	a = b;
	for (spin = 0; spin < 20000000; spin++)
		;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	busy = (b.tv_sec - a.tv_sec) * 1000000000ull + b.tv_nsec - a.tv_nsec;
	printf("cpu time: %llu us over a 50 ms sleep, %llu us spinning\n",
	       (unsigned long long)idle / 1000,
	       (unsigned long long)busy / 1000);
	CHECK("CPU time does not count sleeping", idle < 10000000);
	CHECK("CPU time counts running", busy > 0);
	CHECK("getrusage", getrusage(RUSAGE_SELF, &ru) == 0 &&
	      (ru.ru_utime.tv_sec > 0 || ru.ru_utime.tv_usec > 0));
}

static sem_t sem;
static int produced;

static void *producer(void *arg)
{
	int i;

	for (i = 0; i < 100; i++) {
		produced++;
		sem_post(&sem);
		if (i % 10 == 0)
			usleep(100);
	}
	return NULL;
}

static void check_semaphore(void)
{
	pthread_t t;
	int i, got = 0;

	sem_init(&sem, 0, 0);
	pthread_create(&t, NULL, producer, NULL);
	for (i = 0; i < 100; i++)
		got += sem_wait(&sem) == 0;
	pthread_join(t, NULL);
	CHECK("semaphore between two threads", got == 100 && produced == 100);
}

static volatile int detached_done;

static void *detached(void *arg)
{
	usleep(100);
	__atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void check_detached(void)
{
	pthread_attr_t attr;
	pthread_t t;
	int i, spins = 0;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (i = 0; i < 100; i++)
		pthread_create(&t, &attr, detached, NULL);
	while (detached_done < 100 && spins++ < 1000)
		usleep(1000);
	CHECK("100 detached threads run and exit", detached_done == 100);
}

static volatile sig_atomic_t got_signal;

static void on_usr1(int sig)
{
	got_signal = sig;
}

static void check_misc(void)
{
	cpu_set_t set;
	struct sysinfo si;

	CHECK("sched_getaffinity: one CPU",
	      sched_getaffinity(0, sizeof(set), &set) == 0 &&
	      CPU_COUNT(&set) == 1);
	CHECK("sysconf: one processor", sysconf(_SC_NPROCESSORS_ONLN) == 1);
	CHECK("sysinfo", sysinfo(&si) == 0 && si.totalram > 0);
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	CHECK("raise runs the handler", got_signal == SIGUSR1);
	CHECK("gettid of main is the pid", gettid() == getpid());
}

int main(void)
{
	check_many_threads();
	check_ping_pong();
	check_broadcast();
	check_timedwait();
	check_tls();
	check_fpu_state();
	check_sleep();
	check_abs_sleep();
	check_cpu_time();
	check_semaphore();
	check_detached();
	check_misc();
	printf("%d checks failed\n", failed);
	return failed;
}
