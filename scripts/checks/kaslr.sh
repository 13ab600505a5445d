# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# KASLR of the series' kernel, case by case (tools/testing/pvh/kaslr-cases):
# one build booted repeatedly, the distinct addresses of its text and memory
# regions counted from what each guest reported. Each case is a subtest.
step() {
	ensure_tree || return 1
	local fl
	for fl in $(awk '!/^#/ && NF {print $1}' "$PVH_HARNESS/kaslr-cases" | sort -u); do
		"$PVH_HARNESS/build.sh" "$tree" "$fl" "$(objdir "$tree" "$fl")" >/dev/null || return 1
	done
	cases "PASS " "FAIL " "$PVH_HARNESS/pvh-kaslr" "$tree" "$PVH_WORK/kaslr/$(basename "$tree")"
}
