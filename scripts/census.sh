#!/usr/bin/env bash
# make census: the legacy-I/O census, one traced boot per mode of the
# x86_64-pvh flavour, base then patched (tools/testing/pvh/pvh-census).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$PVH_TOP/scripts/check-lib.sh"
lock_cache
ensure_base || exit 1
ensure_tree || exit 1
modes=${PVH_CENSUS_MODES:-$(awk '$1 == "census:" { $1 = ""; print }' "$PVH_HARNESS/bench")}
out=$PVH_WORK/census
rc=0
rm -rf "$out"
for t in "$base_tree" "$tree"; do
	"$PVH_HARNESS/build.sh" "$t" x86_64-pvh "$t/build-x86_64-pvh" >/dev/null || exit 1
done
{
	printf '%-22s %-8s %s\n' mode tree counts
	for m in $modes; do
		for t in "$base_tree" "$tree"; do
			line=$("$PVH_HARNESS/pvh-census" "$t" "$t/build-x86_64-pvh" "$m" \
				"$out/$(basename "$t")") || rc=1
			printf '%-22s %-8s %s\n' "$m" "$(basename "$t")" "${line#census $m }"
		done
	done
} >"$out.txt"
cat "$out.txt"
echo "census: $out.txt"
exit $rc
