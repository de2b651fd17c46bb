# diff-lib.sh - what run-diff.sh and run-random.sh share: the
# normalisation of vmsh's and hostmm's outputs before they are compared
# (README.md "What run-diff.sh compares"). Sourced, not run.
#
#  - error lines "CMD: ERRNAME: explanation" become "CMD: ERRNAME", without
#    the "FILE:LINE: " vmsh puts before a failure of a script's line;
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

# NORMALISE_AWK - the awk program of normalise and normalise_files: each
# input as described at the top; a private anonymous line with another
# dev/inode is kept and marked "BAD-ANON-DEV-INODE", and the exit status
# is then 3. With -v tofile=1 each input FILE goes to FILE.n, else to
# standard output; with two files, the status is 1 when their normalised
# lines differ.
NORMALISE_AWK='
	BEGIN {
		split("Size Rss Pss Shared_Clean Shared_Dirty Private_Clean Private_Dirty Anonymous Swap Locked", f)
		for (i in f)
			anon_fields[f[i] ":"] = 1
		file_fields["Size:"] = 1
		file_fields["Anonymous:"] = 1
		bad = 0
	}
	function out(line) {
		if (!tofile) {
			print line
			return
		}
		print line > (FILENAME ".n")
		n[nfile]++
		text[nfile, n[nfile]] = line
	}
	FNR == 1 { block = ""; nfile++ }
	# vmsh names the script line of a failure first (FILE:LINE: CMD: ...)
	{ sub(/^[^ :]+:[0-9]+: /, "") }
	/^[0-9a-f]+-[0-9a-f]+ [-r][-w][-x][-ps] [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ [0-9]+( |$)/ {
		name = ""
		for (i = 6; i <= NF; i++)
			name = name " " $i
		block = (name == "" || name == " [heap]" || name == " [stack]") ? "anon" : "file"
		if (name != "") {
			out($1 " " $2 " " $3 " DEV INODE" name)
		} else if ($4 == "00:00" && $5 == "0") {
			out($1 " " $2 " " $3 " " $4 " " $5)
		} else {
			out($1 " " $2 " " $3 " " $4 " " $5 " BAD-ANON-DEV-INODE")
			bad = 1
		}
		next
	}
	block != "" && /^[A-Z][A-Za-z0-9_]*:( |$)/ {
		if ((block == "anon" && ($1 in anon_fields)) ||
		    (block == "file" && ($1 in file_fields)))
			out($1 " " $2 " " $3)
		next
	}
	{ block = "" }
	/^[A-Za-z_][A-Za-z0-9_]*: E[A-Z0-9?-]+(: |$)/ {
		i = index($0, ": ")
		err = substr($0, i + 2)
		j = index(err, ": ")
		if (j)
			err = substr(err, 1, j - 1)
		out(substr($0, 1, i - 1) ": " err)
		next
	}
	{ out($0) }
	END {
		if (bad)
			exit 3
		if (nfile == 2 && n[1] != n[2])
			exit 1
		for (i = 1; nfile == 2 && i <= n[1]; i++)
			if (text[1, i] != text[2, i])
				exit 1
	}
'

# normalise - stdin to stdout (NORMALISE_AWK); status 3 when a private
# anonymous maps line does not show 00:00 0
normalise() {
	awk "$NORMALISE_AWK"
}

# normalise_files FILE... - each FILE normalised into FILE.n by one awk
# process (run-random.sh's inner loop); status 3 as normalise, else for
# two FILEs 0 when they are the same once normalised, 1 when not
normalise_files() {
	awk -v tofile=1 "$NORMALISE_AWK" "$@"
}

# ---- the host probe (README.md "Host probe") ----
#
# `hostmm --probe` says how the host's kernel behaves where vmsh's model
# (Linux 2.6) and today's kernels may differ and hostmm cannot switch the
# difference off for itself: KEY=VALUE lines, 1 where the host behaves as
# the model, 0 where not (zero_page, mmap_merge_prev, mlock_merge). It runs
# once per test run: the first test that needs it writes the answers to
# host-probe beside hostmm (in the build directory, atomically: a
# temporary file renamed), under a key naming the boot, the process that
# runs the tests (meson test: its pid and start time) and hostmm's build;
# the other tests of the run read them from there.
#
# A scenario that needs one of these says so in a header line
# "# host: TAG... (why)", TAG the KEY with "-" for "_" (zero-page).
# VMSH_HOST_KEY=0|1 (VMSH_HOST_ZERO_PAGE, ...) overrides the probe's KEY:
# the harness then behaves as on a host without (0) or with (1) it.

# probe_key HOSTMM - one line naming this test run and hostmm's build
probe_key() {
	local boot start

	boot=$(cat /proc/sys/kernel/random/boot_id 2> /dev/null)
	start=$(sed 's/.*) //' "/proc/$PPID/stat" 2> /dev/null | cut -d ' ' -f 20)
	echo "# boot $boot run $PPID $start hostmm $(stat -c %Y "$1" 2> /dev/null)"
}

# host_probe HOSTMM - print the probe's KEY=VALUE lines (cached for the
# run, see above); 1 when hostmm --probe fails (its message on stderr).
host_probe() {
	local cache key tmp

	cache=$(dirname "$1")/host-probe
	key=$(probe_key "$1")
	if [ "$(head -n 1 "$cache" 2> /dev/null)" != "$key" ]; then
		tmp=$(mktemp "$cache.XXXXXX") || return 1
		if ! { echo "$key" && "$1" --probe; } > "$tmp"; then
			rm -f "$tmp"
			return 1
		fi
		mv -f "$tmp" "$cache" || return 1
	fi
	grep -v '^#' "$cache"
}

# host_value HOSTMM KEY - print the probe's KEY, 1 or 0; VMSH_HOST_KEY
# (upper case) overrides. Status 1 when it cannot tell (said on stderr).
host_value() {
	local var v

	var=VMSH_HOST_$(echo "$2" | tr '[:lower:]' '[:upper:]')
	v=${!var:-}
	if [ -z "$v" ]; then
		v=$(host_probe "$1" | sed -n "s/^$2=//p")
	fi
	case $v in
	0 | 1) echo "$v" ;;
	'')
		echo "cannot tell $2 ($1 --probe)" >&2
		return 1
		;;
	*)
		echo "$var must be 0 or 1, not '$v'" >&2
		return 1
		;;
	esac
}

