/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Image test: main calls pthread_exit while workers still run; the
 * program ends when the last worker does, with stdout flushed.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *worker(void *arg)
{
	long id = (long)arg;

	usleep(20000 * (id + 1));
	printf("worker %ld done", id);	/* no newline: exit must flush */
	printf("%s", id == 2 ? "\n" : ", ");
	return NULL;
}

int main(void)
{
	pthread_t t;
	long i;

	for (i = 0; i < 3; i++)
		pthread_create(&t, NULL, worker, (void *)i);
	printf("main leaves\n");
	pthread_exit(NULL);
}
