#!/bin/bash
# run-expected.sh - the scenarios of tests/diff against their expected
# outputs only, run through vmsh_batch (one process per CPU for all of
# them): the form of the differential suite that the valgrind setup and
# the ASan pass run, where the host comparison is the plain pass's
# (run-diff.sh) and an instrumented vmsh's start and exit, most of its
# time there, is paid once per batch instead of once per scenario.
#
# usage: run-expected.sh VMSH_BATCH SCENARIO...
#
# Each scenario's part of the output, normalised as run-diff.sh does
# (diff-lib.sh), with "exit N" last, must equal expected/NAME.out; the
# batch itself must end with status 0 and nothing after "### end" (a
# valgrind or LeakSanitizer report). Prints a unified diff (- expected,
# + vmsh) for each scenario that differs and "N passed, M failed" last.
# Exits 0 when all match, 1 otherwise, 2 for bad usage.
# VMSH_WRAP: a command vmsh_batch runs under, such as valgrind.

set -u

if [ $# -lt 2 ]; then
	echo "usage: run-expected.sh VMSH_BATCH SCENARIO..." >&2
	exit 2
fi
batch=$1
shift
if [ ! -x "$batch" ]; then
	echo "run-expected: $batch cannot be run" >&2
	exit 1
fi

# normalise_files (diff-lib.sh)
. "$(dirname "$0")/diff-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-expected.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
read -r -a wrap <<< "${VMSH_WRAP:-}"
jobs=$(nproc 2> /dev/null || echo 2)

# the scenarios dealt round-robin to the jobs, each job one process
declare -a part
declare -A job_of
i=0
for s in "$@"; do
	part[i % jobs]+="$s"$'\n'
	job_of[$s]=$((i % jobs))
	i=$((i + 1))
done
for ((j = 0; j < jobs && j < $#; j++)); do
	mapfile -t list <<< "${part[j]%$'\n'}"
	mkdir "$tmp/$j"
	(
		d=$tmp/$j
		"${wrap[@]}" "$batch" "${list[@]}" > "$d/out" 2>&1 < /dev/null
		echo $? > "$d/rc"
		# one file a scenario (named by the scenario's file name) and "end"
		awk -v d="$d" '/^### / { n = split($2, p, "/"); f = d "/" p[n] }
			{ if (!/^### /) print > f }' "$d/out"
	) &
done
wait

passed=0
failed=0
# every part normalised by one awk (FILE.n); 3: a private anonymous maps
# line without 00:00 0, marked BAD-ANON-DEV-INODE where it is
normalise_files "$tmp"/*/*.vmsh
if [ $? = 3 ]; then
	echo "run-expected: a private anonymous maps line does not show 00:00 0:"
	grep -H 'BAD-ANON-DEV-INODE' "$tmp"/*/*.vmsh.n | sed "s|$tmp/[0-9]*/||"
	failed=$((failed + 1))
fi
for s in "$@"; do
	name=${s##*/}
	name=${name%.vmsh}
	expected=${s%/*}/../expected/$name.out
	got=$tmp/${job_of[$s]}/$name.vmsh.n
	if [ ! -e "$got" ]; then
		echo "run-expected: $name: no output (the batch stopped before it)"
		failed=$((failed + 1))
	elif [ ! -r "$expected" ]; then
		echo "run-expected: no expected output $expected (tests/diff/record-expected.sh)"
		failed=$((failed + 1))
	elif [ "$(< "$expected")" != "$(< "$got")" ]; then
		diff -u --label "expected: $expected" --label "vmsh: $s" "$expected" "$got"
		echo "run-expected: $name: vmsh differs from $expected"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
for ((j = 0; j < jobs && j < $#; j++)); do
	rc=$(cat "$tmp/$j/rc")
	if [ "$rc" != 0 ] || [ -s "$tmp/$j/end" ]; then
		echo "run-expected: batch $j ended with status $rc:"
		cat "$tmp/$j/end" 2> /dev/null
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
