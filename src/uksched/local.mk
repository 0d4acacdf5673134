# uksched: threads, blocking, sleeping, futexes and their system calls;
# uksched-coop: the cooperative round-robin policy.
lib_LIBRARIES += src/uksched/libuksched.a
src_uksched_libuksched_a_SOURCES = \
	src/uksched/futex.c \
	src/uksched/sched.h \
	src/uksched/switch.S \
	src/uksched/syscalls.c \
	src/uksched/thread.c \
	src/uksched/timerq.c
src_uksched_libuksched_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) \
	-DUK_LIBNAME='"uksched"'
src_uksched_libuksched_a_CFLAGS = $(KERNEL_CFLAGS)
src_uksched_libuksched_a_CCASFLAGS = $(KERNEL_CPPFLAGS_ALL)

lib_LIBRARIES += src/uksched-coop/libuksched-coop.a
src_uksched_coop_libuksched_coop_a_SOURCES = src/uksched-coop/coop.c
src_uksched_coop_libuksched_coop_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) \
	-DUK_LIBNAME='"uksched-coop"'
src_uksched_coop_libuksched_coop_a_CFLAGS = $(KERNEL_CFLAGS)

pkgconfig_DATA += pkgconfig/uksched.pc pkgconfig/uksched-coop.pc
EXTRA_DIST += src/uksched/README.md

check_PROGRAMS += tests/check_uksched
TESTS += tests/check_uksched
tests_check_uksched_SOURCES = tests/check_uksched.c $(hosted_sources) \
	src/uksched/timerq.c src/uksched-coop/coop.c src/ukalloc/alloc.c \
	src/ukalloc-tlsf/tlsf.c
tests_check_uksched_CPPFLAGS = $(HOSTED_CPPFLAGS) -DUK_LIBNAME='"uksched"'
tests_check_uksched_CFLAGS = $(HOSTED_CFLAGS)
tests_check_uksched_LDADD = $(HOSTED_LIBS)
