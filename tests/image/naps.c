/* SPDX-License-Identifier: BSD-3-Clause */
/* Image test: ten 10 ms sleeps; print the longest as the guest saw it. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

int main(void)
{
	struct timespec ts = { 0, 10000000 };
	uint64_t t0, d, longest = 0, shortest = UINT64_MAX;
	int i;

	for (i = 0; i < 10; i++) {
		t0 = now_ns();
		nanosleep(&ts, NULL);
		d = now_ns() - t0;
		longest = d > longest ? d : longest;
		shortest = d < shortest ? d : shortest;
	}
	printf("shortest %llu us, longest %llu us\n",
	       (unsigned long long)shortest / 1000,
	       (unsigned long long)longest / 1000);
	return 0;
}
