//! The HTTP surface: three routers, each with the layers it needs, under the layers every
//! request passes through (`layers::around_everything`).
//!
//! - probes and the service worker (`/healthz`, `/readyz`, `/sw.js`): nothing else;
//! - `/api` (`crate::api`): bearer tokens, problem documents, its own limits;
//! - pages (`pages`): Leptos pages and server functions with the browser session and the
//!   same-site check, anonymous visitors' shareable pages from memory (`page_cache`), static
//!   files, and the 404 page for anything no one claims.

mod assets;
pub mod client_address;
pub mod extract;
mod health;
pub mod layers;
pub mod page_cache;
mod page_compression;
mod pages;
pub mod personal_data;
pub mod problem;
pub mod pwa;
mod same_origin;
pub mod security_headers;
mod session;
pub mod uploads;

use axum::{Router, routing::get};

use crate::state::AppState;
use layers::Limits;

pub fn router(state: AppState) -> Router {
    let limits = Limits::from(&*state.config);
    let routes = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/sw.js", get(pwa::service_worker))
        .nest(
            "/api",
            crate::api::router(
                limits,
                uploads::attachment_limits(limits, state.services.attachments.limits().max_bytes),
                state.services.limits.clone(),
                &state.config.cors_origins,
            ),
        )
        .merge(uploads::router(&state, limits))
        .merge(limits.apply(personal_data::router(&state)))
        .merge(pages::router(&state, limits))
        .with_state(state.clone());
    layers::around_everything(routes, &state.config)
}
