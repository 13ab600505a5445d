# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# MAINTAINERS stays consistent (get_maintainer.pl's own self-test), and every
# file the series adds outside arch/x86/xen is covered by an entry that
# names a maintainer (not just the mailing lists of the whole tree).
step() {
	ensure_tree || return 1
	local f out bad=0 st
	# get_maintainer.pl --self-test reads MAINTAINERS and the list of files
	# (slow: minutes); its findings are kept per those two inputs, so a
	# series that changes only code reuses them.
	selftest_of() {
		local key
		key=$({ git -C "$1" rev-parse HEAD:MAINTAINERS; git -C "$1" ls-files; } |
			sha1sum | cut -c1-16)
		st=$results/maintainers-selftest.$key
		[ -e "$st" ] || (cd "$1" && ./scripts/get_maintainer.pl \
			--self-test=patterns,sections 2>&1 | normalize >"$st.tmp" && mv "$st.tmp" "$st")
	}
	selftest_of "$base_tree"
	local base_st=$st
	selftest_of "$tree"
	new=$(comm -23 "$st" "$base_st" | grep -v '^$')
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
