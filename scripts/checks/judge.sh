# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The judge's own tests: fixture logs with known defects
# (tools/testing/pvh/pvh-judge-test, judge-tests/cases); each is a subtest.
step() {
	cases "PASS " "FAIL " "$PVH_HARNESS/pvh-judge-test"
}
