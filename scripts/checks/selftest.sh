# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The checks themselves must fail when they should (scripts/selftest.sh);
# each of its cases is a subtest.
step() {
	# Some cases boot the series' own build (the kaslr step's harness).
	ensure_tree || return 1
	PVH_SELFTEST_SERIES=$tree cases "ok: " "NOT OK: " "$PVH_TOP/scripts/selftest.sh"
}
