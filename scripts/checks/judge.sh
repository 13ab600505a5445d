# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The judge's own tests: fixture logs with known defects
# (tools/testing/pvh/pvh-judge-test, judge-tests/cases); each is a subtest.
step() {
	local line rc
	"$PVH_HARNESS/pvh-judge-test" -v 2>&1 |
		while IFS= read -r line; do
			echo "$line"
			case $line in
			"ok "*) line=${line#ok }; subtest ok "${line#* }" ;;
			"not ok "*) line=${line#not ok }; subtest fail "${line#* }" ;;
			esac
		done
	rc=${PIPESTATUS[0]}
	return "$rc"
}
