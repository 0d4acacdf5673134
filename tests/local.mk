# Hosted unit tests (Check) and the image tests booted in QEMU.
# Every hosted test links the platform double and the real ukdebug.
hosted_sources = tests/hosted_plat.c src/ukdebug/print.c src/ukdebug/crash.c
EXTRA_DIST += tests/hosted.h
