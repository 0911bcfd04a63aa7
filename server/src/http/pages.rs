//! The pages router: the Leptos routes and server functions, and the site's static files with
//! the 404 page behind them. Page and server-function requests carry the browser session
//! (`session::resolve`) and state-changing ones must come from this site (`same_origin`);
//! anonymous requests for pages that are the same for everyone may be answered from memory
//! first (`page_cache`); static files need none of it.

use axum::{Router, extract::Request, response::IntoResponse};
use leptos_axum::{LeptosRoutes, generate_route_list};

use super::{
    assets, layers::Limits, page_cache, same_origin, security_headers::ScriptNonce, session,
};
use crate::state::AppState;

pub fn router(state: &AppState, limits: Limits) -> Router<AppState> {
    let services = state.services.clone();
    let context = move || {
        services.provide();
        // The nonce the response's policy names (`security_headers`), in place of the one Leptos
        // made for the render.
        let nonce = leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<ScriptNonce>().cloned());
        if let Some(ScriptNonce(nonce)) = nonce {
            leptos::prelude::provide_context(nonce);
        }
    };
    let options = state.leptos_options.clone();
    let render_shell = move || app::shell::shell(options.clone());
    let session = axum::middleware::from_fn_with_state(state.services.clone(), session::resolve);

    let pages = Router::new()
        .leptos_routes_with_context(
            state,
            generate_route_list(app::shell::App),
            context.clone(),
            render_shell.clone(),
        )
        .route_layer(session.clone())
        .route_layer(axum::middleware::from_fn(same_origin::same_origin_only))
        .route_layer(axum::middleware::from_fn_with_state(
            state.page_cache.clone(),
            page_cache::serve,
        ));

    let render = leptos_axum::render_app_to_stream_with_context(context, render_shell);
    let not_found = Router::new()
        .fallback(move |request: Request| {
            let render = render.clone();
            async move { render(request).await.into_response() }
        })
        .layer(session);

    limits.apply(pages.merge(assets::router(&state.leptos_options, not_found)))
}
