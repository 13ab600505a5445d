#!/usr/bin/env bash
# The checks must fail when they should. Feed deliberately broken series
# through them and expect each to go red, naming the guilty patch:
#   - a build error in patch 1 that patch 2 hides       -> bisect
#   - a whitespace error in a patch                     -> am, checkpatch
#   - a patch that no longer applies                    -> am
#   - patches/ out of sync with the work tree           -> sync
#     (and in sync, whatever git's default abbreviation)
#   - a second make check on a cache in use              -> stops at once
#   - an undeclared global, an unused static const      -> sparse, w1
#   - a dangling doc reference, a file outside MAINTAINERS -> docs, maintainers
#   - Xen symbols in the generic PVH objects (the base)   -> xenfree
#   - a cover letter number make bench did not print, a bench report of
#     another series or of another boot matrix            -> cover
#   - deps.sh on an empty machine (stubbed dpkg/apt): installs, downloads,
#     and a failing apt-get is named with a fix
#   - a PVH entry that hangs: PVH boots red (pc, q35, microvm), the native
#     boot of the same bzImage still green
#   - a kernel without the legacy profile (the base)   -> legacy (pvh-legacy)
#   - KASLR cases that want what the series' kernel does not do: a fixed
#     image and regions on KASLR boots, moving ones under nokaslr -> kaslr
#   - the runner's own KTAP: every step named on its ok line
set -uo pipefail
. "$(dirname "$0")/lib.sh"

# The broken series are made in one tree and checked in another (the checks
# reset their tree to base + series).
tree=$PVH_TREES/selftest-src
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=arch/x86/platform/pvh/enlighten.c
passed=0 failed=0

# A two-patch series on the base: patch 1 breaks the build, patch 2 mends it.
"$PVH_TOP/scripts/base.sh"
if [ ! -e "$tree/.git" ]; then
	git -C "$PVH_BASE_REPO" worktree prune
	git -C "$PVH_BASE_REPO" worktree add -q -B selftest-src "$tree" "$(pvh_base_tag)"
fi
git -C "$tree" checkout -q -f -B selftest-src "$(pvh_base_tag)"
git -C "$tree" config "branch.selftest-src.description" "selftest: a broken series"
sed -i 's/^void __init xen_prepare_pvh(void)$/&\nbroken by selftest/' "$tree/$file"
git -C "$tree" commit -q -a -s -m "x86/pvh: selftest: break the build" \
	-m "A deliberately broken patch for the bench's self-test."
sed -i '/^broken by selftest$/d' "$tree/$file"
git -C "$tree" commit -q -a -s -m "x86/pvh: selftest: mend the build" \
	-m "Hides the breakage of the previous patch."
good=$work/good
PVH_PATCHES=$good "$PVH_TOP/scripts/series.sh" export "$tree" 2>/dev/null

# record OK TEXT [OUTPUT]: count one case; on failure show what was said.
record() {
	if [ "$1" -eq 1 ]; then
		echo "ok: $2"
		passed=$((passed + 1))
	else
		echo "NOT OK: $2${3:+; it said:}"
		[ -z "${3:-}" ] || sed 's/^/    /' <<<"$3" | tail -n 15
		failed=$((failed + 1))
	fi
}

# expect NAME PATTERN STEP PATCHDIR: STEP must fail and print PATTERN.
expect() {
	local name=$1 pattern=$2 step=$3 dir=$4 out ok=0
	out=$(PVH_PATCHES=$dir PVH_SERIES_TREE=selftest PVH_TREE= \
		"$PVH_TOP/scripts/check.sh" "$step" 2>&1)
	[ $? -ne 0 ] && grep -q -- "$pattern" <<<"$out" && ok=1
	record $ok "$name: '$step' fails and says \"$pattern\"" "$out"
}

p1=$(pvh_series "$good" | sed -n 1p) p2=$(pvh_series "$good" | sed -n 2p)

