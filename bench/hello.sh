#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# bench/hello.sh: boot one hello program as a microkraft image and as the
# /init of Debian's Linux kernel, on QEMU microvm and pc under TCG, and
# print a table per machine: image size, boot time, QEMU wall time, RAM.
set -eu
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: bench/hello.sh [--runs N] [--prefix DIR]
Compare a microkraft hello image with a Linux guest running the same
program (bench/hello/bench.c) as /init, on QEMU microvm and pc, TCG only.

  -r, --runs N      timed boots per image and machine (default $runs)
  -p, --prefix DIR  use the toolkit installed in DIR instead of building
                    and installing this tree into a temporary prefix
  -h, --help        this text

The Linux kernel is Debian's linux-image-6.1.*-amd64 behind
linux-image-amd64, fetched once with apt-get download into bench/out/.
Progress goes to stderr, the tables to stdout and bench/out/hello.txt.
See bench/README.md for what each number means.
USAGE
}

runs=5
prefix=
while [ $# -gt 0 ]; do
	case $1 in
	-r|--runs)
		[ $# -ge 2 ] || die_usage "$1 needs a number"
		runs=$2
		shift ;;
	-p|--prefix)
		[ $# -ge 2 ] || die_usage "$1 needs a directory"
		prefix=$2
		shift ;;
	-h|--help) usage; exit 0 ;;
	*) die_usage "unknown argument '$1' (see --help)" ;;
	esac
	shift
done
case $runs in
''|*[!0-9]*|0) die_usage "--runs wants a positive whole number, not '$runs'" ;;
esac

start_clock
load_start=$(cut -d ' ' -f 1 /proc/loadavg)
qemu=${QEMU:-qemu-system-x86_64}
tools_hint="scripts/install-deps.sh installs the toolkit's set; apt-get"
tools_hint+=" brings the others"
need_tools "$qemu" musl-gcc ld strip pkg-config cpio gzip timeout \
	apt-get apt-cache dpkg-deb tar awk sort

src=$here/hello/bench.c
cache=$here/out
[ -f "$src" ] || die "missing $src"
mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/hello-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- Step 1: the toolkit, installed into a prefix ---------------------

use_toolkit
[ -f "$prefix/lib/pkgconfig/plat-kvm.pc" ] ||
	die "$prefix has no lib/pkgconfig/plat-kvm.pc: not an installed toolkit"

# --- Step 2: both images of bench.c ------------------------------------

# The microkraft image, linked the way examples/helloworld links, then
# stripped: the size a user would ship.
build_microkraft() {
	local lds

	say "building the microkraft image"
	lds=$(pkg-config --variable=linkerscript plat-kvm)
	{
		musl-gcc -O2 $(pkg-config --cflags ukboot) -c \
			-o "$work/mk.o" "$src" &&
		ld -T "$lds" -o "$work/mk.elf" "$work/mk.o" \
			--start-group $(pkg-config --static --libs \
			ukboot ukalloc-tlsf plat-kvm) --end-group &&
		strip -o "$work/mk-stripped.elf" "$work/mk.elf"
	} >"$work/mk-build.log" 2>&1 ||
		die_log "linking the microkraft image" "$work/mk-build.log"
	mk_image=$work/mk-stripped.elf
}

# A one-file initramfs: bench.c, static against musl, as /init. The
# kernel's built-in initramfs already holds /dev/console, which the
# kernel opens for init's stdio before it runs /init.
build_initramfs() {
	say "building the Linux initramfs"
	mkdir -p "$work/rootfs"
	{
		musl-gcc -O2 -static -o "$work/rootfs/init" "$src" &&
		strip "$work/rootfs/init"
	} >"$work/init-build.log" 2>&1 ||
		die_log "building /init" "$work/init-build.log"
	(cd "$work/rootfs" && echo init | cpio -o -H newc -R 0:0 --quiet) |
		gzip -9 -n >"$work/initrd.gz"
	initrd=$work/initrd.gz
}

build_microkraft
build_initramfs
fetch_kernel

