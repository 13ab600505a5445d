# Common settings for the linux-pvh scripts. Sourced, never run.
# shellcheck shell=bash

# Everything heavy lives outside the repository.
: "${PVH_CACHE:=$HOME/.cache/linux-pvh}"
: "${PVH_JOBS:=$(nproc)}"
export PVH_CACHE

PVH_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PVH_HARNESS=$PVH_TOP/tools/testing/pvh

# The bases (scripts/bases): their names, and one's fields.
pvh_bases() { awk '!/^#/ && NF {print $1}' "$PVH_TOP/scripts/bases"; }
pvh_base_field() {
	awk -v b="$1" -v f="$2" '!/^#/ && $1 == b {print $f; found = 1} END {exit !found}' \
		"$PVH_TOP/scripts/bases"
}
# The base this run works on: PVH_BASE, else the first (mainline).
: "${PVH_BASE:=$(pvh_bases | head -n1)}"
export PVH_BASE
pvh_base_field "$PVH_BASE" 1 >/dev/null ||
	{ echo "ERROR: PVH_BASE=$PVH_BASE is not in scripts/bases ($(pvh_bases | xargs))" >&2; exit 2; }
PVH_SRC_PKG=$(pvh_base_field "$PVH_BASE" 2)
# Debian's configuration package of the same kernel (linux-config-X.Y).
PVH_CONFIG_PKG=${PVH_SRC_PKG/source/config}
: "${PVH_BASE_VERSION:=$(pvh_base_field "$PVH_BASE" 3)}"
PVH_PATCHES=${PVH_PATCHES:-$PVH_TOP/$(pvh_base_field "$PVH_BASE" 6)}
PVH_TARBALL_SHA256=$(pvh_base_field "$PVH_BASE" 7)
PVH_BASE_COMMIT=$(pvh_base_field "$PVH_BASE" 8)
# The boot-matrix flavours make check boots on this base ("all", or a list).
PVH_BASE_FLAVOURS=$(pvh_base_field "$PVH_BASE" 9 | tr ',' ' ')
# Per base: its git repository, work trees, results and reports.
PVH_WORK=$PVH_CACHE/$PVH_BASE
PVH_BASE_REPO=$PVH_WORK/base.git
PVH_TREES=$PVH_WORK/trees
# Guest-side Debian packages (kernel source, its configuration, Xen and its
# toolstack), fetched with apt-get download and unpacked here, never
# installed on the host (scripts/deps.sh).
: "${PVH_GUEST_ROOT:=$PVH_CACHE/guest-root}"
export PVH_GUEST_ROOT
# sparse for the C=2 check: Debian 12's 0.6.4 is too old for 7.x kernels
# (their scripts/checker-valid.sh wants __typeof_unqual__, and C=2 then
# checks nothing), so scripts/deps.sh builds Debian's own newer source
# package (pinned here) into the cache; nothing is installed.
PVH_SPARSE_VERSION=0.6.5~rc1-2
PVH_SPARSE_ORIG_SHA256=3ac8855ec7f3ab92f325be0f64347ccc2b10f8b4d7c2906783ee8e2bdab3f0de
PVH_SPARSE=$PVH_CACHE/tools/sparse-$PVH_SPARSE_VERSION/sparse

export CCACHE_DIR=${CCACHE_DIR:-$PVH_CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# Work trees of the same base share ccache entries only with relative paths.
export CCACHE_BASEDIR=$PVH_TREES
export CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
# Reproducible build stamps: ccache hits across trees, identical vmlinux for
# identical sources (tools/testing/pvh/build.sh sets the same for its
# builds; these serve the scripts' own kernel builds).
export KBUILD_BUILD_VERSION=1 KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
export KBUILD_BUILD_USER=pvh KBUILD_BUILD_HOST=linux-pvh

# Git as the scripts use it: the user's global and system configuration
# stay out (no hooks, signing, aliases or identities of theirs), and every
# commit the scripts make (base, git am, b4) has the project's identity,
# given here in the environment and never written into a repository's
# config, so a developer's own commits in a work tree stay theirs.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-Linux PVH Team}
export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-linux-pvh@example.org}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-Linux PVH Team}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-linux-pvh@example.org}

# The patches of a series directory (default patches/), in order: its
# "series" file without comments and blank lines.
pvh_series() {
	local f=${1:-$PVH_PATCHES}/series
	[ -f "$f" ] || return 0
	grep -v -e '^#' -e '^[[:space:]]*$' "$f"
}

# The series a series directory depends on: its file "prerequisites" names
# series directories (relative to the repository) that go on the base
# first, in order, such as a topic series for other maintainers that the
# series lists as a dependency (an absolute path is taken as it is). Prints
# their absolute paths.
pvh_prereq_dirs() {
	local f=${1:-$PVH_PATCHES}/prerequisites
	[ -f "$f" ] || return 0
	grep -v -e '^#' -e '^[[:space:]]*$' "$f" | sed "/^\//!s|^|$PVH_TOP/|"
}

# Every patch a work tree holds, as paths, in the order they apply: the
# prerequisites', then the series' own.
pvh_all_patches() {
	local d
	for d in $(pvh_prereq_dirs "$@"); do
		pvh_series "$d" | sed "s|^|$d/|"
	done
	pvh_series "$@" | sed "s|^|${1:-$PVH_PATCHES}/|"
}

# How a message names the patch at PATH: its file name in the series, with
# its directory's name for a prerequisite's.
pvh_patch_label() {
	if [ "$(dirname "$1")" = "${PVH_PATCHES%/}" ]; then
		basename "$1"
	else
		echo "$(basename "$(dirname "$1")")/$(basename "$1")"
	fi
}

# How many of those are prerequisites.
pvh_nprereq() {
	local d n=0
	for d in $(pvh_prereq_dirs "$@"); do
		n=$((n + $(pvh_series "$d" | wc -l)))
	done
	echo $n
}

# The commit of work tree DIR that the series starts from: the base, or the
# tip of the prerequisites under it.
pvh_series_start() {
	local base n
	base=$(git -C "$1" rev-parse "$(pvh_base_tag)^{commit}")
	n=$(pvh_nprereq)
	if [ "$n" -eq 0 ]; then
		echo "$base"
	else
		git -C "$1" rev-list --reverse "$base..HEAD" | sed -n "${n}p"
	fi
}

# The git tag of the base commit (a tag name cannot hold '~').
pvh_base_tag() { echo "debian/${PVH_BASE_VERSION//\~/_}"; }

say()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# No silent exit: in a script that runs under "set -e", a failing command
# names itself, its place and what to do. A script sets PVH_FIX to the
# advice that fits the work it is doing.
PVH_FIX=${PVH_FIX:-"read the messages above; 'make help' lists the targets"}
pvh_on_error() {
	local rc=$1 cmd=$2 where=$3
	# Once, from the script itself, not again from each subshell.
	[ "$BASH_SUBSHELL" -eq 0 ] || return 0
	printf 'ERROR: %s failed (exit %s) at %s\n' "$cmd" "$rc" "$where" >&2
	printf 'ERROR: to fix: %s\n' "$PVH_FIX" >&2
}
case $- in
*e*)
	set -E
	trap 'pvh_on_error $? "$BASH_COMMAND" "${BASH_SOURCE[0]#"$PVH_TOP"/}:$LINENO"' ERR
	;;
esac