# The runner's KTAP names every step, with subtests or without.
ok=0
out=$("$PVH_TOP/scripts/check.sh" judge readme 2>&1) &&
	grep -qx 'ok 1 judge # [0-9]*s' <<<"$out" && grep -qx 'ok 2 readme # [0-9]*s' <<<"$out" && ok=1
record $ok "the KTAP output names each step (judge has subtests, readme none)" "$out"

expect "build error hidden by a later patch" "patch 1 ($p1) breaks" bisect "$good"

ws=$work/ws
cp -r "$good" "$ws"
# Trailing white space on the line patch 1 adds.
awk '!done && /^\+[^+]/ { $0 = $0 " "; done = 1 } { print }' "$good/$p1" >"$ws/$p1"
expect "whitespace error (git am)" "patch 1 ($p1) does not apply" am "$ws"
expect "whitespace error (checkpatch)" "patch 1 ($p1): checkpatch" checkpatch "$ws"

stale=$work/stale
cp -r "$good" "$stale"
# Patch 1's context no longer matches the base.
awk '!done && /^ void __init xen_prepare_pvh/ { sub(/xen_prepare_pvh/, "xen_prepare_pvh_renamed"); done = 1 } { print }' \
	"$good/$p1" >"$stale/$p1"
expect "patch that no longer applies" "patch 1 ($p1) does not apply" am "$stale"

drift=$work/drift
cp -r "$good" "$drift"
sed -i 's/^A deliberately broken patch/A hand-edited patch/' "$drift/$p1"
ok=0
out=$(PVH_PATCHES=$drift "$PVH_TOP/scripts/series.sh" check-sync "$tree" 2>&1)
[ $? -ne 0 ] && grep -q "$p1" <<<"$out" && ok=1
record $ok "patches/ out of sync: 'sync' fails and names $p1" "$out"
# And the unbroken series is in sync with its tree.
ok=0
out=$(PVH_PATCHES=$good "$PVH_TOP/scripts/series.sh" check-sync "$tree" 2>&1) && ok=1
record $ok "an exported series is in sync with its tree" "$out"
# ... whatever abbreviation git would pick on this machine: its default
# grows with the number of objects in the repository.
ok=0
out=$(GIT_CONFIG_PARAMETERS="'core.abbrev=20'" PVH_PATCHES=$good \
	"$PVH_TOP/scripts/series.sh" check-sync "$tree" 2>&1) && ok=1
record $ok "an export does not depend on git's default abbreviation" "$out"

# A series with a prerequisite (a topic series under it): patch 1 is the
# topic's, patch 2 the series'. The export splits them, each with its
# cover letter, the series' naming its prerequisite by patch id; the split
# round-trips, and a hand edit of the topic's patch is caught by name.
pre=$work/pre
mkdir -p "$pre/topic" "$pre/series"
echo "$pre/topic" >"$pre/series/prerequisites"
# How many commits the topic has is what its series file lists.
echo "$p1" >"$pre/topic/series"
ok=0
out=$(PVH_PATCHES=$pre/series "$PVH_TOP/scripts/series.sh" export "$tree" 2>&1) &&
	[ "$(pvh_series "$pre/topic")" = "$p1" ] && [ "$(pvh_series "$pre/series")" = "0001-${p2#0002-}" ] &&
	grep -q '^prerequisite-patch-id: ' "$pre/series/0000-cover-letter.patch" &&
	[ -f "$pre/topic/0000-cover-letter.patch" ] && ok=1
record $ok "a series with a prerequisite exports each to its own directory" "$out"
ok=0
out=$(PVH_PATCHES=$pre/series "$PVH_TOP/scripts/series.sh" check-sync "$tree" 2>&1) && ok=1
record $ok "a series with a prerequisite is in sync with its tree" "$out"
sed -i 's/^A deliberately broken patch/A hand-edited patch/' "$pre/topic/$p1"
ok=0
out=$(PVH_PATCHES=$pre/series "$PVH_TOP/scripts/series.sh" check-sync "$tree" 2>&1)
[ $? -ne 0 ] && grep -q "topic/$p1" <<<"$out" && ok=1
record $ok "a prerequisite out of sync: 'sync' fails and names topic/$p1" "$out"

