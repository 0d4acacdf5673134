/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukdebug: a small printf-style formatter and the log line writer. It
 * allocates nothing and takes no lock, so exception handlers may use it.
 */
#include <stdbool.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/param.h>
#include <uk/plat.h>
#include <uk/print.h>

int uk_print_level = UK_PRWARN;
UK_PARAM(debug, level, UK_PARAM_INT, uk_print_level);

struct out {
	char *buf;
	size_t size;
	size_t len;	/* what the output wants, may exceed size */
};

struct spec {
	bool left;
	char pad;
	int width;
	int prec;	/* -1: none */
	int lmod;	/* 0 int, 1 long, 2 long long, -1 short, -2 char */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n,
		       const struct spec *sp)
{
	size_t fill = sp->width > 0 && (size_t)sp->width > n ?
		      sp->width - n : 0;
	size_t i;

	if (!sp->left)
		for (i = 0; i < fill; i++)
			put(o, sp->pad);
	for (i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		for (i = 0; i < fill; i++)
			put(o, ' ');
}

static void put_num(struct out *o, uint64_t v, bool neg, unsigned int base,
		    bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, i;
	struct spec s = *sp;

	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	while (n < s.prec && n < 22)
		tmp[sizeof(tmp) - 1 - n++] = '0';
	if (neg && s.pad == '0' && !s.left) {
		put(o, '-');
		s.width = s.width > 0 ? s.width - 1 : 0;
	} else if (neg) {
		tmp[sizeof(tmp) - 1 - n++] = '-';
	}
	i = sizeof(tmp) - n;
	put_padded(o, tmp + i, n, &s);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .pad = ' ', .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->pad = '0';
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		sp->prec = 0;
		if (*++f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	for (;; f++) {
		if (*f == 'l' && sp->lmod >= 0)
			sp->lmod++;
		else if (*f == 'h' && sp->lmod <= 0)
			sp->lmod--;
		else if (*f == 'z' || *f == 'j' || *f == 't')
			sp->lmod = 1;
		else
			break;
	}
	return f;
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->lmod) {
	case 0:
		return va_arg(*ap, unsigned int);
	case -1:
		return (unsigned short)va_arg(*ap, unsigned int);
	case -2:
		return (unsigned char)va_arg(*ap, unsigned int);
	default:
		return va_arg(*ap, unsigned long long);
	}
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->lmod) {
	case 0:
		return va_arg(*ap, int);
	case -1:
		return (short)va_arg(*ap, int);
	case -2:
		return (signed char)va_arg(*ap, int);
	default:
		return va_arg(*ap, long long);
	}
}

static void format_one(struct out *o, char conv, struct spec *sp,
		       va_list *ap)
{
	const char *s;
	int64_t sv;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		sv = arg_signed(sp, ap);
		put_num(o, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, sv < 0, 10,
			false, sp);
		break;
	case 'u':
		put_num(o, arg_unsigned(sp, ap), false, 10, false, sp);
		break;
	case 'o':
		put_num(o, arg_unsigned(sp, ap), false, 8, false, sp);
		break;
	case 'x':
	case 'X':
		put_num(o, arg_unsigned(sp, ap), false, 16, conv == 'X', sp);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_num(o, (uintptr_t)va_arg(*ap, void *), false, 16, false,
			sp);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		put_padded(o, s, sp->prec >= 0 ? strnlen(s, sp->prec) :
			   strlen(s), sp);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, &c, 1, sp);
		break;
	default:
		put(o, '%');
		if (conv)
			put(o, conv);
	}
}

int uk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &aq);
		format_one(&o, *fmt, &sp, &aq);
		if (*fmt)
			fmt++;
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int uk_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = uk_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define ERR(e)	[e] = #e
static const char *const errnames[] = {
	ERR(EPERM), ERR(ENOENT), ERR(ESRCH), ERR(EINTR), ERR(EIO),
	ERR(ENXIO), ERR(E2BIG), ERR(ENOEXEC), ERR(EBADF), ERR(EAGAIN),
	ERR(ENOMEM), ERR(EACCES), ERR(EFAULT), ERR(EBUSY), ERR(EEXIST),
	ERR(EXDEV), ERR(ENODEV), ERR(ENOTDIR), ERR(EISDIR), ERR(EINVAL),
	ERR(ENFILE), ERR(EMFILE), ERR(ENOTTY), ERR(EFBIG), ERR(ENOSPC),
	ERR(ESPIPE), ERR(EROFS), ERR(EMLINK), ERR(EPIPE), ERR(ERANGE),
	ERR(ENAMETOOLONG), ERR(ENOSYS), ERR(ENOTEMPTY), ERR(ELOOP),
	ERR(ETIMEDOUT), ERR(EOPNOTSUPP),
};

const char *uk_errname(int err)
{
	if (err < 0)
		err = -err;
	if (err < (int)UK_ARRAY_SIZE(errnames) && errnames[err])
		return errnames[err];
	return "error";
}

static const char *const level_names[] = {
	"crit", "err", "warn", "info", "debug",
};

void uk_vprintk(int level, const char *lib, const char *fmt, va_list ap)
{
	char line[256];
	int n;

	if (level < UK_PRCRIT)
		level = UK_PRCRIT;
	if (level > UK_PRDEBUG)
		level = UK_PRDEBUG;
	n = uk_snprintf(line, sizeof(line), "[%-5s] %s: ", level_names[level],
			lib);
	if ((size_t)n < sizeof(line))
		n += uk_vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if ((size_t)n >= sizeof(line) - 1)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	ukplat_coutk(line, n);
}

void uk_printk(int level, const char *lib, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	uk_vprintk(level, lib, fmt, ap);
	va_end(ap);
}
