#!/bin/bash
# run-random.sh - the random differential test: for each seed, gen_random
# makes a script of random operations (README.md "Random sequences"), and
# it runs through vmsh and through the host oracle (hostmm); the outputs,
# normalised as run-diff.sh does (diff-lib.sh), must be the same.
#
# usage: run-random.sh VMSH HOSTMM GEN FIRST_SEED COUNT [STEPS [JOBS]]
# (VMSH_WRAP: a command vmsh runs under, such as valgrind.)
#
# Seeds FIRST_SEED .. FIRST_SEED + COUNT - 1, STEPS operations each (40 by
# default), JOBS at a time (the number of CPUs by default). Stops at the
# first mismatch: prints its seed, the script (kept in a temporary
# directory with both outputs) and a unified diff (- host, + vmsh). The
# last line is "N passed, M failed". Exits 0 when all passed, 1 on a
# mismatch or when a program cannot be run, 2 for bad usage.
# GEN_RANDOM_AVOID=NAME,... passes `-a NAME,...` to gen_random: the cases
# of known vmsh bugs are left out (gen_random.c's bug_names).
# VMSH_RANDOM_COUNT=N runs N seeds instead of COUNT (the valgrind test
# setup runs fewer).
# VMSH_REFERENCE=BATCH2 (the valgrind setup and the ASan pass): compare
# the instrumented build's vmsh_batch (VMSH_BATCH; under VMSH_WRAP if set)
# with BATCH2, the plain build's, instead of the host. The plain build's
# pass compared vmsh with the host on the same seeds, so the instrumented
# shell and engine are held to the host's output. vmsh_batch runs a batch
# of scripts in one process, each on a machine of its own, so the
# sanitizers' or valgrind's start and exit are paid once per batch of
# BATCH_SIZE seeds; a mismatch is narrowed down to its seed. The probe
# still decides what is generated, as in the plain pass.
#
# On a host that maps a page of its own where 2.6 maps the zero page (the
# probe, diff-lib.sh; VMSH_HOST_ZERO_PAGE=0|1 overrides it), gen_random
# gets -z: no read fault on private anonymous memory is drawn; one line
# says so, and everything else is compared. On a host whose merge rules
# are not those of gen_random's model of today's kernel (the probe's
# mmap_merge_prev, mlock_merge: Linux 6.1) the test is skipped: exit 77
# with one line saying why.

set -u

if [ $# -lt 5 ] || [ $# -gt 7 ]; then
	echo "usage: run-random.sh VMSH HOSTMM GEN FIRST_SEED COUNT [STEPS [JOBS]]" >&2
	exit 2
fi
vmsh=$1
hostmm=$2
gen=$3
first=$4
count=${VMSH_RANDOM_COUNT:-$5}
steps=${6:-40}
jobs=${7:-$(nproc 2> /dev/null || echo 2)}
for n in "$first" "$count" "$steps" "$jobs"; do
	case $n in
	'' | *[!0-9]*)
		echo "run-random: '$n' is not a number" >&2
		exit 2
		;;
	esac
done
[ "$jobs" -ge 1 ] || jobs=1
for prog in "$vmsh" "$hostmm" "$gen"; do
	if [ ! -x "$prog" ]; then
		echo "run-random: $prog cannot be run" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
done

# normalise_files, host_value, host_reason (diff-lib.sh): as in run-diff.sh
. "$(dirname "$0")/diff-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-random.XXXXXX") || exit 2
keep=0
trap '[ $keep = 1 ] || rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

avoid=()
if [ -n "${GEN_RANDOM_AVOID:-}" ]; then
	avoid=(-a "$GEN_RANDOM_AVOID")
fi
for key in mmap_merge_prev mlock_merge zero_page; do
	if ! v=$(host_value "$hostmm" $key); then
		echo "0 passed, 1 failed"
		exit 1
	fi
	[ "$v" = 1 ] && continue
	if [ $key = zero_page ]; then
		avoid+=(-z)
		echo "run-random: $(host_reason $key): read faults on private anonymous memory left out"
	else
		echo "skipped: $(host_reason $key), not as gen_random's model of today's kernel"
		exit 77
	fi
done