# host_reason KEY - why what needs KEY is not compared on a host without it
host_reason() {
	case $1 in
	zero_page) echo "this host maps a real page on anonymous read faults (no zero page)" ;;
	mmap_merge_prev) echo "this host merges a new mapping with the next VMA before the previous one (as Linux 6.1)" ;;
	mlock_merge) echo "this host's mlock and munlock leave VMAs whose flags became equal apart (as Linux 6.1)" ;;
	*) echo "this host lacks $1" ;;
	esac
}

# host_tags SCENARIO - print the probe keys its "# host:" lines name
host_tags() {
	sed -n 's/^# host:\([^(]*\).*/\1/p' "$1" | tr ' ' '\n' | sed -n 's/-/_/g; /./p'
}

# host_lacks HOSTMM SCENARIO - print the reason of the first probe key the
# scenario needs that this host lacks: status 0 when there is one, 1 when
# the host has all, 2 when one cannot be told or is unknown (on stderr)
host_lacks() {
	local k v

	for k in $(host_tags "$2"); do
		case $k in
		zero_page | mmap_merge_prev | mlock_merge) ;;
		*)
			echo "$2: unknown host tag '$k'" >&2
			return 2
			;;
		esac
		v=$(host_value "$1" "$k") || return 2
		if [ "$v" = 0 ]; then
			host_reason "$k"
			return 0
		fi
	done
	return 1
}
