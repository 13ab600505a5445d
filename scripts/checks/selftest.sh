# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The checks themselves must fail when they should (scripts/selftest.sh);
# each of its cases is a subtest.
step() {
	local line rc
	"$PVH_TOP/scripts/selftest.sh" 2>&1 |
		while IFS= read -r line; do
			echo "$line"
			case $line in
			"ok: "*) subtest ok "${line#ok: }" ;;
			"NOT OK: "*) subtest fail "${line#NOT OK: }" ;;
			esac
		done
	rc=${PIPESTATUS[0]}
	return "$rc"
}
