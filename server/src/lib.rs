//! The Hearth server: configuration, the HTTP application, and the start-up that ties them to a
//! database. `main.rs` is the command line around it; integration tests start the same
//! `Application` on port 0.

pub mod api;
pub mod config;
pub mod cpus;
pub mod http;
pub mod seed;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tls;
