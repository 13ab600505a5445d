#!/usr/bin/env bash
# The patch series workflow.
#
#   series.sh tree [DIR]         create (or refresh) a work tree: base + git am
#   series.sh apply DIR          reset DIR to the base and git am the series
#   series.sh export [DIR]       write DIR's commits since the base to the series
#   series.sh check-sync [DIR]   fail if the series is not what DIR exports
#   series.sh cover-text         the cover letter's subject and text
#   series.sh cover-numbers      the bench report's numbers into DIR's cover
#                                letter (its branch description)
#
# DIR defaults to the developer's tree of the base (PVH_BASE, scripts/bases),
# $PVH_CACHE/BASE/trees/linux (branch pvh); the series is that base's
# directory (patches/, patches/6.12/). A series that depends on others (its
# "prerequisites" file, see lib.sh) has them applied under it in the same
# tree, and each is exported back to its own directory: the first commits
# after the base are the prerequisites', the rest the series'.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

dev_tree=$PVH_TREES/linux
cover=0000-cover-letter.patch


base_sha() { git -C "$PVH_BASE_REPO" rev-parse "$(pvh_base_tag)^{commit}"; }

# Subject (without the [PATCH 0/N] prefix) and blurb of the stored cover
# letter (of series directory DIR, default the series), as a branch
# description for --cover-from-description=subject.
cover_description() {
	local f=${1:-$PVH_PATCHES}/$cover
	[ -f "$f" ] || return 0
	awk '
		hdr && /^Subject: / { s = $0; sub(/^Subject: (\[[^]]*\] )?/, "", s); insub = 1; next }
		hdr && insub && /^[ \t]/ { t = $0; sub(/^[ \t]+/, " ", t); s = s t; next }
		hdr { insub = 0 }
		hdr && /^$/ { hdr = 0; print s; print ""; next }
		!hdr && /^[^ ].* \([0-9]+\):$/ { exit }
		!hdr { body[++n] = $0 }
		END { while (n > 0 && body[n] == "") n--; for (i = 1; i <= n; i++) print body[i] }
	' hdr=1 "$f"
}

new_tree() {
	local dir=$1 branch=$2
	[ -e "$dir/.git" ] && return 0
	"$PVH_TOP/scripts/base.sh"
	say "creating work tree $dir"
	mkdir -p "$(dirname "$dir")"
	git -C "$PVH_BASE_REPO" worktree prune
	git -C "$PVH_BASE_REPO" worktree add -q -B "$branch" "$dir" "$(pvh_base_tag)"
	unhide_new_files "$dir"
}

# Debian's .gitignore ends with "/*" (for its packaging), which hides every
# new file from "git add -A". Drop that rule from the work tree's copy only:
# the base stays the tarball, and no patch ever touches .gitignore.
unhide_new_files() {
	local dir=$1
	sed -i '/^\/\*$/d; /^!\/debian\/$/d' "$dir/.gitignore"
	git -C "$dir" update-index --skip-worktree .gitignore
}

apply() {
	local dir=$1 p n=0 branch
	"$PVH_TOP/scripts/base.sh"
	git -C "$dir" am --abort >/dev/null 2>&1 || true
	# A check may have left the tree detached (bisect): back onto its branch.
	branch=$(git -C "$dir" symbolic-ref --short -q HEAD || basename "$dir")
	git -C "$dir" update-index --no-skip-worktree .gitignore
	git -C "$dir" checkout -q -f -B "$branch" "$(pvh_base_tag)"
	# Keep the build directories (build-*, see check.sh) across re-applies.
	git -C "$dir" clean -q -fdx -e '/build-*'
	git -C "$dir" config "branch.$branch.description" "$(cover_description)"
	while IFS= read -r p; do
		n=$((n + 1))
		[ -f "$p" ] || die "a series file names $(pvh_patch_label "$p"), which is not there"
		# No fuzz and no whitespace fix-ups: what applies here applies on the list.
		if ! git -C "$dir" am -q --whitespace=error --committer-date-is-author-date \
			"$p" >/tmp/pvh-am.$$ 2>&1; then
			sed 's/^/    /' /tmp/pvh-am.$$ >&2
			rm -f /tmp/pvh-am.$$
			git -C "$dir" am --abort >/dev/null 2>&1 || true
			die "patch $n ($(pvh_patch_label "$p")) does not apply with git am"
		fi
	done < <(pvh_all_patches)
	rm -f /tmp/pvh-am.$$
	unhide_new_files "$dir"
	say "applied $n patch(es) in $dir"
}

