/* SPDX-License-Identifier: BSD-3-Clause */
/* Image test: a NULL dereference must give a crash report, not a hang. */
#include <stdio.h>

int main(void)
{
	volatile int *p = NULL;

	printf("about to dereference NULL\n");
	fflush(stdout);
	return *p;
}
