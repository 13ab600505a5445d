# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# KASLR of the series' kernel, case by case (tools/testing/pvh/kaslr-cases):
# one build booted repeatedly, the distinct addresses of its text and memory
# regions counted from what each guest reported. Each case is a subtest.
step() {
	case_step "$PVH_HARNESS/pvh-kaslr" "$PVH_HARNESS/kaslr-cases"
}