# --- Step 3: booting ---------------------------------------------------

sides="mk linux"
machines="microvm pc"

# boot SIDE MACHINE MEM ICOUNT OUT: boot once, serial output into OUT.
# Sets boot_rc (QEMU's status, 124 on timeout), boot_us (wall time of
# the QEMU process, spawn to exit), and boot_why (empty on success).
# Success: the program printed hello and left through the debug-exit
# port with status 0. Both sides write status + 1 there, the toolkit's
# convention (see microkraft-run), and QEMU exits with that value times
# two plus one: 3 for status 0.
boot() {
	local side=$1 mach=$2 mem=$3 icount=$4 out=$5 t0 t1 limit
	local cmd=("$qemu" -machine "$(machine_opts "$mach")" -accel tcg
		-cpu max -m "$mem" -nodefaults -no-user-config -display none
		-serial stdio -no-reboot
		-device isa-debug-exit,iobase=0x501,iosize=2)

	[ "$icount" = yes ] && cmd+=(-icount shift=0,sleep=off)
	if [ "$side" = mk ]; then
		cmd+=(-kernel "$mk_image" -append "")
		limit=3
	else
		cmd+=(-kernel "$vmlinuz" -initrd "$initrd"
			-append "console=ttyS0 quiet panic=-1")
		limit=20
		[ "$icount" = no ] || limit=60
	fi

	t0=$EPOCHREALTIME
	boot_rc=0
	timeout "$limit" "${cmd[@]}" >"$out" 2>&1 </dev/null || boot_rc=$?
	t1=$EPOCHREALTIME
	boot_us=$((${t1/./} - ${t0/./}))

	boot_why=
	if tr -d '\r' <"$out" | grep -qx hello && [ "$boot_rc" = 3 ]; then
		return 0
	fi
	if [ "$boot_rc" = 124 ]; then
		boot_why="hung (no exit in ${limit}s)"
	elif grep -qE '^[^ ]*qemu-system[^ :]*: ' "$out"; then
		boot_why="QEMU: $(grep -m1 -E '^[^ ]*qemu-system[^ :]*: ' \
			"$out" | sed 's/^[^:]*: //' | cut -c1-60)"
	elif ! tr -d '\r' <"$out" | grep -qx hello; then
		boot_why="no hello (QEMU status $boot_rc)"
	elif [ $((boot_rc % 2)) = 1 ] && [ "$boot_rc" -ge 3 ]; then
		boot_why="guest status $(((boot_rc - 1) / 2 - 1)), not 0"
	else
		boot_why="QEMU status $boot_rc, no guest status"
	fi
}

# Per configuration (side.machine): lists of figures, failure notes.
declare -A plain_ns plain_us plain_fail plain_why ic_ns ic_tsc ic_why
declare -A min_mem min_note size_b
any_fail=

size_b[mk]=$(stat -c %s "$mk_image")
size_b[linux]=$(($(stat -c %s "$vmlinuz") + $(stat -c %s "$initrd")))

note_failure() {
	plain_fail[$1]=$((${plain_fail[$1]:-0} + 1))
	plain_why[$1]=$boot_why
	any_fail=1
}

# Timed boots, interleaved so that drift on the host hits all alike.
timed_boots() {
	local i side mach key ns out=$work/boot.out

	for ((i = 1; i <= runs; i++)); do
		say "timed boots: round $i of $runs"
		for mach in $machines; do
			for side in $sides; do
				key=$side.$mach
				boot "$side" "$mach" 256 no "$out"
				if [ -n "$boot_why" ]; then
					note_failure "$key"
					continue
				fi
				ns=$(field "$out" main_ns)
				plain_ns[$key]="${plain_ns[$key]:-} $ns"
				plain_us[$key]="${plain_us[$key]:-} $boot_us"
			done
		done
	done
}

