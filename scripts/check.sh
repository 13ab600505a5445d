#!/usr/bin/env bash
# The project's test command: every upstream check on patches/, then the
# boot matrix of every flavour. One step a line of progress, then
# "N passed, N failed"; exits non-zero on any failure.
#
#   check.sh [STEP...]   steps: am sync checkpatch bisect w1 sparse
#                        kerneldoc docs maintainers xenfree b4 cover
#                        debian matrix legacy selftest (default: all, in order); bench and
#                        census on request
#
# PVH_TREE=DIR checks DIR as it is instead of base + patches/;
# PVH_FLAVOURS="..." limits the boot matrix to those flavours.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

# PVH_TREE: check or boot another tree (e.g. the developer's) as it is.
tree=${PVH_TREE:-$PVH_TREES/${PVH_SERIES_TREE:-series}}
base_tree=$PVH_TREES/base
results=$PVH_CACHE/results
mkdir -p "$results"

all_steps=(am sync checkpatch bisect w1 sparse kerneldoc docs maintainers xenfree
	   b4 cover debian matrix legacy selftest)
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=("${all_steps[@]}")

passed=0 failed=0
counts=$results/step-counts

patch_list() { grep -v -e '^#' -e '^[[:space:]]*$' "$PVH_PATCHES/series" 2>/dev/null; }
npatches() { patch_list | wc -l; }
# Name of patch N (1-based) for messages.
patch_name() { patch_list | sed -n "${1}p"; }

series_hash() {
	cat "$PVH_PATCHES"/* "$PVH_HARNESS"/configs/* "$PVH_HARNESS/build.sh" \
		"$PVH_TOP/scripts/lib.sh" | sha1sum | cut -c1-16
}

# The series tree: base + git am patches/, redone only when patches/ changed.
ensure_tree() {
	local want
	[ -z "${PVH_TREE:-}" ] || return 0
	want=$(cat "$PVH_PATCHES"/* 2>/dev/null | sha1sum | cut -c1-16)
	if [ -e "$tree/.git" ] && git -C "$tree" diff --quiet HEAD &&
	   [ "$(cat "$tree/.pvh-applied" 2>/dev/null)" = "$want $(git -C "$tree" rev-parse HEAD)" ]; then
		[ "${FUNCNAME[1]}" != step_am ] ||
			echo "(patches/ unchanged since it last applied cleanly to $tree)"
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

step_am() {
	ensure_tree
}

step_sync() {
	"$PVH_TOP/scripts/series.sh" check-sync
}

# Patch files are checked as they would be mailed, with the base's checkpatch.
# The base is a tarball without upstream history, so checkpatch cannot look
# commit ids up (UNKNOWN_COMMIT_ID); every Fixes: tag is checked instead
# against tools/testing/pvh/upstream-commits, id and subject. checkpatch runs
# outside git, because its SPDX lookup (scripts/spdxcheck.py) needs a
# non-bare repository; the license identifiers of the files the series adds
# are checked here against the tree's LICENSES/ instead.
step_checkpatch() {
	local p n=0 bad=0 out tag id subject f lic
	while IFS= read -r p; do
		n=$((n + 1))
		out=$(cd "$base_tree" && GIT_DIR=/nonexistent ./scripts/checkpatch.pl \
			--strict --quiet --show-types --ignore UNKNOWN_COMMIT_ID \
			"$PVH_PATCHES/$p" 2>&1)
		if [ -n "$out" ]; then
			echo "patch $n ($p): checkpatch --strict:"
			sed 's/^/    /' <<<"$out"
			bad=1
		fi
		# Added files: "+++ b/path" right after "--- /dev/null".
		for f in $(awk '/^--- \/dev\/null$/ {getline; sub(/^\+\+\+ b\//, ""); print}' "$PVH_PATCHES/$p"); do
			lic=$(awk -v f="$f" '
				/^\+\+\+ b\// { cur = substr($0, 7) }
				cur == f && /SPDX-License-Identifier:/ {
					sub(/.*SPDX-License-Identifier: */, ""); sub(/ *\*\/.*$/, ""); print; exit }' \
				"$PVH_PATCHES/$p")
			if [ -z "$lic" ]; then
				echo "patch $n ($p): $f has no SPDX-License-Identifier"
				bad=1
				continue
			fi
			for id in $(tr -s '()' '  ' <<<"$lic" | tr ' ' '\n' | grep -vxE 'OR|AND|WITH|'); do
				if ! ls "$base_tree"/LICENSES/*/"$id" >/dev/null 2>&1; then
					echo "patch $n ($p): $f: license '$id' is not in LICENSES/"
					bad=1
				fi
			done
		done
		while IFS= read -r tag; do
			id=$(sed -E 's/^Fixes: ([0-9a-f]+) .*/\1/' <<<"$tag")
			subject=$(sed -E 's/^Fixes: [0-9a-f]+ \("(.*)"\)$/\1/' <<<"$tag")
			if ! grep -qxF "$id $subject" "$PVH_HARNESS/upstream-commits"; then
				echo "patch $n ($p): '$tag' is not a verified upstream commit"
				echo "    (check it against upstream, then add it to tools/testing/pvh/upstream-commits)"
				bad=1
			fi
		done < <(grep '^Fixes: ' "$PVH_PATCHES/$p")
	done < <(patch_list)
	return $bad
}

