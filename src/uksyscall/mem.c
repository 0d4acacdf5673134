/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: memory for musl's malloc. Anonymous mappings are zeroed,
 * page-aligned blocks from the default allocator; each live piece of a
 * mapping is a record, so munmap of any page range, even the middle of
 * a mapping, does what Linux does, and the block goes back to the
 * allocator when its last piece is unmapped. There is one address space;
 * protections are real page-table bits (PROT_NONE faults, PROT_READ is
 * read-only), put back to read-write before a block is freed.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <uk/alloc.h>
#include <uk/arch/x86_64.h>
#include <uk/param.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/syscall.h>

struct mapping {
	uintptr_t start;	/* live range [start, end) */
	uintptr_t end;
	void *block;		/* what uk_free() takes back */
	size_t block_len;
	void *file;		/* a file mapping's cookie, or NULL */
	void *file_key;		/* what the VFS calls the file (its vnode) */
	off_t file_off;		/* the file offset of block */
	bool shared;		/* MAP_SHARED: sees and makes file changes */
	bool writable;		/* PROT_WRITE: written back to the file */
	struct mapping *next;
};

/* A VFS (vfscore) provides these; without one, files cannot be mapped. */
int uk_file_map(int fd, off_t off, void *buf, size_t len, bool shared,
		void **cookie, void **key) __attribute__((weak));
int uk_file_map_read(void *cookie, off_t off, void *buf, size_t len)
	__attribute__((weak));
void *uk_file_map_dup(void *cookie) __attribute__((weak));
int uk_file_map_writeback(void *cookie, off_t off, const void *buf,
			  size_t len) __attribute__((weak));
void uk_file_map_release(void *cookie) __attribute__((weak));

static struct mapping *mappings;
static unsigned int file_mappings;	/* open files with shared mappings */

/* brk: one fixed area, taken from the heap on the first brk call. */
static size_t brk_size = 256 * 1024;
UK_PARAM(uksyscall, brk_size, UK_PARAM_SIZE, brk_size);
static uintptr_t brk_base, brk_cur;

static struct uk_alloc *heap(void)
{
	return uk_alloc_get_default();
}

static bool page_len(size_t len, size_t *out)
{
	if (!len || len > SIZE_MAX - UK_PAGE_SIZE)
		return false;
	*out = UK_ALIGN_UP(len, UK_PAGE_SIZE);
	return true;
}

static unsigned int plat_prot(int prot)
{
	if (prot & PROT_WRITE)
		return UKPLAT_PROT_READ | UKPLAT_PROT_WRITE;
	if (prot & (PROT_READ | PROT_EXEC))
		return UKPLAT_PROT_READ;
	return UKPLAT_PROT_NONE;
}

static void *map_anon(size_t len, int prot)
{
	struct mapping *m = uk_malloc(heap(), sizeof(*m));
	void *p = m ? uk_memalign(heap(), UK_PAGE_SIZE, len) : NULL;

	if (!p) {
		uk_free(heap(), m);
		return NULL;
	}
	memset(p, 0, len);
	if (plat_prot(prot) != (UKPLAT_PROT_READ | UKPLAT_PROT_WRITE) &&
	    ukplat_page_protect(p, len, plat_prot(prot)) < 0) {
		uk_free(heap(), p);
		uk_free(heap(), m);
		return NULL;
	}
	*m = (struct mapping){ (uintptr_t)p, (uintptr_t)p + len, p, len,
			       NULL, NULL, 0, false, false, mappings };
	mappings = m;
	return p;
}

static void free_block(void *block, size_t len)
{
	ukplat_page_protect(block, len, UKPLAT_PROT_READ | UKPLAT_PROT_WRITE);
	uk_free(heap(), block);
}

static bool brk_owns(uintptr_t lo, uintptr_t hi)
{
	return brk_base && lo >= brk_base && hi <= brk_base + brk_size;
}

/* True when [lo, hi) is inside memory this file handed out. */
static bool owned(uintptr_t lo, uintptr_t hi)
{
	struct mapping *m;

	if (hi < lo)
		return false;
	if (brk_owns(lo, hi))
		return true;
	for (m = mappings; m; m = m->next)
		if (lo >= m->start && hi <= m->end)
			return true;
	return false;
}

/*
 * A fixed mapping over memory we already handed out (musl's malloc puts
 * a guard page at the start of brk this way) is fresh zeroed pages in
 * place; anywhere else there is nothing to map at.
 */
static void *map_fixed(void *addr, size_t len, int prot)
{
	uintptr_t lo = (uintptr_t)addr;

	if (!UK_IS_ALIGNED(lo, UK_PAGE_SIZE) || !owned(lo, lo + len)) {
		uk_pr_once(UK_PRWARN, "mmap at a fixed address outside "
			   "memory already mapped is unsupported");
		return (void *)(long)-ENOMEM;
	}
	ukplat_page_protect(addr, len, UKPLAT_PROT_READ | UKPLAT_PROT_WRITE);
	memset(addr, 0, len);
	ukplat_page_protect(addr, len, plat_prot(prot));
	return addr;
}