# A second make check (or bench) on a cache in use stops at once, and says
# why, rather than walk the series tree under the first one's feet.
ok=0
mkdir -p "$work/cache"
exec 8>"$work/cache/.lock"
flock -n 8
out=$(env -u PVH_CACHE_LOCKED PVH_CACHE="$work/cache" "$PVH_TOP/scripts/check.sh" readme 2>&1)
[ $? -ne 0 ] && grep -q "another make check, bench or census is using" <<<"$out" && ok=1
exec 8>&-
record $ok "a make check beside another on the same cache stops and says why" "$out"

# A third patch adds warnings that only these checks see (the default build
# stays clean): sparse flags a global without a declaration, W=1 an unused
# static const.
git -C "$tree" checkout -q selftest-src
printf '\nint pvh_selftest_undeclared;\nstatic const int pvh_selftest_unused = 1;\n' >>"$tree/$file"
git -C "$tree" commit -q -a -s -m "x86/pvh: selftest: add warnings for sparse and W=1"
warn=$work/warn
PVH_PATCHES=$warn "$PVH_TOP/scripts/series.sh" export "$tree" 2>/dev/null
git -C "$tree" reset -q --hard HEAD~1
export PVH_WARN_FLAVOURS=x86_64-pvh
expect "new W=1 warning" "pvh_selftest_unused" w1 "$warn"
expect "new sparse warning" "pvh_selftest_undeclared" sparse "$warn"

# A patch that adds a file outside every MAINTAINERS entry and a dangling
# documentation reference.
git -C "$tree" checkout -q selftest-src
printf '// SPDX-License-Identifier: GPL-2.0\n' >"$tree/arch/x86/platform/pvh/selftest.c"
printf '\nSee :doc:`pvh-selftest-missing`.\n' >>"$tree/Documentation/arch/x86/boot.rst"
git -C "$tree" add -f arch/x86/platform/pvh/selftest.c
git -C "$tree" commit -q -a -s -m "x86/pvh: selftest: add an orphan file and a dangling reference"
docs=$work/docs
PVH_PATCHES=$docs "$PVH_TOP/scripts/series.sh" export "$tree" 2>/dev/null
git -C "$tree" reset -q --hard HEAD~1
expect "dangling documentation reference" "pvh-selftest-missing" docs "$docs"
expect "file no MAINTAINERS entry covers" "selftest.c: not in the X86 PVH BOOT ENTRY" \
	maintainers "$docs"
# The base's generic PVH code calls Xen by name.
expect "Xen symbols in the generic PVH objects" "xen_prepare_pvh" xenfree "$good"

# The real series with one number of its cover letter changed, and with a
# bench report of another series: the cover check must catch both, from the
# committed report alone.
tampered=$work/tampered
cp -r "$PVH_PATCHES" "$tampered"
sed -i -E 's/(pvh-microvm-nortc[[:space:]]+)[0-9]+\.[0-9]+/\19.999/' "$tampered/0000-cover-letter.patch"
expect "a cover letter number that make bench did not print" \
	"cover letter: pvh-microvm-nortc 9.999" cover "$tampered"
stale_report=$work/stale-report
cp -r "$PVH_PATCHES" "$stale_report"
sed -i 's/^series: .*/series: 0123456789abcdef/' "$stale_report/bench-report.txt"
expect "a bench report of another series" "measured series 0123456789abcdef" cover "$stale_report"
other_matrix=$work/other-matrix
cp -r "$PVH_PATCHES" "$other_matrix"
sed -i 's/^boot matrix: [0-9]* cells$/boot matrix: 999 cells/' "$other_matrix/bench-report.txt"
expect "a bench report of another boot matrix" "boot matrix: 999 cells; this base's matrix has" \
	cover "$other_matrix"

