/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * helloworld: an ordinary POSIX program, built into a microkraft image.
 * Prints its arguments; "--status N" makes it exit with N.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_status(const char *s, int *status)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < 0 || v > 255)
		return -1;
	*status = (int)v;
	return 0;
}

int main(int argc, char *argv[])
{
	int status = 0;
	int i;

	printf("Hello from microkraft!\n");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--status") == 0 && i + 1 < argc) {
			if (parse_status(argv[++i], &status) < 0) {
				fprintf(stderr, "hello: bad status '%s'\n",
					argv[i]);
				return 2;
			}
			continue;
		}
		printf("arg %d: %s\n", i, argv[i]);
	}
	printf("exiting with status %d\n", status);
	return status;
}
