#!/bin/bash
# run-diff.sh - the differential test of one scenario: runs it through vmsh
# and through the host oracle (hostmm), normalises both outputs and compares.
#
# usage: run-diff.sh VMSH HOSTMM SCENARIO
#
# Both outputs go through normalise (diff-lib.sh, shared with
# run-random.sh: error explanations, maps spacing, dev/inode, and the smaps
# fields where Linux 2.6 and the host's kernel agree); the exit status is
# appended as a last line "exit N".
# Prints a unified diff (- host, + vmsh) and exits 1 on mismatch, 0 on match,
# 1 too when vmsh or hostmm cannot be run (a missing program is a failure), 2 for bad usage.
# VMSH_WRAP: a command vmsh runs under, such as valgrind (the 'valgrind' suite).

set -u

if [ $# -ne 3 ]; then
	echo "usage: run-diff.sh VMSH HOSTMM SCENARIO" >&2
	exit 2
fi
vmsh=$1
hostmm=$2
scenario=$3

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

# VMSH_WRAP (e.g. "valgrind -q --error-exitcode=99"): vmsh runs under it;
# what it reports and its exit status become part of vmsh's output.
read -r -a wrap <<< "${VMSH_WRAP:-}"

# normalise (diff-lib.sh) - what may differ between the two outputs
. "$(dirname "$0")/diff-lib.sh"

run host "$hostmm"
run vmsh "${wrap[@]}" "$vmsh"
normalise < "$tmp/host.raw" > "$tmp/host"
normalise < "$tmp/vmsh.raw" > "$tmp/vmsh"

status=0
if ! diff -u --label "host: $scenario" --label "vmsh: $scenario" "$tmp/host" "$tmp/vmsh"; then
	status=1
fi
if grep -q 'BAD-ANON-DEV-INODE' "$tmp/host" "$tmp/vmsh"; then
	echo "run-diff: a private anonymous maps line does not show 00:00 0:" >&2
	grep -H 'BAD-ANON-DEV-INODE' "$tmp/host" "$tmp/vmsh" | sed "s|$tmp/||" >&2
	status=1
fi
if [ $status -eq 0 ]; then
	echo "run-diff: $scenario: same output"
fi
exit $status
