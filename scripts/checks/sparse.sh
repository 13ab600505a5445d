# shellcheck shell=bash
# A step of make check (scripts/check.sh runs it as "step" in a subshell).

# New sparse (C=2) warnings in the objects the series touches.
step() { ensure_tree && compare_with_base "sparse (C=2)" C=2; }
