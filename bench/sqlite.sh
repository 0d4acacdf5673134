#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# bench/sqlite.sh: SQLite from examples/sqlite as a microkraft image, as a
# Linux guest running the same static musl programs under the same TCG
# QEMU, and as those programs on this host; a table per benchmark: the
# 60,000-insert workload, speedtest1, and open()/stat() latency.
set -eu
. "$(dirname "$0")/lib.sh"
say_width=4

usage() {
	cat <<USAGE
usage: bench/sqlite.sh [--runs N] [--prefix DIR] [--size N] [--iterations N]
                       [--machine pc|microvm]
Run examples/sqlite's workload, SQLite's speedtest1 and fslat (open and
stat of a present and a missing file) three ways: as microkraft images,
as the same programs (musl-gcc -static) in a Linux guest, both on QEMU
with TCG, and as those programs on this host.

  -r, --runs N        runs of each benchmark on each side (default $runs)
  -p, --prefix DIR    use the toolkit installed in DIR instead of building
                      and installing this tree into a temporary prefix
  -s, --size N        speedtest1 --size (default $size; its own default
                      of 100 takes minutes per run under TCG)
  -n, --iterations N  calls per fslat figure (default $iters)
  -M, --machine NAME  QEMU machine for both guests (default $machine)
  -h, --help          this text

SQLite comes from Debian's sqlite3 source package, the Linux kernel from
Debian's linux-image-6.1.*-amd64; both are fetched once into bench/out/.
Progress goes to stderr, the tables to stdout and bench/out/sqlite.txt.
See bench/README.md for what each number means.
USAGE
}

runs=3
prefix=
size=50
iters=20000
machine=pc
while [ $# -gt 0 ]; do
	case $1 in
	-r|--runs|-p|--prefix|-s|--size|-n|--iterations|-M|--machine)
		[ $# -ge 2 ] || die "$1 needs a value"
		case $1 in
		-r|--runs) runs=$2 ;;
		-p|--prefix) prefix=$2 ;;
		-s|--size) size=$2 ;;
		-n|--iterations) iters=$2 ;;
		-M|--machine) machine=$2 ;;
		esac
		shift ;;
	-h|--help) usage; exit 0 ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
	shift
done
for v in "runs=$runs" "size=$size" "iterations=$iters"; do
	case ${v#*=} in
	''|*[!0-9]*|0) die "--${v%%=*} wants a positive whole number," \
		"not '${v#*=}'" ;;
	esac
done
case $machine in
pc|microvm) mopts=$(machine_opts "$machine") ;;
*) die "unknown machine '$machine': pc or microvm" ;;
esac

start_clock
qemu=${QEMU:-qemu-system-x86_64}
need_tools "$qemu" musl-gcc ld strip pkg-config make tclsh cpio timeout \
	apt-get apt-cache dpkg-deb tar awk sort diff

ex=$top/examples/sqlite
cache=$here/out
build=$cache/sqlite
[ -f "$ex/Makefile" ] || die "missing $ex/Makefile"
mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlite-bench.XXXXXX")
# The native side's files: in memory like both guests', where possible.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	native_dir=$(mktemp -d /dev/shm/sqlite-bench.XXXXXX)
	native_fs="tmpfs (/dev/shm)"
else
	native_dir=$work/native
	native_fs="$(df -PT "$work" | awk 'NR == 2 { print $2 }') ($work)"
fi
trap 'rm -rf "$work" "$native_dir"' EXIT

# --- Step 1: the toolkit, installed into a prefix ---------------------

use_toolkit
[ -f "$prefix/lib/pkgconfig/vfscore.pc" ] ||
	die "$prefix has no lib/pkgconfig/vfscore.pc: not an installed" \
		"toolkit with vfscore"
export PATH="$prefix/bin:$PATH"

# --- Step 2: the programs, through the example's Makefile ---------------

