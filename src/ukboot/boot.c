/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: the boot sequence, one stage per line of ukboot_entry(). Each
 * stage logs itself at info level; a failing stage stops the machine
 * with its name and UKPLAT_STATUS_BOOTFAIL.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/arch/x86_64.h>
#include <uk/boot.h>
#include <uk/init.h>
#include <uk/param.h>
#include <uk/print.h>
#include <uk/sched.h>
#include <uk/syscall.h>

#define ARGV_MAX	64
#define ARG_BYTES	4096
#define AUXV_PAIRS	16
#define MIN_STACK	(16 * 1024)

int main(int argc, char **argv, char **envp);
int __libc_start_main(int (*m)(int, char **, char **), int argc, char **argv,
		      void (*init)(void), void (*fini)(void),
		      void (*ldso)(void));

/*
 * Defined by every allocator implementation: an image that links none
 * fails to link with this name in the error.
 */
extern const char ukalloc_link_exactly_one_allocator_implementation[];

/* Linked only when the application names a scheduler (uksched-coop). */
extern __typeof__(uk_sched_start) uk_sched_start __attribute__((weak));

/* TLS template bounds, from the linker script. */
extern char __tls_start[], __tdata_end[], __tbss_end[], __tls_align[];

static size_t main_stack_size = 256 * 1024;
UK_PARAM(boot, stack_size, UK_PARAM_SIZE, main_stack_size);

static const char *app_name = "app";
UK_PARAM(boot, argv0, UK_PARAM_STR, app_name);

/* argv, the empty envp and the auxiliary vector, as musl expects them. */
/* argv[0], ARGV_MAX arguments, NULL; NULL (envp); the auxiliary vector */
static char *start_vec[ARGV_MAX + 3 + 2 * AUXV_PAIRS];
static char arg_bytes[ARG_BYTES];
static Elf64_Phdr tls_phdr;
static uint8_t at_random[16];

static int parse_cmdline(struct ukplat_bootinfo *bi, int *argc)
{
	size_t n = __uk_params_end - __uk_params_start;

	*argc = uk_param_parse(bi->cmdline, __uk_params_start, n, "app",
			       arg_bytes, sizeof(arg_bytes), start_vec,
			       ARGV_MAX + 2);
	if (*argc < 0)
		return *argc;
	if (uk_print_level < UK_PRCRIT || uk_print_level > UK_PRDEBUG) {
		uk_print_level = UK_PRCRIT;
		uk_pr_crit("debug.level must be 0 (crit) to 4 (debug)");
		return -EINVAL;
	}
	start_vec[0] = (char *)app_name;
	return 0;
}

static const char *const memr_names[] = {
	[UKPLAT_MEMR_FREE] = "free",
	[UKPLAT_MEMR_KERNEL] = "image",
	[UKPLAT_MEMR_INITRD] = "initrd",
	[UKPLAT_MEMR_RESERVED] = "reserved",
};

static void log_memory(const struct ukplat_bootinfo *bi)
{
	unsigned int i;

	uk_pr_info("booted by %s, command line '%s'", bi->protocol,
		   bi->cmdline);
	uk_pr_info("image %p-%p: text %p, data %p, bss %p", __image_start,
		   __image_end, __image_start, __data_start, __bss_start);
	for (i = 0; i < bi->mr_count; i++)
		uk_pr_info("memory %016llx-%016llx %s",
			   (unsigned long long)bi->mr[i].base,
			   (unsigned long long)(bi->mr[i].base + bi->mr[i].len),
			   memr_names[bi->mr[i].type]);
}

static int heap_init(const struct ukplat_bootinfo *bi)
{
	const struct ukplat_memregion *best = NULL;
	struct uk_alloc *a;
	unsigned int i;

	for (i = 0; i < bi->mr_count; i++)
		if (bi->mr[i].type == UKPLAT_MEMR_FREE &&
		    (!best || bi->mr[i].len > best->len))
			best = &bi->mr[i];
	if (!best) {
		uk_pr_crit("no free memory for the heap");
		return -ENOMEM;
	}
	a = uk_alloc_default_create((void *)(uintptr_t)best->base, best->len);
	if (!a) {
		uk_pr_crit("%s allocator refused %llu bytes at 0x%llx", "default",
			   (unsigned long long)best->len,
			   (unsigned long long)best->base);
		return -ENOMEM;
	}
	uk_alloc_set_default(a);
	uk_pr_debug("allocator implementation: %s",
		    ukalloc_link_exactly_one_allocator_implementation);
	uk_pr_info("heap: %s allocator, %llu KiB at 0x%llx", a->name,
		   (unsigned long long)best->len / 1024,
		   (unsigned long long)best->base);
	for (i = 0; i < bi->mr_count; i++) {
		const struct ukplat_memregion *r = &bi->mr[i];

		if (r == best || r->type != UKPLAT_MEMR_FREE)
			continue;
		if (uk_alloc_addmem(a, (void *)(uintptr_t)r->base, r->len) == 0)
			uk_pr_info("heap: %llu KiB more at 0x%llx",
				   (unsigned long long)r->len / 1024,
				   (unsigned long long)r->base);
	}
	return 0;
}

