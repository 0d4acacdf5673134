# ukdebug: log lines, assertions, the crash path.
lib_LIBRARIES += src/ukdebug/libukdebug.a
src_ukdebug_libukdebug_a_SOURCES = src/ukdebug/print.c src/ukdebug/crash.c
src_ukdebug_libukdebug_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) \
	-DUK_LIBNAME='"ukdebug"'
src_ukdebug_libukdebug_a_CFLAGS = $(KERNEL_CFLAGS)
pkgconfig_DATA += pkgconfig/ukdebug.pc
EXTRA_DIST += pkgconfig/ukdebug.pc.in
EXTRA_DIST += src/ukdebug/README.md
