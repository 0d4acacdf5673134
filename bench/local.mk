# bench: benchmarks that print tables; shipped in the tarball, never built.
EXTRA_DIST += bench/README.md bench/lib.sh bench/hello.sh bench/hello/bench.c
EXTRA_DIST += bench/threads.sh bench/threads/threads.c
