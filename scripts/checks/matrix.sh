# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The boot matrix (tools/testing/pvh/matrix) of the series tree, judged by
# pvh-judge against tools/testing/pvh/expected-failures. Each cell is a
# subtest: PASS with the guest's uptime at init (exact, icount), XFAIL
# with its reason; FAIL, XPASS and FLAKY fail.
step() {
	ensure_tree || return 1
	local out=$PVH_WORK/matrix/$(basename "$tree") line cell verdict rc
	local expect=$PVH_HARNESS/expected-failures
	# The unpatched base (make matrix-base) has its own list.
	[ "$tree" != "$base_tree" ] || expect=$(base_expected_failures)
	rm -rf "$out"
	# Unless told, the flavours scripts/bases gives this base.
	[ -n "${PVH_FLAVOURS:-}" ] || [ "$PVH_BASE_FLAVOURS" = all ] ||
		local PVH_FLAVOURS=$PVH_BASE_FLAVOURS
	"$PVH_HARNESS/pvh-matrix" -t "$tree" -o "$out" \
		${PVH_FLAVOURS:+-f "$PVH_FLAVOURS"} ${PVH_MATRIX_RUNS:+-r "$PVH_MATRIX_RUNS"} \
		-x "$expect" 2>&1 |
		while IFS= read -r line; do
			echo "$line"
			[[ $line == "[boot] "* ]] || continue
			# "[boot] FLAVOUR MODE[ run N]: VERDICT ..."
			cell=${line#\[boot\] }
			verdict=${cell#*: }
			cell=${cell%%: *}
			case $verdict in
			PASS*) subtest ok "$cell" "uptime $(cut -d' ' -f3 <<<"$verdict")s" ;;
			XFAIL*) subtest xfail "$cell" "${verdict#XFAIL }" ;;
			XPASS*) subtest xpass "$cell" "${verdict#XPASS }" ;;
			*) subtest fail "$cell" "$verdict" ;;
			esac
		done
	rc=${PIPESTATUS[0]}
	return "$rc"
}
