/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the cpio "newc" reader behind the initrd. The archive is
 * outside input: every header field, name and size is checked against
 * the buffer before it is used, and a fault is a log line and -EINVAL.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include "cpio.h"

/*
 * A newc header is 6 bytes of magic and 13 fields of 8 hex digits, in
 * the order below. The name follows, NUL-terminated and padded so that
 * header and name end on a multiple of 4 bytes; then the data, padded
 * to a multiple of 4. Every header thus starts 4-aligned in the archive.
 */
enum cpio_field {
	CPIO_INO, CPIO_MODE, CPIO_UID, CPIO_GID, CPIO_NLINK, CPIO_MTIME,
	CPIO_FILESIZE, CPIO_DEVMAJOR, CPIO_DEVMINOR, CPIO_RDEVMAJOR,
	CPIO_RDEVMINOR, CPIO_NAMESIZE, CPIO_CHECK, CPIO_NFIELDS
};

static const char *const cpio_field_names[CPIO_NFIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize",
	"check",
};

#define CPIO_MAGIC_LEN	6
#define CPIO_FIELD_LEN	8
#define CPIO_HDR_LEN	(CPIO_MAGIC_LEN + CPIO_NFIELDS * CPIO_FIELD_LEN)
#define CPIO_TRAILER	"TRAILER!!!"
#define CPIO_SHOW_MAX	64	/* bytes of a name that an error line shows */

/* One member being read, and what an error line can say about it. */
struct cpio_member {
	size_t offset;
	const char *raw;	/* the name as stored, once checked; or NULL */
	size_t rawlen;
	uint32_t f[CPIO_NFIELDS];
	bool crc;		/* magic 070702: regular files have a sum */
};

static int cpio_fail(const struct cpio_member *m, const char *fmt, ...)
	__uk_printf(2, 3);

static int cpio_fail(const struct cpio_member *m, const char *fmt, ...)
{
	char why[128];
	va_list ap;
	int show;

	va_start(ap, fmt);
	uk_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);

	if (!m->raw) {
		uk_pr_err("initrd: entry at offset %zu: %s", m->offset, why);
		return -EINVAL;
	}
	show = (int)UK_MIN(m->rawlen, (size_t)CPIO_SHOW_MAX);
	uk_pr_err("initrd: entry '%.*s%s' at offset %zu: %s", show, m->raw,
		  m->rawlen > CPIO_SHOW_MAX ? "..." : "", m->offset, why);
	return -EINVAL;
}

const char *cpio_type_name(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return "regular file";
	case S_IFDIR:
		return "directory";
	case S_IFLNK:
		return "symlink";
	case S_IFCHR:
		return "character device";
	case S_IFBLK:
		return "block device";
	case S_IFIFO:
		return "fifo";
	case S_IFSOCK:
		return "socket";
	default:
		return "unknown file type";
	}
}

