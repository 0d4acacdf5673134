# Check suite for ukboot's command-line parser, run hosted.
check_PROGRAMS += tests/check_ukboot
TESTS += tests/check_ukboot
tests_check_ukboot_SOURCES = tests/check_ukboot.c $(hosted_sources) \
	src/ukboot/param.c
tests_check_ukboot_CPPFLAGS = $(HOSTED_CPPFLAGS) -DUK_LIBNAME='"ukboot"'
tests_check_ukboot_CFLAGS = $(HOSTED_CFLAGS)
tests_check_ukboot_LDADD = $(HOSTED_LIBS)
