# vfscore: descriptors, open files, paths, mounts, pipes, poll, the file
# system calls, file mappings and the initrd.
lib_LIBRARIES += src/vfscore/libvfscore.a
src_vfscore_libvfscore_a_SOURCES = \
	src/vfscore/cpio.c \
	src/vfscore/cpio.h \
	src/vfscore/file.c \
	src/vfscore/initrd.c \
	src/vfscore/mount.c \
	src/vfscore/path.c \
	src/vfscore/pipe.c \
	src/vfscore/poll.c \
	src/vfscore/sys.h \
	src/vfscore/sys_fd.c \
	src/vfscore/sys_meta.c \
	src/vfscore/sys_path.c \
	src/vfscore/syscalls.c \
	src/vfscore/vfscore.h \
	src/vfscore/vnode.c
src_vfscore_libvfscore_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) \
	-DUK_LIBNAME='"vfscore"'
src_vfscore_libvfscore_a_CFLAGS = $(KERNEL_CFLAGS)
pkgconfig_DATA += pkgconfig/vfscore.pc
EXTRA_DIST += src/vfscore/README.md
include tests/cpio.mk
