# Check suite for vfscore's initrd: the cpio "newc" reader and unpacker,
# run hosted against a fake VFS. Needs GNU cpio on the build host.
check_PROGRAMS += tests/check_cpio
TESTS += tests/check_cpio
tests_check_cpio_SOURCES = tests/check_cpio.c $(hosted_sources) \
	src/vfscore/cpio.c src/vfscore/initrd.c
tests_check_cpio_CPPFLAGS = $(HOSTED_CPPFLAGS) -DUK_LIBNAME='"vfscore"'
tests_check_cpio_CFLAGS = $(HOSTED_CFLAGS)
tests_check_cpio_LDADD = $(HOSTED_LIBS)
EXTRA_DIST += src/vfscore/cpio.h
