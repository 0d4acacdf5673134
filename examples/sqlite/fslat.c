/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/sqlite/fslat.c: the cost of the path lookups SQLite makes
 * on every open, as a microkraft image, a Linux guest and a Linux program.
 * Prints one key=value line per figure, in nanoseconds per call.
 *
 *     fslat [DIR [ITERATIONS]]      (defaults: /data and 20000)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* What is timed; each returns 0 when the call behaved as expected. */
static int open_close(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	return close(fd);
}

static int open_missing(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		close(fd);
		return -1;
	}
	return errno == ENOENT ? 0 : -1;
}

static int stat_present(const char *path)
{
	struct stat st;

	return stat(path, &st);
}

static int stat_missing(const char *path)
{
	struct stat st;

	return stat(path, &st) == -1 && errno == ENOENT ? 0 : -1;
}

/* Time n calls after n / 10 untimed ones; ns per call, or -1. */
static double time_calls(int (*fn)(const char *), const char *path, long n)
{
	long long t0;
	long i;

	for (i = 0; i < n / 10; i++)
		if (fn(path) != 0)
			return -1;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (fn(path) != 0)
			return -1;
	return (double)(now_ns() - t0) / n;
}

static int make_file(const char *path)
{
	static const char text[] = "present\n";
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	if (write(fd, text, sizeof(text) - 1) != sizeof(text) - 1) {
		close(fd);
		return -1;
	}
	return close(fd);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(const char *);
		int missing;
	} cases[] = {
		{"open_close_present_ns", open_close, 0},
		{"open_missing_ns", open_missing, 1},
		{"stat_present_ns", stat_present, 0},
		{"stat_missing_ns", stat_missing, 1},
	};
	const char *dir = argc > 1 ? argv[1] : "/data";
	long n = argc > 2 ? atol(argv[2]) : 20000;
	char sub[256], present[300], missing[300];
	unsigned int i;
	int failed = 0;

	if (n <= 0 || strlen(dir) > 200) {
		fprintf(stderr, "usage: fslat [DIR [ITERATIONS]]\n");
		return 2;
	}
	snprintf(sub, sizeof(sub), "%s/fslat", dir);
	snprintf(present, sizeof(present), "%s/present", sub);
	snprintf(missing, sizeof(missing), "%s/missing", sub);
	if ((mkdir(sub, 0755) != 0 && errno != EEXIST) ||
	    make_file(present) != 0) {
		fprintf(stderr, "fslat: cannot create %s: %s\n", present,
			strerror(errno));
		return 1;
	}

	printf("fslat_iterations=%ld\n", n);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *path = cases[i].missing ? missing : present;
		double ns = time_calls(cases[i].fn, path, n);

		if (ns < 0) {
			printf("%s=failed (%s: %s)\n", cases[i].name, path,
			       strerror(errno));
			failed++;
			continue;
		}
		printf("%s=%.0f\n", cases[i].name, ns);
	}
	unlink(present);
	rmdir(sub);
	return failed;
}
