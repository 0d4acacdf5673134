# Hosted unit tests (Check) and the image tests booted in QEMU.
# Every hosted test links the platform double and the real ukdebug.
hosted_sources = tests/hosted_plat.c src/ukdebug/print.c src/ukdebug/crash.c
EXTRA_DIST += tests/hosted.h

# Image tests: programs built against a staged `make install`, exactly as
# a user builds them, and booted in QEMU through microkraft-run.
TEST_EXTENSIONS = .test
TEST_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	stage='$(abs_top_builddir)/tests/stage$(prefix)'; export stage; \
	workdir='$(abs_top_builddir)/tests/work'; export workdir; \
	QEMU='$(QEMU)'; export QEMU;

image_tests = \
	tests/image/hello-args.test \
	tests/image/hello-machines.test \
	tests/image/plain-qemu.test \
	tests/image/pvh-boot.test \
	tests/image/null-deref.test \
	tests/image/cmdline-malformed.test \
	tests/image/alloc-exhaustion.test \
	tests/image/alloc-each.test \
	tests/image/alloc-two-linked.test \
	tests/image/syscalls.test \
	tests/image/exit-status.test \
	tests/image/post-install.test \
	tests/image/threads.test \
	tests/image/thread-main-exit.test \
	tests/image/stack-overflow.test \
	tests/image/sleep-idle.test \
	tests/image/abort.test \
	tests/image/console-input.test \
	tests/image/sleep-under-host-load.test \
	tests/image/files.test \
	tests/image/initrd.test \
	tests/image/memory-limits.test
TESTS += $(image_tests)
EXTRA_DIST += $(image_tests) tests/image/lib.sh tests/image/alloc.c \
	tests/image/null.c tests/image/oom.c tests/image/syscalls.c \
	tests/image/threads.c tests/image/thread-main-exit.c \
	tests/image/overflow.c tests/image/sleeper.c tests/image/abort.c \
	tests/image/echo.c tests/image/naps.c tests/image/files.c \
	tests/image/catfiles.c tests/image/bigimage.c tests/image/deep.c

# The staged install every image test builds against.
check_DATA = tests/stage.stamp
tests/stage.stamp: $(lib_LIBRARIES) $(pkgconfig_DATA) $(ldscript_DATA) \
		$(bin_SCRIPTS)
	$(AM_V_GEN)rm -rf tests/stage && \
	$(MAKE) $(AM_MAKEFLAGS) install DESTDIR='$(abs_top_builddir)/tests/stage' \
		>/dev/null && touch $@
clean-local:
	rm -rf tests/stage tests/stage.stamp tests/work

TESTS += tests/lint.test
EXTRA_DIST += tests/lint.test
