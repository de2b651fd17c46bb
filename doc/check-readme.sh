#!/bin/sh
# check-readme.sh - README.md's command reference must be what gendoc
# prints from the command table: the lines between the two markers
#   <!-- commands: begin (doc/gendoc markdown) -->
#   <!-- commands: end -->
# usage: check-readme.sh GENDOC README
# Exits 0 when they are the same; 1 with a unified diff (- README, + the
# table) otherwise, and the command that brings the README up to date.

if [ $# -ne 2 ]; then
	echo "usage: check-readme.sh GENDOC README" >&2
	exit 2
fi
gendoc=$1
readme=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-readme.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

"$gendoc" markdown > "$tmp/table" || exit 1
awk '/^<!-- commands: begin/ { on = 1; found++; next }
     /^<!-- commands: end/ { on = 0; next }
     on { print }
     END { if (found != 1) exit 1 }' "$readme" > "$tmp/readme" || {
	echo "check-readme: $readme has no (or more than one) '<!-- commands: begin' marker" >&2
	exit 1
}
if diff -u --label "$readme" --label "the command table" "$tmp/readme" "$tmp/table"; then
	exit 0
fi
echo "check-readme: $readme's command reference differs from the command table;" >&2
echo "put the output of 'gendoc markdown' (in the build's doc/) between its markers" >&2
exit 1
