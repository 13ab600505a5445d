# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).


step() {
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
