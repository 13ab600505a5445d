# linux-pvh: the PVH direct-boot series for Linux 6.12 and the bench that
# builds, boots and measures it. See README.md.

SHELL := /bin/bash
PVH_CACHE ?= $(HOME)/.cache/linux-pvh
export PVH_CACHE

CHECK := scripts/check.sh
CHECK_STEPS := am sync checkpatch bisect w1 sparse kerneldoc docs maintainers xenfree \
	b4 cover debian matrix legacy selftest

.PHONY: all boot check bench census cover-numbers matrix-base deps base tree export sync $(addprefix check-,$(CHECK_STEPS)) clean help

# The newcomer's first command: build the default flavour (x86_64 PVH, no
# Xen) from base + patches/ and boot it in every mode.
all boot:
	@PVH_FLAVOURS=x86_64-pvh $(CHECK) matrix

# The test command: every upstream check, then the full boot matrix.
check:
	@$(CHECK)

# One step of the test command: check-am, check-sync, check-checkpatch, ...
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

# Put the last make bench's numbers into the cover letter (the work tree's
# branch description); then make export.
cover-numbers:
	@desc=$$(mktemp) && \
	git -C $(PVH_CACHE)/trees/linux config branch.pvh.description >$$desc && \
	scripts/cover-numbers $(PVH_CACHE)/bench/report.txt $$desc && \
	git -C $(PVH_CACHE)/trees/linux config branch.pvh.description "$$(cat $$desc)"; \
	rc=$$?; rm -f $$desc; exit $$rc

# Legacy-I/O census: accesses to each PC legacy port range per boot, base
# against patched, from QEMU's trace of the guest's device accesses.
census:
	@$(CHECK) census

# Install what the project needs (Debian packages, as root).
deps:
	@scripts/deps.sh

# Unpack the pinned linux-source-6.12 once and commit it as the base.
base: deps
	@scripts/base.sh

# The developer's work tree: $(PVH_CACHE)/trees/linux, branch pvh.
tree: base
	@scripts/series.sh tree

# Write the work tree's commits back to patches/.
export:
	@scripts/series.sh export

# Fail if patches/ is not what the work tree exports.
sync:
	@scripts/series.sh check-sync

# Drop results and reports (the base, the trees and their builds stay).
clean:
	rm -rf $(PVH_CACHE)/matrix $(PVH_CACHE)/legacy $(PVH_CACHE)/bench $(PVH_CACHE)/results

# This list: each target with the comment above it.
help:
	@awk '/^#/ { c = c substr($$0, 3) " " } /^[$$(a-z][a-zA-Z0-9 ,()$$-]*:/ && c { \
		split($$0, t, ":"); printf "  %-14s %s\n", t[1], c } !/^#/ { c = "" }' Makefile
