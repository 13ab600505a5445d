#!/usr/bin/env bash
# Unpack Debian's linux-source-6.12 once into a git repository in the cache,
# as one commit tagged with the Debian version. Later calls only check it.
#
# The commit is made with fixed names and dates, so every machine gets the
# same base SHA and patches/ can record it as base-commit.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

version=$(awk '$1 == "linux-source-6.12" {print $2}' "$PVH_GUEST_ROOT/.pvh-packages" 2>/dev/null || true)
[ -n "$version" ] || die "linux-source-6.12 is not unpacked in $PVH_GUEST_ROOT: run 'make deps' first"
[ "$version" = "$PVH_BASE_VERSION" ] ||
	warn "using linux-source-6.12 $version, not the pinned $PVH_BASE_VERSION"
PVH_BASE_VERSION=$version
tag=$(pvh_base_tag)

if git -C "$PVH_BASE_REPO" rev-parse -q --verify "refs/tags/$tag" >/dev/null 2>&1; then
	# An older b4 check wrote the team's identity into base.git's
	# config, which every work tree shares: take it back out.
	if [ "$(git -C "$PVH_BASE_REPO" config --local user.email || true)" = linux-pvh@example.org ]; then
		git -C "$PVH_BASE_REPO" config --local --unset user.name || true
		git -C "$PVH_BASE_REPO" config --local --unset user.email || true
	fi
	exit 0
fi

say "creating the base repository $PVH_BASE_REPO ($tag)"
PVH_FIX="remove $PVH_BASE_REPO and run 'make base' again; 'make deps' fetches the source anew"
# The tarball's path inside the package, as the commit message names it.
tarball=/usr/src/linux-source-6.12.tar.xz
mkdir -p "$PVH_CACHE"
unpack=$(mktemp -d "$PVH_CACHE/unpack.XXXXXX")
trap 'rm -rf "$unpack"' EXIT
tar -C "$unpack" -xf "$PVH_GUEST_ROOT$tarball"
src=$unpack/linux-source-6.12
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
GIT_AUTHOR_NAME="Debian kernel team (linux-source-6.12)" \
GIT_AUTHOR_EMAIL=debian-kernel@lists.debian.org \
GIT_COMMITTER_NAME=linux-pvh GIT_COMMITTER_EMAIL=linux-pvh@localhost \
GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' \
	git commit -q -m "Debian linux-source-6.12 $version" \
	-m "Unpacked from $tarball, unmodified."
git tag "$tag"
git branch -f base "$tag"
say "base commit $(git rev-parse --short HEAD) tagged $tag"
if [ "$version" = "$PVH_BASE_VERSION" ] && [ "$(git rev-parse HEAD)" != "$PVH_BASE_COMMIT" ]; then
	rm -rf "$PVH_BASE_REPO"
	die "the base commit is $(git rev-parse HEAD), not $PVH_BASE_COMMIT: the base is not reproducible here"
fi
