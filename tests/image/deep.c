/* SPDX-License-Identifier: BSD-3-Clause */
/* Image test: recurse n levels deep with 1 KiB frames on the main stack. */
#include <stdio.h>
#include <stdlib.h>

static int down(volatile char *prev, int n)
{
	volatile char frame[1024];

	frame[0] = prev ? prev[0] + 1 : 0;
	return n ? down(frame, n - 1) + frame[0] : 0;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;

	printf("recursing %d levels\n", n);
	fflush(stdout);
	printf("result %d\n", down(NULL, n));
	return 0;
}
