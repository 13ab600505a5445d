# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# b4 (Debian's) can prepare the series for the list: enrolled on a branch of
# base + patches/, with the cover letter of patches/, "b4 prep -p" writes
# the cover letter and every patch with the subjects of patches/, and those
# mails apply (git am) to the same tree. A series with prerequisites is
# enrolled on top of them, as b4 sends it.
step() {
	ensure_tree || return 1
	local wt=$PVH_TREES/b4 out n i want got start
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
		git am -q $(pvh_all_patches) &&
		start=$(pvh_series_start .) &&
		echo "$start" >"$out.start" &&
		b4 prep -e "$start" &&
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
	start=$(cat "$out.start")
	(cd "$wt" && git checkout -q --detach "$start" &&
		git am -q $(ls "$out"/0*.patch | grep -v '/0000-')) >>"$out.log" 2>&1 ||
		{ echo "b4's patches do not apply:"; tail -5 "$out.log"; return 1; }
	[ "$(git -C "$wt" rev-parse HEAD^{tree})" = "$(git -C "$tree" rev-parse HEAD^{tree})" ] ||
		{ echo "b4's patches give another tree than patches/"; return 1; }
	echo "b4 prepared $n patches and a cover letter; they apply to the same tree"
	rm -rf "$out" "$out.log" "$out.start"
}
