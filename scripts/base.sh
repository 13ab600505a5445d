#!/usr/bin/env bash
# Unpack the base's Debian linux-source (PVH_BASE, scripts/bases) once into
# a git repository in the cache, as one commit tagged with the Debian
# version. Later calls only check it.
#
# The commit is made with fixed names and dates, so every machine gets the
# same base SHA and patches/ can record it as base-commit.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkg=$PVH_SRC_PKG
version=$(awk -v p="$pkg" '$1 == p {print $2}' "$PVH_GUEST_ROOT/.pvh-packages" 2>/dev/null || true)
[ -n "$version" ] || die "$pkg is not unpacked in $PVH_GUEST_ROOT: run 'make deps' first"
[ "$version" = "$PVH_BASE_VERSION" ] ||
	warn "using $pkg $version, not the pinned $PVH_BASE_VERSION"
pinned=$PVH_BASE_VERSION
PVH_BASE_VERSION=$version
tag=$(pvh_base_tag)

git -C "$PVH_BASE_REPO" rev-parse -q --verify "refs/tags/$tag" >/dev/null 2>&1 && exit 0

say "creating the base repository $PVH_BASE_REPO ($tag)"
PVH_FIX="remove $PVH_BASE_REPO and run 'make base' again; 'make deps' fetches the source anew"
# The tarball's path inside the package, as the commit message names it.
tarball=/usr/src/$pkg.tar.xz
sha=$(sha256sum <"$PVH_GUEST_ROOT$tarball" | cut -d' ' -f1)
if [ "$sha" != "$PVH_TARBALL_SHA256" ]; then
	[ "$version" != "$pinned" ] ||
		die "$tarball of $pkg $version has SHA-256 $sha, not the $PVH_TARBALL_SHA256 pinned in scripts/bases"
	warn "$tarball is not the pinned one (SHA-256 $sha)"
fi
mkdir -p "$PVH_WORK"
unpack=$(mktemp -d "$PVH_WORK/unpack.XXXXXX")
trap 'rm -rf "$unpack"' EXIT
tar -C "$unpack" -xf "$PVH_GUEST_ROOT$tarball"
src=$unpack/$pkg
[ -f "$src/Makefile" ] || die "unexpected layout in $PVH_GUEST_ROOT$tarball"

# Debian's top-level .gitignore ignores everything at the top level (for its
# packaging); the base must track the whole tree, so force-add.
git init -q --bare "$PVH_BASE_REPO"
export GIT_DIR=$PVH_BASE_REPO GIT_WORK_TREE=$src
git config core.bigFileThreshold 16m
git config gc.auto 0
git add -A -f .
# Every field of the commit is fixed here, and nowhere else, so that the
# base SHA (patches/ records it as base-commit) is the same everywhere.
GIT_AUTHOR_NAME="Debian kernel team ($pkg)" \
GIT_AUTHOR_EMAIL=debian-kernel@lists.debian.org \
GIT_COMMITTER_NAME=linux-pvh GIT_COMMITTER_EMAIL=linux-pvh@localhost \
GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' \
	git commit -q -m "Debian $pkg $version" \
	-m "Unpacked from $tarball, unmodified."
git tag "$tag"
git branch -f base "$tag"
say "base commit $(git rev-parse --short HEAD) tagged $tag"
head=$(git rev-parse HEAD)
if [ "$version" = "$pinned" ] && [ "$head" != "$PVH_BASE_COMMIT" ]; then
	rm -rf "$PVH_BASE_REPO"
	die "the base commit is $head, not $PVH_BASE_COMMIT (scripts/bases): the base is not reproducible here"
fi
