# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The cover letter's numbers are those of the bench report committed with
# the series (patches/bench-report.txt), and that report measured this very
# series: its "series:" hash is the series' own, and its boot-matrix size is
# that of the matrix make check boots on this base. Works on any machine; no
# file of an earlier run is read.
step() {
	local cover=$PVH_PATCHES/0000-cover-letter.patch measured cells want
	[ -f "$PVH_REPORT" ] ||
		{ echo "no bench report $PVH_REPORT: run make bench, then make cover-numbers"; return 1; }
	measured=$(sed -n 's/^series: //p' "$PVH_REPORT")
	[ "$measured" = "$(series_hash)" ] || {
		echo "the bench report measured series ${measured:-(none)}, patches/ is $(series_hash):"
		echo "run make bench, then make cover-numbers and make export"
		return 1
	}
	cells=$(sed -n 's/^boot matrix: \([0-9]*\) cells$/\1/p' "$PVH_REPORT")
	want=$("$PVH_HARNESS/matrix-cells" "$PVH_BASE_FLAVOURS")
	[ "$cells" = "$want" ] || {
		echo "the bench report says boot matrix: ${cells:-(none)} cells; this base's matrix has $want"
		return 1
	}
	"$PVH_TOP/scripts/cover-numbers" --check "$PVH_REPORT" "$cover"
}
