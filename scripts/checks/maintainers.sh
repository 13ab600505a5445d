# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# MAINTAINERS stays consistent (get_maintainer.pl's own self-test), and every
# file the series adds outside arch/x86/xen is covered by an entry that
# names a maintainer (not just the mailing lists of the whole tree).
step() {
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
