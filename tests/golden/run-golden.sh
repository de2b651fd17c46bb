#!/bin/sh
# run-golden.sh - one golden test: run a vmsh scenario script and compare
# everything it prints (stdout and stderr interleaved) with the expected
# transcript. Run from the repository root so paths in messages are stable.
#
# usage: run-golden.sh VMSH SCRIPT EXPECTED
# Exits 0 on a match; 1 with a unified diff (- expected, + got) otherwise;
# 2 for bad usage. The exit status of vmsh is the transcript's last line.

if [ $# -ne 3 ]; then
	echo "usage: run-golden.sh VMSH SCRIPT EXPECTED" >&2
	exit 2
fi
vmsh=$1
script=$2
expected=$3

if [ ! -r "$expected" ]; then
	echo "run-golden: cannot read $expected" >&2
	exit 2
fi
got=$(mktemp "${TMPDIR:-/tmp}/run-golden.XXXXXX") || exit 2
trap 'rm -f "$got"' EXIT

# C locale: the rb tree is drawn in ASCII; no history, no terminal.
LC_ALL=C VMSH_HISTORY= ${VMSH_WRAP:-} "$vmsh" "$script" > "$got" 2>&1 < /dev/null
echo "exit $?" >> "$got"

if diff -u --label "expected: $expected" --label "got: $script" "$expected" "$got"; then
	exit 0
fi
echo "run-golden: $script: output differs from $expected" >&2
exit 1
