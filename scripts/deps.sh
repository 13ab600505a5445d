#!/usr/bin/env bash
# What the project needs on a Debian 12 machine (as root), in two parts:
#
# - host packages, installed with apt-get: what runs on this machine
#   (compilers and kernel build tools, the upstream checkers, QEMU and its
#   firmware, debootstrap for make fresh);
# - guest packages, fetched with apt-get download and unpacked into
#   $PVH_GUEST_ROOT, never installed: each base's pinned kernel source and
#   Debian's configuration of it (scripts/bases), the Xen hypervisor and
#   the toolstack that runs inside the xen-domu mode's dom0. Installing
#   xen-hypervisor on a real host would add Xen boot entries to its GRUB;
# - sparse built from Debian's newer source package into the cache (see
#   PVH_SPARSE in lib.sh): Debian 12's is too old for 7.x kernels.
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
	# documentation build (Sphinx; the kernel's docs build runs
	# tools/net/ynl/ynl-gen-rst.py, which needs YAML) and the b4 check
	python3-sphinx python3-sphinx-rtd-theme python3-yaml graphviz b4
	# boot matrix (the guests' init programs are static glibc programs)
	qemu-system-x86 ovmf seabios libc6-dev
	# make fresh, and apt-get download's signature checks
	debootstrap ca-certificates
	# unpacking the sparse source package
	dpkg-dev
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

# One stamp line of what is unpacked: every base's kernel source at its pin,
# and the Xen packages.
stamp=$PVH_GUEST_ROOT/.pvh-packages
want_stamp=$(for b in $(pvh_bases); do
		printf '%s=%s ' "$(pvh_base_field "$b" 2)" "$(pvh_base_field "$b" 3)"
	     done; echo "${xen_packages[*]} xen-utils-common")
# Everything wanted is there (a guest root unpacked for more bases, e.g. by
# another branch of this repository, serves as well).
unpacked() {
	local w have
	have=" $(head -n1 "$stamp" 2>/dev/null) "
	for w in $want_stamp; do
		[[ $have == *" $w "* ]] || return 1
	done
}
[ ${#missing[@]} -eq 0 ] && unpacked && [ -x "$PVH_SPARSE" ] && exit 0

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

# apt options for a base's own apt source (scripts/bases), with its own
# package lists under the cache: the machine's sources stay as they are
# (trixie-backports is not one of a Debian 12 machine's suites).
apt_opts=()
# private_apt URI SUITE [deb-src]: binary packages, or source packages.
# A Release file past its Valid-Until date is accepted here: a mirror
# that serves a snapshot (this project's machines do) would otherwise
# refuse sid and trixie-backports on a fresh machine, and what is taken
# from them is pinned by version and by the SHA-256 of its tarball
# (scripts/bases, lib.sh), its signature still checked.
private_apt() {
	local uri=$1 suite=$2 kind=${3:-deb} d=$PVH_CACHE/apt/$2${3:+-$3}
	mkdir -p "$d/lists/partial"
	echo "$kind $uri $suite main" >"$d/sources.list"
	apt_opts=(-o "Dir::Etc::sourcelist=$d/sources.list" -o Dir::Etc::sourceparts=/nonexistent
		  -o "Dir::State::Lists=$d/lists" -o APT::Sandbox::User=root
		  -o Acquire::Check-Valid-Until=false)
	apt-get update -q "${apt_opts[@]}" >/dev/null
}

# A package at the pinned version if the source serves it, else its newest
# version matching PREFIX, loudly for a kernel source (its base commit
# will differ).
pick_version() {
	local pkg=$1 pin=$2 prefix=$3 newest
	if apt-cache "${apt_opts[@]}" madison "$pkg" | awk '{print $3}' | grep -qxF "$pin"; then
		echo "$pin"
		return
	fi
	newest=$(apt-cache "${apt_opts[@]}" madison "$pkg" |
		 awk -v p="$prefix" 'index($3, p) == 1 {print $3}' | sort -V | tail -n1)
	[ -n "$newest" ] || die "no version of $pkg is served at all"
	[[ $pkg != linux-source-* ]] ||
		warn "$pkg $pin is not served any more; using $newest: the base" \
			"commit pinned in scripts/bases, and so the sync check, will differ"
	echo "$newest"
}

# sparse, from Debian's source package (sid: the release that has it),
# at its pin, its upstream tarball checked, built with the host's gcc.
if [ ! -x "$PVH_SPARSE" ]; then
	private_apt http://deb.debian.org/debian sid deb-src
	build=$PVH_CACHE/tools/build-sparse
	rm -rf "$build"
	mkdir -p "$build"
	say "building sparse $PVH_SPARSE_VERSION from Debian's source package"
	(cd "$build" && apt-get source -q --download-only "${apt_opts[@]}" \
		"sparse=$PVH_SPARSE_VERSION" >/dev/null)
	PVH_FIX="the sparse source package is not what scripts/lib.sh pins (PVH_SPARSE_VERSION, PVH_SPARSE_ORIG_SHA256)"
	echo "$PVH_SPARSE_ORIG_SHA256  $(ls "$build"/sparse_*.orig.tar.*)" | sha256sum -c --quiet
	dpkg-source -x "$build"/sparse_*.dsc "$build/src" >/dev/null 2>&1
	# The host's gcc (Debian's patch names sid's gcc-16); the checker
	# alone, none of the tools that need more libraries.
	PVH_FIX="see $build/build.log"
	make -C "$build/src" -j"$PVH_JOBS" CC=gcc sparse HAVE_LIBXML=no HAVE_SQLITE=no \
		HAVE_GTK=no HAVE_LLVM=no >"$build/build.log" 2>&1
	mkdir -p "$(dirname "$PVH_SPARSE")"
	cp "$build/src/sparse" "$PVH_SPARSE"
	rm -rf "$build"
	apt_opts=()
	PVH_FIX="check that apt can reach Debian's mirror ('apt-get update' by hand shows why not), then run 'make deps' again"
fi
unpacked && exit 0

debs=$PVH_CACHE/debs
rm -rf "$debs" "$PVH_GUEST_ROOT"
mkdir -p "$debs" "$PVH_GUEST_ROOT"
say "fetching guest packages into $debs (not installed)"
# Each base's kernel source and configuration, from its own apt source.
for b in $(pvh_bases); do
	src=$(pvh_base_field "$b" 2)
	pin=$(pvh_base_field "$b" 3)
	private_apt "$(pvh_base_field "$b" 4)" "$(pvh_base_field "$b" 5)"
	src_version=$(pick_version "$src" "$pin" "${src#linux-source-}.")
	cfg_version=$(pick_version "${src/source/config}" "$pin" "${src#linux-source-}.")
	# Into the cache as root: the _apt user cannot enter root's home.
	(cd "$debs" && apt-get download -q "${apt_opts[@]}" \
		"$src=$src_version" "${src/source/config}=$cfg_version" >/dev/null)
done
apt_opts=()

# The Xen packages, from the machine's own Debian 12 sources, plus every
# library the Xen tools depend on that this machine does not have.
guest=("${xen_packages[@]}" xen-utils-common)
while read -r dep; do
	installed "$dep" || guest+=("$dep")
done < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "${xen_packages[@]}" |
	 awk '/^[a-z0-9]/ && !/^(xen-|python3|perl|debconf)/ {print $1}' | sort -u)
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
