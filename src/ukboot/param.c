/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: the boot command-line parser. Splits the line into tokens in
 * the caller's buffer, checks every lib.name=value, then applies them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <uk/param.h>
#include <uk/print.h>

/* Where the tokenizer writes, and what it found. */
struct param_scan {
	char *buf;
	size_t size;
	size_t pos;		/* bytes of buf used so far */
	size_t ntok;		/* tokens written, "--" excluded */
	size_t nparam;		/* tokens before the first "--" */
	bool sep;		/* the first "--" has been seen */
};

static const char *const param_type_name[] = {
	[UK_PARAM_INT] = "int",
	[UK_PARAM_UINT] = "unsigned int",
	[UK_PARAM_SIZE] = "size",
	[UK_PARAM_BOOL] = "bool",
	[UK_PARAM_STR] = "string",
};

static const char *const param_true[] = { "1", "yes", "on", "true" };
static const char *const param_false[] = { "0", "no", "off", "false" };

static bool param_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char *param_next(char *tok)
{
	return tok + strlen(tok) + 1;
}

static int param_emit(struct param_scan *sc, char c)
{
	if (sc->pos >= sc->size)
		return -E2BIG;
	sc->buf[sc->pos++] = c;
	return 0;
}

/* Only a bare, unquoted "--" separates; a quoted one is a plain token. */
static bool param_is_sep(const char *s)
{
	return s[0] == '-' && s[1] == '-' &&
	       (s[2] == '\0' || param_blank(s[2]));
}

/* Copy one token from *sp into the buffer without quotes and escapes. */
static int param_token(const char **sp, struct param_scan *sc)
{
	const char *s = *sp;
	bool quoted = false;
	int rc;

	for (; *s != '\0' && (quoted || !param_blank(*s)); s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (*s == '\\' && *++s == '\0') {
			uk_pr_err("command line ends with a lone backslash");
			return -EINVAL;
		}
		rc = param_emit(sc, *s);
		if (rc)
			return rc;
	}
	if (quoted) {
		uk_pr_err("unterminated quote in '%s'", *sp);
		return -EINVAL;
	}
	*sp = s;
	sc->ntok++;
	return param_emit(sc, '\0');
}

static int param_tokenize(const char *s, struct param_scan *sc)
{
	int rc;

	for (;;) {
		while (param_blank(*s))
			s++;
		if (*s == '\0')
			break;
		if (!sc->sep && param_is_sep(s)) {
			sc->sep = true;
			sc->nparam = sc->ntok;
			s += 2;
			continue;
		}
		rc = param_token(&s, sc);
		if (rc)
			return rc;
	}
	if (!sc->sep)
		sc->nparam = sc->ntok;
	return 0;
}

static bool param_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Is [tok, eq) of the form lib.name with both parts nonempty? */
static bool param_key_ok(const char *tok, const char *eq)
{
	const char *dot = NULL;
	const char *s;

	for (s = tok; s < eq; s++) {
		if (*s == '.' && dot == NULL)
			dot = s;
		else if (!param_key_char(*s))
			return false;
	}
	return dot != NULL && dot > tok && dot + 1 < eq;
}

static const struct uk_param *param_find(const struct uk_param *tab,
					 size_t ntab, const char *key)
{
	const char *dot = strchr(key, '.');
	size_t len = (size_t)(dot - key);
	size_t i;

	for (i = 0; i < ntab; i++) {
		if (strncmp(tab[i].lib, key, len) == 0 &&
		    tab[i].lib[len] == '\0' &&
		    strcmp(tab[i].name, dot + 1) == 0)
			return &tab[i];
	}
	return NULL;
}

static bool param_digit(char c, unsigned int base, unsigned int *d)
{
	if (c >= '0' && c <= '9')
		*d = (unsigned int)(c - '0');
	else if (base == 16 && c >= 'a' && c <= 'f')
		*d = (unsigned int)(c - 'a' + 10);
	else if (base == 16 && c >= 'A' && c <= 'F')
		*d = (unsigned int)(c - 'A' + 10);
	else
		return false;
	return *d < base;
}

/*
 * Read decimal or 0x-prefixed hex digits at *sp and leave *sp after
 * them. -EINVAL if there are none, -ERANGE if the number exceeds max.
 */
static int param_digits(const char **sp, unsigned long long max,
			unsigned long long *out)
{
	const char *s = *sp;
	const char *first;
	unsigned long long v = 0;
	unsigned int base = 10, d;
	bool over = false;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (first = s; param_digit(*s, base, &d); s++) {
		if (v > (max - d) / base)
			over = true;
		else
			v = v * base + d;
	}
	*sp = s;
	*out = v;
	if (s == first)
		return -EINVAL;
	return over ? -ERANGE : 0;
}

/* A whole value that is a number no larger than max. */
static int param_number(const char *s, unsigned long long max,
			unsigned long long *out)
{
	int rc = param_digits(&s, max, out);

	if (rc == -EINVAL || *s != '\0')
		return -EINVAL;
	return rc;
}

static int param_int(const char *val, int *addr, bool store)
{
	bool neg = (*val == '-');
	unsigned long long max = neg ? (unsigned long long)INT_MAX + 1 :
				       (unsigned long long)INT_MAX;
	unsigned long long mag;
	int rc;

	rc = param_number(val + neg, max, &mag);
	if (rc == 0 && store)
		*addr = neg ? (int)-(long long)mag : (int)mag;
	return rc;
}

