/* SPDX-License-Identifier: BSD-3-Clause */
/* Image test: sleep for the seconds given, then say so. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 1;

	sleep(secs);
	printf("slept %d s\n", secs);
	return 0;
}
