# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# base + git am patches/ (no fuzz, --whitespace=error), redone only when
# patches/ changed.
step() {
	ensure_tree
}
