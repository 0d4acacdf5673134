/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Image test: a thread that recurses without end must hit its stack's
 * guard page and get a crash report that says so.
 */
#include <pthread.h>
#include <stdio.h>

static int depth(volatile char *prev, int n)
{
	volatile char frame[512];

	frame[0] = prev ? prev[0] + 1 : 0;
	return depth(frame, n + 1) + frame[0];
}

static void *worker(void *arg)
{
	return (void *)(long)depth(NULL, 0);
}

int main(void)
{
	pthread_t t;

	printf("recursing in a thread\n");
	fflush(stdout);
	pthread_create(&t, NULL, worker, NULL);
	pthread_join(t, NULL);
	printf("survived the overflow\n");
	return 0;
}
