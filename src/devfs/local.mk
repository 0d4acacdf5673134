# devfs: /dev/null, zero, full, random, urandom and console.
lib_LIBRARIES += src/devfs/libdevfs.a
src_devfs_libdevfs_a_SOURCES = src/devfs/devfs.c
src_devfs_libdevfs_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) -DUK_LIBNAME='"devfs"'
src_devfs_libdevfs_a_CFLAGS = $(KERNEL_CFLAGS)
pkgconfig_DATA += pkgconfig/devfs.pc