/* Exactly CPIO_FIELD_LEN hex digits, either case; no sign, no "0x". */
static bool cpio_hex(const unsigned char *s, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < CPIO_FIELD_LEN; i++) {
		unsigned char c = s[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static bool cpio_all_zero(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

static int cpio_read_header(struct cpio_member *m, const unsigned char *h,
			    size_t left)
{
	int i;

	if (left < CPIO_HDR_LEN)
		return cpio_fail(m, "header runs past the end of the archive (%zu of %d bytes)",
				 left, CPIO_HDR_LEN);

	if (!memcmp(h, "070701", CPIO_MAGIC_LEN))
		m->crc = false;
	else if (!memcmp(h, "070702", CPIO_MAGIC_LEN))
		m->crc = true;
	else if (!memcmp(h, "070707", CPIO_MAGIC_LEN))
		return cpio_fail(m, "old portable format (magic 070707); only newc (070701, 070702) is read");
	else if (h[0] == 0x1f && h[1] == 0x8b)
		return cpio_fail(m, "gzip data; the archive must be an uncompressed newc cpio");
	else
		return cpio_fail(m, "bad magic (not 070701 or 070702)");

	for (i = 0; i < CPIO_NFIELDS; i++) {
		const unsigned char *s;

		s = h + CPIO_MAGIC_LEN + i * CPIO_FIELD_LEN;
		if (!cpio_hex(s, &m->f[i]))
			return cpio_fail(m, "field '%s' is not 8 hex digits",
					 cpio_field_names[i]);
	}
	return 0;
}

/* The name must hold its only NUL as its last byte. */
static int cpio_read_name(struct cpio_member *m, const unsigned char *h,
			  size_t left)
{
	uint32_t size = m->f[CPIO_NAMESIZE];
	const char *name = (const char *)h + CPIO_HDR_LEN;

	if (size == 0)
		return cpio_fail(m, "name size is 0");
	if (size > left - CPIO_HDR_LEN)
		return cpio_fail(m, "name (%u bytes) runs past the end of the archive",
				 size);
	if (name[size - 1] != '\0')
		return cpio_fail(m, "name is not NUL-terminated");
	if (memchr(name, '\0', size - 1))
		return cpio_fail(m, "name contains a NUL byte");

	m->raw = name;
	m->rawlen = size - 1;
	return 0;
}

/*
 * Where the data starts (relative to the header) and where the next
 * header does. Each step is compared with what is left, never added to
 * an offset first, so no sum can wrap.
 */
static int cpio_extent(const struct cpio_member *m, size_t left,
		       size_t *data, size_t *next)
{
	size_t end = CPIO_HDR_LEN + m->rawlen + 1;
	size_t pad = (4 - (end & 3)) & 3;
	uint32_t size = m->f[CPIO_FILESIZE];

	if (pad > left - end)
		return cpio_fail(m, "name padding runs past the end of the archive");
	end += pad;
	if (size > left - end)
		return cpio_fail(m, "data (%u bytes) runs past the end of the archive",
				 size);
	*data = end;
	end += size;
	pad = (4 - (end & 3)) & 3;
	if (pad > left - end)
		return cpio_fail(m, "data padding runs past the end of the archive");
	*next = end + pad;
	return 0;
}

/*
 * Make the name relative: drop leading "./" and '/'; a name left as
 * "." or nothing is the root, reported as "". What remains must be a
 * plain relative path.
 */
static int cpio_check_name(const struct cpio_member *m, struct cpio_entry *e)
{
	const char *n = m->raw;
	size_t len, i, start;

	if (!m->rawlen)
		return cpio_fail(m, "name is empty");
	while (n[0] == '/' || (n[0] == '.' && n[1] == '/'))
		n += n[0] == '/' ? 1 : 2;
	if (n[0] == '.' && n[1] == '\0')
		n++;
	len = m->rawlen - (size_t)(n - m->raw);
	if (len > CPIO_NAME_MAX)
		return cpio_fail(m, "name is longer than %d bytes",
				 CPIO_NAME_MAX);

	for (i = 0; len; i++) {
		start = i;
		while (i < len && n[i] != '/')
			i++;
		if (i - start == 2 && n[start] == '.' && n[start + 1] == '.')
			return cpio_fail(m, "name has a '..' component");
		if (i == start || (i - start == 1 && n[start] == '.'))
			return cpio_fail(m, "name has an empty or '.' component");
		if (i == len)
			break;
	}

	e->name = n;
	e->namelen = len;
	return 0;
}

static int cpio_check_symlink(const struct cpio_member *m,
			      const struct cpio_entry *e)
{
	if (!e->size)
		return cpio_fail(m, "symlink has an empty target");
	if (e->size > CPIO_SYMLINK_MAX)
		return cpio_fail(m, "symlink target is longer than %d bytes",
				 CPIO_SYMLINK_MAX);
	if (memchr(e->data, '\0', e->size))
		return cpio_fail(m, "symlink target contains a NUL byte");
	return 0;
}

/*
 * 070702: a regular file's check field is the sum of its data bytes,
 * modulo 2^32 (writers leave it 0 for other types). 070701 writers set
 * it to 0 and readers ignore it.
 */
static int cpio_check_sum(const struct cpio_member *m,
			  const struct cpio_entry *e)
{
	const unsigned char *p = e->data;
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < e->size; i++)
		sum += p[i];
	if (sum != m->f[CPIO_CHECK])
		return cpio_fail(m, "checksum mismatch: header says 0x%08x, data sums to 0x%08x",
				 m->f[CPIO_CHECK], sum);
	return 0;
}

static int cpio_check_type(const struct cpio_member *m,
			   const struct cpio_entry *e)
{
	uint32_t type = e->mode & S_IFMT;

	if (e->mode & ~(uint32_t)(S_IFMT | 07777))
		return cpio_fail(m, "mode 0%o has bits beyond type and permissions",
				 e->mode);
	if (!e->namelen && type != S_IFDIR)
		return cpio_fail(m, "the root is a %s, not a directory",
				 cpio_type_name(type));

	switch (type) {
	case S_IFREG:
		return m->crc ? cpio_check_sum(m, e) : 0;
	case S_IFLNK:
		return cpio_check_symlink(m, e);
	case S_IFDIR:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		if (e->size)
			return cpio_fail(m, "%s has %zu bytes of data",
					 cpio_type_name(type), e->size);
		return 0;
	default:
		return cpio_fail(m, "unknown file type in mode 0%o", e->mode);
	}
}

static void cpio_fill(const struct cpio_member *m, const unsigned char *h,
		      size_t data, struct cpio_entry *e)
{
	e->mode = m->f[CPIO_MODE];
	e->uid = m->f[CPIO_UID];
	e->gid = m->f[CPIO_GID];
	e->nlink = m->f[CPIO_NLINK];
	e->mtime = m->f[CPIO_MTIME];
	e->ino = m->f[CPIO_INO];
	e->devmajor = m->f[CPIO_DEVMAJOR];
	e->devminor = m->f[CPIO_DEVMINOR];
	e->rdevmajor = m->f[CPIO_RDEVMAJOR];
	e->rdevminor = m->f[CPIO_RDEVMINOR];
	e->data = h + data;
	e->size = m->f[CPIO_FILESIZE];
	e->offset = m->offset;
}

/*
 * Read the member whose header is at off (4-aligned, before len): fill
 * e, or set *trailer; *next is where the following header would be.
 */
static int cpio_read(const unsigned char *b, size_t len, size_t off,
		     struct cpio_entry *e, bool *trailer, size_t *next)
{
	struct cpio_member m = { .offset = off };
	const unsigned char *h = b + off;
	size_t left = len - off, data = 0;
	int rc;

	rc = cpio_read_header(&m, h, left);
	if (rc)
		return rc;
	rc = cpio_read_name(&m, h, left);
	if (rc)
		return rc;
	rc = cpio_extent(&m, left, &data, next);
	if (rc)
		return rc;
	*next += off;

	*trailer = m.rawlen == sizeof(CPIO_TRAILER) - 1 &&
		   !memcmp(m.raw, CPIO_TRAILER, m.rawlen);
	if (*trailer)
		return 0;

	cpio_fill(&m, h, data, e);
	rc = cpio_check_name(&m, e);
	if (rc)
		return rc;
	return cpio_check_type(&m, e);
}

int cpio_walk(const void *buf, size_t len,
	      int (*fn)(const struct cpio_entry *e, void *arg), void *arg)
{
	const unsigned char *b = buf;
	struct cpio_entry e;
	size_t off = 0, next = 0;
	bool trailer;
	int rc;

	if (!b) {
		uk_pr_err("initrd: no archive (NULL buffer of %zu bytes)", len);
		return -EINVAL;
	}

	for (;;) {
		if (cpio_all_zero(b + off, len - off)) {
			uk_pr_err("initrd: archive ends at offset %zu without a TRAILER!!! entry",
				  off);
			return -EINVAL;
		}
		rc = cpio_read(b, len, off, &e, &trailer, &next);
		if (rc)
			return rc;
		if (trailer)
			break;
		if (fn) {
			rc = fn(&e, arg);
			if (rc)
				return rc;
		}
		off = next;
	}

	for (off = next; off < len; off++) {
		if (b[off]) {
			uk_pr_err("initrd: non-zero byte at offset %zu after the TRAILER!!! entry (only zero padding may follow it)",
				  off);
			return -EINVAL;
		}
	}
	return 0;
}
