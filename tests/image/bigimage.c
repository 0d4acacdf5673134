/* SPDX-License-Identifier: BSD-3-Clause */
/* Image test: a 63 MiB .bss, too big for a 64 MiB guest. */
#include <stdio.h>

volatile char big[63 << 20];

int main(int argc, char **argv)
{
	big[sizeof(big) - argc] = 1;
	printf("ran with %zu bytes of bss, last %d\n", sizeof(big),
	       big[sizeof(big) - 1]);
	return 0;
}
