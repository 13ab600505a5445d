#!/usr/bin/env bash
# The project's test command: every upstream check on patches/, then the
# judge's own tests, the boot matrix and the legacy cases. Steps are listed,
# in order, in scripts/checks/steps; each is scripts/checks/STEP.sh.
#
#   check.sh [STEP...]   (default: every step, in order)
#
# Output is KTAP: a line "ok N STEP" or "not ok N STEP" per step, the
# step's own output as "#" lines before it, and for the steps that count
# cases one by one (matrix, legacy, judge, selftest) their cases as
# indented subtests, with "# SKIP", "# XFAIL" and "# XPASS" directives.
# One counter: each subtest counts once, a step without subtests once. Ends
# with "N passed, N failed, N skipped"; exits non-zero on any failure.
#
# PVH_TREE=DIR checks DIR as it is instead of base + patches/;
# PVH_FLAVOURS="..." limits the boot matrix to those flavours.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$PVH_TOP/scripts/check-lib.sh"

checks=$PVH_TOP/scripts/checks
mapfile -t all_steps < <(awk -F'\t' '!/^#/ && NF {print $1}' "$checks/steps")
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=("${all_steps[@]}")
for s in "${steps[@]}"; do
	[ -f "$checks/$s.sh" ] || { echo "unknown step $s (see $checks/steps)" >&2; exit 2; }
done

ensure_base || exit 1

passed=0 failed=0 skipped=0
sub=$(mktemp)
trap 'rm -f "$sub"' EXIT

echo "KTAP version 1"
echo "1..${#steps[@]}"
i=0
for s in "${steps[@]}"; do
	i=$((i + 1))
	: >"$sub"
	t0=$(date +%s)
	echo "# [$i/${#steps[@]}] $s"
	( . "$checks/$s.sh" && PVH_SUBTESTS=$sub step ) 2>&1 | sed -u 's/^/#   /'
	rc=${PIPESTATUS[0]}
	secs=$(($(date +%s) - t0))
	if [ -s "$sub" ]; then
		n=0
		echo "    KTAP version 1"
		echo "    1..$(wc -l <"$sub")"
		while IFS=$'\t' read -r result name detail; do
			n=$((n + 1))
			# A detail that is no directive goes on a diagnostic line.
			case $result in
			ok | fail) [ -z "$detail" ] || echo "    # $name: $detail" ;;
			esac
			case $result in
			ok) line="ok $n $name"; passed=$((passed + 1)) ;;
			xfail) line="ok $n $name # XFAIL $detail"; passed=$((passed + 1)) ;;
			skip) line="ok $n $name # SKIP $detail"; skipped=$((skipped + 1)) ;;
			xpass) line="not ok $n $name # XPASS $detail"; failed=$((failed + 1)) ;;
			*) line="not ok $n $name"; failed=$((failed + 1)) ;;
			esac
			echo "    $line"
		done <"$sub"
		# A step that failed outside its cases (a build, a missing
		# tool) fails once more.
		if [ $rc -ne 0 ] && ! grep -qvE '^(ok|xfail|skip)	' "$sub"; then
			failed=$((failed + 1))
		fi
	elif [ $rc -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	if [ $rc -eq 0 ]; then
		echo "ok $i $s # ${secs}s"
	else
		echo "not ok $i $s # ${secs}s"
	fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
