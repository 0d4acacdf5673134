# SPDX-License-Identifier: BSD-3-Clause
# bench/lib.sh: what the bench/*.sh scripts share (messages, the toolkit
# prefix, Debian's kernel, small figures); sourced, never run.

me=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

die() {
	echo "$me: $*" >&2
	exit 1
}

# A mistake on the command line: exit 2, as microkraft-run does.
die_usage() {
	echo "$me: $*" >&2
	exit 2
}

# die_log STEP LOG: a step failed; show the end of its log.
die_log() {
	echo "$me: $1 failed; last lines of $2:" >&2
	tail -n 25 "$2" >&2
	exit 1
}

start_clock() {
	[ -n "${EPOCHREALTIME:-}" ] ||
		die "bash 5 or later is needed (EPOCHREALTIME)"
	t_start=$EPOCHREALTIME
}

elapsed() {
	local now=$EPOCHREALTIME

	echo $(((${now/./} - ${t_start/./}) / 1000000))
}

# Progress on stderr, with the seconds since the start in say_width
# columns.
say() {
	printf "%s: [%${say_width:-3}d s] %s\n" "$me" "$(elapsed)" "$*" >&2
}

# need_tools TOOL...: each TOOL must be on PATH; tools_hint says where
# a missing one comes from.
tools_hint="scripts/install-deps.sh installs the set"
need_tools() {
	local tool

	for tool; do
		command -v "$tool" >/dev/null ||
			die "'$tool' not found ($tools_hint)"
	done
}

# use_toolkit: without --prefix, build this tree and install it into
# $work/inst; then make prefix absolute and put its pkg-config first.
use_toolkit() {
	local abs pc

	[ -n "$prefix" ] || build_toolkit
	abs=$(cd "$prefix" 2>/dev/null && pwd) || die "no such prefix: $prefix"
	prefix=$abs
	pc=$prefix/lib/pkgconfig
	PKG_CONFIG_PATH=$pc${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
	export PKG_CONFIG_PATH
}

build_toolkit() {
	if [ ! -x "$top/configure" ] ||
	   [ "$top/configure.ac" -nt "$top/configure" ]; then
		say "running autogen.sh"
		(cd "$top" && ./autogen.sh) >"$work/autogen.log" 2>&1 ||
			die_log "autogen.sh" "$work/autogen.log"
	fi
	say "building and installing the toolkit into a temporary prefix"
	mkdir -p "$work/build"
	(cd "$work/build" &&
	 "$top/configure" --prefix="$work/inst" &&
	 make -j"$(nproc)" && make install) >"$work/build.log" 2>&1 ||
		die_log "the toolkit build" "$work/build.log"
	prefix=$work/inst
}

# fetch_kernel [--or-cached]: Debian's kernel, never installed (no hooks
# run): the linux-image-6.1.*-amd64 that linux-image-amd64 depends on,
# unpacked once into bench/out/linux/; sets kpkg, kver and vmlinuz.
# With --or-cached, when apt knows none (offline), the newest cached one.
fetch_kernel() {
	local dl

	kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '
		$1 == "Depends:" && $2 ~ /^linux-image-6\.1\..*-amd64$/ {
			print $2; exit }')
	kver=
	[ -z "$kpkg" ] || kver=$(apt-cache show --no-all-versions "$kpkg" |
		awk '$1 == "Version:" { print $2; exit }')
	if [ -z "$kver" ] && [ "${1:-}" = --or-cached ]; then
		cached_kernel
		return 0
	fi
	[ -n "$kpkg" ] || die "apt-cache names no linux-image-6.1.*-amd64" \
		"behind linux-image-amd64 (run 'apt-get update' first?)"
	[ -n "$kver" ] || die "apt-cache has no candidate version of $kpkg"
	vmlinuz=$cache/linux/${kpkg}_$kver/vmlinuz
	[ -s "$vmlinuz" ] && return 0

	say "fetching $kpkg $kver (once, cached in bench/out/linux/)"
	mkdir -p "$cache/linux"
	dl=$(mktemp -d "$cache/linux/download.XXXXXX")
	(cd "$dl" && apt-get download "$kpkg=$kver") >"$work/apt.log" 2>&1 ||
		die_log "apt-get download $kpkg=$kver" "$work/apt.log"
	dpkg-deb --fsys-tarfile "$dl"/*.deb |
		tar -x -O --wildcards './boot/vmlinuz-*' >"$dl/vmlinuz" ||
		die "no /boot/vmlinuz-* in $dl/*.deb"
	[ -s "$dl/vmlinuz" ] || die "no /boot/vmlinuz-* in $dl/*.deb"
	mkdir -p "$(dirname "$vmlinuz")"
	mv "$dl/vmlinuz" "$vmlinuz"
	rm -rf "$dl"
}

cached_kernel() {
	vmlinuz=$(ls -t "$cache"/linux/*/vmlinuz 2>/dev/null | head -n 1)
	[ -n "$vmlinuz" ] || die "apt-cache names no" \
		"linux-image-6.1.*-amd64 behind linux-image-amd64" \
		"and none is cached (run 'apt-get update' first?)"
	kpkg=$(basename "$(dirname "$vmlinuz")")
	kver=${kpkg#*_}
	kpkg=${kpkg%%_*}
	say "apt-cache has no kernel; using the cached $kpkg $kver"
}

# The -machine value microkraft-run -a tcg passes for MACHINE.
machine_opts() {
	case $1 in
	microvm) echo "microvm,rtc=on,auto-kernel-cmdline=off" ;;
	pc) echo "pc" ;;
	esac
}

# field OUT NAME: the number the program printed as NAME=<n>.
field() {
	tr -d '\r' <"$1" | sed -n "s/^$2=\([0-9][0-9]*\)\$/\1/p" | head -n 1
}

median() {
	sort -n | awk '{ v[NR] = $1 }
		END {
			if (NR % 2)
				print v[(NR + 1) / 2]
			else if (NR)
				print int((v[NR / 2] + v[NR / 2 + 1]) / 2)
		}'
}

# Time in ns, three significant digits in the fitting unit.
fmt_ns() {
	awk -v n="$1" 'BEGIN {
		u = "ns"; v = n
		if (v >= 1e9) { v /= 1e9; u = "s" }
		else if (v >= 1e6) { v /= 1e6; u = "ms" }
		else if (v >= 1e3) { v /= 1e3; u = "us" }
		f = (v < 10) ? "%.2f %s" : (v < 100) ? "%.1f %s" : "%.0f %s"
		printf f, v, u }'
}

say_done() {
	say "done in $(elapsed) s"
}
