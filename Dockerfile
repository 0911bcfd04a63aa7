# syntax=docker/dockerfile:1
# Multi-stage build: a Rust builder with cargo-leptos, then a slim runtime that holds only the
# server binary and the site it serves. Build with `docker build -t hearth .`.
#
# The builder stage's RUN commands are run by `make test` too (.ci/dockerfile-build-stage runs
# them in the checkout, since base images cannot be pulled there), so they cannot rot unseen.

# The npm build tools (tailwind, wasm-opt) want Node.js 20 or later; bookworm ships 18.
FROM node:20-bookworm-slim AS node

FROM rust:1.95-bookworm AS builder
ARG CARGO_LEPTOS_VERSION=0.3.10
WORKDIR /build

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# node, and npm and npx as the links into node_modules that the node image has.
COPY --from=node /usr/local/bin /usr/local/bin
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
COPY Cargo.lock ./
RUN rustup target add wasm32-unknown-unknown \
 && cargo install cargo-leptos --version "${CARGO_LEPTOS_VERSION}" --locked \
 && cargo install wasm-bindgen-cli --version "=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)"

COPY package.json package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

COPY . .
# Swagger UI for /api/docs comes from npm, like the other front-end tools.
RUN mkdir -p public/api-docs/vendor \
 && cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css public/api-docs/vendor/
# `--split`: islands marked `lazy` go into chunks of their own, loaded by the pages that have
# them (the `lazy` code cannot load without it).
RUN PATH="$PWD/node_modules/.bin:${PATH}" cargo leptos build --release --precompress --split --cargo-locked

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /app --uid 10001 hearth
WORKDIR /app

COPY --from=builder --chown=hearth:hearth /build/target/release/server /app/server
COPY --from=builder --chown=hearth:hearth /build/target/release/hash.txt /app/hash.txt
COPY --from=builder --chown=hearth:hearth /build/target/site /app/site

USER 10001
ENV HEARTH_ENV=production \
    LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    LEPTOS_SITE_ROOT=/app/site \
    DATABASE_URL=sqlite:///app/data/hearth.db?mode=rwc \
    HEARTH_STORAGE_DIR=/app/data/storage \
    HEARTH_OUTBOX_DIR=/app/data/outbox \
    RUST_LOG=info
RUN mkdir -p /app/data
VOLUME ["/app/data"]
EXPOSE 3000

HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["curl", "--fail", "--silent", "--show-error", "http://127.0.0.1:3000/healthz"]

# The server handles SIGTERM itself: in-flight requests finish, then it exits 0.
ENTRYPOINT ["/app/server"]
CMD ["serve"]
