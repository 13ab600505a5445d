# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# For each flavour whose build holds a touched object: rebuild those objects
# with EXTRA (W=1 or C=2), here and on the base, and fail on new warnings.
compare_with_base() {
	local what=$1 fl objs bad=0 here there
	shift
	for fl in ${PVH_WARN_FLAVOURS:-x86_64-pvh x86_64-xen i386-pvh}; do
		# Up to date first (a no-op when it is): a touched file must have
		# its object in the build, or the comparison would skip it.
		"$PVH_HARNESS/build.sh" "$tree" "$fl" "$(objdir "$tree" "$fl")" || return 1
		mapfile -t objs < <(touched_objects "$(objdir "$tree" "$fl")")
		[ ${#objs[@]} -gt 0 ] || continue
		here=$(mktemp) there=$(mktemp)
		touch $(printf "$tree/%s\n" $(touched '*.c' '*.S'))
		kmake_objects "$tree" "$(objdir "$tree" "$fl")" "$@" "${objs[@]}" 2>&1 |
			grep -E 'warning:|error:' >"$here"
		[ -f "$(objdir "$base_tree" "$fl")/.config" ] ||
			"$PVH_HARNESS/build.sh" "$base_tree" "$fl" "$(objdir "$base_tree" "$fl")" prepare ||
			return 1
		local base_objs=() o
		for o in "${objs[@]}"; do
			[ -f "$base_tree/${o%.o}.c" ] || [ -f "$base_tree/${o%.o}.S" ] && base_objs+=("$o")
		done
		if [ ${#base_objs[@]} -gt 0 ]; then
			touch $(for o in "${base_objs[@]}"; do ls "$base_tree/${o%.o}".[cS] 2>/dev/null; done)
			kmake_objects "$base_tree" "$(objdir "$base_tree" "$fl")" "$@" "${base_objs[@]}" 2>&1 |
				grep -E 'warning:|error:' >"$there"
		fi
		sed -i "s|$tree/||; s|$base_tree/||" "$here" "$there"
		if [ -n "$(new_lines "$here" "$there")" ]; then
			echo "$fl: $what warnings the base does not have:"
			new_lines "$here" "$there" | sed 's/^/    /'
			bad=1
		fi
		rm -f "$here" "$there"
	done
	return $bad
}

# New W=1 warnings in the objects the series touches.
step() { ensure_tree && compare_with_base "W=1" W=1; }
