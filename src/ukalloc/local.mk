# ukalloc: the allocation API, and its three implementations.
ukalloc_cppflags = $(KERNEL_CPPFLAGS_ALL) -DUK_LIBNAME='"ukalloc"'

lib_LIBRARIES += src/ukalloc/libukalloc.a
src_ukalloc_libukalloc_a_SOURCES = src/ukalloc/alloc.c
src_ukalloc_libukalloc_a_CPPFLAGS = $(ukalloc_cppflags)
src_ukalloc_libukalloc_a_CFLAGS = $(KERNEL_CFLAGS)

lib_LIBRARIES += src/ukalloc-tlsf/libukalloc-tlsf.a
src_ukalloc_tlsf_libukalloc_tlsf_a_SOURCES = \
	src/ukalloc-tlsf/tlsf.c src/ukalloc-tlsf/default.c
src_ukalloc_tlsf_libukalloc_tlsf_a_CPPFLAGS = $(ukalloc_cppflags)
src_ukalloc_tlsf_libukalloc_tlsf_a_CFLAGS = $(KERNEL_CFLAGS)

lib_LIBRARIES += src/ukalloc-buddy/libukalloc-buddy.a
src_ukalloc_buddy_libukalloc_buddy_a_SOURCES = \
	src/ukalloc-buddy/buddy.c src/ukalloc-buddy/default.c
src_ukalloc_buddy_libukalloc_buddy_a_CPPFLAGS = $(ukalloc_cppflags)
src_ukalloc_buddy_libukalloc_buddy_a_CFLAGS = $(KERNEL_CFLAGS)

lib_LIBRARIES += src/ukalloc-region/libukalloc-region.a
src_ukalloc_region_libukalloc_region_a_SOURCES = \
	src/ukalloc-region/region.c src/ukalloc-region/default.c
src_ukalloc_region_libukalloc_region_a_CPPFLAGS = $(ukalloc_cppflags)
src_ukalloc_region_libukalloc_region_a_CFLAGS = $(KERNEL_CFLAGS)

pkgconfig_DATA += pkgconfig/ukalloc.pc pkgconfig/ukalloc-tlsf.pc \
	pkgconfig/ukalloc-buddy.pc pkgconfig/ukalloc-region.pc
EXTRA_DIST += pkgconfig/ukalloc.pc.in pkgconfig/ukalloc-tlsf.pc.in \
	pkgconfig/ukalloc-buddy.pc.in pkgconfig/ukalloc-region.pc.in \
	src/ukalloc/README.md

check_PROGRAMS += tests/check_ukalloc
TESTS += tests/check_ukalloc
tests_check_ukalloc_SOURCES = tests/check_ukalloc.c $(hosted_sources) \
	src/ukalloc/alloc.c src/ukalloc-tlsf/tlsf.c src/ukalloc-buddy/buddy.c \
	src/ukalloc-region/region.c
tests_check_ukalloc_CPPFLAGS = $(HOSTED_CPPFLAGS) -DUK_LIBNAME='"ukalloc"'
tests_check_ukalloc_CFLAGS = $(HOSTED_CFLAGS)
tests_check_ukalloc_LDADD = $(HOSTED_LIBS)