# a limit of CPU seconds for each run (a hang in vmsh or hostmm is a loop:
# SIGXCPU ends it, and its exit status is in the compared output); set in
# the subshell that runs the program, which costs less than a timeout
# process per run
cpu_limit=60
[ -n "${VMSH_WRAP:-}" ] && cpu_limit=600

# VMSH_WRAP (e.g. "valgrind -q --error-exitcode=99"): vmsh runs under it;
# what it reports and its exit status become part of vmsh's output.
read -r -a wrap <<< "${VMSH_WRAP:-}"

# the oracle: the host, or the reference build's vmsh_batch
against="the host"
batch_size=50
if [ -n "${VMSH_REFERENCE:-}" ]; then
	against="the plain build's vmsh"
	for prog in "$VMSH_REFERENCE" "${VMSH_BATCH:-}"; do
		if [ ! -x "$prog" ]; then
			echo "run-random: VMSH_REFERENCE, VMSH_BATCH: '$prog' cannot be run" >&2
			echo "0 passed, 1 failed"
			exit 1
		fi
	done
fi

# run PROG SCRIPT OUT [WRAP...] - PROG's stdout and stderr in OUT, then "exit N"
run() {
	local prog=$1 script=$2 out=$3

	shift 3
	(ulimit -t "$cpu_limit" && exec "$@" "$prog" "$script") > "$out" 2>&1 < /dev/null
	echo "exit $?" >> "$out"
}

# check SEED J - generate, run both and compare; 0 when they agree. On a
# mismatch the script and both normalised outputs stay as SEED.{vmsh,host,out}.
check() {
	local seed=$1 w=$tmp/w$2

	if ! "$gen" "${avoid[@]}" "$seed" "$steps" > "$w.vmsh"; then
		echo "gen_random failed" > "$tmp/$seed.why"
		return 1
	fi
	run "$hostmm" "$w.vmsh" "$w.host"
	run "$vmsh" "$w.vmsh" "$w.out" "${wrap[@]}"
	# one awk normalises both and compares them ($w.host.n, $w.out.n)
	if normalise_files "$w.host" "$w.out"; then
		return 0
	fi
	mv "$w.vmsh" "$tmp/$seed.vmsh"
	mv "$w.host.n" "$tmp/$seed.host"
	mv "$w.out.n" "$tmp/$seed.out"
	return 1
}

# split_batch OUT DIR - OUT of vmsh_batch cut at its "### SCRIPT" lines
# into DIR/SEED, one file a script, and DIR/end (from "### end": what
# comes at the process's exit, such as a leak report, and its status)
split_batch() {
	awk -v dir="$2" '/^### / { n = split($2, p, "/"); f = dir "/" p[n]; sub(/\.vmsh$/, "", f) }
		{ print > f }' "$1"
}

# check_batch FIRST LAST J - in reference mode: seeds FIRST..LAST through
# both vmsh_batch programs at once; 0 when the outputs are the same, else
# the first seed that differs keeps SEED.{vmsh,host,out} and goes to
# $tmp/failed, and the number of seeds before it to $tmp/w$J.before
check_batch() {
	local a=$1 b=$2 d=$tmp/w$3 seed scripts=()

	rm -rf "$d" && mkdir -p "$d/ref" "$d/out"
	for ((seed = a; seed <= b; seed++)); do
		if ! "$gen" "${avoid[@]}" "$seed" "$steps" > "$d/$seed.vmsh"; then
			echo "gen_random failed" > "$tmp/$seed.why"
			echo "$seed" >> "$tmp/failed"
			echo $((seed - a)) > "$d.before"
			return 1
		fi
		scripts+=("$d/$seed.vmsh")
	done
	(ulimit -t "$cpu_limit" && exec "$VMSH_REFERENCE" "${scripts[@]}") > "$d.ref" 2>&1 < /dev/null
	echo "exit $?" >> "$d.ref"
	(ulimit -t "$cpu_limit" && exec "${wrap[@]}" "$VMSH_BATCH" "${scripts[@]}") > "$d.out" 2>&1 < /dev/null
	echo "exit $?" >> "$d.out"
	cmp -s "$d.ref" "$d.out" && return 0
	split_batch "$d.ref" "$d/ref"
	split_batch "$d.out" "$d/out"
	for ((seed = a; seed < b; seed++)); do
		cmp -s "$d/ref/$seed" "$d/out/$seed" 2> /dev/null || break
	done
	# the last seed takes the blame for a difference at the process's exit
	if [ "$seed" = "$b" ]; then
		cat "$d/ref/end" >> "$d/ref/$b" 2> /dev/null
		cat "$d/out/end" >> "$d/out/$b" 2> /dev/null
		cmp -s "$d/ref/end" "$d/out/end" 2> /dev/null ||
			echo "run-random: seeds $a..$b ran in one process; it ended differently (below, after seed $b's output)" > "$tmp/$b.note"
	fi
	mv "$d/$seed.vmsh" "$tmp/$seed.vmsh"
	cp "$d/ref/$seed" "$tmp/$seed.host" 2> /dev/null || : > "$tmp/$seed.host"
	cp "$d/out/$seed" "$tmp/$seed.out" 2> /dev/null || : > "$tmp/$seed.out"
	echo "$seed" >> "$tmp/failed"
	echo $((seed - a)) > "$d.before"
	return 1
}

