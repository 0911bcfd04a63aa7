//! `POST /settings/export`: the settings page's "Download my data", a JSON file of everything
//! Hearth keeps about the signed-in person (`app::privacy`). A form post (this site's pages
//! only, like every form) whose answer the browser saves; never stored by a cache.

use app::{
    accounts::session::{CurrentSession, login_path},
    services::Services,
};
use axum::{
    Router,
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::post,
};

use super::{extract::device_of, problem::ApiError, same_origin, session};
use crate::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/settings/export", post(export_from_page))
        .route_layer(axum::middleware::from_fn_with_state(
            state.services.clone(),
            session::resolve,
        ))
        .route_layer(axum::middleware::from_fn(same_origin::same_origin_only))
}

async fn export_from_page(State(services): State<Services>, request: Request<Body>) -> Response {
    let Some(current) = request
        .extensions()
        .get::<Option<CurrentSession>>()
        .cloned()
        .flatten()
    else {
        return Redirect::to(&login_path("/settings")).into_response();
    };
    let device = device_of(request.headers(), request.extensions());
    match services.privacy.export(&current.user, &device).await {
        Ok(document) => download(&document),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// The export as a file to save: `hearth-data-<date>.json`.
pub fn download(document: &serde_json::Value) -> Response {
    let Ok(body) = serde_json::to_vec_pretty(document) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let date = app::db::now().date();
    let disposition = format!("attachment; filename=\"hearth-data-{date}.json\"");
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}