# Every prefix of the series builds the x86_64 PVH flavour (prefix 0 is the
# base: a failure there is the bench's, not a patch's).
step_bisect() {
	ensure_tree || return 1
	local stamp=$results/bisect-$(series_hash) tip k n prefixes
	if [ -f "$stamp" ]; then
		echo "(this exact series and configuration already bisect-built cleanly)"
		return 0
	fi
	tip=$(git -C "$tree" rev-parse HEAD)
	mapfile -t prefixes < <(git -C "$tree" rev-parse "$(pvh_base_tag)^{commit}";
				git -C "$tree" rev-list --reverse "$(pvh_base_tag)..$tip")
	n=$((${#prefixes[@]} - 1))
	# However this step ends, the tree goes back to the tip of the series.
	trap 'git -C "$tree" checkout -q --detach "$tip"' RETURN
	for k in $(seq 0 "$n"); do
		git -C "$tree" checkout -q --detach "${prefixes[$k]}"
		printf '  prefix %d/%d %s\n' "$k" "$n" "$(git -C "$tree" log -1 --format=%s)"
		if ! "$PVH_HARNESS/build.sh" "$tree" x86_64-pvh "$(objdir "$tree" x86_64-pvh)" vmlinux; then
			[ "$k" -eq 0 ] && { echo "the base itself does not build"; return 1; }
			echo "patch $k ($(patch_name "$k")) breaks the x86_64-pvh build"
			return 1
		fi
	done
	touch "$stamp"
}

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

step_w1() { ensure_tree && compare_with_base "W=1" W=1; }
step_sparse() { ensure_tree && compare_with_base "sparse (C=2)" C=2; }

step_kerneldoc() {
	ensure_tree || return 1
	local f bad=0 here there
	for f in $(touched '*.c' '*.h'); do
		[ -f "$tree/$f" ] || continue
		here=$(cd "$tree" && ./scripts/kernel-doc -none -Wall "$f" 2>&1)
		there=""
		[ -f "$base_tree/$f" ] && there=$(cd "$base_tree" && ./scripts/kernel-doc -none -Wall "$f" 2>&1)
		new=$(comm -23 <(normalize <<<"$here") <(normalize <<<"$there") | grep -v '^$')
		if [ -n "$new" ]; then
			echo "kernel-doc warnings in $f:"
			sed 's/^/    /' <<<"$new"
			bad=1
		fi
	done
	return $bad
}

# Sphinx (Debian's) builds the x86 documentation with no warning the base
# does not have.
docs_warnings() {
	local src=$1 obj=$1/build-docs
	mkdir -p "$obj"
	make -C "$src" O="$obj" SPHINXDIRS=arch/x86 htmldocs >"$obj/docs.log" 2>&1 ||
		{ echo "htmldocs failed in $src:"; tail -20 "$obj/docs.log"; return 1; }
	grep -E 'WARNING|ERROR|CRITICAL' "$obj/docs.log" | sed "s|$src/||g" || true
}
step_docs() {
	ensure_tree || return 1
	local here there new
	here=$(docs_warnings "$tree") || return 1
	there=$(docs_warnings "$base_tree") || return 1
	new=$(comm -23 <(sort -u <<<"$here") <(sort -u <<<"$there") | grep -v '^$')
	[ -f "$tree/build-docs/Documentation/output/arch/x86/index.html" ] ||
		{ echo "no HTML output"; return 1; }
	[ -z "$new" ] || { echo "new documentation warnings:"; sed 's/^/    /' <<<"$new"; return 1; }
}

# MAINTAINERS stays consistent (get_maintainer.pl's own self-test), and every
# file the series adds outside arch/x86/xen is covered by an entry that
# names a maintainer (not just the mailing lists of the whole tree).
step_maintainers() {
	ensure_tree || return 1
	local f out bad=0
	# The base's findings (slow to compute) are kept per base commit.
	local base_st
	base_st=$results/maintainers-selftest.$(git -C "$base_tree" rev-parse HEAD)
	[ -s "$base_st" ] || (cd "$base_tree" && ./scripts/get_maintainer.pl \
		--self-test=patterns,sections 2>&1 | normalize >"$base_st.tmp" &&
		mv "$base_st.tmp" "$base_st")
	out=$(cd "$tree" && ./scripts/get_maintainer.pl --self-test=patterns,sections 2>&1)
	new=$(comm -23 <(normalize <<<"$out") "$base_st" | grep -v '^$')
	[ -z "$new" ] || { echo "get_maintainer.pl --self-test:"; sed 's/^/    /' <<<"$new"; bad=1; }
	for f in $(git -C "$tree" diff --name-only --diff-filter=A "$(pvh_base_tag)" HEAD); do
		case $f in arch/x86/xen/*|drivers/xen/*) continue ;; esac
		out=$(cd "$tree" && ./scripts/get_maintainer.pl --no-git --no-git-fallback \
			--sections -f "$f" 2>&1)
		grep -q '^X86 PVH BOOT ENTRY' <<<"$out" ||
			{ echo "$f: not in the X86 PVH BOOT ENTRY section"; bad=1; }
		grep -q '^M:' <<<"$out" ||
			{ echo "$f: get_maintainer.pl names no maintainer"; bad=1; }
	done
	return $bad
}

# CONFIG_PVH=y with CONFIG_XEN=n: the generic PVH objects neither define nor
# use anything named after Xen (the start_info ABI's types are not symbols).
step_xenfree() {
	ensure_tree || return 1
	local obj=$tree/build-x86_64-pvh syms
	"$PVH_HARNESS/build.sh" "$tree" x86_64-pvh "$obj" vmlinux >/dev/null || return 1
	grep -qx '# CONFIG_XEN is not set' "$obj/.config" ||
		{ echo "x86_64-pvh is expected to build without CONFIG_XEN"; return 1; }
	syms=$(cd "$obj" && nm -A arch/x86/platform/pvh/*.o | grep -i 'xen')
	[ -z "$syms" ] || { echo "Xen symbols in the generic PVH code:"; sed 's/^/    /' <<<"$syms"; return 1; }
}

# b4 (Debian's) can prepare the series for the list: enrolled on a branch of
# base + patches/, with the cover letter of patches/, "b4 prep -p" writes
# the cover letter and every patch with the subjects of patches/, and those
# mails apply (git am) to the same tree.
step_b4() {
	ensure_tree || return 1
	local wt=$PVH_TREES/b4 out n i want got
	out=$(mktemp -d)
	git -C "$PVH_BASE_REPO" worktree remove -f "$wt" 2>/dev/null
	rm -rf "$wt"
	git -C "$PVH_BASE_REPO" worktree prune
	git -C "$PVH_BASE_REPO" worktree add -q -B pvh-b4 "$wt" "$(pvh_base_tag)" || return 1
	(
		cd "$wt" || exit 1
		# b4 asks git for the sender; given in the environment, it is
		# never written into base.git's config, which every work tree
		# shares.
		export GIT_CONFIG_COUNT=2
		export GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0="$(git -C "$tree" log -1 --format=%an)"
		export GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1="$(git -C "$tree" log -1 --format=%ae)"
		git am -q $(patch_list | sed "s|^|$PVH_PATCHES/|") &&
		b4 prep -e "$(pvh_base_tag)" &&
		PVH_COVER=$PVH_PATCHES/0000-cover-letter.patch \
			EDITOR="$PVH_TOP/scripts/b4-cover-editor" b4 prep --edit-cover &&
		b4 prep -p "$out"
	) >"$out.log" 2>&1 || { echo "b4 failed:"; tail -20 "$out.log"; rm -rf "$out" "$out.log"; return 1; }
	n=$(npatches)
	subj() { sed -n '/^Subject: /{s/^Subject: //;N;s/\n[ \t]\+/ /;s/\n.*//;p;q}' "$1"; }
	want="[PATCH $(printf "%0${#n}d" 0)/$n] $(subj "$PVH_PATCHES/0000-cover-letter.patch" | sed 's/^\[[^]]*\] //')"
	got=$(subj "$out"/0000-*.patch)
	[ "$got" = "$want" ] || { echo "b4 cover subject: '$got', expected '$want'"; return 1; }
	for i in $(seq "$n"); do
		want="[PATCH $(printf "%0${#n}d" "$i")/$n] $(subj "$PVH_PATCHES/$(patch_name "$i")" | sed 's/^\[[^]]*\] //')"
		got=$(subj "$(ls "$out"/"$(printf '%04d' "$i")"-*.patch)")
		[ "$got" = "$want" ] || { echo "b4 patch $i subject: '$got', expected '$want'"; return 1; }
	done
	(cd "$wt" && git checkout -q --detach "$(pvh_base_tag)" &&
		git am -q $(ls "$out"/0*.patch | grep -v '/0000-')) >>"$out.log" 2>&1 ||
		{ echo "b4's patches do not apply:"; tail -5 "$out.log"; return 1; }
	[ "$(git -C "$wt" rev-parse HEAD^{tree})" = "$(git -C "$tree" rev-parse HEAD^{tree})" ] ||
		{ echo "b4's patches give another tree than patches/"; return 1; }
	echo "b4 prepared $n patches and a cover letter; they apply to the same tree"
	rm -rf "$out" "$out.log"
}

# The cover letter's numbers are those "make bench" printed for this very
# kernel: the report names the tree it measured; each boot-time ratio of the
# report appears in the cover letter next to its mode (to the two places
# shown), and so does the size cost.
step_cover() {
	ensure_tree || return 1
	local report=$PVH_CACHE/bench/report.txt cover=$PVH_PATCHES/0000-cover-letter.patch
	[ -f "$report" ] || { echo "no make bench report ($report): run make bench"; return 1; }
	[ "$(sed -n 's/^patched tree: //p' "$report")" = "$(git -C "$tree" rev-parse 'HEAD^{tree}')" ] ||
		{ echo "the bench report measured another kernel: run make bench, put its numbers in the cover letter"; return 1; }
	awk '
		FNR == 1 { file++ }
		# A Xen domU row counts by its own uptime: its init time is
		# mostly Xen and dom0 booting.
		file == 1 && $1 ~ /^(pvh|native)-/ && NF >= 8 { want[$1] = $6 + 0 }
		file == 1 && $1 ~ /^xen-/ && NF >= 11 { want[$1] = $11 + 0 }
		file == 1 && $1 == "patched" && $3 == "/" { want[$2 "/" $4] = $5 + 0 }
		file == 1 && $1 == "x86_64-pvh" { size["with PVH=y, " $2 " bytes"] = 1 }
		file == 1 && $1 == "x86_64-nopvh" { size["With PVH=n: " $2 " bytes"] = 1 }
		file == 2 { text = text " " $0 }
		END {
			gsub(/[ \t]+/, " ", text)
			bad = 0
			for (k in want) {
				if (!match(text, k " [0-9]+\\.[0-9]+")) {
					print "the cover letter gives no ratio for " k
					bad = 1
					continue
				}
				got = substr(text, RSTART + length(k) + 1, RLENGTH - length(k) - 1) + 0
				d = got - want[k]
				if (d < 0) d = -d
				if (d > 0.0051) {
					printf "cover letter: %s %s; make bench: %.3f\n", k, got, want[k]
					bad = 1
				}
			}
			for (k in size) if (!index(text, k)) { print "the cover letter lacks \"" k "\""; bad = 1 }
			if (!bad) print "the cover letter quotes make bench for this kernel"
			exit bad
		}' "$report" "$cover"
}

# Debian's own amd64 configuration: every object the series touches compiles.
step_debian() {
	ensure_tree || return 1
	local obj=$tree/build-debian-amd64 cfg=$PVH_GUEST_ROOT/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
	local f objs=()
	[ -f "$cfg" ] || { echo "no $cfg (linux-config-6.12)"; return 1; }
	mkdir -p "$obj"
	if [ ! -f "$obj/.config" ] || [ "$cfg" -nt "$obj/.config" ]; then
		xz -dc "$cfg" >"$obj/.config"
		kmake "$tree" "$obj" -s olddefconfig >/dev/null || return 1
	fi
	for f in $(touched '*.c' '*.S'); do
		[ -f "$tree/$f" ] || continue
		case "$f" in arch/x86/*|drivers/*|kernel/*|mm/*|lib/*|init/*) objs+=("${f%.*}.o") ;; esac
	done
	if [ ${#objs[@]} -eq 0 ]; then
		echo "(the series touches no C or assembly file)"
		kmake "$tree" "$obj" -s prepare >"$obj/build.log" 2>&1 ||
			{ tail -20 "$obj/build.log"; return 1; }
		return 0
	fi
	if ! kmake_objects "$tree" "$obj" "${objs[@]}" >"$obj/build.log" 2>&1; then
		grep -E 'error|Error' "$obj/build.log" | head -20
		return 1
	fi
	if grep -E 'warning:' "$obj/build.log"; then return 1; fi
}

step_matrix() {
	ensure_tree || return 1
	local out=$PVH_CACHE/matrix/$(basename "$tree") log
	rm -rf "$out"
	log=$(mktemp)
	local expect=$PVH_HARNESS/expected-failures
	[ "$tree" = "$base_tree" ] && expect=$PVH_HARNESS/expected-failures.base
	"$PVH_HARNESS/pvh-matrix" -t "$tree" -o "$out" \
		${PVH_FLAVOURS:+-f "$PVH_FLAVOURS"} ${PVH_MATRIX_RUNS:+-r "$PVH_MATRIX_RUNS"} \
		-x "$expect" 2>&1 | tee "$log"
	# Each cell of the matrix counts as one test.
	sed -n 's/^boot matrix: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$log" >"$counts"
	rm -f "$log"
	[ -s "$counts" ] || echo "0 1" >"$counts"
	read -r _ mf <"$counts"
	[ "$mf" -eq 0 ]
}

# The PVH legacy-device profile, case by case (tools/testing/pvh/legacy-cases):
# the profile the guest reports, its legacy-device initcalls, its COM ports
# and the census of the legacy ports it touched. Each case counts as one
# test.
step_legacy() {
	ensure_tree || return 1
	local log fl rc
	for fl in $(awk '!/^#/ && NF {print $1}' "$PVH_HARNESS/legacy-cases" | sort -u); do
		"$PVH_HARNESS/build.sh" "$tree" "$fl" "$(objdir "$tree" "$fl")" >/dev/null || return 1
	done
	log=$(mktemp)
	"$PVH_HARNESS/pvh-legacy" "$tree" "$PVH_CACHE/legacy/$(basename "$tree")" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	sed -n 's/^legacy: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$log" >"$counts"
	[ -s "$counts" ] || echo "0 1" >"$counts"
	rm -f "$log"
	return "$rc"
}

# The checks themselves must fail when they should (scripts/selftest.sh);
# each of its cases counts as one test.
step_selftest() {
	local log rc
	log=$(mktemp)
	"$PVH_TOP/scripts/selftest.sh" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	sed -n 's/^selftest: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$log" >"$counts"
	[ -s "$counts" ] || echo "0 1" >"$counts"
	rm -f "$log"
	return "$rc"
}

# Not part of the checks: the legacy-I/O census (make census), one traced
# boot per mode of the x86_64-pvh flavour, base then patched.
census_modes="pvh-pc pvh-q35 pvh-microvm pvh-microvm-nortc pvh-microvm-noacpi native-bios"
step_census() {
	ensure_tree || return 1
	local t m out=$PVH_CACHE/census rc=0
	rm -rf "$out"
	for t in "$base_tree" "$tree"; do
		"$PVH_HARNESS/build.sh" "$t" x86_64-pvh "$t/build-x86_64-pvh" >/dev/null || return 1
	done
	{
		printf '%-22s %-8s %s\n' mode tree counts
		for m in ${PVH_CENSUS_MODES:-$census_modes}; do
			for t in "$base_tree" "$tree"; do
				line=$("$PVH_HARNESS/pvh-census" "$t" "$t/build-x86_64-pvh" "$m" \
					"$out/$(basename "$t")") || rc=1
				printf '%-22s %-8s %s\n' "$m" "$(basename "$t")" "${line#census $m }"
			done
		done
	} >"$out.txt"
	cat "$out.txt"
	echo "census: $out.txt"
	grep -q FAIL "$out.txt" && rc=1
	return $rc
}

# Not part of the checks: boot-time ratios, patched against base (make bench).
step_bench() {
	ensure_tree || return 1
	"$PVH_HARNESS/pvh-bench" -B "$base_tree" -P "$tree" -o "$PVH_CACHE/bench" \
		-r "${PVH_BENCH_RUNS:-5}" ${PVH_BENCH_MODES:+-m "$PVH_BENCH_MODES"}
}

"$PVH_TOP/scripts/deps.sh" || exit 1
"$PVH_TOP/scripts/base.sh" || exit 1
[ -e "$base_tree/.git" ] ||
	git -C "$PVH_BASE_REPO" worktree add -q --detach "$base_tree" "$(pvh_base_tag)"

i=0
for s in "${steps[@]}"; do
	i=$((i + 1))
	declare -F "step_$s" >/dev/null || { echo "unknown step $s" >&2; exit 2; }
	echo "==> [$i/${#steps[@]}] $s"
	rm -f "$counts"
	t0=$(date +%s)
	"step_$s" > >(sed -u 's/^/    /') 2>&1
	rc=$?
	# Let the indenting sed drain before the verdict line.
	sleep 0.2
	if [ -s "$counts" ]; then
		read -r mp mf <"$counts"
		passed=$((passed + mp)) failed=$((failed + mf))
	elif [ $rc -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	if [ $rc -eq 0 ]; then
		echo "    $s: ok ($(($(date +%s) - t0))s)"
	else
		echo "    $s: FAILED ($(($(date +%s) - t0))s)"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
