#!/bin/sh
# check-listed.sh - every unit test file is in tests/meson.build's list
# (meson does not glob: a test_*.c left out would silently never run).
#
# usage: check-listed.sh TESTS_DIR NAME...
# Exits 0 when each TESTS_DIR/test_*.c is one of the NAMEs (without .c),
# 1 naming those that are not, 2 for bad usage.

if [ $# -lt 1 ]; then
	echo "usage: check-listed.sh TESTS_DIR NAME..." >&2
	exit 2
fi
dir=$1
shift
status=0
for file in "$dir"/test_*.c; do
	[ -e "$file" ] || continue
	name=$(basename "$file" .c)
	listed=0
	for n; do
		[ "$n" = "$name" ] && listed=1
	done
	if [ $listed = 0 ]; then
		echo "check-listed: $name.c is not in tests/meson.build's unit_tests" >&2
		status=1
	fi
done
[ $status = 0 ] && echo "check-listed: all $# unit test files are listed"
exit $status
