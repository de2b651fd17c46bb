#!/bin/bash
# record-qemu.sh - record expected outputs of scenarios under another Linux
# kernel, in a QEMU virtual machine (a developer's tool, not run by the
# tests and not needed by them): used for the scenarios tagged
# "# host: TAG" that the developer's own kernel cannot record, such as
# "zero-page" on a kernel that maps a real page on anonymous read faults
# (README.md "Expected outputs").
#
# usage: record-qemu.sh [-o DIR] KERNEL [SCENARIO...]
#
# KERNEL is a bzImage, such as Debian 12's /boot/vmlinuz-6.1.0-*-amd64
# (apt-get download linux-image-6.1.0-NN-amd64; dpkg-deb -x it anywhere).
# The scenarios (by default every scenarios/*.vmsh with a "# host:" tag)
# and a static hostmm built from this tree go into an
# initramfs with busybox (busybox-static); the machine (qemu-system-x86,
# TCG: no KVM needed) runs `hostmm --probe`, then hostmm on each scenario,
# and writes the outputs to its second serial port. Each output is
# normalised as run-diff.sh does (diff-lib.sh) and written to
# expected/NAME.out, or to DIR/NAME.out with -o (to compare kernels).
# The probe's answers are printed; a scenario whose tags name what that
# kernel lacks too is not recorded (it says so). Exits 0, 1 on failure, 2
# for bad usage.

set -u

outdir=
if [ $# -ge 2 ] && [ "$1" = -o ]; then
	outdir=$2
	shift 2
fi
if [ $# -lt 1 ]; then
	echo "usage: record-qemu.sh [-o DIR] KERNEL [SCENARIO...]" >&2
	exit 2
fi
kernel=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -n "$outdir" ] || outdir=$here/expected
if [ $# -eq 0 ]; then
	set -- $(grep -l '^# host:' "$here"/scenarios/*.vmsh)
fi
for prog in qemu-system-x86_64 busybox cc; do
	if ! command -v $prog > /dev/null; then
		echo "record-qemu: $prog is missing (apt-get install qemu-system-x86 busybox-static gcc)" >&2
		exit 1
	fi
done
if [ ! -r "$kernel" ]; then
	echo "record-qemu: cannot read $kernel" >&2
	exit 2
fi

. "$here/diff-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/record-qemu.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/bin" "$tmp/root/scen" "$tmp/root/proc" "$tmp/root/sys" \
	"$tmp/root/dev" "$tmp/root/tmp" || exit 1

# a static hostmm (the VM has no C library), busybox for the rest
if ! cc -std=c11 -O2 -static -D_GNU_SOURCE -Wall -Wextra -Werror \
	-I "$root/shell" -I "$root/vmcore" -o "$tmp/root/bin/hostmm" \
	"$here/hostmm.c" "$root/shell/parse.c"; then
	echo "record-qemu: cannot build a static hostmm" >&2
	exit 1
fi
cp "$(command -v busybox)" "$tmp/root/bin/busybox" || exit 1
for s; do
	cp "$s" "$tmp/root/scen/$(basename "$s")" || exit 1
done

# /init: the probe, then each scenario as run-diff.sh runs it (stdout and
# stderr together, "exit N" after), between marker lines, to ttyS1
cat > "$tmp/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
echo 0 > /proc/sys/kernel/printk
stty -F /dev/ttyS1 raw -echo
{
	echo "@@@ uname $(uname -r)"
	echo "@@@ thp $(cat /sys/kernel/mm/transparent_hugepage/enabled)"
	hostmm --probe | sed 's/^/@@@ probe /'
	for s in /scen/*.vmsh; do
		echo "@@@ begin $(basename "$s" .vmsh)"
		hostmm "$s" 2>&1 < /dev/null
		echo "exit $?"
		echo "@@@ end"
	done
	echo "@@@ done"
} > /dev/ttyS1
sync
poweroff -f
INIT
chmod +x "$tmp/root/init"
(cd "$tmp/root" && find . | busybox cpio -o -H newc 2> /dev/null | gzip -1 > "$tmp/initrd.gz") || exit 1

echo "record-qemu: booting $kernel (TCG, a minute or two)"
timeout 1800 qemu-system-x86_64 -machine q35 -cpu max -m 1024 -smp 1 \
	-nographic -no-reboot -kernel "$kernel" -initrd "$tmp/initrd.gz" \
	-append "console=ttyS0 quiet panic=-1 rdinit=/init" \
	-serial "file:$tmp/console.txt" -serial "file:$tmp/out.txt" \
	-monitor none > "$tmp/qemu.log" 2>&1 < /dev/null
tr -d '\r' < "$tmp/out.txt" > "$tmp/out"
if ! grep -q '^@@@ done$' "$tmp/out"; then
	echo "record-qemu: the machine did not finish; its console:" >&2
	tail -n 30 "$tmp/console.txt" "$tmp/qemu.log" >&2
	exit 1
fi
sed -n 's/^@@@ \(uname\|thp\|probe\) /record-qemu: \1 /p' "$tmp/out"
# the machine's probe, as the overrides host_lacks (diff-lib.sh) reads
for kv in $(sed -n 's/^@@@ probe //p' "$tmp/out"); do
	export "VMSH_HOST_$(echo "${kv%%=*}" | tr '[:lower:]' '[:upper:]')=${kv#*=}"
done

mkdir -p "$outdir" || exit 1
awk -v dir="$tmp" '
	/^@@@ begin / { f = dir "/" $3 ".raw"; next }
	/^@@@ end$/ { close(f); f = ""; next }
	f != "" { print > f }
' "$tmp/out"
status=0
for s; do
	name=$(basename "$s" .vmsh)
	if why=$(host_lacks /nonexistent "$s"); then
		echo "record-qemu: $name: not recorded: that kernel too: $why"
		continue
	fi
	if [ ! -r "$tmp/$name.raw" ]; then
		echo "record-qemu: $name: no output" >&2
		status=1
		continue
	fi
	normalise < "$tmp/$name.raw" > "$outdir/$name.out" || status=1
	echo "record-qemu: $name: $outdir/$name.out"
done
exit $status
