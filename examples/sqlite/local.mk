# examples/sqlite: built against the installed toolkit, never from here.
# Shipped in the tarball; tests/image/sqlite.test builds it against the
# staged install and runs its workload. bench/sqlite.sh measures it.
TESTS += tests/image/sqlite.test
EXTRA_DIST += tests/image/sqlite.test tests/image/sqlite-mmap.sql \
	tests/image/sqlite-mmap.expected bench/sqlite.sh \
	examples/sqlite/Makefile examples/sqlite/README.md \
	examples/sqlite/workload.sql examples/sqlite/expected.txt \
	examples/sqlite/fslat.c examples/sqlite/guest-init.c
