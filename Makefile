# Rookery: `make run` starts a server on the embedded defaults; `make test` runs everything.

# Builds stay incremental across clones (CI clones afresh each run).
CARGO_TARGET_DIR ?= $(HOME)/.cache/rookery-target
export CARGO_TARGET_DIR
# Test tools from PyPI (tests/requirements.txt: an SMTP server, an S3-compatible server),
# kept outside the clone like the build.
TEST_VENV ?= $(HOME)/.cache/rookery-test-venv
export ROOKERY_TEST_PYTHON := $(TEST_VENV)/bin/python
# A real ActivityPub peer built on Fedify (npm), pinned by its package-lock.json; its
# node_modules stay in the clone, the downloads in npm's own cache.
FEDIFY_PEER := tests/peers/fedify
export ROOKERY_TEST_FEDIFY_PEER := $(CURDIR)/$(FEDIFY_PEER)
# The web client (TypeScript, Vite, Relay), pinned by its package-lock.json; `make frontend`
# writes frontend/dist, which the server embeds.
FRONTEND := frontend
# Debian's Chromium, which the web client's browser tests drive.
CHROMIUM ?= /usr/bin/chromium
CARGO ?= cargo
SHELL := /bin/bash
# cargo-deny, installed from crates.io by `make deny` when missing, kept outside the clone.
TOOLS_ROOT ?= $(HOME)/.cache/rookery-tools
CARGO_DENY_VERSION := 0.20.2
CARGO_DENY := $(TOOLS_ROOT)/bin/cargo-deny
# Seconds each fuzz target runs: `make fuzz` (release), and the short pass of `make test`.
FUZZ_SECONDS ?= 60
FUZZ_SHORT_SECONDS ?= 1

.PHONY: frontend frontend-check frontend-deps frontend-e2e browser-tools bench bench-inbox bench-media bench-fanout bench-live bench-timeline bench-web screenshots run build test fmt-check clippy dependency-direction deny deny-tool services test-tools unit-and-integration fuzz fuzz-short schema

## run: build the web client, then the server that embeds it, and start `rookery serve` on
## http://localhost:8080 (SQLite in ./data)
run: frontend build
	$(CARGO_TARGET_DIR)/debug/rookery serve

build:
	$(CARGO) build -p rookery-server --bin rookery

## test: formatting, lints, the dependency direction, the web client's checks, then every test
## on SQLite and PostgreSQL, then the web client's browser tests (the client is built before
## the server, which embeds it)
test: fmt-check clippy dependency-direction deny services test-tools frontend-check frontend fuzz-short unit-and-integration frontend-e2e

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

dependency-direction:
	python3 scripts/check-dependency-direction.py

## deny: licenses, banned and duplicate crates, and sources of the dependency tree (deny.toml);
## `$(CARGO_DENY) check advisories` also reads the advisory database, which needs GitHub
deny: deny-tool
	$(CARGO_DENY) --log-level error check licenses bans sources

deny-tool:
	@$(CARGO_DENY) --version 2>/dev/null | grep -qx 'cargo-deny $(CARGO_DENY_VERSION)' \
	  || $(CARGO) install --locked --quiet cargo-deny --version $(CARGO_DENY_VERSION) --root $(TOOLS_ROOT)

services:
	bash scripts/test-services.sh

## test-tools: a Python virtualenv with tests/requirements.txt (aiosmtpd, the SMTP server
## mail tests send to; moto, the S3-compatible server media tests store in) and the Fedify
## peer's npm packages; each again only when its pinned list changed
test-tools:
	@cmp -s tests/requirements.txt $(TEST_VENV)/.installed-requirements.txt \
	  || { python3 -m venv $(TEST_VENV) && $(TEST_VENV)/bin/pip install --quiet -r tests/requirements.txt \
	       && cp tests/requirements.txt $(TEST_VENV)/.installed-requirements.txt; }
	@cmp -s $(FEDIFY_PEER)/package-lock.json $(FEDIFY_PEER)/node_modules/.installed-lock.json \
	  || { cd $(FEDIFY_PEER) && npm ci --loglevel=error --no-audit --no-fund --prefer-offline \
	       && cp package-lock.json node_modules/.installed-lock.json; }

## frontend: install the web client's npm packages (again only when its lock changed), then
## generate its Relay artifacts and build it into frontend/dist
frontend: frontend-deps
	cd $(FRONTEND) && npm run build

## frontend-check: the web client's types, lints, GraphQL documents against schema.graphql, unit tests
frontend-check: frontend-deps
	cd $(FRONTEND) && npm run check

