#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# bench/threads.sh: run one threads program (bench/threads/threads.c) as a
# microkraft image and as /init of a Linux guest, both under the same TCG
# QEMU, and as a host process; print a table of what thread create,
# yield, mutex, futex, condvar and nanosleep cost on each.
set -eu
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: bench/threads.sh [options]
Measure thread and sleep costs of the same C program (bench/threads/
threads.c) as a microkraft image (uksched-coop), as /init of a Linux
guest, both under QEMU TCG, and as a static process on this host.

  -r, --runs N        boots (and host runs) per side (default $runs)
      --rounds N      rounds per measurement inside the program; each
                      figure is their median (default $rounds, at most 101)
      --round-ms MS   length of one round (default $round_ms)
      --sleeps N      1 ms sleeps per run; a quarter as many of 10 ms
                      (default $sleeps)
  -M, --machine M     QEMU machine, pc or microvm (default $machine; on
                      microvm Linux has no HPET or PM timer to keep time
                      by, see bench/README.md)
      --no-linux      leave the Linux guest out (no kernel download)
      --no-icount     skip the one boot per guest under -icount that
                      counts guest instructions per operation
  -p, --prefix DIR    use the toolkit installed in DIR instead of building
                      and installing this tree into a temporary prefix
  -h, --help          this text

The Linux kernel is Debian's linux-image-6.1.*-amd64, fetched once with
apt-get download into bench/out/linux/ (the cache bench/hello.sh uses).
Progress goes to stderr, the tables to stdout and bench/out/threads.txt,
each run's raw output to bench/out/threads/. See bench/README.md.
USAGE
}

# whole NAME VALUE LOW HIGH: VALUE must be a whole number in [LOW, HIGH].
whole() {
	case $2 in
	''|*[!0-9]*) die_usage "$1 wants a whole number, not '$2'" ;;
	esac
	[ "${#2}" -le 6 ] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] ||
		die_usage "$1 wants a number from $3 to $4, not '$2'"
}

runs=5
rounds=9
round_ms=50
sleeps=200
machine=pc
with_linux=1
with_icount=1
prefix=
while [ $# -gt 0 ]; do
	case $1 in
	-r|--runs|--rounds|--round-ms|--sleeps|-M|--machine|-p|--prefix)
		[ $# -ge 2 ] || die_usage "$1 needs a value" ;;
	esac
	case $1 in
	-r|--runs) runs=$2; shift ;;
	--rounds) rounds=$2; shift ;;
	--round-ms) round_ms=$2; shift ;;
	--sleeps) sleeps=$2; shift ;;
	-M|--machine) machine=$2; shift ;;
	-p|--prefix) prefix=$2; shift ;;
	--no-linux) with_linux= ;;
	--no-icount) with_icount= ;;
	-h|--help) usage; exit 0 ;;
	*) die_usage "unknown argument '$1' (see --help)" ;;
	esac
	shift
done
whole --runs "$runs" 1 100
whole --rounds "$rounds" 1 101
whole --round-ms "$round_ms" 1 60000
whole --sleeps "$sleeps" 4 100000
case $machine in
microvm|pc) ;;
*) die_usage "--machine is microvm or pc, not '$machine'" ;;
esac

start_clock
load0=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)
qemu=${QEMU:-qemu-system-x86_64}
tools="$qemu musl-gcc ld pkg-config timeout awk sort"
[ -z "$with_linux" ] ||
	tools="$tools cpio gzip apt-get apt-cache dpkg-deb tar"
need_tools $tools

