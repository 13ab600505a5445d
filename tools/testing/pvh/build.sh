#!/usr/bin/env bash
# Build one flavour of a kernel tree (base or patched) out of tree.
#
#   build.sh SRCTREE FLAVOUR OBJDIR [make targets...]
#
# The configuration is tinyconfig with configs/common.config and
# configs/FLAVOUR.config merged on top; every symbol a fragment asks for must
# end up in .config as asked, so a fragment cannot rot silently. The one
# exception is a symbol this tree's Kconfig does not define at all (the
# series' own options, on the base): it is reported and skipped. The build log
# is OBJDIR/build.log; any compiler or linker warning fails the build.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 3 ] || { echo "usage: $0 SRCTREE FLAVOUR OBJDIR [targets...]" >&2; exit 2; }
src=$(cd "$1" && pwd) flavour=$2 obj=$3
shift 3
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(vmlinux bzImage)

common=$here/configs/common.config
frag=$here/configs/$flavour.config
[ -f "$frag" ] || { echo "unknown flavour '$flavour' (no $frag)" >&2; exit 2; }
# A fragment whose first line is "# builds on: OTHER" is merged on top of
# flavour OTHER's fragment (one level).
on=$(sed -n '1s/^# builds on: *//p' "$frag")
[ -z "$on" ] || [ -f "$here/configs/$on.config" ] ||
	{ echo "$flavour builds on unknown flavour '$on'" >&2; exit 2; }
# PVH_CONFIG_EXTRA: one more fragment, merged last (pvh-bench uses it).
frags=("$common" ${on:+"$here/configs/$on.config"} "$frag" ${PVH_CONFIG_EXTRA:+"$PVH_CONFIG_EXTRA"})

if grep -qx '# CONFIG_64BIT is not set' "${frags[@]}"; then arch=i386; else arch=x86_64; fi
mkdir -p "$obj"
obj=$(cd "$obj" && pwd)
cc="gcc"
command -v ccache >/dev/null && cc="ccache gcc"
# Reproducible images: the same sources and configuration give the same
# vmlinux, byte for byte, in any tree and however often it was rebuilt (the
# build counter and stamps reach the banner, and so the guest's timing).
export KBUILD_BUILD_VERSION=1 KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
export KBUILD_BUILD_USER=pvh KBUILD_BUILD_HOST=linux-pvh
kmake=(make -C "$src" O="$obj" ARCH="$arch" CC="$cc" HOSTCC="$cc" -j"${PVH_JOBS:-$(nproc)}")

# The fragments' requests, a later fragment's line winning over an earlier
# one for the same symbol (as merge_config.sh does).
last_request_per_symbol() {
	grep -hE '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "$@" |
		awk '{ s = $0; sub(/^# /, "", s); sub(/[= ].*/, "", s); last[s] = $0; order[s] = NR }
		     END { for (s in last) print order[s] "\t" last[s] }' | sort -n | cut -f2-
}

# config_holds QUIET: every symbol a fragment asks for is in .config as
# asked, but for symbols this tree's Kconfig does not define (then
# skipped=1). Without QUIET it says what does not hold.
config_holds() {
	local quiet=$1 line sym got
	bad=0 skipped=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*) sym=${line%%=*} ;;
		"# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *} ;;
		*) continue ;;
		esac
		got=$(grep -E "^($sym=|# $sym is not set)" "$obj/.config" || true)
		[ -n "$got" ] || got="# $sym is not set"
		[ "$got" = "$line" ] && continue
		if ! grep -rqsE --include='Kconfig*' "^(menu)?config ${sym#CONFIG_}\$" "$src"; then
			[ "$quiet" = 1 ] || echo "$flavour: ${sym} is not in this tree; skipped" >&2
			skipped=1
			continue
		fi
		[ "$quiet" = 1 ] || echo "$flavour: asked for '$line', got '$got'" >&2
		bad=1
	done < <(last_request_per_symbol "${frags[@]}")
	[ $bad -eq 0 ]
}

# Regenerate .config when a fragment or this script changed, when it was
# never made, or when it no longer holds: kbuild's own syncconfig drops a
# symbol the tree lost and later brings it back at its default (bisecting
# through the series does exactly that).
stamp=$obj/.pvh-config-stamp
want=$(cat "${frags[@]}" "$0" | sha1sum | cut -d' ' -f1)
if [ ! -f "$obj/.config" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] ||
   ! config_holds 1; then
	"${kmake[@]}" -s tinyconfig >/dev/null
	KCONFIG_CONFIG=$obj/.config "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" \
		"$obj/.config" "${frags[@]}" >/dev/null
	"${kmake[@]}" -s olddefconfig >/dev/null
	config_holds 0 || { echo "$flavour: configuration does not hold" >&2; exit 1; }
	# A configuration that had to skip a symbol is redone next time: the
	# tree may have gained it.
	if [ $skipped -eq 0 ]; then echo "$want" >"$stamp"; else rm -f "$stamp"; fi
fi

log=$obj/build.log
if ! "${kmake[@]}" "${targets[@]}" >"$log" 2>&1; then
	grep -E 'error|Error' "$log" | head -20 >&2
	echo "$flavour: build of ${targets[*]} failed (log: $log)" >&2
	exit 1
fi
if grep -E '(warning|Warning):' "$log" >&2; then
	echo "$flavour: build has warnings (log: $log)" >&2
	exit 1
fi
