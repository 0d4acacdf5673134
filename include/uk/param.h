/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: boot parameters. A library declares a parameter with
 * UK_PARAM(); the kernel command line sets it with lib.name=value, and
 * everything after "--" becomes the application's argv.
 *
 *   debug.level=3 boot.stack_size=1M -- "hello world" 42
 *
 * Tokens are separated by blanks; double quotes group blanks into one
 * token and a backslash takes the next character literally.
 */
#ifndef UK_PARAM_H
#define UK_PARAM_H

#include <stddef.h>
#include <uk/essentials.h>

enum uk_param_type {
	UK_PARAM_INT,		/* int: decimal, 0x hex, optional '-' */
	UK_PARAM_UINT,		/* unsigned int */
	UK_PARAM_SIZE,		/* size_t, with an optional K, M or G */
	UK_PARAM_BOOL,		/* bool: 0/1, yes/no, on/off, true/false */
	UK_PARAM_STR,		/* const char *, into the parser's buffer */
};

struct uk_param {
	const char *lib;
	const char *name;
	enum uk_param_type type;
	void *addr;
};

#define UK_PARAM(lib, name, type, var)					\
	static const struct uk_param uk_param_##lib##_##name		\
	__uk_used __uk_section(".uk_params") __attribute__((aligned(8))) \
	= { #lib, #name, type, &(var) }

/* The parameters linked into the image, collected by the linker script. */
extern const struct uk_param __uk_params_start[], __uk_params_end[];

/*
 * Split cmdline into tokens. Tokens before "--" must be lib.name=value:
 * a known parameter is set, an unknown one is logged and skipped. The
 * tokens after "--" are copied into buf and listed in argv[1..], with
 * argv[0] = argv0 and a NULL after the last. Nothing is set unless the
 * whole line parses.
 *
 * Returns argc, or -EINVAL after logging which token is malformed (a
 * token without '.' or '=', a bad value, an unterminated quote), or
 * -E2BIG when buf or argv is too small. Never sleeps or allocates.
 */
int uk_param_parse(const char *cmdline, const struct uk_param *tab,
		   size_t ntab, const char *argv0, char *buf, size_t bufsz,
		   char **argv, int argv_max);

#endif /* UK_PARAM_H */
