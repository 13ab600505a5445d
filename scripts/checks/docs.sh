# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# Sphinx (Debian's) builds the x86 documentation with no warning the base
# does not have.
docs_warnings() {
	local src=$1 obj=$1/build-docs
	# Always from scratch: an incremental Sphinx run does not repeat the
	# warnings of documents it did not rebuild, so a warm base tree would
	# look cleaner than a fresh series tree (about 5 s each).
	rm -rf "$obj"
	mkdir -p "$obj"
	# On failure, say why on stderr: stdout is the caller's capture.
	make -C "$src" O="$obj" SPHINXDIRS=arch/x86 htmldocs >"$obj/docs.log" 2>&1 ||
		{ echo "htmldocs failed in $src:"; tail -20 "$obj/docs.log"; return 1; } >&2
	grep -E 'WARNING|ERROR|CRITICAL' "$obj/docs.log" | sed "s|$src/||g" || true
}
step() {
	ensure_tree || return 1
	local here there new
	here=$(docs_warnings "$tree") || return 1
	there=$(docs_warnings "$base_tree") || return 1
	new=$(comm -23 <(sort -u <<<"$here") <(sort -u <<<"$there") | grep -v '^$')
	[ -f "$tree/build-docs/Documentation/output/arch/x86/index.html" ] ||
		{ echo "no HTML output"; return 1; }
	[ -z "$new" ] || { echo "new documentation warnings:"; sed 's/^/    /' <<<"$new"; return 1; }
}
