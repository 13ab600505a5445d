# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The legacy devices of PVH (and native) boots, case by case
# (tools/testing/pvh/legacy-cases): the kernel lines the guest relays, its
# legacy-device initcalls, its COM ports and the census of the legacy ports
# it touched. Each case is a subtest.
step() {
	case_step "$PVH_HARNESS/pvh-legacy" "$PVH_HARNESS/legacy-cases"
}
