/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Image test: a randomised malloc/realloc/free workload over small and
 * large (mmap-backed) sizes, checking every block's contents, so each
 * allocator is exercised under musl's malloc.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS	256
#define STEPS	20000

struct slot {
	unsigned char *p;
	size_t len;
	unsigned char tag;
};

static struct slot slots[SLOTS];
static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t pick_size(void)
{
	uint64_t r = next();

	if (r % 100 == 0)
		return 128 * 1024 + r % (128 * 1024);	/* mmap path */
	return 1 + r % 4096;
}

static int verify(const struct slot *s)
{
	size_t i;

	for (i = 0; i < s->len; i++)
		if (s->p[i] != (unsigned char)(s->tag + i))
			return -1;
	return 0;
}

static void fill(struct slot *s)
{
	size_t i;

	for (i = 0; i < s->len; i++)
		s->p[i] = (unsigned char)(s->tag + i);
}

static int step(struct slot *s)
{
	size_t len = pick_size();
	unsigned char *q;

	if (s->p && verify(s) < 0)
		return -1;
	if (s->p && next() % 2) {
		q = realloc(s->p, len);
		if (!q)
			return -2;
		s->p = q;
		s->len = len < s->len ? len : s->len;
		if (verify(s) < 0)
			return -1;
	} else {
		free(s->p);
		s->p = malloc(len);
		if (!s->p)
			return -2;
	}
	s->len = len;
	s->tag = (unsigned char)next();
	fill(s);
	return 0;
}

int main(void)
{
	int i, rc;

	for (i = 0; i < STEPS; i++) {
		rc = step(&slots[next() % SLOTS]);
		if (rc == -1) {
			printf("block contents corrupted at step %d\n", i);
			return 1;
		}
		if (rc == -2) {
			printf("allocation failed at step %d\n", i);
			return 2;
		}
	}
	for (i = 0; i < SLOTS; i++) {
		if (slots[i].p && verify(&slots[i]) < 0) {
			printf("slot %d corrupted at the end\n", i);
			return 1;
		}
		free(slots[i].p);
	}
	printf("alloc workload ok: %d steps\n", STEPS);
	return 0;
}
