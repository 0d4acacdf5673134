/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Image test: in a small guest, malloc must return NULL when memory runs
 * out, and memory freed must be usable again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK		(1024 * 1024)
#define MAX_CHUNKS	4096

static char *chunks[MAX_CHUNKS];

int main(void)
{
	int n = 0, i;
	void *p;

	if (malloc((size_t)1 << 40) != NULL) {
		printf("a 1 TiB malloc succeeded\n");
		return 1;
	}
	printf("1 TiB malloc returned NULL\n");
	while (n < MAX_CHUNKS && (chunks[n] = malloc(CHUNK)) != NULL) {
		memset(chunks[n], n & 0xff, CHUNK);
		n++;
	}
	if (n == MAX_CHUNKS) {
		printf("memory never ran out\n");
		return 1;
	}
	printf("malloc returned NULL after %d MiB\n", n);
	for (i = 0; i < n; i++) {
		if (chunks[i][CHUNK - 1] != (char)(i & 0xff)) {
			printf("chunk %d corrupted\n", i);
			return 1;
		}
		free(chunks[i]);
	}
	p = malloc(CHUNK);
	if (!p) {
		printf("malloc failed after freeing everything\n");
		return 1;
	}
	printf("memory reusable after free\n");
	return 0;
}
