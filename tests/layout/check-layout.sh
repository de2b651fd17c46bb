#!/bin/sh
# check-layout.sh [-n MAX] SHELL_DIR VMCORE_DIR - the shape of shell/ (issue 11):
#  - no file of SHELL_DIR (*.c, *.h) is over MAX lines (700);
#  - the #include graph inside SHELL_DIR has no cycle, taking FOO.c and
#    FOO.h as one module FOO (so commands.c <-> repl.c counts as a cycle);
#  - the one header of VMCORE_DIR that SHELL_DIR includes is vmcore.h,
#    whether written "x.h" or <x.h>.
# Prints each violation and exits 1; exits 0 when there is none.
max=700
if [ "$1" = "-n" ]; then
	max=$2
	shift 2
fi
if [ $# -ne 2 ] || [ ! -d "$1" ] || [ ! -d "$2" ]; then
	echo "usage: $0 [-n MAX] SHELL_DIR VMCORE_DIR" >&2
	exit 2
fi
shell=$1
vmcore=$2
status=0
edges=$(mktemp) || exit 2
trap 'rm -f "$edges"' EXIT

for f in "$shell"/*.c "$shell"/*.h; do
	[ -e "$f" ] || continue
	name=${f##*/}
	lines=$(wc -l < "$f")
	if [ "$lines" -gt "$max" ]; then
		echo "$name: $lines lines (at most $max)"
		status=1
	fi
	module=${name%.*}
	echo "$module $module" >> "$edges"	# every module is a node, even alone
	# "x.h" must be shell's or vmcore's; <x.h> counts only when it is one of theirs
	for inc in $(sed -n -e 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' \
			    -e 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([^>]*\)>.*/<\1/p' "$f"); do
		case $inc in
		"<"*)
			inc=${inc#<}
			[ -e "$shell/$inc" ] || [ -e "$vmcore/$inc" ] || continue
			;;
		esac
		if [ -e "$shell/$inc" ]; then
			echo "$module ${inc%.*}" >> "$edges"
		elif [ -e "$vmcore/$inc" ]; then
			if [ "$inc" != vmcore.h ]; then
				echo "$name: includes vmcore's $inc (vmcore.h is the one public header)"
				status=1
			fi
		else
			echo "$name: includes \"$inc\", which is neither shell's nor vmcore's"
			status=1
		fi
	done
done

# tsort orders the modules so that each comes after those it includes, and
# names the modules of a cycle when there is none such order.
if ! tsort "$edges" > /dev/null 2> "$edges.loop"; then
	echo "the #include graph of $shell has a cycle through:" \
		$(sed -n 's/^tsort: //p' "$edges.loop" | grep -v 'input contains a loop')
	status=1
fi
rm -f "$edges.loop"
exit $status
