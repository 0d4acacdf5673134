/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A platform for the hosted unit tests: the console goes to a buffer
 * (and to stderr), halting exits the test process with the status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <uk/plat.h>
#include "hosted.h"

static char console[1 << 16];
static size_t console_len;
static char console_out[sizeof(console) + 1];

void ukplat_coutk(const char *buf, size_t len)
{
	size_t room = sizeof(console) - console_len;
	size_t n = len < room ? len : room;

	memcpy(console + console_len, buf, n);
	console_len += n;
	if (getenv("HOSTED_VERBOSE"))
		fwrite(buf, 1, len, stderr);
}

size_t ukplat_cink(char *buf, size_t len)
{
	return 0;
}

bool ukplat_cin_pending(void)
{
	return false;
}

const struct ukplat_bootinfo *ukplat_bootinfo_get(void)
{
	static struct ukplat_bootinfo bi = { .protocol = "hosted",
					     .cmdline = "" };

	return &bi;
}

const char *hosted_console_take(void)
{
	memcpy(console_out, console, console_len);
	console_out[console_len] = '\0';
	console_len = 0;
	return console_out;
}

uint64_t ukplat_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

uint64_t ukplat_wall_clock_at_boot_ns(void)
{
	return 0;
}

void ukplat_halt(int status)
{
	fflush(NULL);
	_exit(status);
}

void ukplat_backtrace(void)
{
}

bool ukplat_access_ok(const void *ptr, size_t len)
{
	return (uintptr_t)ptr >= 4096 && (uintptr_t)ptr + len >= (uintptr_t)ptr;
}

size_t ukplat_random_bytes(void *buf, size_t len)
{
	return 0;
}
