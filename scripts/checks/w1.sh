# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# New W=1 warnings in the objects the series touches.
step() { ensure_tree && compare_with_base "W=1" W=1; }
