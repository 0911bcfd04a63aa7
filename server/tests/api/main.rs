//! Integration tests: the real server on port 0, a fresh database per test, on both engines.

// Test code: a failed unwrap is a failed test with its reason printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cable;
mod helpers;
mod http;

mod accounts;
mod admin;
mod api_tokens;
mod attachments;
mod audit;
mod authorization;
mod avatars;
mod cli;
mod health;
mod jobs;
mod locale;
mod mail;
mod openapi;
mod page_cache;
mod pages;
mod password_reset;
mod privacy;
mod pwa;
mod rate_limits;
mod refresh;
mod security_headers;
mod sessions;
mod settings;
mod tasks;
mod theme;
mod tls;
mod verification;
mod workspaces;