# One boot each under icount: guest figures are instruction counts.
icount_boots() {
	local side mach key out=$work/boot.out

	for mach in $machines; do
		for side in $sides; do
			key=$side.$mach
			say "icount boot: $side on $mach"
			boot "$side" "$mach" 256 yes "$out"
			if [ -n "$boot_why" ]; then
				ic_why[$key]=$boot_why
				any_fail=1
				continue
			fi
			ic_ns[$key]=$(field "$out" main_ns)
			ic_tsc[$key]=$(field "$out" main_tsc)
		done
	done
}

# probe SIDE MACHINE MEM: does it boot in MEM MiB? A Linux hang is tried
# once more: Linux on microvm under TCG hangs now and then whatever its
# RAM (see bench/README.md), and one such hang must not move the answer.
probe() {
	boot "$1" "$2" "$3" no "$work/probe.out"
	if [ "$boot_rc" = 124 ] && [ "$1" = linux ]; then
		boot "$1" "$2" "$3" no "$work/probe.out"
	fi
	say "  -m $3: ${boot_why:-boots}"
	[ -z "$boot_why" ]
}

# Bisect the smallest whole -m in MiB that boots, from a first guess
# (or from 1 GiB if the guess fails). The note says how the next size
# down failed. A configuration whose timed boots mostly failed is not
# bisected: its answer would say more about luck than about memory.
bisect_mem() {
	local side=$1 mach=$2 hi=$3 lo=0 mid why=
	local key=$side.$mach

	if [ "${plain_fail[$key]:-0}" -gt $((runs / 2)) ]; then
		min_note[$key]="not bisected: most timed boots failed [d]"
		return 0
	fi
	say "bisecting -m: $side on $mach"
	if ! probe "$side" "$mach" "$hi"; then
		lo=$hi
		why=$boot_why
		hi=1024
		if ! probe "$side" "$mach" "$hi"; then
			min_note[$key]="fails in $lo and $hi MiB: $boot_why"
			return 0
		fi
	fi
	while [ $((hi - lo)) -gt 1 ]; do
		mid=$(((lo + hi) / 2))
		if probe "$side" "$mach" "$mid"; then
			hi=$mid
		else
			lo=$mid
			why=$boot_why
		fi
	done
	min_mem[$key]=$hi
	if [ "$lo" -gt 0 ]; then
		min_note[$key]="$hi MiB boots; $lo MiB: $why"
	else
		min_note[$key]="$hi MiB boots; QEMU takes no less"
	fi
}

timed_boots
icount_boots
for mach in $machines; do
	bisect_mem mk "$mach" 16
	bisect_mem linux "$mach" 128
done

# --- Step 4: the tables ------------------------------------------------

fmt_bytes() {
	awk -v n="$1" 'BEGIN {
		if (n >= 1048576) printf "%.2f MiB", n / 1048576
		else if (n >= 1024) printf "%.1f KiB", n / 1024
		else printf "%d B", n }'
}

ratio() {
	if [ -z "$1" ] || [ -z "$2" ] || [ "$1" = 0 ]; then
		echo "-"
		return
	fi
	awk -v a="$1" -v b="$2" 'BEGIN {
		r = b / a
		if (r < 10)
			printf "%.1fx", r
		else
			printf "%.0fx", r }'
}

flagged=
row() {
	printf '  %-38s %18s %18s %9s\n' "$@"
}

# cell KEY KIND: the formatted figure, its raw value in cell_raw (empty
# where none, or where the figure failed its plausibility check).
cell() {
	local key=$1 kind=$2 v= bound=

	cell_raw=
	case $kind in
	size) v=${size_b[${key%%.*}]}; cell_txt=$(fmt_bytes "$v") ;;
	plain_ns|plain_us)
		if [ -z "${plain_us[$key]:-}" ]; then
			cell_txt="n/a [d]"
			return
		fi
		v=$(echo ${plain_ns[$key]} | tr ' ' '\n' | median)
		bound=$(echo ${plain_us[$key]} | tr ' ' '\n' | median)
		bound=$((bound * 1000))
		if [ "$kind" = plain_us ]; then
			v=$bound
			bound=
		fi
		cell_txt=$(fmt_ns "$v") ;;
	ic_ns|ic_tsc)
		if [ -n "${ic_why[$key]:-}" ]; then
			cell_txt="n/a [d]"
			return
		fi
		v=${ic_ns[$key]}
		bound=${ic_tsc[$key]}
		if [ "$kind" = ic_tsc ]; then
			v=$bound
			bound=
		fi
		cell_txt=$(fmt_ns "$v") ;;
	mem)
		v=${min_mem[$key]:-}
		if [ -z "$v" ]; then
			cell_txt="n/a [e]"
			return
		fi
		cell_txt=$v ;;
	esac

	# No guest clock may show more time before main than the whole QEMU
	# process took, or than has passed since reset.
	if [ -n "$bound" ] && [ "$v" -gt "$bound" ]; then
		cell_txt="$cell_txt !"
		flagged=1
		return
	fi
	cell_raw=$v
}