# The download, the amalgamation and the objects are kept in
# bench/out/sqlite; the images are linked anew against this toolkit.
build_programs() {
	say "building examples/sqlite (the first time: fetch, amalgamation," \
		"compile; about a minute)"
	rm -f "$build"/*.elf
	make -C "$ex" B="$build" PKG_CONFIG=pkg-config images native \
		bench-tools "$build/initrd.cpio" >"$work/example.log" 2>&1 ||
		die_log "building examples/sqlite" "$work/example.log"
}

# The Linux guest's initramfs: guest-init as /init, the three programs,
# the workload and /data; then one per benchmark with its command in
# /args, appended as a second archive (the kernel unpacks both).
build_initramfs() {
	local root=$work/rootfs p

	say "building the Linux initramfs"
	mkdir -p "$root/data"
	cp "$build/guest-init" "$root/init"
	for p in sqlite3 speedtest1 fslat; do
		cp "$build/$p-native" "$root/$p"
	done
	cp "$ex/workload.sql" "$root/"
	strip "$root/init" "$root/sqlite3" "$root/speedtest1" "$root/fslat"
	(cd "$root" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet) >"$work/base.cpio"
}

linux_initrd() {
	local bench=$1 dir=$work/args-$1

	shift
	mkdir -p "$dir"
	printf '%s\n' "$@" >"$dir/args"
	(cd "$dir" && echo args | cpio -o -H newc -R 0:0 --quiet) |
		cat "$work/base.cpio" - >"$work/linux-$bench.cpio"
}

build_programs
fetch_kernel
build_initramfs

# --- Step 3: the benchmarks -------------------------------------------

# The phase marks the workload keeps, as milliseconds since its start.
marks_sql="SELECT 'mark_' || phase || '=' || CAST(round((at - (SELECT at"
marks_sql+=" FROM marks WHERE phase = 'start')) * 86400000) AS INTEGER)"
marks_sql+=" FROM marks ORDER BY at"
shell_args=(-batch -bail -init /dev/null)

# bench_args BENCH SIDE: the program's arguments into args, its database
# folder being /data in a guest.
bench_args() {
	local data=/data wl=/workload.sql

	if [ "$2" = native ]; then
		data=$native_dir
		wl=$native_dir/workload.sql
	fi
	case $1 in
	workload) args=("${shell_args[@]}" "$data/test.db" ".read $wl"
		"$marks_sql") ;;
	speedtest1) args=(--size "$size" "$data/speedtest1.db") ;;
	fslat) args=("$data" "$iters") ;;
	esac
}

program() {
	case $1 in
	workload) echo sqlite3 ;;
	*) echo "$1" ;;
	esac
}

# The QEMU options both guests share: the ones microkraft-run -a tcg
# passes, so the microkraft figures are what a user of the runner sees.
qemu_common=(-machine "$mopts" -accel tcg -cpu max -m 256M -nodefaults
	-no-user-config -display none -serial stdio -no-reboot
	-device isa-debug-exit,iobase=0x501,iosize=2)

limit_of() {
	case $1 in
	workload) echo 600 ;;
	speedtest1) echo $((300 + 60 * size)) ;;
	fslat) echo $((300 + iters / 100)) ;;
	esac
}

# run_one SIDE BENCH OUT: one run, its output in OUT. Sets run_us (wall
# time of the process: QEMU, or the program itself) and run_why (empty
# on success).
run_one() {
	local side=$1 bench=$2 out=$3 prog limit t0 t1 rc=0 want=0

	prog=$(program "$bench")
	limit=$(limit_of "$bench")
	bench_args "$bench" "$side"
	t0=$EPOCHREALTIME
	case $side in
	mk)
		timeout "$limit" microkraft-run -a tcg -M "$machine" -m 256M \
			-i "$build/initrd.cpio" "$build/$prog.elf" -- \
			"${args[@]}" >"$out" 2>&1 </dev/null || rc=$?
		;;
	linux)
		timeout "$limit" "$qemu" "${qemu_common[@]}" \
			-kernel "$vmlinuz" -initrd "$work/linux-$bench.cpio" \
			-append "console=ttyS0 quiet panic=-1" \
			>"$out" 2>&1 </dev/null || rc=$?
		want=3
		;;
	native)
		rm -rf "$native_dir" && mkdir -p "$native_dir"
		cp "$ex/workload.sql" "$native_dir/"
		SQLITE_TMPDIR=$native_dir timeout "$limit" \
			"$build/$prog-native" "${args[@]}" >"$out" 2>&1 \
			</dev/null || rc=$?
		;;
	esac
	t1=$EPOCHREALTIME
	run_us=$((${t1/./} - ${t0/./}))
	[ "$side" != mk ] || cut_klog "$out"

	run_why=
	if [ "$rc" = 124 ]; then
		run_why="no exit in ${limit}s"
	elif [ "$rc" != "$want" ]; then
		run_why="exit status $rc"
		[ "$side" != linux ] || run_why="QEMU status $rc, not 3"
	else
		check_"$bench" "$out" || true
	fi
}

# cut_klog OUT: the kernel's log lines go from OUT to klog, so that what
# is left is the program's output. A line may start mid-line (a warning
# printed while speedtest1 waits for a test to end).
cut_klog() {
	grep -oE '\[(crit |err  |warn )\] [^\r]*' "$1" >>"$work/klog" || true
	sed -z -E 's/\[(crit |err  |warn |info |debug)\] [^\n]*\n//g' "$1" \
		>"$1.cut"
	mv "$1.cut" "$1"
}

# check_BENCH OUT: the output is complete and right; sets run_why.
check_workload() {
	tr -d '\r' <"$1" |
		sed -n '/^-- workload begin$/,/^-- workload end$/p' \
		>"$work/result.txt"
	if ! diff -q "$ex/expected.txt" "$work/result.txt" >/dev/null; then
		run_why="output differs from expected.txt"
		return 1
	fi
	[ -n "$(field "$1" mark_end)" ] || run_why="no phase marks"
}

check_speedtest1() {
	grep -q 'TOTAL\.\.\.' "$1" || run_why="no TOTAL line"
}

check_fslat() {
	local k

	for k in $fslat_keys; do
		[ -n "$(field "$1" "$k")" ] || run_why="no $k"
	done
}

fslat_keys="open_close_present_ns open_missing_ns stat_present_ns
	stat_missing_ns"

# Figures: fig[side|name] is a list of values in ns; names in order of
# first appearance per benchmark go to names_BENCH.
declare -A fig fails why label
names_workload="ins idx qry chg all workload_wall"
names_speedtest1=
names_fslat="$fslat_keys fslat_wall"
label[ins]="60,000 inserts in 60 transactions"
label[idx]="3 x CREATE INDEX"
label[qry]="queries: joins, GROUP BY, LIKE, LIMIT"
label[chg]="rollback, savepoints, WAL, VACUUM"
label[all]="whole workload, guest clock [b]"
label[workload_wall]="process wall time, host clock [c]"
label[speedtest1_wall]=${label[workload_wall]}
label[fslat_wall]=${label[workload_wall]}
label[open_close_present_ns]="open + close, present file"
label[open_missing_ns]="open, missing file (ENOENT)"
label[stat_present_ns]="stat, present file"
label[stat_missing_ns]="stat, missing file (ENOENT)"

add() {
	fig[$1|$2]="${fig[$1|$2]:-} $3"
}

collect_workload() {
	local side=$1 out=$2 s i x q c e

	s=$(field "$out" mark_start)
	i=$(field "$out" mark_inserts)
	x=$(field "$out" mark_indexes)
	q=$(field "$out" mark_queries)
	c=$(field "$out" mark_changes)
	e=$(field "$out" mark_end)
	add "$side" ins $(((x - i) * 1000000))
	add "$side" idx $(((q - x) * 1000000))
	add "$side" qry $(((c - q) * 1000000))
	add "$side" chg $(((e - c) * 1000000))
	add "$side" all $(((e - s) * 1000000))
}

# speedtest1's lines: " 100 - 10000 INSERTs into ...........    0.082s".
collect_speedtest1() {
	local side=$1 out=$2 id text secs ms
	local re_one='^ *\([0-9][0-9]*\) - \(.*[^. ]\)\.*  *\([0-9.]*\)s$'
	local re_total='^ *\(TOTAL\)\.*  *\([0-9.]*\)s$'

	while IFS='|' read -r id text secs; do
		ms=$(awk -v s="$secs" 'BEGIN { printf "%d", s * 1000 + 0.5 }')
		if [ -z "${label[st$id]:-}" ]; then
			label[st$id]="$id $text"
			[ "$id" != TOTAL ] || label[st$id]=TOTAL
			names_speedtest1="$names_speedtest1 st$id"
		fi
		add "$side" "st$id" $((ms * 1000000))
	done < <(tr -d '\r' <"$out" | sed -n -e "s/$re_one/\\1|\\2|\\3/p" \
		-e "s/$re_total/\\1|TOTAL|\\2/p")
}

collect_fslat() {
	local side=$1 out=$2 k

	for k in $fslat_keys; do
		add "$side" "$k" "$(field "$out" "$k")"
	done
}

sides="mk linux native"
benches="workload speedtest1 fslat"
rm -f "$cache"/sqlite-failed-*.out

# Rounds, each running every benchmark on every side, so that drift on
# the host hits all alike.
for ((r = 1; r <= runs; r++)); do
	for bench in $benches; do
		bench_args "$bench" linux
		linux_initrd "$bench" "/$(program "$bench")" "${args[@]}"
		for side in $sides; do
			say "round $r of $runs: $bench, $side"
			out=$work/run.out
			run_one "$side" "$bench" "$out"
			if [ -n "$run_why" ]; then
				key="$side|$bench"
				cp "$out" "$cache/sqlite-failed-$side-$bench.out"
				fails[$key]=$((${fails[$key]:-0} + 1))
				why[$key]=$run_why
				say "  failed: $run_why"
				continue
			fi
			collect_"$bench" "$side" "$out"
			add "$side" "${bench}_wall" $((run_us * 1000))
		done
	done
done

# --- Step 4: the tables ------------------------------------------------

ratio() {
	if [ -z "$1" ] || [ -z "$2" ] || [ "$1" = 0 ]; then
		echo "-"
		return
	fi
	awk -v a="$1" -v b="$2" 'BEGIN {
		r = b / a
		printf (r < 10) ? "%.2fx" : "%.0fx", r }'
}

row() {
	printf '  %-42s %11s %11s %9s %11s\n' "$@"
}

# cell SIDE NAME BENCH: the median as text in cell_txt, raw in cell_raw.
cell() {
	local list=${fig[$1|$2]:-}

	cell_raw=
	if [ -z "$list" ]; then
		cell_txt="n/a"
		[ -z "${fails[$1|$3]:-}" ] || cell_txt="failed [f]"
		return
	fi
	cell_raw=$(echo $list | tr ' ' '\n' | median)
	cell_txt=$(fmt_ns "$cell_raw")
}

flagged=
print_table() {
	local bench=$1 title=$2 name a ra b rb c lab

	echo "$title"
	row "" "microkraft" "Linux" "Linux/mk" "native"
	row "" "(TCG)" "(TCG) [a]" "" "host [a]"
	for name in $3; do
		lab=${label[$name]}
		[ ${#lab} -le 42 ] || lab="${lab:0:39}..."
		cell mk "$name" "$bench"
		a=$cell_txt
		ra=$cell_raw
		cell linux "$name" "$bench"
		b=$cell_txt
		rb=$cell_raw
		cell native "$name" "$bench"
		c=$cell_txt
		# No guest clock may show more time than its QEMU process ran.
		if [ "$name" = all ] && [ -n "$ra" ] &&
		   [ "$ra" -gt "$(echo ${fig[mk|workload_wall]:-0} |
				tr ' ' '\n' | median)" ]; then
			a="$a !"
			flagged=1
		fi
		row "$lab" "$a" "$b" "$(ratio "$ra" "$rb")" "$c"
	done
	echo
}

notes() {
	local key

	echo "[a] TCG against native is not a fair speed comparison: TCG"
	echo "    translates every guest instruction, and its system calls,"
	echo "    page walks and port I/O cost far more than on hardware. The"
	echo "    Linux guest, the same static programs under the same QEMU"
	echo "    command, is the baseline for microkraft; native shows what"
	echo "    this host does without emulation. Linux/mk above 1 means"
	echo "    microkraft took less time."
	echo "[b] each program's own clock: SQLite's julianday('now')"
	echo "    (gettimeofday, ms) for the workload phases, speedtest1's"
	echo "    per-test times, CLOCK_MONOTONIC in fslat. Boot not included."
	echo "[c] spawn to exit of QEMU (boot and power-off included) or of"
	echo "    the native program."
	echo "[d] files: microkraft ramfs, Linux initramfs (tmpfs), native"
	echo "    $native_fs; every database is created anew per run."
	echo "[e] fslat's paths: /data/fslat/{present,missing} in the guests,"
	echo "    one component deeper on the host; $iters calls per figure."
	if [ -n "${!fails[*]}" ]; then
		echo "[f] failed runs, kept out of the medians; the output of"
		echo "    the last is in bench/out/sqlite-failed-SIDE-BENCH.out:"
		for key in "${!fails[@]}"; do
			echo "    ${key/|/ }: ${fails[$key]} of $runs:" \
				"${why[$key]}"
		done
	fi
	if [ -s "$work/klog" ]; then
		echo "[g] the microkraft kernel logged (cut from the programs'"
		echo "    output before it was checked):"
		sort -u "$work/klog" | sed 's/^/    /'
	fi
	if [ -n "$flagged" ]; then
		echo "[!] implausible: the guest clock shows more time than"
		echo "    the QEMU process ran; it is miscalibrated here."
	fi
}

kbase=${kpkg#linux-image-}
kbase=${kbase%-amd64}
{
	echo "sqlite: microkraft vs a Linux guest vs native, same programs"
	echo "SQLite $(sed -n 's/^\([0-9.]*\)$/\1/p' "$build/src/VERSION")," \
		"QEMU $("$qemu" --version | awk 'NR == 1 { print $4 }')" \
		"-machine $machine -accel tcg -cpu max -m 256M," \
		"Linux = Debian $kpkg $kver"
	echo "medians of $runs runs, $(nproc) host CPUs," \
		"$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	print_table workload \
		"workload (examples/sqlite/workload.sql, sqlite3 shell)" \
		"$names_workload"
	print_table speedtest1 "speedtest1 --size $size" \
		"$names_speedtest1 speedtest1_wall"
	print_table fslat "fslat: time per call [e]" "$names_fslat"
	notes
	echo
	echo "bar: the Unikraft paper's SQLite, 60,000 inserts on KVM:" \
		"1.065 s on Unikraft, 1.153 s on Linux (Linux/mk 1.08x)."
} | tee "$cache/sqlite.txt"

say_done
