#!/bin/sh
# long-line.sh - lines of a megabyte on standard input: each must give ONE
# error line (checked exactly), leave the machine valid (the `validate` on
# the next line prints ok), end with exit status 1, and not hang (each run
# gets 20 seconds, 200 under VMSH_WRAP). The lines are made here rather
# than committed.
#
# usage: long-line.sh VMSH
# Exits 0 when every case passes, 1 otherwise, 2 for bad usage.

if [ $# -ne 1 ]; then
	echo "usage: long-line.sh VMSH" >&2
	exit 2
fi
vmsh=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/long-line.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
LC_ALL=C
export LC_ALL
VMSH_HISTORY=
export VMSH_HISTORY
# VMSH_WRAP (the valgrind test setup): vmsh runs under it, with more time;
# what valgrind reports on stderr fails the check of the error line
if command -v timeout >/dev/null 2>&1; then
	limit="timeout 20"
	[ -n "${VMSH_WRAP:-}" ] && limit="timeout 200"
else
	limit=
fi
limit="$limit ${VMSH_WRAP:-}"
failed=0

# mib CHAR - one MiB of CHAR (a byte, tr syntax), no newline
mib() {
	head -c 1048576 /dev/zero | tr '\000' "$1"
}

# check NAME EXPECTED-STDERR-LINE: run vmsh on $dir/in, compare
check() {
	name=$1
	want=$2
	# shellcheck disable=SC2086
	$limit "$vmsh" < "$dir/in" > "$dir/out" 2> "$dir/err"
	rc=$?
	bad=
	if [ "$rc" -eq 124 ]; then
		bad="timed out (hang?)"
	elif [ "$rc" -ne 1 ]; then
		bad="exit status $rc, want 1"
	elif [ "$(wc -l < "$dir/err")" -ne 1 ]; then
		bad="$(wc -l < "$dir/err") lines on stderr, want 1"
	elif [ "$(cat "$dir/err")" != "$want" ]; then
		bad="stderr is '$(head -c 300 "$dir/err")', want '$want'"
	elif [ "$(cat "$dir/out")" != "ok" ]; then
		bad="stdout is '$(head -c 300 "$dir/out")', want 'ok' from validate"
	fi
	if [ -n "$bad" ]; then
		echo "long-line: $name: $bad" >&2
		failed=1
	else
		echo "long-line: $name: ok"
	fi
}

x48=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
one40=1111111111111111111111111111111111111111

# a command name of 1 MiB
{ mib x; printf '\nvalidate\n'; } > "$dir/in"
check "1 MiB command name" "stdin:1: vmsh: unknown command '$x48...' (try help)"

# an unterminated quote holding 1 MiB
{ printf 'write 0x40000000 "'; mib x; printf '\nvalidate\n'; } > "$dir/in"
check "1 MiB open quote" "stdin:1: vmsh: unterminated quote"

# a number of a million digits
{ printf 'munmap '; mib 1; printf ' 4k\nvalidate\n'; } > "$dir/in"
check "1 MiB number" \
	"stdin:1: munmap: usage: munmap ADDR LEN: bad ADDR: out of range (more than 0xffffffff): '$one40...'"

# a file name of 1 MiB
{ printf 'mmap - 4k r-- private '; mib x; printf '\nvalidate\n'; } > "$dir/in"
check "1 MiB file name" \
	"stdin:1: mmap: ENOENT: no file '$x48...' (create it with: file $x48... SIZE)"

# half a million arguments
{ printf 'ps'; mib ' ' | sed 's/  / a/g'; printf '\nvalidate\n'; } > "$dir/in"
check "1 MiB of arguments" "stdin:1: ps: usage: ps [--json]"

# a megabyte of NUL bytes
{ mib '\000'; printf '\nvalidate\n'; } > "$dir/in"
check "1 MiB of NUL" "stdin:1: vmsh: NUL byte in input"

# a megabyte of bytes that are not UTF-8
{ mib '\377'; printf '\nvalidate\n'; } > "$dir/in"
check "1 MiB of 0xff" \
	"stdin:1: vmsh: unknown command '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff...' (try help)"

# 1 MiB of empty commands, then one bad one: still one line
{ mib ';'; printf 'frob\nvalidate\n'; } > "$dir/in"
check "1 MiB of ;" "stdin:1: vmsh: unknown command 'frob' (try help)"

# a written string of 1 MiB that runs off its mapping: one fault line
{ printf 'mmap 0x40000000 4k rw- private,anon,fixed\nwrite 0x40000000 '; mib x
  printf '\nvalidate\n'; } > "$dir/in"
# stdout holds the mmap's address before validate's ok
$limit "$vmsh" < "$dir/in" > "$dir/out" 2> "$dir/err"
rc=$?
if [ "$rc" -ne 1 ] || [ "$(cat "$dir/err")" != "stdin:2: write: SIGSEGV at 0x40001000 (init is not killed)" ] ||
   [ "$(cat "$dir/out")" != "0x40000000
ok" ]; then
	echo "long-line: 1 MiB write: exit $rc, stderr '$(head -c 300 "$dir/err")'," \
		"stdout '$(head -c 300 "$dir/out")'" >&2
	failed=1
else
	echo "long-line: 1 MiB write: ok"
fi

exit $failed
