# linux-pvh: the PVH direct-boot series for Linux and the bench that
# builds, boots and measures it. See README.md.

SHELL := /bin/bash
PVH_CACHE ?= $(HOME)/.cache/linux-pvh
export PVH_CACHE

CHECK := scripts/check.sh
# The bases (scripts/bases): mainline first, then the backports.
BASES := $(shell awk '!/^\#/ && NF {print $$1}' scripts/bases)
MAINLINE := $(firstword $(BASES))
# Run CMD once for each base, with PVH_BASE set: $(call each-base,CMD)
each-base = for b in $(BASES); do PVH_BASE=$$b $(1) || exit 1; done
CHECK_STEPS := $(shell sed -e '/^[#]/d' -e '/^$$/d' -e 's/\t.*//' scripts/checks/steps)

.PHONY: all boot check bench census cover-numbers matrix-base deps base tree export sync \
	fresh readme $(addprefix check-,$(CHECK_STEPS)) clean help

# The newcomer's first command: build one distro-shaped kernel (the first
# flavour of tools/testing/pvh/matrix) from base + patches/ and boot it in
# every mode of the first row of tools/testing/pvh/matrix (PVH on pc, q35
# and microvm, SeaBIOS, OVMF, Xen PVH and PV dom0, Xen domU, LA57).
all boot:
	@PVH_FLAVOURS=$$(awk '!/^#/ && NF {print $$1; exit}' tools/testing/pvh/matrix) $(CHECK) matrix

# The test command: every upstream check, the judge's tests, the boot
# matrix, the legacy and KASLR cases and the self-test (KTAP, "N passed,
# N failed").
check:
	@$(CHECK)

# One step of the test command: check-am, check-sync, check-checkpatch, ...
$(addprefix check-,$(CHECK_STEPS)): check-%:
	@$(CHECK) $*

# The boot matrix of the unpatched mainline base (expected failures:
# tools/testing/pvh/expected-failures.base); PVH_BASE=6.12 for the other.
matrix-base:
	@PVH_TREE=$(PVH_CACHE)/$${PVH_BASE:-$(MAINLINE)}/trees/base $(CHECK) matrix

# Boot-time ratios, patched against base and PVH against native, exact
# under icount, on every base; writes each series' bench-report.txt
# (patches/, patches/6.12/; commit them). PVH_BASE=NAME for one base.
bench:
	@$(if $(PVH_BASE),scripts/bench.sh,$(call each-base,scripts/bench.sh))

# Put each bench report's numbers into its series' cover letter (the work
# tree's branch description); then make export.
cover-numbers:
	@$(call each-base,scripts/series.sh cover-numbers)

# Legacy-I/O census: accesses to each PC legacy port range per boot, base
# against patched, from QEMU's trace of the guest's device accesses, on
# every base (PVH_BASE=NAME for one).
census:
	@$(if $(PVH_BASE),scripts/census.sh,$(call each-base,scripts/census.sh))

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

# Unpack each base's pinned linux-source once and commit it (scripts/bases).
base: deps
	@$(call each-base,scripts/base.sh)

# The developer's work trees, one per base: $(PVH_CACHE)/BASE/trees/linux,
# branch pvh (base + git am of that base's series).
tree: base
	@$(call each-base,scripts/series.sh tree)

# Write each work tree's commits back to its series (patches/,
# patches/6.12/).
export:
	@$(call each-base,scripts/series.sh export)

# Fail if a series directory is not what its work tree exports.
sync:
	@$(call each-base,scripts/series.sh check-sync)

# Drop results and reports (the base, the trees and their builds stay).
clean:
	for b in $(BASES); do rm -rf $(PVH_CACHE)/$$b/matrix $(PVH_CACHE)/$$b/legacy $(PVH_CACHE)/$$b/kaslr \
		$(PVH_CACHE)/$$b/bench $(PVH_CACHE)/$$b/census $(PVH_CACHE)/$$b/results; done

# This list: each target with the comment above it.
help:
	@awk '/^#/ { c = c substr($$0, 3) " " } /^[$$(a-z][a-zA-Z0-9 ,()$$-]*:/ && c { \
		split($$0, t, ":"); printf "  %-14s %s\n", t[1], c } !/^#/ { c = "" }' Makefile
