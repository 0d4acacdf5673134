/* SPDX-License-Identifier: BSD-3-Clause */
/* Image test: print each file named on the command line, or say why not. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char buf[256];
	int i, bad = 0;
	size_t n;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");

		if (!f) {
			printf("%s: %s\n", argv[i], strerror(errno));
			bad++;
			continue;
		}
		printf("== %s\n", argv[i]);
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, n, stdout);
		fclose(f);
	}
	return bad;
}
