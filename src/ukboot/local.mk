# ukboot: the boot sequence, boot parameters, and the hand-off to musl.
lib_LIBRARIES += src/ukboot/libukboot.a
src_ukboot_libukboot_a_SOURCES = src/ukboot/boot.c src/ukboot/param.c
src_ukboot_libukboot_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) \
	-DUK_LIBNAME='"ukboot"'
src_ukboot_libukboot_a_CFLAGS = $(KERNEL_CFLAGS)
pkgconfig_DATA += pkgconfig/ukboot.pc
EXTRA_DIST += pkgconfig/ukboot.pc.in src/ukboot/README.md
include tests/ukboot.mk
