# linux-pvh: the PVH direct-boot series for Linux 6.12 and the bench that
# builds, boots and measures it. See README.md.

SHELL := /bin/bash
PVH_CACHE ?= $(HOME)/.cache/linux-pvh
export PVH_CACHE

CHECK := scripts/check.sh
CHECK_STEPS := am sync checkpatch bisect w1 sparse kerneldoc debian matrix selftest

.PHONY: all boot check bench matrix-base deps base tree export sync $(addprefix check-,$(CHECK_STEPS)) clean help

# The newcomer's first command: build the default flavour (x86_64 PVH, no
# Xen) from base + patches/ and boot it in every mode.
all boot:
	@PVH_FLAVOURS=x86_64-pvh $(CHECK) matrix

# The test command: every upstream check, then the full boot matrix.
check:
	@$(CHECK)

$(addprefix check-,$(CHECK_STEPS)): check-%:
	@$(CHECK) $*

# The boot matrix of the unpatched base (expected failures:
# tools/testing/pvh/expected-failures.base).
matrix-base:
	@PVH_TREE=$(PVH_CACHE)/trees/base $(CHECK) matrix

# Boot-to-init times, patched against base and PVH against native, as
# ratios measured in one run; report in $(PVH_CACHE)/bench/report.txt.
bench:
	@$(CHECK) bench

deps:
	@scripts/deps.sh

base: deps
	@scripts/base.sh

# The developer's work tree: $(PVH_CACHE)/trees/linux, branch pvh.
tree: base
	@scripts/series.sh tree

export:
	@scripts/series.sh export

sync:
	@scripts/series.sh check-sync

clean:
	rm -rf $(PVH_CACHE)/matrix $(PVH_CACHE)/bench $(PVH_CACHE)/results

help:
	@sed -n 's/^## //p' README.md
