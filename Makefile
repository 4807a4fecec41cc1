# Tally — two commands do all set-up on a fresh machine:
#   make demo   installs what is missing, builds, runs the pipeline on an embedded Kafka
#   make test   installs what is missing, builds, runs every test (unit, integration, end-to-end, deploy)
# Other targets: make bench (performance, release build), make fuzz, make build, make clean,
#   make format (rewrite sources with swift format, .swift-format) and make lint (report what format would change).

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# prometheus: Debian's package ships prometheus and promtool (2.42 on bookworm) for the deploy tests.
APT_PACKAGES := librdkafka-dev libxml2-dev pkg-config curl prometheus
# The Swift toolchain must be on PATH (https://www.swift.org/install); everything else is installed here.

.PHONY: all build demo test bench fuzz deps deps-system deps-python deps-bench clean format lint

all: build

## Dependencies -------------------------------------------------------------

# System libraries from the distribution: librdkafka (Kafka) and libxml2 (its HTML parser reads
# crawled pages); prometheus and promtool for the deploy tests. No service is started: the tests
# run their own Prometheus.
deps-system:
	@command -v $(SWIFT) >/dev/null || { echo "Swift is not installed: see https://www.swift.org/install (Swift 6.x)"; exit 1; }
	@if ! pkg-config --exists rdkafka 2>/dev/null || ! pkg-config --exists libxml-2.0 2>/dev/null || ! command -v curl >/dev/null || ! command -v promtool >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null; then \
	    echo "installing $(APT_PACKAGES)"; \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	  else \
	    echo "missing librdkafka-dev, libxml2-dev or prometheus; run: sudo apt-get install -y $(APT_PACKAGES)"; exit 1; \
	  fi; \
	fi

# Python tools for the tests (noida-db broker, jsonschema, pytest …), pinned in requirements-test.txt.
deps-python:
	@command -v $(PYTHON) >/dev/null || { echo "python3 is missing; run: sudo apt-get install -y python3 python3-pip"; exit 1; }
	@$(PYTHON) scripts/check_requirements.py requirements-test.txt || \
	  $(PYTHON) -m pip install -q -r requirements-test.txt || \
	  $(PYTHON) -m pip install -q --break-system-packages -r requirements-test.txt || \
	  { echo "could not install the test tools; run: $(PYTHON) -m pip install -r requirements-test.txt"; exit 1; }

deps-bench: deps-python
	@$(PYTHON) scripts/check_requirements.py requirements-bench.txt || $(PYTHON) -m pip install -q -r requirements-bench.txt || \
	  $(PYTHON) -m pip install -q --break-system-packages -r requirements-bench.txt

deps: deps-system deps-python

## Build, demo, test -------------------------------------------------------

build: deps-system
	$(SWIFT) build --product tally

demo: deps-system
	$(SWIFT) build --product tally
	.build/debug/tally demo

test: deps
	$(SWIFT) build --build-tests
	@# Serial on purpose: Kafka tests block in librdkafka calls, and parallel blocking tests starve the
	@# cooperative thread pool (as wide as the core count) that async tests and the HTTP server need.
	$(SWIFT) test --skip-build --no-parallel
	$(PYTHON) -m pytest -q Tests/deploy

## Performance (release build; figures are ratios against a baseline run in the same script) --

bench: deps deps-bench
	$(SWIFT) build -c release --product MetricParserBench
	$(SWIFT) build -c release --product PipelineBench
	$(SWIFT) build -c release --product tally
	$(PYTHON) bench/parser_vs_jionlp.py .build/release/MetricParserBench --tally .build/release/tally
	$(PYTHON) bench/html_bench.py .build/release/MetricParserBench
	$(PYTHON) bench/pipeline_bench.py .build/release/PipelineBench

fuzz: deps-system
	$(SWIFT) test --filter "Fuzz"

## Formatting (the toolchain's swift-format; style in .swift-format: 4 spaces, 120 columns) --

FORMAT_PATHS := Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMAT_PATHS)

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMAT_PATHS)

clean:
	rm -rf .build
