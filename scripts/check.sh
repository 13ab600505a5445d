#!/usr/bin/env bash
# The project's test command: every upstream check on patches/ (the
# mainline series), then the judge's own tests, the boot matrix and the
# legacy cases; then the steps that also check each other base's series
# (scripts/bases: patches/6.12 on 6.12). Steps are listed, in order, in
# scripts/checks/steps, with the bases they check; each is
# scripts/checks/STEP.sh.
#
#   check.sh [STEP...]   (default: every step, in order)
#
# A step of another base is named BASE/STEP. With PVH_BASE (or PVH_TREE, or
# PVH_PATCHES) set, only that base is checked, by every step named.
#
# Output is KTAP: a line "ok N STEP" or "not ok N STEP" per step, the
# step's own output as "#" lines before it, and for the steps that count
# cases one by one (matrix, legacy, kaslr, judge, selftest) their cases as
# indented subtests, with "# SKIP", "# XFAIL" and "# XPASS" directives.
# One counter: each subtest counts once, a step without subtests once. Ends
# with "N passed, N failed, N skipped"; exits non-zero on any failure.
#
# PVH_TREE=DIR checks DIR as it is instead of base + patches/;
# PVH_FLAVOURS="..." limits the boot matrix to those flavours.
set -uo pipefail
PVH_BASE_GIVEN=${PVH_BASE:-} PVH_PATCHES_GIVEN=${PVH_PATCHES:-}
. "$(dirname "$0")/lib.sh"
. "$PVH_TOP/scripts/check-lib.sh"
lock_cache

checks=$PVH_TOP/scripts/checks
mapfile -t all_steps < <(awk -F'\t' '!/^#/ && NF {print $1}' "$checks/steps")
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=("${all_steps[@]}")
for s in "${steps[@]}"; do
	[ -f "$checks/$s.sh" ] || { echo "unknown step $s (see $checks/steps)" >&2; exit 2; }
done
# Which bases a step checks: "all" or "mainline" (the first base).
step_bases() { awk -F'\t' -v s="$1" '$1 == s {print $2}' "$checks/steps"; }

# The runs: BASE<TAB>STEP, the first base's steps first.
runs=()
if [ -n "${PVH_BASE_GIVEN:-}${PVH_TREE:-}${PVH_PATCHES_GIVEN:-}" ] || [ $# -gt 0 ]; then
	for s in "${steps[@]}"; do runs+=("$PVH_BASE	$s"); done
else
	for b in $(pvh_bases); do
		for s in "${steps[@]}"; do
			[ "$b" = "$(pvh_bases | head -n1)" ] || [ "$(step_bases "$s")" = all ] ||
				continue
			runs+=("$b	$s")
		done
	done
fi

passed=0 failed=0 skipped=0
sub=$(mktemp)
trap 'rm -f "$sub"' EXIT

echo "KTAP version 1"
echo "1..${#runs[@]}"
i=0 last_base=
for r in "${runs[@]}"; do
	b=${r%%	*} s=${r#*	}
	# The packages and the base are made ready once per base.
	new_base=0
	[ "$b" = "$last_base" ] || new_base=1
	last_base=$b
	# (Not "name": the subtest loop below reads into that.)
	label=$s
	[ "$b" = "$PVH_BASE" ] || label=$b/$s
	i=$((i + 1))
	: >"$sub"
	t0=$(date +%s)
	echo "# [$i/${#runs[@]}] $label"
	# Each base's settings, from scripts/lib.sh for that base.
	(
		if [ "$b" != "$PVH_BASE" ]; then
			export PVH_BASE=$b
			unset PVH_BASE_VERSION PVH_PATCHES
			. "$PVH_TOP/scripts/lib.sh"
			. "$PVH_TOP/scripts/check-lib.sh"
		fi
		[ $new_base = 0 ] || ensure_base || exit 1
		. "$checks/$s.sh" && PVH_SUBTESTS=$sub step
	) 2>&1 | sed -u 's/^/#   /'
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
		echo "ok $i $label # ${secs}s"
	else
		echo "not ok $i $label # ${secs}s"
	fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