# deps.sh on an empty machine (stub dpkg-query, apt-get, apt-cache and
# dpkg-deb on PATH; nothing installed): it must install the host packages,
# fetch the guest packages without installing them, and fail loudly, with
# a hint, when apt-get fails.
stub=$work/stub
mkdir -p "$stub"
cat >"$stub/dpkg-query" <<'STUB'
#!/bin/sh
echo "dpkg-query: no packages found matching $*" >&2
exit 1
STUB
cat >"$stub/apt-cache" <<STUB
#!/bin/sh
# -o OPTION pairs first (the bases' own apt sources).
while [ "\$1" = -o ]; do shift 2; done
case "\$1" in
madison) awk -v p="\$2" '!/^#/ && (\$2 == p || "linux-config-" substr(\$2, 14) == p) {
		print " " p " | " \$3 " | " \$4 " " \$5 "/main amd64 Packages" }' "$PVH_TOP/scripts/bases" ;;
depends) echo libxenstore4; echo "  Depends: libc6" ;;
esac
STUB
cat >"$stub/apt-get" <<STUB
#!/bin/sh
echo "apt-get \$*" >>"$work/apt.log"
[ -z "\${PVH_STUB_APT_FAILS:-}" ] || exit 100
if [ "\$1" = download ] || [ "\$3" = download ] || [ "\$2" = download ]; then
	for a in "\$@"; do
		case "\$a" in -*|download|*::*) ;; *) : >"\${a%%=*}.deb" ;; esac
	done
