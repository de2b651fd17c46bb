#!/bin/sh
# valgrind.sh - run one bad-input test under valgrind: no invalid access,
# no use of uninitialised memory, no definite leak. A .vmsh SCRIPT runs as
# `vmsh SCRIPT` (as run-golden.sh runs it, from the repository root); a .sh
# TEST (long-line.sh) is run with a VMSH that is vmsh under valgrind, so
# every vmsh it starts is checked and an error fails its exit status check.
# vmsh reads scripts without readline, so nothing of readline's needs
# suppressing; a suppression file named by $VMSH_VALGRIND_SUPP is used if
# set.
#
# usage: valgrind.sh VMSH SCRIPT.vmsh|TEST.sh
# Exits 0 when clean, 1 on a valgrind error (its report on stderr), 77
# (skipped) when valgrind is not installed, 2 for bad usage.

if [ $# -ne 2 ]; then
	echo "usage: valgrind.sh VMSH SCRIPT.vmsh|TEST.sh" >&2
	exit 2
fi
vmsh=$1
file=$2
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind.sh: valgrind is not installed: skipped"
	exit 77
fi
case $vmsh in
/*) ;;
*) vmsh=$(pwd)/$vmsh ;;
esac
dir=$(mktemp -d "${TMPDIR:-/tmp}/valgrind.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT

supp=
if [ -n "$VMSH_VALGRIND_SUPP" ]; then
	supp="--suppressions=$VMSH_VALGRIND_SUPP"
fi

# The wrapper: vmsh under valgrind, exit status 99 on any error, the
# report appended to $dir/log.
cat > "$dir/vmsh" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite --track-origins=yes $supp \\
	--log-fd=9 "$vmsh" "\$@" 9>>"$dir/log"
EOF
chmod +x "$dir/vmsh"

LC_ALL=C
export LC_ALL
VMSH_HISTORY=
export VMSH_HISTORY

case $file in
*.sh)
	sh "$file" "$dir/vmsh" > "$dir/out" 2>&1
	rc=$?
	;;
*)
	"$dir/vmsh" "$file" > "$dir/out" 2>&1 < /dev/null
	rc=$?
	;;
esac

if [ -s "$dir/log" ] || [ "$rc" -eq 99 ]; then
	echo "valgrind.sh: $file: valgrind found errors (status $rc):" >&2
	cat "$dir/log" >&2
	exit 1
fi
case $file in
*.sh)
	if [ "$rc" -ne 0 ]; then
		echo "valgrind.sh: $file failed under valgrind (status $rc):" >&2
		cat "$dir/out" >&2
		exit 1
	fi
	;;
esac
echo "valgrind.sh: $file: clean (vmsh exit status $rc)"
exit 0
