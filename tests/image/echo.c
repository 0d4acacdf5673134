/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Image test: read standard input line by line until end of file (^D),
 * while another thread ticks, and echo each line in upper case.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static volatile int done;

static void *ticker(void *arg)
{
	while (!done)
		usleep(5000);
	return NULL;
}

int main(void)
{
	char line[256];
	pthread_t t;
	int lines = 0, i;

	pthread_create(&t, NULL, ticker, NULL);
	while (fgets(line, sizeof(line), stdin)) {
		for (i = 0; line[i]; i++)
			line[i] = (char)toupper((unsigned char)line[i]);
		printf("echo: %s", line);
		lines++;
	}
	done = 1;
	pthread_join(t, NULL);
	printf("%d lines, then end of file\n", lines);
	return 0;
}
