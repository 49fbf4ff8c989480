# Rookery: `make run` starts a server on the embedded defaults; `make test` runs everything.

# Builds stay incremental across clones (CI clones afresh each run).
CARGO_TARGET_DIR ?= $(HOME)/.cache/rookery-target
export CARGO_TARGET_DIR
CARGO ?= cargo

.PHONY: bench run build test fmt-check clippy dependency-direction services unit-and-integration schema

## run: build and start `rookery serve` on http://localhost:8080 (SQLite in ./data)
run: build
	$(CARGO_TARGET_DIR)/debug/rookery serve

build:
	$(CARGO) build -p rookery-server --bin rookery

## test: formatting, lints, the dependency direction, then every test on SQLite and PostgreSQL
test: fmt-check clippy dependency-direction services unit-and-integration

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

dependency-direction:
	python3 scripts/check-dependency-direction.py

services:
	bash scripts/test-services.sh

unit-and-integration: build
	$(CARGO) test --workspace

## schema: rewrite schema.graphql from the code
schema:
	UPDATE_SCHEMA=1 $(CARGO) test -p rookery-server --test integration schema

## bench: build release binaries and measure posting and timeline reads (SQLite; add BENCH_ARGS="--database-url postgres://…")
bench:
	$(CARGO) build --release -p rookery-server -p rookery-bench
	$(CARGO_TARGET_DIR)/release/rookery-bench $(BENCH_ARGS)