fi
exit 0
STUB
cat >"$stub/dpkg-deb" <<'STUB'
#!/bin/sh
case "$1" in
-x) mkdir -p "$3" ;;
-W) echo "$(basename "$3" .deb) 1" ;;
esac
STUB
chmod +x "$stub"/*
# Each base's kernel source, at its pin (scripts/bases).
downloaded_every_base() {
	local b
	for b in $(pvh_bases); do
		grep -q "^apt-get download .*$(pvh_base_field "$b" 2)=$(pvh_base_field "$b" 3) " \
			"$work/apt.log" || return 1
	done
}
# (sparse, built from a Debian source package, is taken as built: the
# stubs serve no source to build.)
mkdir -p "$(dirname "${PVH_SPARSE/#$PVH_CACHE/$work/cache}")"
printf '#!/bin/sh\n' >"${PVH_SPARSE/#$PVH_CACHE/$work/cache}"
chmod +x "${PVH_SPARSE/#$PVH_CACHE/$work/cache}"
ok=0
out=$(PATH=$stub:$PATH PVH_CACHE=$work/cache PVH_GUEST_ROOT=$work/cache/guest-root \
	"$PVH_TOP/scripts/deps.sh" 2>&1) &&
	grep -q '^apt-get install .* qemu-system-x86 ' "$work/apt.log" &&
	downloaded_every_base &&
	grep -q '^apt-get download .*xen-hypervisor-4.17-amd64' "$work/apt.log" &&
	! grep -q '^apt-get install .*xen-' "$work/apt.log" && ok=1
record $ok "deps.sh on an empty machine installs the host packages, downloads Xen and the kernel source" \
	"$out$(printf '\n'; cat "$work/apt.log" 2>/dev/null)"
ok=0
out=$(PATH=$stub:$PATH PVH_STUB_APT_FAILS=1 PVH_CACHE=$work/cache2 \
	PVH_GUEST_ROOT=$work/cache2/guest-root "$PVH_TOP/scripts/deps.sh" 2>&1)
[ $? -ne 0 ] && grep -q '^ERROR: .*failed (exit 100) at scripts/deps.sh:[0-9]' <<<"$out" &&
	grep -q '^ERROR: to fix: ' <<<"$out" && ok=1
record $ok "deps.sh says what failed, where and how to fix it when apt-get fails" "$out"

# A kernel whose PVH entry hangs: the harness must call the PVH boot a
# failure (detected by its timeout, here shortened) and the native boot of
# the same bzImage a pass.
git -C "$tree" checkout -q -B selftest-hang "$(pvh_base_tag)"
sed -i 's/^\tcld$/&\n1:\thlt\n\tjmp 1b/' "$tree/arch/x86/platform/pvh/head.S"
git -C "$tree" commit -q -a -s -m "x86/pvh: selftest: hang in the PVH entry"
if "$PVH_HARNESS/build.sh" "$tree" x86_64-pvh "$tree/build-hang"; then
	export PVH_INITRAMFS_DIR=$work/initramfs
	for m in pvh-pc pvh-q35 pvh-microvm native-bios; do
		v=$(PVH_TIMEOUT=12 "$PVH_HARNESS/pvh-boot" "$tree" "$tree/build-hang" "$m" "$work/hang-$m.log")
		ok=0
		case "$m:${v%% *}" in pvh-*:FAIL | native-*:PASS) ok=1 ;; esac
		record $ok "a hanging PVH entry: $m says '$v'"
	done
else
	record 0 "a hanging PVH entry: the kernel does not build"
fi
git -C "$tree" checkout -q selftest-src

# The legacy step's harness on the base, which has no legacy profile and
# probes for an i8042 without ACPI: the case must fail on both counts.
cases=$work/legacy-cases
printf 'x86_64-pvh\tpvh-microvm-noacpi\t-\ti8042 absent\tcensus:i8042=0\n' >"$cases"
base_tree=$PVH_TREES/base
if "$PVH_HARNESS/build.sh" "$base_tree" x86_64-pvh "$base_tree/build-x86_64-pvh" >/dev/null; then
	out=$("$PVH_HARNESS/pvh-legacy" "$base_tree" "$work/legacy" "$cases" 2>&1)
	rc=$? ok=0
	[ $rc -ne 0 ] && grep -q "no 'pvh: legacy devices:' line" <<<"$out" &&
		grep -q "census i8042=[1-9][0-9]*, wanted =0" <<<"$out" && ok=1
	record $ok "the base without a legacy profile: pvh-legacy fails on the line and the census" "$out"
else
	record 0 "the base without a legacy profile: the base does not build"
fi

# The kaslr step's harness on the series' own kernel (PVH_SELFTEST_SERIES,
# the step's tree; else the series tree as it is): a case that wants the
# image and regions fixed on KASLR boots and one that wants them to move
# under nokaslr must each fail, saying why.
series_tree=${PVH_SELFTEST_SERIES:-$PVH_TREES/series}
cases=$work/kaslr-cases
printf 'x86_64-xen\tpvh-pc-kaslr\t2\tfixed\tfixed\nx86_64-xen\tpvh-pc-nokaslr\t2\tfixed\t2\n' >"$cases"
if "$PVH_HARNESS/build.sh" "$series_tree" x86_64-xen "$series_tree/build-x86_64-xen" >/dev/null; then
	out=$("$PVH_HARNESS/pvh-kaslr" "$series_tree" "$work/kaslr" "$cases" 2>&1)
	rc=$? ok=0
	[ $rc -ne 0 ] &&
		grep -q "^FAIL x86_64-xen pvh-pc-kaslr: .*kaslr-direct-map=0x[0-9a-f]*, not the fixed 0x" <<<"$out" &&
		grep -q "^FAIL x86_64-xen pvh-pc-kaslr: .*kaslr-phys=0x[0-9a-f]*, not the fixed 0x0*1000000" <<<"$out" &&
		grep -q "^FAIL x86_64-xen pvh-pc-nokaslr: .*kaslr-direct-map: 1 distinct in 2 boots, want 2" <<<"$out" &&
		ok=1
	record $ok "KASLR cases the kernel does not meet: pvh-kaslr fails on a moved image and regions, and on fixed ones" "$out"
else
	record 0 "KASLR cases: the series' x86_64-xen flavour does not build"
fi

echo "selftest: $passed passed, $failed failed"
[ $failed -eq 0 ]