# batch_worker J - in reference mode: batches J, J+jobs, ... of batch_size
# seeds until one fails or another worker has found a mismatch
batch_worker() {
	local j=$1 a b n=0 last=$((first + count - 1))

	for ((a = first + j * batch_size; a <= last; a += jobs * batch_size)); do
		[ -e "$tmp/stop" ] && break
		b=$((a + batch_size - 1))
		[ $b -gt "$last" ] && b=$last
		if ! check_batch "$a" "$b" "$j"; then
			n=$((n + $(cat "$tmp/w$j.before")))
			: > "$tmp/stop"
			break
		fi
		n=$((n + b - a + 1))
	done
	echo "$n" > "$tmp/passed.$j"
}

# worker J - seeds first+J, first+J+jobs, ... until one fails or another
# worker has found a mismatch; the count passed goes to passed.J
worker() {
	local j=$1 seed n=0

	if [ -n "${VMSH_REFERENCE:-}" ]; then
		batch_worker "$j"
		return
	fi
	for ((seed = first + j; seed < first + count; seed += jobs)); do
		[ -e "$tmp/stop" ] && break
		if ! check "$seed" "$j"; then
			echo "$seed" >> "$tmp/failed"
			: > "$tmp/stop"
			break
		fi
		n=$((n + 1))
	done
	echo "$n" > "$tmp/passed.$j"
}

start=$SECONDS
for ((j = 0; j < jobs; j++)); do
	worker "$j" &
done
wait

passed=0
for ((j = 0; j < jobs; j++)); do
	[ -r "$tmp/passed.$j" ] && passed=$((passed + $(cat "$tmp/passed.$j")))
done
if [ ! -e "$tmp/failed" ]; then
	echo "run-random: seeds $first..$((first + count - 1)), $steps steps each:" \
		"vmsh and $against agree ($((SECONDS - start)) s)"
	echo "$passed passed, 0 failed"
	exit 0
fi

keep=1
seed=$(sort -n "$tmp/failed" | head -n 1)
for s in $(cat "$tmp/failed"); do
	[ "$s" = "$seed" ] || rm -f "$tmp/$s".*
done
rm -rf "$tmp"/w* "$tmp"/passed.* "$tmp/stop" "$tmp/failed"
echo "run-random: seed $seed: vmsh and $against differ"
echo "run-random: script $tmp/$seed.vmsh (regenerate: $gen${avoid[*]:+ ${avoid[*]}} $seed $steps)"
[ -e "$tmp/$seed.note" ] && cat "$tmp/$seed.note"
if [ -e "$tmp/$seed.why" ]; then
	cat "$tmp/$seed.why"
else
	diff -u --label "$against: seed $seed" --label "vmsh: seed $seed" \
		"$tmp/$seed.host" "$tmp/$seed.out"
	grep -H 'BAD-ANON-DEV-INODE' "$tmp/$seed.host" "$tmp/$seed.out" >&2
fi
echo "$passed passed, 1 failed"
exit 1
