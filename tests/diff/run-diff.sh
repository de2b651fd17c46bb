#!/bin/bash
# run-diff.sh - the differential test of one scenario: runs it through vmsh
# and through the host oracle (hostmm), normalises both outputs and compares.
#
# usage: run-diff.sh VMSH HOSTMM SCENARIO
#
# Normalisation (what may legitimately differ between the two):
#  - error lines "CMD: ERRNAME: explanation" become "CMD: ERRNAME";
#  - maps lines are re-spaced with single blanks (the kernel pads names);
#    lines with a name get "DEV INODE" for their dev and inode columns,
#    lines without one (private anonymous) must show "00:00 0" on both sides;
#  - smaps: after each maps line, the field lines are cut down to the ones
#    where Linux 2.6 and the host's kernel agree (README "smaps"): for an
#    anonymous VMA (no name, [heap], [stack]) Size, Rss, Pss, Shared_Clean,
#    Shared_Dirty, Private_Clean, Private_Dirty, Anonymous, Swap, Locked; for
#    a VMA with a file (shared anonymous memory too) only Size and Anonymous,
#    since today's kernel maps the file's cached pages around a fault
#    (fault-around) where 2.6 mapped one; each kept as "Field: N kB";
#  - everything else (read's hexdump, touch's fault lines, fork's pid,
#    wait's lines) is compared as it is;
#  - the exit status is appended as a last line "exit N".
# Prints a unified diff (- host, + vmsh) and exits 1 on mismatch, 0 on match,
# 1 too when vmsh or hostmm cannot be run (a missing program is a failure), 2 for bad usage.

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

# run NAME PROG - run PROG on the scenario (time-limited where possible),
# stdout and stderr in one file, then "exit N".
run() {
	local limit=()

	if command -v timeout > /dev/null; then
		limit=(timeout 60)
	fi
	"${limit[@]}" "$2" "$scenario" > "$tmp/$1.raw" 2>&1 < /dev/null
	echo "exit $?" >> "$tmp/$1.raw"
}

# normalise - stdin to stdout as described at the top; a private anonymous
# line with another dev/inode is kept and marked "BAD-ANON-DEV-INODE".
normalise() {
	awk '
	BEGIN {
		split("Size Rss Pss Shared_Clean Shared_Dirty Private_Clean Private_Dirty Anonymous Swap Locked", f)
		for (i in f)
			anon_fields[f[i] ":"] = 1
		file_fields["Size:"] = 1
		file_fields["Anonymous:"] = 1
		block = ""
	}
	/^[0-9a-f]+-[0-9a-f]+ [-r][-w][-x][-ps] [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ [0-9]+( |$)/ {
		name = ""
		for (i = 6; i <= NF; i++)
			name = name " " $i
		block = (name == "" || name == " [heap]" || name == " [stack]") ? "anon" : "file"
		if (name != "") {
			print $1, $2, $3, "DEV INODE" name
		} else if ($4 == "00:00" && $5 == "0") {
			print $1, $2, $3, $4, $5
		} else {
			print $1, $2, $3, $4, $5, "BAD-ANON-DEV-INODE"
		}
		next
	}
	block != "" && /^[A-Z][A-Za-z0-9_]*:( |$)/ {
		if ((block == "anon" && ($1 in anon_fields)) ||
		    (block == "file" && ($1 in file_fields)))
			print $1, $2, $3
		next
	}
	{ block = "" }
	/^[A-Za-z_][A-Za-z0-9_]*: E[A-Z0-9?-]+(: |$)/ {
		i = index($0, ": ")
		err = substr($0, i + 2)
		j = index(err, ": ")
		if (j)
			err = substr(err, 1, j - 1)
		print substr($0, 1, i - 1) ": " err
		next
	}
	{ print }
	'
}

run host "$hostmm"
run vmsh "$vmsh"
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
