# SPDX-License-Identifier: BSD-3-Clause
# Shared by the image tests: build a program against the staged install
# the way a user would, boot it, and check what came out.
set -u

: "${top_srcdir:?run through make check}" "${stage:?}" "${workdir:?}"
name=$(basename "$0" .test)
work=$workdir/$name
rm -rf "$work"
mkdir -p "$work"
PKG_CONFIG="pkg-config --define-variable=prefix=$stage"
export PKG_CONFIG_PATH="$stage/lib/pkgconfig"
export PATH="$stage/bin:$PATH"
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# build OUT SOURCE.c [LIBRARY...]: compile with musl-gcc, link with ld.
build() {
	local out=$1 src=$2
	shift 2
	local libs=${*:-ukalloc-tlsf}
	musl-gcc -O2 -Wall -c "$top_srcdir/tests/image/$src" -o "$work/$out.o" &&
	ld -T "$($PKG_CONFIG --variable=linkerscript plat-kvm)" \
		-o "$work/$out" "$work/$out.o" --start-group \
		$($PKG_CONFIG --static --libs ukboot $libs plat-kvm) --end-group
}

# boot IMAGE [RUNNER ARGS...]: output in $out, exit status in $status.
boot() {
	local img=$1
	shift
	out=$(timeout 120 microkraft-run "$work/$img" "$@" 2>&1 </dev/null)
	status=$?
	printf '%s\n' "$out" > "$work/$img.console"
}

expect_status() {
	[ "$status" -eq "$1" ] ||
		fail "$2: exit status $status, expected $1"
}

expect_output() {
	printf '%s\n' "$out" | grep -qE -- "$1" ||
		fail "$2: no line matching '$1' in the output"
}

reject_output() {
	! printf '%s\n' "$out" | grep -qE -- "$1" ||
		fail "$2: unexpected line matching '$1'"
}

finish() {
	if [ "$failures" -eq 0 ]; then
		echo "PASS: $name"
		exit 0
	fi
	echo "--- last console output:"
	printf '%s\n' "$out"
	exit 1
}
