# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# Patch files are checked as they would be mailed, with the base's checkpatch.
# The base is a tarball without upstream history, so checkpatch cannot look
# commit ids up (UNKNOWN_COMMIT_ID); every Fixes: tag is checked instead
# against tools/testing/pvh/upstream-commits, id and subject. checkpatch runs
# outside git, because its SPDX lookup (scripts/spdxcheck.py) needs a
# non-bare repository; the license identifiers of the files the series adds
# are checked here against the tree's LICENSES/ instead. checkpatch's
# FILE_PATH_CHANGES ("does MAINTAINERS need updating?") fires on every
# patch that adds a file without touching MAINTAINERS, while a series
# updates MAINTAINERS in one patch: instead, every file the series adds
# must belong, in the series' final tree, to a MAINTAINERS section of its
# own (not only to THE REST).
step() {
	local path p n=0 bad=0 out tag id subject f lic sections tree_ok=
	while IFS= read -r path; do
		n=$((n + 1))
		p=$(pvh_patch_label "$path")
		out=$(cd "$base_tree" && GIT_DIR=/nonexistent ./scripts/checkpatch.pl \
			--strict --quiet --show-types --ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES \
			"$path" 2>&1)
		if [ -n "$out" ]; then
			echo "patch $n ($p): checkpatch --strict:"
			sed 's/^/    /' <<<"$out"
			bad=1
		fi
		# Added files: "+++ b/path" right after "--- /dev/null".
		for f in $(awk '/^--- \/dev\/null$/ {getline; sub(/^\+\+\+ b\//, ""); print}' "$path"); do
			# The series' final tree, made once, when a patch adds a file.
			[ -n "$tree_ok" ] || { ensure_tree >/dev/null 2>&1 && tree_ok=1 || tree_ok=0; }
			if [ "$tree_ok" = 0 ]; then
				echo "patch $n ($p): adds $f; the series does not apply, so its MAINTAINERS cannot be checked"
				bad=1
				continue
			fi
			sections=$(cd "$tree" && perl scripts/get_maintainer.pl --no-git --no-git-fallback \
				--sections -f "$f" 2>/dev/null | grep -vE '^([A-Z]:|$)' | grep -vx 'THE REST')
			if [ -z "$sections" ]; then
				echo "patch $n ($p): adds $f, which no MAINTAINERS section covers at the end of the series"
				bad=1
			fi
			lic=$(awk -v f="$f" '
				/^\+\+\+ b\// { cur = substr($0, 7) }
				cur == f && /SPDX-License-Identifier:/ {
					sub(/.*SPDX-License-Identifier: */, ""); sub(/ *\*\/.*$/, ""); print; exit }' \
				"$path")
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
		done < <(grep '^Fixes: ' "$path")
	done < <(pvh_all_patches)
	return $bad
}
