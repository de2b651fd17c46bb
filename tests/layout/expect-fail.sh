#!/bin/sh
# expect-fail.sh WANT CHECK ARGS... - CHECK ARGS must exit 1 and print a
# line holding WANT: the layout check catches what it is meant to catch.
want=$1
shift
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ $rc -ne 1 ]; then
	echo "expected exit status 1, got $rc"
	exit 1
fi
if ! printf '%s\n' "$out" | grep -qF -- "$want"; then
	echo "expected a line holding: $want"
	exit 1
fi
exit 0