frontend-deps:
	@cmp -s $(FRONTEND)/package-lock.json $(FRONTEND)/node_modules/.installed-lock.json \
	  || { cd $(FRONTEND) && npm ci --loglevel=error --no-audit --no-fund --prefer-offline \
	       && cp package-lock.json node_modules/.installed-lock.json; }

## browser-tools: Debian's Chromium for the browser tests, when missing
browser-tools:
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium; }

## frontend-e2e: the web client's browser tests against a real `rookery serve` (built after the
## client, which it embeds)
frontend-e2e: frontend build browser-tools
	cd $(FRONTEND) && ROOKERY_BIN=$(CARGO_TARGET_DIR)/debug/rookery CHROMIUM=$(CHROMIUM) npm run e2e

## screenshots: the main pages at 390 and 1280 px wide, light and dark, into frontend/screenshots/
screenshots: frontend build browser-tools
	cd $(FRONTEND) && ROOKERY_BIN=$(CARGO_TARGET_DIR)/debug/rookery CHROMIUM=$(CHROMIUM) npm run screenshots

unit-and-integration: build
	set -o pipefail; $(CARGO) test --workspace 2>&1 | tee $(CARGO_TARGET_DIR)/test-output.txt
	@awk -f scripts/test-summary.awk $(CARGO_TARGET_DIR)/test-output.txt

## fuzz: every fuzz target for FUZZ_SECONDS each (release build); findings are saved under
## $(CARGO_TARGET_DIR)/fuzz-findings and make it fail
fuzz:
	$(CARGO) build --release -p rookery-fuzz
	$(CARGO_TARGET_DIR)/release/rookery-fuzz --seconds $(FUZZ_SECONDS) --findings $(CARGO_TARGET_DIR)/fuzz-findings

fuzz-short:
	$(CARGO) build -p rookery-fuzz
	$(CARGO_TARGET_DIR)/debug/rookery-fuzz --seconds $(FUZZ_SHORT_SECONDS) --slow-ms 60000 --findings $(CARGO_TARGET_DIR)/fuzz-findings

## schema: rewrite schema.graphql from the code
schema:
	UPDATE_SCHEMA=1 $(CARGO) test -p rookery-server --test integration schema

## bench: build release binaries and measure posting and timeline reads (SQLite; add BENCH_ARGS="--database-url postgres://…")
bench:
	$(CARGO) build --release -p rookery-server -p rookery-bench
	$(CARGO_TARGET_DIR)/release/rookery-bench $(BENCH_ARGS)

## bench-inbox: signed Create(Note) from 100 remote actors posted concurrently; accepted/s and p99 (add BENCH_ARGS as for bench)
bench-inbox:
	$(CARGO) build --release -p rookery-server -p rookery-bench
	$(CARGO_TARGET_DIR)/release/rookery-inbox $(BENCH_ARGS)

## bench-media: a 12-megapixel JPEG made upright, stripped, bounded, thumbnailed and blurhashed; p50 and pictures/s
bench-media:
	$(CARGO) build --release -p rookery-bench --bin rookery-media
	$(CARGO_TARGET_DIR)/release/rookery-media $(BENCH_ARGS)

## bench-fanout: one post to 10,000 remote followers on 1,000 loopback hosts; deliveries/s against the signing rate
bench-fanout:
	$(CARGO) build --release -p rookery-server -p rookery-bench
	$(CARGO_TARGET_DIR)/release/rookery-fanout

## bench-live: 10,000 subscriptions on two processes (PostgreSQL + Redis); latency from createStatus to delivery
bench-live:
	$(CARGO) build --release -p rookery-server -p rookery-bench
	$(CARGO_TARGET_DIR)/release/rookery-live

## bench-web: the web client in Chromium on the database of bench-timeline: first 40 posts painted, long tasks while scrolling 2,000, live post latency (BENCH_ARGS="--reuse sqlite:///…/rookery.db" to skip seeding)
bench-web: frontend browser-tools
	$(CARGO) build --release -p rookery-server -p rookery-bench
	$(CARGO_TARGET_DIR)/release/rookery-web $(BENCH_ARGS)

## bench-timeline: homeTimeline(first: 40) at 64 clients over 10,000 accounts and 1,000,000 statuses, against raw SQL (SQLite and PostgreSQL; BENCH_ARGS="--backend postgres" for one)
bench-timeline:
	$(CARGO) build --release -p rookery-server -p rookery-bench
	$(CARGO_TARGET_DIR)/release/rookery-timeline $(BENCH_ARGS)
