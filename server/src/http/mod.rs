//! The HTTP surface: the router and the layers every request passes through.

pub mod api;
mod assets;
mod health;
mod layers;
mod pwa;
mod session;

pub use pwa::ServiceWorker;

use axum::{Router, routing::get};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};

use crate::{config::Environment, state::AppState};
use app::pages::DevelopmentMode;

/// Builds the whole application: probes, the Leptos pages and server functions, and static
/// files, with the page renderer answering any path nothing else claims (the 404 page).
pub fn router(state: AppState) -> Router {
    let leptos_options = state.leptos_options.clone();
    let context = {
        let state = state.clone();
        let development = state.config.environment == Environment::Development;
        move || {
            provide_context(state.db.clone());
            provide_context(state.accounts.clone());
            provide_context(state.session_cookies);
            provide_context(DevelopmentMode(development));
        }
    };
    let render_shell = move || app::shell(leptos_options.clone());

    let routes = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/sw.js", get(pwa::service_worker))
        .nest("/api/v1", api::router())
        .route("/api/docs", get(api::docs_page))
        .leptos_routes_with_context(
            &state,
            generate_route_list(app::App),
            context.clone(),
            render_shell.clone(),
        )
        .merge(assets::router(&state.leptos_options, context, render_shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::resolve,
        ))
        .layer(axum::middleware::from_fn(session::same_origin_only))
        .with_state(state.clone());

    layers::apply(routes, &state.config)
}
