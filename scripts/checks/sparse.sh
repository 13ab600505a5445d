# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# New sparse (C=2) warnings in the objects the series touches.
step() {
	ensure_tree || return 1
	[ -x "$PVH_SPARSE" ] || { echo "no $PVH_SPARSE (make deps)"; return 1; }
	compare_with_base "sparse (C=2)" C=2 CHECK="$PVH_SPARSE"
}
