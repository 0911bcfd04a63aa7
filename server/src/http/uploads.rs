//! Files people upload and the pictures they are turned into:
//!
//! - `GET /files/{key}`: a stored picture, only for keys `app::storage` says may be served, as
//!   the type it says, with `X-Content-Type-Options: nosniff`; cached for good, since a new
//!   picture gets a new key.
//! - `POST /settings/avatar`: the settings page's picture form (multipart, field `file`),
//!   without JavaScript: a redirect back to the settings with a greeting or the problem. Its
//!   body may be larger than other forms' (the picture's own limit is checked as it streams
//!   in, so a too-large file gets its message next to the field).
//!
//! The REST API's upload (`POST /api/v1/users/me/avatar`) reads its file with [`file_field`]
//! too.

use app::{
    accounts::{
        MAX_AVATAR_BYTES,
        rules::fields,
        session::{CurrentSession, login_path},
    },
    error::{Error, FieldError, Issue},
    flash::{Flash, cookie_for},
    forms::{Feedback, server::Reply},
    services::Services,
    storage::served_type,
};
use axum::{
    Router,
    body::Body,
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use bytes::{Bytes, BytesMut};

use super::{layers::Limits, same_origin, session};
use crate::state::AppState;

/// How large a picture form's body may be before it is cut off unread.
const PAGE_UPLOAD_BODY_BYTES: usize = 16 * 1024 * 1024;

pub fn router(state: &AppState, limits: Limits) -> Router<AppState> {
    let upload = Router::new()
        .route("/settings/avatar", post(avatar_from_page))
        .route_layer(axum::middleware::from_fn_with_state(
            state.services.clone(),
            session::resolve,
        ))
        .route_layer(axum::middleware::from_fn(same_origin::same_origin_only));
    let upload = Limits {
        max_body_bytes: PAGE_UPLOAD_BODY_BYTES,
        ..limits
    }
    .apply(upload);
    Router::new()
        .route("/files/{*key}", get(file))
        .merge(upload)
}

async fn file(State(services): State<Services>, Path(key): Path<String>) -> Response {
    let Some(content_type) = served_type(&key) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match services.storage.get(&key).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, key, "a stored file could not be read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The bytes of the form's `file` field, read until they pass `limit` (then `TooLarge`).
pub async fn file_field(mut form: Multipart, limit: usize) -> Result<Bytes, Error> {
    let too_large = || Error::TooLarge(FieldError::new(fields::FILE, Issue::ImageTooLarge));
    let unreadable = |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            Error::invalid(fields::FILE, Issue::Required)
        }
    };
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        if field.name() != Some(fields::FILE) {
            continue;
        }
        let mut bytes = BytesMut::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(bytes.freeze());
    }
    Err(Error::invalid(fields::FILE, Issue::Required))
}

/// The settings page's picture form.
async fn avatar_from_page(State(services): State<Services>, request: Request<Body>) -> Response {
    let Some(current) = request
        .extensions()
        .get::<Option<CurrentSession>>()
        .cloned()
        .flatten()
    else {
        return redirect(&login_path("/settings"), None);
    };
    let result = match Multipart::from_request(request, &()).await {
        Ok(form) => match file_field(form, MAX_AVATAR_BYTES).await {
            Ok(upload) => services.accounts.set_avatar(&current.user, upload).await,
            Err(error) => Err(error),
        },
        Err(_) => Err(Error::invalid(fields::FILE, Issue::Required)),
    };
    match result {
        Ok(_) => redirect("/settings", Some(Flash::AvatarSaved)),
        Err(error) => {
            if !error.is_callers_fault() {
                tracing::error!(%error, "a picture could not be saved");
            }
            let back = Reply::back_to("/settings").back_with(&Feedback::of(&error));
            redirect(&back, None)
        }
    }
}

fn redirect(to: &str, flash: Option<Flash>) -> Response {
    let mut response = (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            HeaderValue::from_str(to).unwrap_or_else(|_| HeaderValue::from_static("/settings")),
        )],
    )
        .into_response();
    if let Some(flash) = flash {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie_for(flash));
    }
    response
}
