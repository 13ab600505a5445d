# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# patches/ is what "make export" writes for the work tree.
step() {
	"$PVH_TOP/scripts/series.sh" check-sync
}