/* A file mapping: anonymous memory filled from the file by the VFS. */
static void *map_file(size_t len, int prot, int flags, int fd, off_t off)
{
	bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	void *cookie, *key, *p;
	int rc;

	if (!uk_file_map)
		return (void *)(long)-ENODEV;
	if (off < 0 || !UK_IS_ALIGNED((uintptr_t)off, UK_PAGE_SIZE))
		return (void *)(long)-EINVAL;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))
		return (void *)(long)-EINVAL;
	p = map_anon(len, PROT_READ | PROT_WRITE);
	if (!p)
		return (void *)(long)-ENOMEM;
	rc = uk_file_map(fd, off, p, len, shared, &cookie, &key);
	if (rc < 0) {
		uk_sys_munmap(p, len);
		return (void *)(long)rc;
	}
	mappings->file = cookie;
	mappings->file_key = key;
	mappings->file_off = off;
	mappings->shared = shared;
	mappings->writable = shared && (prot & PROT_WRITE);
	file_mappings += shared;
	if (plat_prot(prot) != (UKPLAT_PROT_READ | UKPLAT_PROT_WRITE))
		ukplat_page_protect(p, len, plat_prot(prot));
	return p;
}

void *uk_sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off)
{
	void *p;

	if (!page_len(len, &len) ||
	    !UK_IS_ALIGNED((uintptr_t)off, UK_PAGE_SIZE))
		return (void *)(long)-EINVAL;
	if ((flags & MAP_TYPE) != MAP_PRIVATE &&
	    (flags & MAP_TYPE) != MAP_SHARED &&
	    (flags & MAP_TYPE) != MAP_SHARED_VALIDATE)
		return (void *)(long)-EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return map_file(len, prot, flags, fd, off);
	if (flags & MAP_FIXED_NOREPLACE)
		return (void *)(long)-EEXIST;
	if (flags & MAP_FIXED)
		return map_fixed(addr, len, prot);
	p = map_anon(len, prot);
	return p ? p : (void *)(long)-ENOMEM;
}

static bool block_in_use(void *block)
{
	struct mapping *m;

	for (m = mappings; m; m = m->next)
		if (m->block == block)
			return true;
	return false;
}

/*
 * Write a writable shared file mapping's bytes in [lo, hi) back to the
 * file. Mappings always hold the file's latest data (writes through the
 * VFS land in them too), so writing all of it back loses nothing.
 */
static int writeback(struct mapping *m, uintptr_t lo, uintptr_t hi)
{
	lo = UK_MAX(lo, m->start);
	hi = UK_MIN(hi, m->end);
	if (!m->file || !m->writable || lo >= hi)
		return 0;
	return uk_file_map_writeback(m->file, m->file_off +
				     (lo - (uintptr_t)m->block),
				     (const void *)lo, hi - lo);
}

/* Cut [lo, hi) out of *link's record; returns the next link to visit. */
static int cut(struct mapping **link, uintptr_t lo, uintptr_t hi)
{
	struct mapping *m = *link, *right;

	writeback(m, lo, hi);
	if (lo > m->start && hi < m->end) {
		right = uk_malloc(heap(), sizeof(*right));
		if (!right)
			return -ENOMEM;
		*right = *m;
		right->start = hi;
		m->end = lo;
		m->next = right;
	} else if (lo > m->start) {
		m->end = lo;
	} else if (hi < m->end) {
		m->start = hi;
	} else {
		*link = m->next;
		if (!block_in_use(m->block)) {
			free_block(m->block, m->block_len);
			if (m->file)
				uk_file_map_release(m->file);
			file_mappings -= m->shared;
		}
		uk_free(heap(), m);
	}
	return 0;
}

int uk_sys_munmap(void *addr, size_t len)
{
	uintptr_t lo = (uintptr_t)addr, hi;
	struct mapping **link = &mappings;
	int rc;

	if (!UK_IS_ALIGNED(lo, UK_PAGE_SIZE) || !page_len(len, &len) ||
	    lo + len < lo)
		return -EINVAL;
	hi = lo + len;
	while (*link) {
		struct mapping *m = *link;

		if (m->end <= lo || m->start >= hi) {
			link = &m->next;
			continue;
		}
		rc = cut(link, lo, hi);
		if (rc < 0)
			return rc;
		if (*link == m)
			link = &m->next;
	}
	return 0;
}

static struct mapping *find_exact(uintptr_t start, size_t len)
{
	struct mapping *m;

	for (m = mappings; m; m = m->next)
		if (m->start == start && m->end - m->start == len)
			return m;
	return NULL;
}

