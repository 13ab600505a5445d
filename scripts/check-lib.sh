# Helpers shared by the check steps (scripts/checks/*.sh) and the bench
# scripts. Sourced after lib.sh, never run.
# shellcheck shell=bash

# PVH_TREE: check or boot another tree (e.g. the developer's) as it is.
tree=${PVH_TREE:-$PVH_TREES/${PVH_SERIES_TREE:-series}}
base_tree=$PVH_TREES/base
results=$PVH_WORK/results
mkdir -p "$results"

patch_list() { pvh_series; }
npatches() { patch_list | wc -l; }
# Name of patch N (1-based) for messages.
patch_name() { patch_list | sed -n "${1}p"; }

# The series as posted: its patches and their order, not the cover letter
# (whose numbers come from the bench that measured this very hash).
series_hash() {
	{
		local d
		for d in $(pvh_prereq_dirs); do
			(cd "$d" && cat series $(pvh_series "$d"))
		done
		(cd "$PVH_PATCHES" && cat series $(patch_list))
	} | sha1sum | cut -c1-16
}
# The K-th commit after the base, as the patch it comes from, prerequisites
# first (bisect).
applied_patch_name() { pvh_patch_label "$(pvh_all_patches | sed -n "${1}p")"; }
# What a build depends on besides its source: the flavours' configuration
# fragments and the build script.
config_hash() {
	cat "$PVH_HARNESS"/configs/* "$PVH_HARNESS/build.sh" | sha1sum | cut -c1-16
}
# The unpatched base's expected failures: its own list where the bases
# differ (expected-failures.base.NAME).
base_expected_failures() {
	local f=$PVH_HARNESS/expected-failures.base
	[ ! -f "$f.$PVH_BASE" ] || f=$f.$PVH_BASE
	echo "$f"
}
# What a bisect build depends on besides the series.
build_inputs_hash() { { series_hash; config_hash; } | sha1sum | cut -c1-16; }

# The series tree: base + git am patches/, redone only when patches/ changed.
ensure_tree() {
	local want
	[ -z "${PVH_TREE:-}" ] || return 0
	want=$(series_hash)
	if [ -e "$tree/.git" ] && git -C "$tree" diff --quiet HEAD &&
	   [ "$(cat "$tree/.pvh-applied" 2>/dev/null)" = "$want $(git -C "$tree" rev-parse HEAD)" ]; then
		return 0
	fi
	rm -f "$tree/.pvh-applied"
	"$PVH_TOP/scripts/series.sh" apply "$tree" || return 1
	echo "$want $(git -C "$tree" rev-parse HEAD)" >"$tree/.pvh-applied"
}

# What every entry point needs first: the packages, the pinned base, and
# its work tree for the comparisons.
ensure_base() {
	"$PVH_TOP/scripts/deps.sh" || return 1
	"$PVH_TOP/scripts/base.sh" || return 1
	[ -e "$base_tree/.git" ] && return 0
	git -C "$PVH_BASE_REPO" worktree prune
	git -C "$PVH_BASE_REPO" worktree add -q --detach "$base_tree" "$(pvh_base_tag)"
}

# Files the series changes, and the objects built from them.
touched() { git -C "$tree" diff --name-only --diff-filter=d "$(pvh_base_tag)" HEAD -- "$@"; }
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

# For each flavour whose build holds a touched object: rebuild those objects
# with EXTRA (W=1 or C=2), here and on the base, and fail on new warnings.
compare_with_base() {
	local what=$1 fl objs bad=0 here there
	shift
	for fl in ${PVH_WARN_FLAVOURS:-x86_64-pvh x86_64-xen i386-pvh}; do
		# Up to date first (a no-op when it is): a touched file must have
		# its object in the build, or the comparison would skip it.
		"$PVH_HARNESS/build.sh" "$tree" "$fl" "$(objdir "$tree" "$fl")" || return 1
		mapfile -t objs < <(touched_objects "$(objdir "$tree" "$fl")")
		[ ${#objs[@]} -gt 0 ] || continue
		here=$(mktemp) there=$(mktemp)
		touch $(printf "$tree/%s\n" $(touched '*.c' '*.S'))
		kmake_objects "$tree" "$(objdir "$tree" "$fl")" "$@" "${objs[@]}" 2>&1 |
			grep -E 'warning:|error:' >"$here"
		[ -f "$(objdir "$base_tree" "$fl")/.config" ] ||
			"$PVH_HARNESS/build.sh" "$base_tree" "$fl" "$(objdir "$base_tree" "$fl")" prepare ||
			return 1
		local base_objs=() o
		for o in "${objs[@]}"; do
			[ -f "$base_tree/${o%.o}.c" ] || [ -f "$base_tree/${o%.o}.S" ] && base_objs+=("$o")
		done
		if [ ${#base_objs[@]} -gt 0 ]; then
			touch $(for o in "${base_objs[@]}"; do ls "$base_tree/${o%.o}".[cS] 2>/dev/null; done)
			kmake_objects "$base_tree" "$(objdir "$base_tree" "$fl")" "$@" "${base_objs[@]}" 2>&1 |
				grep -E 'warning:|error:' >"$there"
		fi
		sed -i "s|$tree/||; s|$base_tree/||" "$here" "$there"
		if [ -n "$(new_lines "$here" "$there")" ]; then
			echo "$fl: $what warnings the base does not have:"
			new_lines "$here" "$there" | sed 's/^/    /'
			bad=1
		fi
		rm -f "$here" "$there"
	done
	return $bad
}

# subtest RESULT NAME [DETAIL]: one test of a step that counts its cases
# one by one (RESULT: ok, fail, skip, xfail or xpass); the runner prints
# them as the step's KTAP subtests.
subtest() {
	printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"${PVH_SUBTESTS:-/dev/null}"
}

# cases OK FAIL CMD...: run CMD, show its output, and make a subtest of
# each line that starts with OK (a case that passed) or FAIL (one that
# failed), named by the rest of the line. Returns CMD's status.
cases() {
	local ok=$1 bad=$2 line
	shift 2
	"$@" 2>&1 | while IFS= read -r line; do
		echo "$line"
		case $line in
		"$ok"*) subtest ok "${line#"$ok"}" ;;
		"$bad"*) subtest fail "${line#"$bad"}" ;;
		esac
	done
	return "${PIPESTATUS[0]}"
}

# case_step PROGRAM CASEFILE: a step of cases (legacy, kaslr): build the
# series tree's flavours the cases name, then run PROGRAM TREE OUTDIR on
# them, each case a subtest (PASS/FAIL lines).
case_step() {
	local program=$1 casefile=$2 fl
	ensure_tree || return 1
	for fl in $(awk '!/^#/ && NF {print $1}' "$casefile" | sort -u); do
		"$PVH_HARNESS/build.sh" "$tree" "$fl" "$(objdir "$tree" "$fl")" >/dev/null || return 1
	done
	cases "PASS " "FAIL " "$program" "$tree" "$PVH_WORK/$(basename "$casefile" -cases)/$(basename "$tree")"
}

# The committed bench report the cover letter quotes.
PVH_REPORT=${PVH_REPORT:-$PVH_PATCHES/bench-report.txt}

# One make check, bench or census at a time on a cache: they share the
# series trees, which the bisect step walks through every prefix of the
# series (a bench beside it would measure whatever prefix is checked out).
# Held until the process exits; what it runs inherits it (PVH_CACHE_LOCKED).
lock_cache() {
	[ -z "${PVH_CACHE_LOCKED:-}" ] || return 0
	mkdir -p "$PVH_CACHE"
	exec 9>"$PVH_CACHE/.lock"
	flock -n 9 || die "another make check, bench or census is using $PVH_CACHE: wait for it to end (or give this one its own PVH_CACHE)"
	export PVH_CACHE_LOCKED=$$
}
