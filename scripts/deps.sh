#!/usr/bin/env bash
# Install everything the project needs on a Debian 12 machine (as root).
# A re-run with everything present does nothing but check.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

packages=(
	# kernel build
	gcc make flex bison bc libelf-dev libssl-dev cpio kmod xz-utils perl
	python3 rsync dwarves git ccache
	# upstream checks
	sparse coccinelle python3-ply python3-git
	# documentation build (Sphinx) and the series' b4 check
	python3-sphinx python3-sphinx-rtd-theme graphviz b4
	# boot matrix (the Xen toolstack goes into the xen-domu dom0; its
	# init is a static glibc program)
	qemu-system-x86 ovmf seabios xen-hypervisor-4.17-amd64 xen-utils-4.17
	libc6-dev
	# Debian's own kernel configuration, for the compile check
	linux-config-6.12
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done

src=linux-source-6.12
have=$(dpkg-query -W -f='${Status} ${Version}\n' "$src" 2>/dev/null |
	sed -n 's/^install ok installed //p')

[ ${#missing[@]} -eq 0 ] && [ "$have" = "$PVH_BASE_VERSION" ] && exit 0

[ "$(id -u)" -eq 0 ] || die "missing packages (${missing[*]} $src); run as root"
export DEBIAN_FRONTEND=noninteractive
say "apt-get update"
apt-get update -q >/dev/null
want="$src=$PVH_BASE_VERSION"
if ! apt-cache madison "$src" | awk '{print $3}' | grep -qxF "$PVH_BASE_VERSION"; then
	newest=$(apt-cache madison "$src" | awk '$3 ~ /^6\.12\./ {print $3}' |
		sort -V | tail -n1)
	[ -n "$newest" ] || die "no $src version is served at all"
	cat >&2 <<MSG

**********************************************************************
WARNING: $src $PVH_BASE_VERSION is not served any more.
WARNING: falling back to $newest. patches/ records the old base-commit,
WARNING: so the sync check will fail until the pin in scripts/lib.sh is
WARNING: moved and the series re-exported.
**********************************************************************

MSG
	want="$src=$newest"
fi
say "apt-get install ${missing[*]} $want"
apt-get install -y -q --no-install-recommends "${missing[@]}" "$want" >/dev/null
