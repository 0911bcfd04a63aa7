# syntax=docker/dockerfile:1
# Multi-stage build: a Rust builder with cargo-leptos, then a slim runtime that holds only the
# server binary and the site it serves. Build with `docker build -t hearth .`.

FROM rust:1.95-bookworm AS builder
ARG CARGO_LEPTOS_VERSION=0.3.10
WORKDIR /build

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
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
RUN PATH="/build/node_modules/.bin:${PATH}" cargo leptos build --release --precompress --locked

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
    RUST_LOG=info
RUN mkdir -p /app/data
VOLUME ["/app/data"]
EXPOSE 3000

HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["curl", "--fail", "--silent", "--show-error", "http://127.0.0.1:3000/healthz"]

# The server handles SIGTERM itself: in-flight requests finish, then it exits 0.
ENTRYPOINT ["/app/server"]
CMD ["serve"]
