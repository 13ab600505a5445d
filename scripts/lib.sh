# Common settings for the linux-pvh scripts. Sourced, never run.
# shellcheck shell=bash

# The pinned base: Debian's linux-source-6.12 at this exact version.
: "${PVH_BASE_VERSION:=6.12.117-1~deb12u1}"
# The commit scripts/base.sh makes of it, the same on every machine.
PVH_BASE_COMMIT=09e2322cb6912e449980bc2af4cc46b4c2d0b7a8
# Everything heavy lives outside the repository.
: "${PVH_CACHE:=$HOME/.cache/linux-pvh}"
: "${PVH_JOBS:=$(nproc)}"

PVH_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PVH_BASE_REPO=$PVH_CACHE/base.git
PVH_TREES=$PVH_CACHE/trees
PVH_PATCHES=${PVH_PATCHES:-$PVH_TOP/patches}
PVH_HARNESS=$PVH_TOP/tools/testing/pvh

export CCACHE_DIR=${CCACHE_DIR:-$PVH_CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# Work trees of the same base share ccache entries only with relative paths.
export CCACHE_BASEDIR=$PVH_TREES
export CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
# Reproducible build stamps: ccache hits across trees, identical vmlinux for
# identical sources.
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
export KBUILD_BUILD_USER=pvh KBUILD_BUILD_HOST=linux-pvh
# Fixed identity for the commits the scripts make (base, git am).
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-Linux PVH Team}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-linux-pvh@example.org}

# The git tag of the base commit (a tag name cannot hold '~').
pvh_base_tag() { echo "debian/${PVH_BASE_VERSION//\~/_}"; }

say()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
