# Helpers shared by the check steps (scripts/checks/*.sh) and the bench
# scripts. Sourced after lib.sh, never run.
# shellcheck shell=bash

# PVH_TREE: check or boot another tree (e.g. the developer's) as it is.
tree=${PVH_TREE:-$PVH_TREES/${PVH_SERIES_TREE:-series}}
base_tree=$PVH_TREES/base
results=$PVH_CACHE/results
mkdir -p "$results"

patch_list() { pvh_series; }
npatches() { patch_list | wc -l; }
# Name of patch N (1-based) for messages.
patch_name() { patch_list | sed -n "${1}p"; }

# The series as posted: its patches and their order, not the cover letter
# (whose numbers come from the bench that measured this very hash).
series_hash() {
	(cd "$PVH_PATCHES" && cat series $(patch_list)) | sha1sum | cut -c1-16
}
# What a bisect build depends on besides the series.
build_inputs_hash() {
	{ series_hash; cat "$PVH_HARNESS"/configs/* "$PVH_HARNESS/build.sh"; } |
		sha1sum | cut -c1-16
}

# The series tree: base + git am patches/, redone only when patches/ changed.
ensure_tree() {
	local want
	[ -z "${PVH_TREE:-}" ] || return 0
	want=$(cat "$PVH_PATCHES"/* 2>/dev/null | sha1sum | cut -c1-16)
	if [ -e "$tree/.git" ] && git -C "$tree" diff --quiet HEAD &&
	   [ "$(cat "$tree/.pvh-applied" 2>/dev/null)" = "$want $(git -C "$tree" rev-parse HEAD)" ]; then
		return 0
	fi
	rm -f "$tree/.pvh-applied"
	"$PVH_TOP/scripts/series.sh" apply "$tree" || return 1
	echo "$want $(git -C "$tree" rev-parse HEAD)" >"$tree/.pvh-applied"
}

# Files the series changes, and the objects built from them.
touched() { git -C "$tree" diff --name-only "$(pvh_base_tag)" HEAD -- "$@"; }
touched_objects() {
	local obj=$1 f
	for f in $(touched '*.c' '*.S'); do
		[ -f "$obj/${f%.*}.o" ] && echo "${f%.*}.o"
	done
}

# Build directories sit directly in their source tree: kbuild then refers to
# the sources as "..", so every tree shares ccache entries.
objdir() { echo "$1/build-$2"; }

kmake() {
	local src=$1 obj=$2
	shift 2
	local arch=x86_64
	grep -q '^CONFIG_64BIT=y' "$obj/.config" || arch=i386
	make -C "$src" O="$obj" ARCH=$arch CC="ccache gcc" HOSTCC="ccache gcc" \
		-j"$PVH_JOBS" "$@"
}

# Single objects: prepare in parallel, then the objects one at a time (with
# -j, kbuild may compile one named object twice at once, and the two race
# on its dependency file).
kmake_objects() {
	local src=$1 obj=$2
	shift 2
	kmake "$src" "$obj" prepare >/dev/null || return 1
	PVH_JOBS=1 kmake "$src" "$obj" "$@"
}

# Warnings (file:line:col: warning: text), line numbers dropped, so a base
# warning that only moved is not reported as new.
normalize() { sed -E 's/:[0-9]+(:[0-9]+)?:/:/' | sort -u; }
new_lines() { comm -23 <(normalize <"$1") <(normalize <"$2"); }

# subtest RESULT NAME [DETAIL]: one test of a step that counts its cases
# one by one (RESULT: ok, fail, skip, xfail or xpass); the runner prints
# them as the step's KTAP subtests.
subtest() {
	printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"${PVH_SUBTESTS:-/dev/null}"
}

# The committed bench report the cover letter quotes.
PVH_REPORT=${PVH_REPORT:-$PVH_PATCHES/bench-report.txt}