print_table() {
	local mach=$1 kind label a b ra rb

	echo "machine $mach (TCG, -cpu max; medians of $runs boots)"
	row "" "microkraft" "Linux $kbase" "Linux/mk"
	row "" "----------" "----------" "--------"
	for kind in size plain_ns ic_ns ic_tsc plain_us mem; do
		case $kind in
		size) label="image size (stripped | bzImage+initrd)" ;;
		plain_ns) label="first insn -> main, TCG [a]" ;;
		ic_ns) label="first insn -> main, icount [a][b]" ;;
		ic_tsc) label="reset -> main, icount [b][c]" ;;
		plain_us) label="QEMU process wall time, TCG" ;;
		mem) label="smallest -m that boots, MiB [e]" ;;
		esac
		cell "mk.$mach" "$kind"
		a=$cell_txt
		ra=$cell_raw
		cell "linux.$mach" "$kind"
		b=$cell_txt
		rb=$cell_raw
		row "$label" "$a" "$b" "$(ratio "$ra" "$rb")"
	done
	echo
}

notes() {
	local key side mach

	cat <<NOTES
[a] from the guest's CLOCK_MONOTONIC read first thing in main.
    microkraft's starts at the first kernel instruction. Linux's
    starts at kernel timekeeping init, after decompression and
    early setup, so the Linux figure underestimates its boot.
[b] -icount shift=0,sleep=off: 1 ns of guest time per guest
    instruction, idle waits skipped; deterministic, not a
    prediction of KVM time.
[c] the raw TSC at main: virtual time since machine reset,
    firmware (SeaBIOS on pc, qboot on microvm) included.
NOTES
	[ -z "$any_fail" ] || echo "[d] failed boots (kept out of the medians):"
	for mach in $machines; do
		for side in $sides; do
			key=$side.$mach
			[ -z "${plain_why[$key]:-}" ] ||
				echo "    $key: ${plain_fail[$key]} of $runs" \
					"timed boots; last: ${plain_why[$key]}"
			[ -z "${ic_why[$key]:-}" ] ||
				echo "    $key: icount boot: ${ic_why[$key]}"
		done
	done
	echo "[e] whole MiB, bisected (timed boots use -m 256):"
	for mach in $machines; do
		for side in $sides; do
			key=$side.$mach
			echo "    $key: ${min_note[$key]}"
		done
	done
	[ -z "$flagged" ] || cat <<FLAG
[!] implausible: more time before main than the QEMU process
    ran, or than passed since reset. The guest clock is
    miscalibrated there; the figure is the guest's own.
FLAG
}

kbase=${kpkg#linux-image-}
kbase=${kbase%-amd64}
{
	echo "hello: microkraft vs Linux, same program, same QEMU command"
	echo "QEMU $("$qemu" --version | awk 'NR == 1 { print $4 }')," \
		"Linux = Debian $kpkg $kver, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "host: $(nproc) CPUs, load average $load_start at the start"
	echo
	for mach in $machines; do
		print_table "$mach"
	done
	notes
	echo
	echo "bar: Unikraft's published hello is 197-263 KB, 55-85 us guest" \
		"boot, 2 MB RAM."
} | tee "$cache/hello.txt"

say_done
