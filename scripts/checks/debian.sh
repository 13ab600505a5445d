# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# Debian's own amd64 configuration: every object the series touches compiles.
step() {
	ensure_tree || return 1
	local obj=$tree/build-debian-amd64 cfg=$PVH_GUEST_ROOT/usr/src/$PVH_CONFIG_PKG/config.amd64_none_amd64.xz
	local f objs=()
	[ -f "$cfg" ] || { echo "no $cfg ($PVH_CONFIG_PKG; make deps)"; return 1; }
	mkdir -p "$obj"
	if [ ! -f "$obj/.config" ] || [ "$cfg" -nt "$obj/.config" ]; then
		xz -dc "$cfg" >"$obj/.config"
		kmake "$tree" "$obj" -s olddefconfig >/dev/null || return 1
	fi
	for f in $(touched '*.c' '*.S'); do
		[ -f "$tree/$f" ] || continue
		case "$f" in
		# A linker script is no object (kbuild makes it only on the way
		# to vmlinux, which every flavour of the matrix links).
		*.lds.S) ;;
		arch/x86/*|drivers/*|kernel/*|mm/*|lib/*|init/*) objs+=("${f%.*}.o") ;;
		esac
	done
	if [ ${#objs[@]} -eq 0 ]; then
		echo "(the series touches no C or assembly file)"
		kmake "$tree" "$obj" -s prepare >"$obj/build.log" 2>&1 ||
			{ tail -20 "$obj/build.log"; return 1; }
		return 0
	fi
	if ! kmake_objects "$tree" "$obj" "${objs[@]}" >"$obj/build.log" 2>&1; then
		grep -E 'error|Error' "$obj/build.log" | head -20
		return 1
	fi
	if grep -E 'warning:' "$obj/build.log"; then return 1; fi
}
