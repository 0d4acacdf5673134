# ramfs: the in-memory file system, a file system type for vfscore.
lib_LIBRARIES += src/ramfs/libramfs.a
src_ramfs_libramfs_a_SOURCES = \
	src/ramfs/dir.c \
	src/ramfs/file.c \
	src/ramfs/ramfs.c \
	src/ramfs/ramfs.h
src_ramfs_libramfs_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) \
	-DUK_LIBNAME='"ramfs"'
src_ramfs_libramfs_a_CFLAGS = $(KERNEL_CFLAGS)

pkgconfig_DATA += pkgconfig/ramfs.pc
EXTRA_DIST += src/ramfs/README.md

check_PROGRAMS += tests/check_ramfs
TESTS += tests/check_ramfs
tests_check_ramfs_SOURCES = tests/check_ramfs.c $(hosted_sources) \
	src/ramfs/dir.c src/ramfs/file.c src/ramfs/ramfs.c \
	src/ramfs/ramfs.h src/vfscore/vnode.c src/ukalloc/alloc.c \
	src/ukalloc-tlsf/tlsf.c
tests_check_ramfs_CPPFLAGS = $(HOSTED_CPPFLAGS) -DUK_LIBNAME='"ramfs"'
tests_check_ramfs_CFLAGS = $(HOSTED_CFLAGS)
tests_check_ramfs_LDADD = $(HOSTED_LIBS)
