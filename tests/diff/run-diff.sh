#!/bin/bash
# run-diff.sh - the differential test of one scenario: runs it through vmsh,
# compares vmsh's output with the scenario's recorded expected output, then
# runs it through the host oracle (hostmm) and compares the two.
#
# usage: run-diff.sh VMSH HOSTMM SCENARIO
#
# Every output goes through normalise (diff-lib.sh, shared with
# run-random.sh: error explanations, maps spacing, dev/inode, and the smaps
# fields where Linux 2.6 and the host's kernel agree); the exit status is
# appended as a last line "exit N". The expected output of
# scenarios/NAME.vmsh is expected/NAME.out, normalised the same way
# (recorded on a kernel that behaves as vmsh's model: README.md "Expected
# outputs").
#
# A scenario whose header says "# host: TAG..." needs a host that behaves
# as vmsh's model there (TAG zero-page: read faults on private anonymous
# memory map the zero page; mmap-merge-prev, mlock-merge: merge rules). On
# a host that does not (the probe, diff-lib.sh; VMSH_HOST_ZERO_PAGE=0|1
# and the like override it), vmsh is still checked against the expected
# output, and then the host comparison is skipped: exit 77 with one line
# saying why.
#
# Exits 0 when vmsh matches both, 1 with a unified diff on a mismatch
# (- expected or host, + vmsh), 1 too when vmsh or hostmm cannot be run or
# the expected output is missing, 77 when the host comparison was skipped
# and vmsh matched the expected output, 2 for bad usage.
# VMSH_WRAP: a command vmsh runs under, such as valgrind (the valgrind
# test setup).
# (The valgrind setup and the ASan pass leave these tests out, suite
# diff-host: diff-expected, run-expected.sh, checks the instrumented vmsh
# against the expected outputs there.)

set -u

if [ $# -ne 3 ]; then
	echo "usage: run-diff.sh VMSH HOSTMM SCENARIO" >&2
	exit 2
fi
vmsh=$1
hostmm=$2
scenario=$3
name=$(basename "$scenario" .vmsh)
expected=$(dirname "$(dirname "$scenario")")/expected/$name.out

for prog in "$vmsh" "$hostmm"; do
	if [ ! -x "$prog" ]; then
		echo "run-diff: $prog cannot be run" >&2
		exit 1
	fi
done
if [ ! -r "$scenario" ]; then
	echo "run-diff: cannot read $scenario" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-diff.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# run NAME PROG... - run PROG on the scenario (time-limited where possible),
# stdout and stderr in one file, then "exit N".
run() {
	local name=$1 limit=()

	shift
	if command -v timeout > /dev/null; then
		limit=(timeout 60)
		[ -n "${VMSH_WRAP:-}" ] && limit=(timeout 600)
	fi
	"${limit[@]}" "$@" "$scenario" > "$tmp/$name.raw" 2>&1 < /dev/null
	echo "exit $?" >> "$tmp/$name.raw"
}

# bad_anon FILE... - report the private anonymous maps lines that do not
# show 00:00 0 (normalise marks them); 1 when there are any
bad_anon() {
	grep -q 'BAD-ANON-DEV-INODE' "$@" || return 0
	echo "run-diff: a private anonymous maps line does not show 00:00 0:" >&2
	grep -H 'BAD-ANON-DEV-INODE' "$@" | sed "s|$tmp/||" >&2
	return 1
}

# VMSH_WRAP (e.g. "valgrind -q --error-exitcode=99"): vmsh runs under it;
# what it reports and its exit status become part of vmsh's output.
read -r -a wrap <<< "${VMSH_WRAP:-}"

# normalise, host_lacks (diff-lib.sh)
. "$(dirname "$0")/diff-lib.sh"

# vmsh against the expected output: on every host, before any skip
run vmsh "${wrap[@]}" "$vmsh"
normalise < "$tmp/vmsh.raw" > "$tmp/vmsh"
status=0
if [ ! -r "$expected" ]; then
	echo "run-diff: no expected output $expected (tests/diff/record-expected.sh)" >&2
	status=1
elif ! diff -u --label "expected: $expected" --label "vmsh: $scenario" "$expected" "$tmp/vmsh"; then
	echo "run-diff: $scenario: vmsh differs from $expected"
	status=1
fi
bad_anon "$tmp/vmsh" || status=1

# the host comparison, unless the scenario needs what this host does not do
why=$(host_lacks "$hostmm" "$scenario")
case $? in
0)
	[ $status -eq 0 ] || exit 1
	echo "skipped: $why; vmsh checked against tests/diff/expected/$name.out"
	exit 77
	;;
2)
	echo "run-diff: cannot tell whether this host can be compared" >&2
	exit 1
	;;
esac
run host "$hostmm"
normalise < "$tmp/host.raw" > "$tmp/host"
if ! diff -u --label "host: $scenario" --label "vmsh: $scenario" "$tmp/host" "$tmp/vmsh"; then
	status=1
fi
bad_anon "$tmp/host" || status=1
if [ $status -eq 0 ]; then
	echo "run-diff: $scenario: same output as $expected and the host"
fi
exit $status
