/* SPDX-License-Identifier: BSD-3-Clause */
/* Image test: abort() ends the program with a report, not a hang. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("calling abort\n");
	fflush(stdout);
	abort();
}
