#!/bin/bash
# record-expected.sh - record the expected outputs of the scenarios from
# the host kernel (a developer's tool, not run by the tests): for each
# SCENARIO (every scenarios/*.vmsh by default), hostmm's output, normalised
# as run-diff.sh normalises (diff-lib.sh), with "exit N" last, goes to
# expected/NAME.out.
#
# usage: record-expected.sh HOSTMM [SCENARIO...]
#
# A scenario tagged "# host: TAG" is not recorded on a host that lacks what
# the tag names (the probe, diff-lib.sh): it says so and leaves the file as
# it is (record-qemu.sh records those under another kernel). Check what
# changed with git diff, and that vmsh agrees: meson test --suite diff.
# Exits 0, 1 when hostmm cannot be run or a file cannot be written, 2 for
# bad usage.

set -u

if [ $# -lt 1 ]; then
	echo "usage: record-expected.sh HOSTMM [SCENARIO...]" >&2
	exit 2
fi
hostmm=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
	set -- "$here"/scenarios/*.vmsh
fi
if [ ! -x "$hostmm" ]; then
	echo "record-expected: $hostmm cannot be run" >&2
	exit 1
fi

. "$here/diff-lib.sh"

status=0
for scenario; do
	name=$(basename "$scenario" .vmsh)
	why=$(host_lacks "$hostmm" "$scenario")
	case $? in
	0)
		echo "record-expected: $name: not recorded: $why"
		continue
		;;
	2)
		status=1
		continue
		;;
	esac
	out=$here/expected/$name.out
	{ "$hostmm" "$scenario" 2>&1 < /dev/null; echo "exit $?"; } > "$out.raw"
	if ! normalise < "$out.raw" > "$out.tmp"; then
		echo "record-expected: $name: a private anonymous maps line does not show 00:00 0" >&2
		status=1
	elif ! mv -f "$out.tmp" "$out"; then
		echo "record-expected: $name: cannot write $out" >&2
		status=1
	fi
	rm -f "$out.raw" "$out.tmp"
done
exit $status
