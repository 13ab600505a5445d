# linux-pvh: the PVH direct-boot series for Linux and the bench that
# builds, boots and measures it. See README.md.

SHELL := /bin/bash
PVH_CACHE ?= $(HOME)/.cache/linux-pvh
export PVH_CACHE

CHECK := scripts/check.sh
CHECK_STEPS := $(shell sed -e '/^[#]/d' -e '/^$$/d' -e 's/\t.*//' scripts/checks/steps)

.PHONY: all boot check bench census cover-numbers matrix-base deps base tree export sync \
	fresh readme $(addprefix check-,$(CHECK_STEPS)) clean help

# The newcomer's first command: build one distro-shaped kernel (the first
# flavour of tools/testing/pvh/matrix) from base + patches/ and boot it in
# every mode: PVH on pc, q35 and microvm, SeaBIOS, OVMF, Xen dom0 and domU.
all boot:
	@PVH_FLAVOURS=$$(awk '!/^#/ && NF {print $$1; exit}' tools/testing/pvh/matrix) $(CHECK) matrix

# The test command: every upstream check, the judge's tests, the boot
# matrix, the legacy cases and the self-test (KTAP, "N passed, N failed").
check:
	@$(CHECK)

# One step of the test command: check-am, check-sync, check-checkpatch, ...
$(addprefix check-,$(CHECK_STEPS)): check-%:
	@$(CHECK) $*

# The boot matrix of the unpatched base (expected failures:
# tools/testing/pvh/expected-failures.base).
matrix-base:
	@PVH_TREE=$(PVH_CACHE)/trees/base $(CHECK) matrix

# Boot-time ratios, patched against base and PVH against native, exact
# under icount; writes patches/bench-report.txt (commit it).
bench:
	@scripts/bench.sh

# Put patches/bench-report.txt's numbers into the cover letter (the work
# tree's branch description); then make export.
cover-numbers:
	@desc=$$(mktemp) && \
	git -C $(PVH_CACHE)/trees/linux config branch.pvh.description >$$desc && \
	scripts/cover-numbers patches/bench-report.txt $$desc && \
	git -C $(PVH_CACHE)/trees/linux config branch.pvh.description "$$(cat $$desc)"; \
	rc=$$?; rm -f $$desc; exit $$rc

# Legacy-I/O census: accesses to each PC legacy port range per boot, base
# against patched, from QEMU's trace of the guest's device accesses.
census:
	@scripts/census.sh

# Prove the two commands on a fresh Debian 12 (debootstrap minbase, as
# root): clone this repo into it, run make and make check there.
fresh:
	@scripts/fresh.sh

# Regenerate the README's tables from their sources (check steps, boot
# modes, flavours).
readme:
	@scripts/readme-tables --write README.md

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
	rm -rf $(PVH_CACHE)/matrix $(PVH_CACHE)/legacy $(PVH_CACHE)/bench $(PVH_CACHE)/census \
		$(PVH_CACHE)/census.txt $(PVH_CACHE)/results

# This list: each target with the comment above it.
help:
	@awk '/^#/ { c = c substr($$0, 3) " " } /^[$$(a-z][a-zA-Z0-9 ,()$$-]*:/ && c { \
		split($$0, t, ":"); printf "  %-14s %s\n", t[1], c } !/^#/ { c = "" }' Makefile
