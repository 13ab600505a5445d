# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# Every prefix of the series builds the x86_64 PVH flavour (prefix 0 is the
# base: a failure there is the bench's, not a patch's). A prefix whose
# source tree already built cleanly with the same configuration is not
# built again: after a change to patch k, only prefixes k..n are.
step() {
	ensure_tree || return 1
	local stamp=$results/bisect-$(build_inputs_hash) tip k n prefixes built
	if [ -f "$stamp" ]; then
		echo "(this exact series and configuration already bisect-built cleanly)"
		return 0
	fi
	tip=$(git -C "$tree" rev-parse HEAD)
	mapfile -t prefixes < <(git -C "$tree" rev-parse "$(pvh_base_tag)^{commit}";
				git -C "$tree" rev-list --reverse "$(pvh_base_tag)..$tip")
	n=$((${#prefixes[@]} - 1))
	# However this step ends, the tree goes back to the tip of the series.
	trap 'git -C "$tree" checkout -q --detach "$tip"' RETURN
	for k in $(seq 0 "$n"); do
		git -C "$tree" checkout -q --detach "${prefixes[$k]}"
		printf '  prefix %d/%d %s\n' "$k" "$n" "$(git -C "$tree" log -1 --format=%s)"
		built=$results/built-$(git -C "$tree" rev-parse HEAD^{tree} | cut -c1-16)-$(config_hash)
		[ -e "$built" ] && { echo "    (this source tree built cleanly before)"; continue; }
		if ! "$PVH_HARNESS/build.sh" "$tree" x86_64-pvh "$(objdir "$tree" x86_64-pvh)" vmlinux; then
			[ "$k" -eq 0 ] && { echo "the base itself does not build"; return 1; }
			echo "patch $k ($(applied_patch_name "$k")) breaks the x86_64-pvh build"
			return 1
		fi
		touch "$built"
	done
	touch "$stamp"
}