/* The grown copy nm of file mapping om: the file's bytes past old_len. */
static int grow_file_mapping(const struct mapping *om, struct mapping *nm,
			     size_t old_len)
{
	size_t len = nm->end - nm->start;
	int rc;

	nm->file_off = om->file_off + (off_t)(om->start -
					      (uintptr_t)om->block);
	rc = uk_file_map_read(om->file, nm->file_off + old_len,
			      (char *)nm->start + old_len, len - old_len);
	if (rc < 0)
		return rc;
	nm->file = uk_file_map_dup(om->file);
	nm->file_key = om->file_key;
	nm->shared = om->shared;
	nm->writable = om->writable;
	file_mappings += nm->shared;
	if (!om->writable && om->shared)
		ukplat_page_protect((void *)nm->start, len, UKPLAT_PROT_READ);
	return 0;
}

void *uk_sys_mremap(void *old, size_t old_len, size_t new_len, int flags,
		    void *new_addr)
{
	struct mapping *om;
	void *p;

	if ((flags & ~MREMAP_MAYMOVE) || !page_len(old_len, &old_len) ||
	    !page_len(new_len, &new_len) ||
	    !(om = find_exact((uintptr_t)old, old_len)))
		return (void *)(long)-EINVAL;
	if (new_len <= old_len) {
		if (new_len < old_len)
			uk_sys_munmap((char *)old + new_len, old_len - new_len);
		return old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return (void *)(long)-ENOMEM;
	p = map_anon(new_len, PROT_READ | PROT_WRITE);
	if (!p)
		return (void *)(long)-ENOMEM;
	memcpy(p, old, old_len);
	if (om->file && grow_file_mapping(om, mappings, old_len) < 0) {
		uk_sys_munmap(p, new_len);
		return (void *)(long)-ENOMEM;
	}
	uk_sys_munmap(old, old_len);
	return p;
}

int uk_sys_mprotect(void *addr, size_t len, int prot)
{
	uintptr_t lo = (uintptr_t)addr;
	struct mapping *m;

	if (!UK_IS_ALIGNED(lo, UK_PAGE_SIZE) || !page_len(len, &len))
		return -EINVAL;
	if (!owned(lo, lo + len))
		return -ENOMEM;
	for (m = mappings; m; m = m->next)
		if (m->start < lo + len && m->end > lo && (prot & PROT_WRITE))
			m->writable = true;
	return ukplat_page_protect(addr, len, plat_prot(prot));
}

/*
 * The VFS wrote data at off in the file named key: shared mappings of
 * that range see it at once, as they do on Linux. Read-only pages are
 * written with the CPU's write protection briefly off.
 */
void uk_mmap_file_updated(void *key, off_t off, const void *data,
			  size_t len)
{
	struct mapping *m;
	uint64_t cr0;
	char *dst;

	if (!file_mappings)
		return;
	cr0 = ukarch_write_protect_off();
	for (m = mappings; m; m = m->next) {
		off_t m_lo, m_hi, lo, hi;

		if (m->file_key != key || !m->shared)
			continue;
		m_lo = m->file_off + (off_t)(m->start - (uintptr_t)m->block);
		m_hi = m_lo + (off_t)(m->end - m->start);
		lo = UK_MAX(m_lo, off);
		hi = UK_MIN(m_hi, off + (off_t)len);
		if (lo >= hi)
			continue;
		dst = (char *)m->start + (lo - m_lo);
		if (ukplat_access_ok(dst, hi - lo))
			memcpy(dst, (const char *)data + (lo - off), hi - lo);
	}
	ukarch_write_protect_restore(cr0);
}

int uk_sys_msync(void *addr, size_t len, int flags)
{
	uintptr_t lo = (uintptr_t)addr;
	struct mapping *m;
	int rc = 0;

	if (!UK_IS_ALIGNED(lo, UK_PAGE_SIZE) || (flags & ~(MS_ASYNC |
	    MS_SYNC | MS_INVALIDATE)) || ((flags & MS_ASYNC) &&
	    (flags & MS_SYNC)))
		return -EINVAL;
	len = UK_ALIGN_UP(len, UK_PAGE_SIZE);
	if (!owned(lo, lo + len))
		return -ENOMEM;
	for (m = mappings; m && rc == 0; m = m->next)
		rc = writeback(m, lo, lo + len);
	return rc;
}

/* Advice only: there is nothing to page out or in. */
int uk_sys_madvise(void *addr, size_t len, int advice)
{
	if (!UK_IS_ALIGNED((uintptr_t)addr, UK_PAGE_SIZE))
		return -EINVAL;
	return 0;
}

void *uk_sys_brk(void *addr)
{
	uintptr_t want = (uintptr_t)addr;

	if (!brk_base) {
		void *p = uk_memalign(heap(), UK_PAGE_SIZE, brk_size);

		if (!p)
			return NULL;
		brk_base = brk_cur = (uintptr_t)p;
	}
	if (want >= brk_base && want <= brk_base + brk_size) {
		if (want > brk_cur)
			memset((void *)brk_cur, 0, want - brk_cur);
		brk_cur = want;
	}
	return (void *)brk_cur;
}
