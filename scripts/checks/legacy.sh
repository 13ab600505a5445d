# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The legacy devices of PVH (and native) boots, case by case
# (tools/testing/pvh/legacy-cases): the kernel lines the guest relays, its
# legacy-device initcalls, its COM ports and the census of the legacy ports
# it touched. Each case is a subtest.
step() {
	ensure_tree || return 1
	local fl
	for fl in $(awk '!/^#/ && NF {print $1}' "$PVH_HARNESS/legacy-cases" | sort -u); do
		"$PVH_HARNESS/build.sh" "$tree" "$fl" "$(objdir "$tree" "$fl")" >/dev/null || return 1
	done
	cases "PASS " "FAIL " "$PVH_HARNESS/pvh-legacy" "$tree" "$PVH_WORK/legacy/$(basename "$tree")"
}
