# Examples are built against the installed toolkit, not from here; they
# ship in the tarball and the post-install test builds them.
EXTRA_DIST += examples/helloworld/Makefile examples/helloworld/hello.c
include examples/sqlite/local.mk
