#!/usr/bin/env bash
# What the project needs on a Debian 12 machine (as root), in two parts:
#
# - host packages, installed with apt-get: what runs on this machine
#   (compilers and kernel build tools, the upstream checkers, QEMU and its
#   firmware, debootstrap for make fresh);
# - guest packages, fetched with apt-get download and unpacked into
#   $PVH_GUEST_ROOT, never installed: the pinned kernel source and Debian's
#   kernel configuration, the Xen hypervisor and the toolstack that runs
#   inside the xen-domu mode's dom0. Installing xen-hypervisor on a real
#   host would add Xen boot entries to its GRUB.
#
# A re-run with everything present does nothing but check.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

host_packages=(
	# kernel build
	gcc make flex bison bc libelf-dev libssl-dev cpio kmod xz-utils perl
	python3 rsync dwarves git ccache
	# upstream checks
	sparse python3-ply python3-git
	# documentation build (Sphinx) and the series' b4 check
	python3-sphinx python3-sphinx-rtd-theme graphviz b4
	# boot matrix (the guests' init programs are static glibc programs)
	qemu-system-x86 ovmf seabios libc6-dev
	# make fresh, and apt-get download's signature checks
	debootstrap ca-certificates
)
# Xen, and its toolstack with the libraries the tools load (xl.conf comes
# from xen-utils-common, whose own dependencies the dom0 does not need).
xen_packages=(xen-hypervisor-4.17-amd64 xen-utils-4.17)

# Installed, by dpkg's own word (an unknown package is just "not installed").
installed() {
	dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -qx 'install ok installed'
}

missing=()
for p in "${host_packages[@]}"; do
	installed "$p" || missing+=("$p")
done

stamp=$PVH_GUEST_ROOT/.pvh-packages
want_stamp="linux-source-6.12=$PVH_BASE_VERSION linux-config-6.12 ${xen_packages[*]} xen-utils-common"
[ ${#missing[@]} -eq 0 ] && [ "$(head -n1 "$stamp" 2>/dev/null)" = "$want_stamp" ] && exit 0

[ "$(id -u)" -eq 0 ] ||
	die "missing: ${missing[*]:-} guest packages; run 'make deps' as root"
export DEBIAN_FRONTEND=noninteractive
PVH_FIX="check that apt can reach Debian's mirror ('apt-get update' by hand shows why not), then run 'make deps' again"
say "apt-get update"
apt-get update -q >/dev/null
if [ ${#missing[@]} -gt 0 ]; then
	say "installing host packages: ${missing[*]}"
	apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# A package at the pinned version if the mirror serves it, else its newest
# version matching PREFIX, loudly.
pick_version() {
	local pkg=$1 pin=$2 prefix=$3 newest
	if apt-cache madison "$pkg" | awk '{print $3}' | grep -qxF "$pin"; then
		echo "$pin"
		return
	fi
	newest=$(apt-cache madison "$pkg" | awk -v p="$prefix" 'index($3, p) == 1 {print $3}' |
		sort -V | tail -n1)
	[ -n "$newest" ] || die "no version of $pkg is served at all"
	[ "$pkg" != linux-source-6.12 ] ||
		warn "$pkg $pin is not served any more; using $newest: the base" \
			"commit pinned in scripts/lib.sh, and so the sync check, will differ"
	echo "$newest"
}

# Guest packages: the pinned ones, plus every library the Xen tools depend
# on that this machine does not have installed already.
src_version=$(pick_version linux-source-6.12 "$PVH_BASE_VERSION" 6.12.)
cfg_version=$(pick_version linux-config-6.12 "$PVH_BASE_VERSION" 6.12.)
guest=("linux-source-6.12=$src_version" "linux-config-6.12=$cfg_version" "${xen_packages[@]}"
       xen-utils-common)
while read -r dep; do
	installed "$dep" || guest+=("$dep")
done < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "${xen_packages[@]}" |
	 awk '/^[a-z0-9]/ && !/^(xen-|python3|perl|debconf)/ {print $1}' | sort -u)

debs=$PVH_CACHE/debs
rm -rf "$debs" "$PVH_GUEST_ROOT"
mkdir -p "$debs" "$PVH_GUEST_ROOT"
say "fetching guest packages into $debs (not installed)"
# Into the cache as root: the _apt user cannot enter root's home.
(cd "$debs" && apt-get download -q -o APT::Sandbox::User=root "${guest[@]}" >/dev/null)
for d in "$debs"/*.deb; do
	dpkg-deb -x "$d" "$PVH_GUEST_ROOT"
done
{
	echo "$want_stamp"
	for d in "$debs"/*.deb; do
		dpkg-deb -W --showformat='${Package} ${Version}\n' "$d"
	done
} >"$stamp"
rm -rf "$debs"
say "guest packages unpacked in $PVH_GUEST_ROOT:"
sed 1d "$stamp" | sed 's/^/    /' >&2
