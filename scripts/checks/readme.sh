# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# The README's tables are made from the lists they show (make readme).
step() {
	"$PVH_TOP/scripts/readme-tables" --check "$PVH_TOP/README.md"
}
