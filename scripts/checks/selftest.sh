# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The checks themselves must fail when they should (scripts/selftest.sh);
# each of its cases is a subtest.
step() {
	cases "ok: " "NOT OK: " "$PVH_TOP/scripts/selftest.sh"
}
