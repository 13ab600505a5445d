#!/usr/bin/env bash
# make bench: boot-time ratios, patched against base, and PVH against
# native, exact under icount (tools/testing/pvh/pvh-bench); the report goes
# to patches/bench-report.txt, committed with the series it measured.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$PVH_TOP/scripts/check-lib.sh"
lock_cache
# The report is stamped with the series of patches/: it measures that.
[ -z "${PVH_TREE:-}" ] || die "make bench measures base + patches/, not PVH_TREE"
ensure_base || exit 1
ensure_tree || exit 1
out=$PVH_WORK/bench
# The matrix size the report gives: this base's flavours (scripts/bases).
flavours=()
[ "$PVH_BASE_FLAVOURS" = all ] || flavours=(-f "$PVH_BASE_FLAVOURS")
"$PVH_HARNESS/pvh-bench" -B "$base_tree" -P "$tree" -o "$out" -s "$(series_hash)" \
	-S "$(pvh_series_start "$tree")" -X "$(base_expected_failures)" \
	-r "${PVH_BENCH_RUNS:-3}" ${PVH_BENCH_MODES:+-m "$PVH_BENCH_MODES"} "${flavours[@]}"
rc=$?
[ -s "$out/report.txt" ] || die "make bench wrote no report (see above)"
[ $rc -eq 0 ] || die "make bench failed (see above); $out/report.txt is not copied"
cp "$out/report.txt" "$PVH_REPORT"
echo "report: $PVH_REPORT; then make cover-numbers, make export, and commit both"
exit $rc
