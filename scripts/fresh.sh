#!/usr/bin/env bash
# make fresh: the two commands of the README on a fresh Debian 12, as a
# newcomer gets them. Builds a minimal root once (debootstrap
# --variant=minbase, cached as a tarball), then each time: a new copy of it,
# the README's prerequisites (git, make) installed there, this repository
# cloned into it (committed state only), and "make" then "make check" run
# inside as root, with no cache of this machine's. Prints each command's
# verdict, closing line and time. Needs root; not part of make check.
#
#   PVH_FRESH_DIR   where the root lives (default /var/tmp/linux-pvh-fresh)
#   PVH_FRESH_CMDS  the commands to run inside (default "make;make check")
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || die "make fresh needs root (debootstrap, chroot)"
dir=${PVH_FRESH_DIR:-/var/tmp/linux-pvh-fresh}
cmds=${PVH_FRESH_CMDS:-make;make check}
mirror=http://deb.debian.org/debian
tarball=$PVH_CACHE/fresh/bookworm-minbase.tar
root=$dir/root
mkdir -p "$dir" "$(dirname "$tarball")"

if [ ! -s "$tarball" ]; then
	PVH_FIX="check that debootstrap can reach $mirror, then run make fresh again"
	say "debootstrap --variant=minbase bookworm (once; cached in $tarball)"
	rm -rf "$dir/build"
	debootstrap --variant=minbase bookworm "$dir/build" "$mirror" >"$dir/debootstrap.log" 2>&1 ||
		{ tail -20 "$dir/debootstrap.log" >&2; die "debootstrap failed (log: $dir/debootstrap.log)"; }
	tar -C "$dir/build" -cf "$tarball.tmp" .
	mv "$tarball.tmp" "$tarball"
	rm -rf "$dir/build"
fi
PVH_FIX="see the messages above; remove $dir to start over"

mounted=()
cleanup() {
	local m
	for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT
# Interrupted or killed: still through the EXIT trap, so no mount is left.
trap 'exit 130' INT
trap 'exit 143' TERM
for m in proc sys dev dev/pts; do umount -l "$root/$m" 2>/dev/null || true; done
rm -rf --one-file-system "$root"
mkdir -p "$root"
tar -C "$root" -xf "$tarball"
# The same suites as this machine: the pinned kernel source comes from
# the security suite.
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$root/proc"
mounted=("$root/proc" "${mounted[@]}")
mount --rbind /sys "$root/sys"
mounted=("$root/sys" "${mounted[@]}")
mount --rbind /dev "$root/dev"
mounted=("$root/dev" "${mounted[@]}")

inside() {
	chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		bash -c "$1"
}
say "the README's prerequisites: git and make"
inside 'apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends git make ca-certificates >/dev/null'
git clone -q --no-local "$PVH_TOP" "$root/root/linux-pvh"

summary=()
rc=0
IFS=';' read -r -a commands <<<"$cmds"
for c in "${commands[@]}"; do
	log=$dir/$(tr ' ' '-' <<<"$c").log
	say "in the fresh root: $c (log: $log)"
	t0=$(date +%s)
	if inside "cd /root/linux-pvh && $c" >"$log" 2>&1; then v=ok; else v=FAILED; rc=1; fi
	t=$(($(date +%s) - t0))
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1 || true)
	summary+=("$(printf '%-12s %-7s %4dm%02ds  %s' "$c" "$v" $((t / 60)) $((t % 60)) "$last")")
	[ $v = ok ] || tail -n 30 "$log" | sed 's/^/    /' >&2
done
echo "make fresh ($(date -u +%Y-%m-%d), Debian 12 minbase root in $root):"
printf '  %s\n' "${summary[@]}"
exit $rc
