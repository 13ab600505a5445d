# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# CONFIG_PVH=y with CONFIG_XEN=n: the generic PVH objects neither define nor
# use anything named after Xen (the start_info ABI's types are not symbols).
step() {
	ensure_tree || return 1
	local obj=$tree/build-x86_64-pvh syms
	"$PVH_HARNESS/build.sh" "$tree" x86_64-pvh "$obj" vmlinux >/dev/null || return 1
	grep -qx '# CONFIG_XEN is not set' "$obj/.config" ||
		{ echo "x86_64-pvh is expected to build without CONFIG_XEN"; return 1; }
	syms=$(cd "$obj" && nm -A arch/x86/platform/pvh/*.o | grep -i 'xen')
	[ -z "$syms" ] || { echo "Xen symbols in the generic PVH code:"; sed 's/^/    /' <<<"$syms"; return 1; }
}
