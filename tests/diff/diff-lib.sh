# diff-lib.sh - what run-diff.sh and run-random.sh share: the
# normalisation of vmsh's and hostmm's outputs before they are compared
# (README.md "What run-diff.sh compares"). Sourced, not run.
#
#  - error lines "CMD: ERRNAME: explanation" become "CMD: ERRNAME";
#  - maps lines are re-spaced with single blanks (the kernel pads names);
#    lines with a name get "DEV INODE" for their dev and inode columns,
#    lines without one (private anonymous) must show "00:00 0" on both sides;
#  - smaps: after each maps line, the field lines are cut down to the ones
#    where Linux 2.6 and the host's kernel agree: for an anonymous VMA (no
#    name, [heap], [stack]) Size, Rss, Pss, Shared_Clean, Shared_Dirty,
#    Private_Clean, Private_Dirty, Anonymous, Swap, Locked; for a VMA with a
#    file (shared anonymous memory too) only Size and Anonymous, since
#    today's kernel maps the file's cached pages around a fault
#    (fault-around) where 2.6 mapped one; each kept as "Field: N kB";
#  - everything else (read's hexdump, touch's fault lines, fork's pid,
#    wait's lines) is kept as it is.

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