static int run_inittab(void)
{
	const struct uk_init_entry *e;
	int rc;

	for (e = __uk_inittab_start; e < __uk_inittab_end; e++) {
		uk_pr_debug("init: %s", e->name);
		rc = e->fn();
		if (rc < 0) {
			uk_pr_crit("init function %s failed: %s", e->name,
				   uk_errname(rc));
			return rc;
		}
	}
	return 0;
}

/* What musl's static start-up reads: the TLS template, page size, seed. */
static void fill_auxv(char **v)
{
	uintptr_t *aux = (uintptr_t *)v;
	int n = 0;

	tls_phdr.p_type = PT_TLS;
	tls_phdr.p_vaddr = (uintptr_t)__tls_start;
	tls_phdr.p_filesz = __tdata_end - __tls_start;
	tls_phdr.p_memsz = __tbss_end - __tls_start;
	tls_phdr.p_align = (uintptr_t)__tls_align;
	if (ukplat_random_bytes(at_random, sizeof(at_random)) == 0) {
		uint64_t t = ukarch_rdtsc();

		memcpy(at_random, &t, sizeof(t));
	}
	aux[n++] = AT_PHDR;
	aux[n++] = (uintptr_t)&tls_phdr;
	aux[n++] = AT_PHENT;
	aux[n++] = sizeof(tls_phdr);
	aux[n++] = AT_PHNUM;
	aux[n++] = 1;
	aux[n++] = AT_PAGESZ;
	aux[n++] = UK_PAGE_SIZE;
	aux[n++] = AT_RANDOM;
	aux[n++] = (uintptr_t)at_random;
	aux[n++] = AT_HWCAP;
	aux[n++] = ukarch_cpuid(1, 0).edx;
	aux[n++] = AT_SYSINFO_EHDR;
	aux[n++] = (uintptr_t)uk_syscall_vdso();
	aux[n++] = AT_NULL;
	aux[n++] = 0;
}

static int main_argc;

static void main_thread(void *arg)
{
	__libc_start_main(main, main_argc, start_vec, NULL, NULL, NULL);
}

/* On a thread of its own when a scheduler is linked, else right here. */
static int start_main(int argc)
{
	char *stack;

	main_stack_size = UK_ALIGN_UP(UK_MAX(main_stack_size, MIN_STACK),
				      UK_PAGE_SIZE);
	start_vec[argc + 1] = NULL;	/* the empty environment */
	fill_auxv(&start_vec[argc + 2]);
	main_argc = argc;
	uk_pr_info("calling main with %d argument(s)", argc - 1);
	if (uk_sched_start)
		uk_sched_start(main_thread, NULL, main_stack_size);
	/* A guard page below the stack, as the scheduler's threads have. */
	stack = uk_memalign(uk_alloc_get_default(), UK_PAGE_SIZE,
			    UK_PAGE_SIZE + main_stack_size);
	if (!stack || ukplat_page_protect(stack, UK_PAGE_SIZE,
					  UKPLAT_PROT_NONE) < 0) {
		uk_pr_crit("no memory for a %zu byte main stack",
			   main_stack_size);
		return -ENOMEM;
	}
	stack += UK_PAGE_SIZE;
	__asm__ __volatile__("mov %0, %%rsp\n\t"
			     "xor %%ebp, %%ebp\n\t"
			     "xor %%r8d, %%r8d\n\t"
			     "xor %%r9d, %%r9d\n\t"
			     "call *%1"
			     :
			     : "r"(stack + main_stack_size),
			       "r"(__libc_start_main), "D"(main), "S"(argc),
			       "d"(start_vec), "c"(0)
			     : "memory", "r8", "r9");
	__builtin_unreachable();
}

static void stage(const char *name, int rc)
{
	if (rc < 0) {
		uk_pr_crit("boot stage '%s' failed: %s", name, uk_errname(rc));
		ukplat_halt(UKPLAT_STATUS_BOOTFAIL);
	}
	uk_pr_info("boot stage '%s' done", name);
}

void ukboot_entry(struct ukplat_bootinfo *bi)
{
	int argc;

	stage("command line", parse_cmdline(bi, &argc));
	log_memory(bi);
	stage("heap", heap_init(bi));
	stage("init table", run_inittab());
	stage("main", start_main(argc));
	__builtin_unreachable();
}