src=$here/threads/threads.c
cache=$here/out
[ -f "$src" ] || die "missing $src"
mkdir -p "$cache/threads"
work=$(mktemp -d "${TMPDIR:-/tmp}/threads-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The program's own options, the same on every side. Under icount the
# figures do not vary: three short rounds do, and sleeps mean nothing.
prog_args="-r $rounds -t $round_ms -n $sleeps"
icount_args="-r 3 -t 20 -n 4"

# --- Step 1: the toolkit, installed into a prefix ---------------------

use_toolkit
[ -f "$prefix/lib/pkgconfig/uksched-coop.pc" ] ||
	die "$prefix has no lib/pkgconfig/uksched-coop.pc: not an installed" \
		"toolkit, or one without threads"
[ -x "$prefix/bin/microkraft-run" ] || die "no $prefix/bin/microkraft-run"

# --- Step 2: the program, three ways ------------------------------------

# The microkraft image, linked as a user links a threaded application.
build_microkraft() {
	local lds

	say "building the microkraft image"
	lds=$(pkg-config --variable=linkerscript plat-kvm)
	{
		musl-gcc -O2 $(pkg-config --cflags ukboot) -c \
			-o "$work/mk.o" "$src" &&
		ld -T "$lds" -o "$work/mk.elf" "$work/mk.o" \
			--start-group $(pkg-config --static --libs \
			ukboot ukalloc-tlsf uksched-coop plat-kvm) --end-group
	} >"$work/mk-build.log" 2>&1 ||
		die_log "linking the microkraft image" "$work/mk-build.log"
}

# One static binary, for the host and as the Linux guest's /init.
build_static() {
	say "building the static binary (host process, Linux /init)"
	musl-gcc -O2 -static -o "$work/threads" "$src" \
		>"$work/static-build.log" 2>&1 ||
		die_log "building the static binary" "$work/static-build.log"
}

# A one-file initramfs; the kernel's built-in one already holds
# /dev/console, which it opens for init's stdio.
build_initramfs() {
	say "building the Linux initramfs"
	mkdir -p "$work/rootfs"
	cp "$work/threads" "$work/rootfs/init"
	(cd "$work/rootfs" && echo init | cpio -o -H newc -R 0:0 --quiet) |
		gzip -9 -n >"$work/initrd.gz"
}

build_microkraft
build_static
sides="mk native"
if [ -n "$with_linux" ]; then
	build_initramfs
	fetch_kernel --or-cached
	sides="mk linux native"
fi

# --- Step 3: the runs ----------------------------------------------------

# Seconds one run of the program may take: eight measurements of rounds
# plus warm-up and calibration, then the sleeps, with room for a slow host.
run_limit=$(awk -v r="$rounds" -v ms="$round_ms" -v n="$sleeps" 'BEGIN {
	s = (8 * (r + 2) * ms + n * 1.5 + n / 4 * 11) / 1000
	printf "%d", 30 + 4 * s }')

# Set by the icount boots: QEMU's extra options, the program's.
icount_opts=()
args=$prog_args

# run_mk OUT: the image through the runner, TCG forced (see README).
# The guest's status is the runner's.
run_mk() {
	local q=() o

	for o in "${icount_opts[@]}"; do
		q+=(-q "$o")
	done
	timeout "$run_limit" "$prefix/bin/microkraft-run" -a tcg \
		-M "$machine" -m 256M "${q[@]}" "$work/mk.elf" -- $args \
		>"$1" 2>&1 </dev/null
}

# run_linux OUT: the command microkraft-run -a tcg builds, with the
# kernel and initrd. Its status as the runner would give it: QEMU's odd
# ones carry the guest's, 124 is a time-out, 128 any other.
run_linux() {
	local rc=0

	timeout $((run_limit + 60)) "$qemu" \
		-machine "$(machine_opts "$machine")" -accel tcg \
		-cpu max -m 256M -nodefaults -no-user-config -display none \
		-serial stdio -no-reboot \
		-device isa-debug-exit,iobase=0x501,iosize=2 \
		-kernel "$vmlinuz" -initrd "$work/initrd.gz" \
		"${icount_opts[@]}" \
		-append "console=ttyS0 quiet panic=-1 -- $args" \
		>"$1" 2>&1 </dev/null || rc=$?
	if [ $((rc % 2)) = 1 ]; then
		return $(((rc - 1) / 2))
	fi
	[ "$rc" = 124 ] && return 124
	return 128
}

run_native() {
	timeout "$run_limit" "$work/threads" $args >"$1" 2>&1 </dev/null
}

# run_side SIDE N: one run; its output is kept as bench/out/threads/
# SIDE.N.out. A failed run is tried once more (Linux on microvm under
# TCG hangs now and then at boot); after a second failure, run_why says
# what went wrong.
declare -A why
run_side() {
	local side=$1 n=$2 out=$cache/threads/$1.$2.out try rc

	for try in 1 2; do
		rc=0
		"run_$side" "$out" || rc=$?
		if [ "$rc" = 0 ] && tr -d '\r' <"$out" | grep -qx 'done'; then
			return 0
		fi
		say "  $side run $n, try $try failed (status $rc)"
	done
	if [ "$rc" = 124 ]; then
		run_why="run $n timed out, twice"
	elif grep -q '^error: ' "$out"; then
		run_why="run $n: $(grep -m1 '^error: ' "$out" | cut -c8-70)"
	else
		run_why="run $n ended with status $rc and no 'done'"
	fi
	return 1
}

rm -f "$cache"/threads/*.out
declare -A ok_runs
for ((i = 1; i <= runs; i++)); do
	for side in $sides; do
		say "run $i of $runs: $side"
		if run_side "$side" "$i"; then
			ok_runs[$side]="${ok_runs[$side]:-} $i"
		else
			why[$side]=$run_why
		fi
	done
done

# One boot per guest with the guest clock at 1 ns per instruction: the
# program's ns become instruction counts. Kept as SIDE.icount.out.
declare -A ok_icount
if [ -n "$with_icount" ]; then
	icount_opts=(-icount "shift=0,sleep=off")
	args=$icount_args
	[ "$run_limit" -ge 120 ] || run_limit=120
	for side in ${sides% native}; do
		say "icount boot: $side"
		if run_side "$side" icount; then
			ok_icount[$side]=1
		else
			why[$side.icount]=$run_why
		fi
	done
fi

# --- Step 4: the table ---------------------------------------------------

# value SIDE OP KEY: KEY of OP's line, one per good run of SIDE.
value() {
	local n

	for n in ${ok_runs[$1]:-}; do
		tr -d '\r' <"$cache/threads/$1.$n.out" | awk -v op="op=$2" \
			-v key="$3" '$1 == op {
				for (i = 2; i <= NF; i++) {
					split($i, kv, "=")
					if (kv[1] == key) print kv[2]
				}
			}'
	done
}

# Across runs: the least, the mean, the largest, the median, or the
# spread (largest over least).
combine() {
	sort -g | awk -v how="$1" '{ v[NR] = $1; s += $1 }
		END {
			if (!NR) exit
			if (how == "min") print v[1]
			else if (how == "mean") print s / NR
			else if (how == "max") print v[NR]
			else if (how == "spread") print v[NR] / v[1]
			else if (NR % 2) print v[(NR + 1) / 2]
			else print (v[NR / 2] + v[NR / 2 + 1]) / 2
		}'
}

# fmt_fig NS: fmt_ns, or n/a where there is no figure.
fmt_fig() {
	[ -n "$1" ] || { echo "n/a"; return; }
	fmt_ns "$1"
}

ratio() {
	[ -n "$1" ] && [ -n "$2" ] || { echo "-"; return; }
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (b <= 0) { print "-"; exit }
		r = a / b
		printf (r < 10 ? "%.2fx" : "%.0fx"), r }'
}

row() {
	printf '%-40s %12s %12s %12s %9s\n' "$@"
}

# Figures by key OP.KEY.SIDE, for the rows and the verdict.
declare -A fig
gather() {
	local op=$1 key=$2 how=$3 side

	for side in $sides; do
		fig[$op.$key.$side]=$(value "$side" "$op" "$key" |
			combine "$how")
	done
}

line() {
	local label=$1 op=$2 key=$3 how=$4

	gather "$op" "$key" "$how"
	row "$label" "$(fmt_fig "${fig[$op.$key.mk]:-}")" \
		"$(fmt_fig "${fig[$op.$key.linux]:-}")" \
		"$(fmt_fig "${fig[$op.$key.native]:-}")" \
		"$(ratio "${fig[$op.$key.mk]:-}" "${fig[$op.$key.linux]:-}")"
}

# The Linux guest's clock, as its first good run saw it at the start,
# once settled and before the sleeps: "tsc/tsc/tsc, resolution 1/1/1 ns".
linux_clock() {
	local n

	for n in ${ok_runs[linux]:-}; do
		tr -d '\r' <"$cache/threads/linux.$n.out" | awk '
			$1 == "clock" {
				sub(/^source=/, "", $3)
				sub(/^res_ns=/, "", $4)
				src = src sep $3
				res = res sep $4
				sep = "/"
			}
			END { printf "%s, resolution %s ns", src, res }'
		return
	done
}

# Is a cooperative switch a small fraction of a Linux one? Both guests
# pay one emulated XSAVE and one XRSTOR per switch, two pairs per round
# trip; the second line takes them out to show what the rest costs.
verdict() {
	local mk=${fig[yield_roundtrip.median_ns.mk]:-}
	local lx=${fig[yield_roundtrip.median_ns.linux]:-}
	local xm=${fig[xsave_pair.median_ns.mk]:-}
	local xl=${fig[xsave_pair.median_ns.linux]:-}
	local im im_lx

	im=$(icount mk yield_roundtrip)
	im_lx=$(icount linux yield_roundtrip)
	[ -n "$mk" ] && [ -n "$lx" ] || return 0
	awk -v mk="$mk" -v lx="$lx" -v xm="$xm" -v xl="$xl" \
		-v im="$im" -v il="$im_lx" '
	function us(ns) { return sprintf("%.2f us", ns / 1000) }
	function judge(r) {
		return sprintf("%.0f%%, %s", 100 * r, r <= 0.25 ? \
			"a small fraction" : "NOT a small fraction")
	}
	BEGIN {
		printf "verdict: a yield round trip on microkraft against the" \
			" Linux guest, both under TCG:\n"
		printf "  as timed: %s vs %s, %s.\n", us(mk), us(lx), \
			judge(mk / lx)
		a = mk - 2 * xm
		b = lx - 2 * xl
		if (xm != "" && xl != "" && a > 0 && b > 0)
			printf "  less two XSAVE+XRSTOR pairs a side [c]: %s" \
				" vs %s, %s.\n", us(a), us(b), judge(a / b)
		if (im != "" && il != "")
			printf "  in guest instructions [d]: %.0f vs %.0f, %s.\n", \
				im, il, judge(im / il)
	}'
}

print_table() {
	row "operation" "microkraft" "Linux guest" "native" "microkraft"
	row "" "(TCG)" "(TCG)" "host" "/Linux"
	row "---------" "----------" "-----------" "------" "----------"
	line "thread create + join" create_join median_ns min
	line "sched_yield round trip (2 switches)" yield_roundtrip \
		median_ns min
	line "mutex lock + unlock, uncontended" mutex_pair median_ns min
	line "futex wake -> waiter runs, 1 hop [a]" futex_hop median_ns min
	line "condvar signal -> waiter runs [a]" cond_hop median_ns min
	line "nanosleep 1 ms: overshoot, mean" sleep_1ms mean_ns mean
	line "nanosleep 1 ms: overshoot, median" sleep_1ms median_ns median
	line "nanosleep 1 ms: overshoot, max" sleep_1ms max_ns max
	line "nanosleep 10 ms: overshoot, mean" sleep_10ms mean_ns mean
	line "nanosleep 10 ms: overshoot, median" sleep_10ms median_ns median
	line "nanosleep 10 ms: overshoot, max" sleep_10ms max_ns max
	echo "reference costs"
	line "clock_gettime(CLOCK_MONOTONIC) [b]" clock_gettime median_ns \
		min
	line "XSAVE + XRSTOR, x87/SSE/AVX [c]" xsave_pair median_ns min
	echo
	verdict
	echo
}

# How far apart the runs were: the largest per-run median over the least.
spread_row() {
	local op=$1 side cells=()

	for side in mk linux native; do
		cells+=("$(value "$side" "$op" median_ns | combine spread |
			awk '{ printf "%.2fx", $1 }
			END { if (!NR) printf "-" }')")
	done
	printf '  %-20s %12s %12s %12s\n' "$op" "${cells[@]:-}"
}

print_spread() {
	local op

	[ "$runs" -gt 1 ] || return 0
	echo "run-to-run spread of the TCG figures: largest per-run median" \
		"over the least"
	printf '  %-20s %12s %12s %12s\n' "" microkraft "Linux guest" native
	for op in create_join yield_roundtrip mutex_pair futex_hop cond_hop \
		clock_gettime xsave_pair; do
		spread_row "$op"
	done
	echo
}

# icount SIDE OP: OP's median from SIDE's icount boot, in instructions.
icount() {
	[ -n "${ok_icount[$1]:-}" ] || return 0
	tr -d '\r' <"$cache/threads/$1.icount.out" | awk -v op="op=$2" '
		$1 == op { sub(/^median_ns=/, "", $2); print $2 }'
}

fmt_insns() {
	[ -n "$1" ] || { echo "n/a"; return; }
	awk -v v="$1" 'BEGIN { printf (v < 100 ? "%.1f" : "%.0f"), v }'
}

icount_row() {
	local label=$1 op=$2 a b

	a=$(icount mk "$op")
	b=$(icount linux "$op")
	row "$label" "$(fmt_insns "$a")" "$(fmt_insns "$b")" "" \
		"$(ratio "$a" "$b")"
}

print_icount() {
	[ -n "${ok_icount[mk]:-}${ok_icount[linux]:-}" ] || return 0
	echo "guest instructions per operation, one boot each under" \
		"-icount shift=0 [d]"
	row "operation" "microkraft" "Linux guest" "" "microkraft"
	row "" "" "" "" "/Linux"
	row "---------" "----------" "-----------" "" "----------"
	icount_row "thread create + join" create_join
	icount_row "sched_yield round trip (2 switches)" yield_roundtrip
	icount_row "mutex lock + unlock, uncontended" mutex_pair
	icount_row "futex wake -> waiter runs, 1 hop" futex_hop
	icount_row "condvar signal -> waiter runs" cond_hop
	icount_row "clock_gettime(CLOCK_MONOTONIC)" clock_gettime
	echo
}

notes() {
	local side

	echo "[a] ping-pong between two threads on one CPU: one hop is half"
	echo "    a round trip, the wake, the waker blocking, the switch and"
	echo "    the waiter's return. futex: raw FUTEX_WAKE/FUTEX_WAIT on one"
	echo "    word; condvar: pthread_cond_signal/wait, one mutex."
	echo "[b] microkraft has no vDSO: musl's clock_gettime is a syscall"
	echo "    instruction there. On Linux it is a vDSO call."
	echo "[c] XSAVE then XRSTOR of the x87/SSE/AVX state, in a loop. Each"
	echo "    guest does about one of each per thread switch (Linux with"
	echo "    XSAVEOPT and more state), so the verdict's second line is an"
	echo "    estimate."
	echo "[d] QEMU's -icount shift=0,sleep=off: the guest clock moves"
	echo "    1 ns per instruction, so the program's ns are instructions."
	echo "    Nearly deterministic, and blind to what one costs: an XSAVE,"
	echo "    a syscall, a page walk or a cache miss count as one."
	echo "Inside the program a figure is the median of $rounds rounds" \
		"of $round_ms ms. Across the"
	echo "$runs run(s) of a side the table gives the least of those" \
		"medians (the host's other"
	echo "work only adds time) and, for sleeps, the mean of the means," \
		"the median of the"
	echo "medians and the largest maximum. The host process is pinned" \
		"to one CPU; each"
	echo "guest has one."
	if awk -v l="${load0%% *}" -v n="$(nproc)" \
		'BEGIN { exit !(l + 0 > n / 4) }'; then
		echo "[!] the host was busy (load ${load0%% *} on $(nproc)" \
			"CPUs): TCG figures move with it, the"
		echo "    sleeps' maxima most (a guest waits for the host" \
			"to run QEMU)."
	fi
	[ -z "${ok_runs[linux]:-}" ] ||
		echo "Linux clock source at start/settled/sleeps: $(linux_clock)."
	for side in $sides mk.icount linux.icount; do
		[ -z "${why[$side]:-}" ] ||
			echo "[!] $side: ${why[$side]}; left out of the figures"
	done
}

{
	echo "threads: microkraft (uksched-coop) vs Linux guest vs host," \
		"one program"
	echo "QEMU $("$qemu" --version | awk 'NR == 1 { print $4 }')" \
		"TCG -cpu max, machine $machine; Linux guest:" \
		"${kpkg:-left out} ${kver:-}"
	echo "host: $(nproc) CPUs, Linux $(uname -r), load average at start" \
		"$load0; $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	print_table
	print_icount
	print_spread
	notes
} | tee "$cache/threads.txt"

say_done
