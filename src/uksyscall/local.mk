# uksyscall: the Linux syscall ABI for musl, served by C functions.
lib_LIBRARIES += src/uksyscall/libuksyscall.a
src_uksyscall_libuksyscall_a_SOURCES = \
	src/uksyscall/dispatch.c \
	src/uksyscall/entry.S \
	src/uksyscall/io.c \
	src/uksyscall/mem.c \
	src/uksyscall/proc.c \
	src/uksyscall/random.c \
	src/uksyscall/signal.c \
	src/uksyscall/system.c \
	src/uksyscall/time.c \
	src/uksyscall/vdso.c
nodist_src_uksyscall_libuksyscall_a_SOURCES = src/uksyscall/syscall_names.h
src_uksyscall_libuksyscall_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) \
	-I$(top_builddir)/src/uksyscall -DUK_LIBNAME='"uksyscall"' \
	-DPACKAGE_VERSION='"$(PACKAGE_VERSION)"'
src_uksyscall_libuksyscall_a_CFLAGS = $(KERNEL_CFLAGS)
src_uksyscall_libuksyscall_a_CCASFLAGS = $(KERNEL_CPPFLAGS_ALL)
pkgconfig_DATA += pkgconfig/uksyscall.pc
EXTRA_DIST += pkgconfig/uksyscall.pc.in src/uksyscall/README.md
BUILT_SOURCES += src/uksyscall/syscall_names.h
CLEANFILES += src/uksyscall/syscall_names.h

# Names for the "not implemented" warning, from musl's own list.
src/uksyscall/syscall_names.h: $(MUSL_INCDIR)/bits/syscall.h
	$(AM_V_GEN)$(MKDIR_P) src/uksyscall && { \
	echo '/* SPDX-License-Identifier: BSD-3-Clause */'; \
	echo '/* Generated from musl bits/syscall.h by uksyscall/local.mk. */'; \
	echo 'static const char *const syscall_names[] = {'; \
	$(SED) -n 's/^#define __NR_\([a-z0-9_]*\)[ 	]*\([0-9][0-9]*\)$$/	[\2] = "\1",/p' $<; \
	echo '};'; } > $@
src/uksyscall/libuksyscall_a-dispatch.$(OBJEXT): \
	src/uksyscall/syscall_names.h