static int param_uint(const char *val, unsigned int *addr, bool store)
{
	unsigned long long v;
	int rc;

	rc = param_number(val, UINT_MAX, &v);
	if (rc == 0 && store)
		*addr = (unsigned int)v;
	return rc;
}

static unsigned int param_shift(char c)
{
	switch (c) {
	case 'K': case 'k':
		return 10;
	case 'M': case 'm':
		return 20;
	case 'G': case 'g':
		return 30;
	default:
		return 0;
	}
}

static int param_size(const char *val, size_t *addr, bool store)
{
	unsigned long long v;
	unsigned int shift;
	int rc;

	rc = param_digits(&val, SIZE_MAX, &v);
	if (rc == -EINVAL)
		return rc;
	shift = param_shift(*val);
	if (shift)
		val++;
	if (*val != '\0')
		return -EINVAL;
	if (rc || v > (SIZE_MAX >> shift))
		return -ERANGE;
	if (store)
		*addr = (size_t)v << shift;
	return 0;
}

static bool param_word(const char *val, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(val, words[i]) == 0)
			return true;
	}
	return false;
}

static int param_bool(const char *val, bool *addr, bool store)
{
	bool v;

	if (param_word(val, param_true, UK_ARRAY_SIZE(param_true)))
		v = true;
	else if (param_word(val, param_false, UK_ARRAY_SIZE(param_false)))
		v = false;
	else
		return -EINVAL;
	if (store)
		*addr = v;
	return 0;
}

/* Convert val for p; write the result only when store is set. */
static int param_value(const struct uk_param *p, const char *val, bool store)
{
	switch (p->type) {
	case UK_PARAM_INT:
		return param_int(val, p->addr, store);
	case UK_PARAM_UINT:
		return param_uint(val, p->addr, store);
	case UK_PARAM_SIZE:
		return param_size(val, p->addr, store);
	case UK_PARAM_BOOL:
		return param_bool(val, p->addr, store);
	case UK_PARAM_STR:
		if (store)
			*(const char **)p->addr = val;
		return 0;
	}
	return -ENOTSUP;
}

static int param_check_value(const struct uk_param *p, const char *key,
			     const char *val)
{
	int rc = param_value(p, val, false);

	if (rc == -ENOTSUP)
		uk_pr_err("parameter '%s' has unknown type %d", key, p->type);
	else if (rc == -ERANGE)
		uk_pr_err("parameter '%s': value '%s' out of range for %s",
			  key, val, param_type_name[p->type]);
	else if (rc)
		uk_pr_err("parameter '%s': '%s' is not a valid %s",
			  key, val, param_type_name[p->type]);
	return rc ? -EINVAL : 0;
}

/* Check one lib.name=value token and cut it at '=' into key and value. */
static int param_check(char *tok, const struct uk_param *tab, size_t ntab)
{
	char *eq = strchr(tok, '=');
	const struct uk_param *p;

	if (eq == NULL || !param_key_ok(tok, eq)) {
		uk_pr_err("malformed parameter '%s': expected lib.name=value; program arguments go after \"--\"",
			  tok);
		return -EINVAL;
	}
	*eq = '\0';
	p = param_find(tab, ntab, tok);
	if (p == NULL)
		return 0;
	return param_check_value(p, tok, eq + 1);
}

static int param_check_all(char *tok, size_t n, const struct uk_param *tab,
			   size_t ntab)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = param_check(tok, tab, ntab);
		if (rc)
			return rc;
		tok = param_next(param_next(tok));
	}
	return 0;
}

/* Set the checked parameters; returns the first token after "--". */
static char *param_apply_all(char *key, size_t n, const struct uk_param *tab,
			     size_t ntab)
{
	const struct uk_param *p;
	char *val;
	size_t i;

	for (i = 0; i < n; i++) {
		val = param_next(key);
		p = param_find(tab, ntab, key);
		if (p != NULL)
			param_value(p, val, true);
		else
			uk_pr_warn("unknown parameter '%s' ignored", key);
		key = param_next(val);
	}
	return key;
}

static void param_fill_argv(char **argv, const char *argv0, char *arg,
			    size_t nargs)
{
	size_t i;

	argv[0] = (char *)argv0;
	for (i = 1; i <= nargs; i++, arg = param_next(arg))
		argv[i] = arg;
	argv[i] = NULL;
}

int uk_param_parse(const char *cmdline, const struct uk_param *tab,
		   size_t ntab, const char *argv0, char *buf, size_t bufsz,
		   char **argv, int argv_max)
{
	struct param_scan sc = { .buf = buf, .size = buf ? bufsz : 0 };
	size_t nargs;
	char *arg;
	int rc;

	rc = param_tokenize(cmdline ? cmdline : "", &sc);
	if (rc == -E2BIG)
		uk_pr_err("command line does not fit in its %zu-byte buffer",
			  bufsz);
	if (rc)
		return rc;

	rc = param_check_all(buf, sc.nparam, tab, ntab);
	if (rc)
		return rc;

	nargs = sc.ntok - sc.nparam;
	if (argv == NULL || argv_max < 2 || (size_t)argv_max - 2 < nargs) {
		uk_pr_err("too many program arguments: %zu, at most %d",
			  nargs, argv == NULL || argv_max < 2 ? 0 :
			  argv_max - 2);
		return -E2BIG;
	}

	arg = param_apply_all(buf, sc.nparam, tab, ntab);
	param_fill_argv(argv, argv0, arg, nargs);
	return (int)nargs + 1;
}