# Write the commits FROM..TO of DIR to OUT: numbered patches, a cover
# letter with DESCRIPTION (see cover_description), a series file.
export_range() {
	local dir=$1 from=$2 to=$3 out=$4 description=$5 count tmp=pvh-export-$$
	count=$(git -C "$dir" rev-list --count "$from..$to")
	mkdir -p "$out"
	rm -f "$out"/*.patch "$out/series"
	if [ "$count" -eq 0 ]; then
		: >"$out/series"
		return 0
	fi
	# format-patch takes the cover letter from the description of the
	# branch it exports: a temporary one, so the work tree's stays as is.
	git -C "$dir" branch -f "$tmp" "$to"
	git -C "$dir" config "branch.$tmp.description" "$description"
	git -C "$dir" -c core.abbrev=12 format-patch -q --zero-commit --no-signature --cover-letter \
		--cover-from-description=subject --base="$(base_sha)" \
		-o "$out" "$from..$tmp"
	git -C "$dir" branch -q -D "$tmp"
	git -C "$dir" config --remove-section "branch.$tmp" 2>/dev/null || true
	(cd "$out" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -vx "$cover") >"$out/series"
	# The cover letter is dated like the newest patch, not the export, so
	# an unchanged series exports byte for byte the same.
	sed -i "s/^Date: .*/Date: $(git -C "$dir" log -1 --format=%aD "$to")/" "$out/$cover"
}

# Write DIR's series to OUT, and each prerequisite series to its own
# directory, or to PREREQ_OUT/NAME where given (check-sync).
export_to() {
	local dir=$1 out=$2 prereq_out=${3:-} from d n at to branch desc
	from=$(base_sha)
	branch=$(git -C "$dir" symbolic-ref --short -q HEAD || true)
	desc=$( [ -z "$branch" ] || git -C "$dir" config "branch.$branch.description" || true)
	for d in $(pvh_prereq_dirs); do
		n=$(pvh_series "$d" | wc -l)
		[ "$n" -gt 0 ] || die "${d#"$PVH_TOP"/}/series lists no patches: say there how many of the first commits are its own"
		at=$(git -C "$dir" rev-list --reverse "$from..HEAD" | sed -n "${n}p")
		[ -n "$at" ] || die "$dir holds fewer commits than ${d#"$PVH_TOP"/}/ has patches"
		to=$d
		[ -z "$prereq_out" ] || to=$prereq_out/$(basename "$d")
		export_range "$dir" "$from" "$at" "$to" "$(cover_description "$d")"
		from=$at
	done
	export_range "$dir" "$from" HEAD "$out" "$desc"
}

# The series files only: a series directory also holds the bench report it
# quotes and its prerequisites file, and patches/ holds other series'
# directories.
series_files() { (cd "$1" && ls -p | grep -v -e / -e '^bench-report.txt$' -e '^prerequisites$'); }
same_series() {
	local f rc=0
	diff -u <(series_files "$1") <(series_files "$2") || rc=1
	for f in $(series_files "$1"); do
		[ -f "$2/$f" ] && { diff -u "$1/$f" "$2/$f" || rc=1; }
	done
	return $rc
}

cmd=${1:-}
dir=${2:-$dev_tree}
case "$cmd" in
cover-text)
	cover_description
	;;
cover-numbers)
	branch=$(git -C "$dir" symbolic-ref --short HEAD)
	desc=$(mktemp)
	trap 'rm -f "$desc"' EXIT
	git -C "$dir" config "branch.$branch.description" >"$desc"
	"$PVH_TOP/scripts/cover-numbers" "$PVH_PATCHES/bench-report.txt" "$desc"
	git -C "$dir" config "branch.$branch.description" "$(cat "$desc")"
	;;
tree)
	if [ -e "$dir/.git" ]; then
		say "$dir exists; leaving it alone (remove it to start over)"
		exit 0
	fi
	new_tree "$dir" pvh
	apply "$dir"
	;;
apply)
	[ -e "$dir/.git" ] || new_tree "$dir" "$(basename "$dir")"
	apply "$dir"
	;;
export)
	[ -e "$dir/.git" ] || die "no work tree at $dir"
	git -C "$dir" diff --quiet HEAD || die "$dir has uncommitted changes"
	export_to "$dir" "$PVH_PATCHES"
	say "exported $(pvh_series | wc -l) patch(es) from $dir to ${PVH_PATCHES#"$PVH_TOP"/}/"
	;;
check-sync)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	if [ ! -e "$dir/.git" ]; then
		# No work tree here: the series must survive a round trip.
		dir=$PVH_TREES/sync
		new_tree "$dir" sync
		apply "$dir" 2>/dev/null
	fi
	git -C "$dir" diff --quiet HEAD ||
		die "$dir has uncommitted changes: commit them and run 'make export'"
	export_to "$dir" "$tmp/series" "$tmp/prereq"
	bad=0
	same_series "$tmp/series" "$PVH_PATCHES" >"$tmp.diff" || bad=1
	for d in $(pvh_prereq_dirs); do
		same_series "$tmp/prereq/$(basename "$d")" "$d" >>"$tmp.diff" || bad=1
	done
	if [ $bad = 1 ]; then
		grep -E '^(---|\+\+\+) ' "$tmp.diff" | sed "s|$tmp|work tree|; s|$PVH_PATCHES|${PVH_PATCHES#"$PVH_TOP"/}|" >&2
		sed -n '1,40p' "$tmp.diff" >&2
		rm -f "$tmp.diff"
		die "${PVH_PATCHES#"$PVH_TOP"/}/ is out of sync with $dir: run 'make export' (or 'make tree' after a pull)"
	fi
	rm -f "$tmp.diff"
	say "${PVH_PATCHES#"$PVH_TOP"/}/ matches $dir"
	;;
*)
	sed -n '2,14p' "$0" >&2
	exit 2
	;;
esac
