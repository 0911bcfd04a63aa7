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
//! - `POST /tasks/{id}/attachments`: a task page's upload form (multipart, field `file`), the
//!   file streamed into storage as it arrives. Without JavaScript it ends in a redirect back to
//!   the task; the page's script sends it with `Hearth-Upload: progress` to show a progress bar,
//!   and is answered `{"location": …}` (where the redirect would go) to go there itself.
//! - `GET /attachments/{id}` (the file, always as a download) and `/attachments/{id}/thumbnail`
//!   (an image's small picture), for the members of its workspace.
//!
//! The REST API's uploads read their file with [`file_field`] and [`attach`] too.

use app::{
    accounts::{
        MAX_AVATAR_BYTES, User,
        rules::fields,
        session::{CurrentSession, login_path},
    },
    attachments::{Attachment, Download, FILE_FIELD},
    error::{Error, FieldError, Issue},
    flash::{Flash, cookie_for},
    forms::{Feedback, server::Reply},
    services::Services,
    storage::served_type,
    tasks::server_fns::task_path,
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
use futures::{StreamExt as _, TryStreamExt as _};
use uuid::Uuid;

use super::{layers::Limits, same_origin, session};
use crate::state::AppState;

/// How large a picture form's body may be before it is cut off unread.
const PAGE_UPLOAD_BODY_BYTES: usize = 16 * 1024 * 1024;
/// What a multipart body carries besides its file (boundaries, headers, other fields).
const MULTIPART_OVERHEAD_BYTES: usize = 64 * 1024;
/// The least time an upload is given: a large file on a slow line takes minutes.
const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15 * 60);
/// The header a page's script sends with an upload to be answered in JSON.
const PROGRESS_HEADER: &str = "hearth-upload";

/// The limits of a route that takes an attachment: its body may hold the largest file, and it
/// may take as long as a slow line needs.
pub fn attachment_limits(limits: Limits, max_file_bytes: u64) -> Limits {
    Limits {
        max_body_bytes: usize::try_from(max_file_bytes)
            .unwrap_or(usize::MAX)
            .saturating_add(MULTIPART_OVERHEAD_BYTES),
        timeout: limits.timeout.max(UPLOAD_TIMEOUT),
    }
}

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
    let attach = Router::new()
        .route("/tasks/{id}/attachments", post(attachment_from_page))
        .route_layer(axum::middleware::from_fn_with_state(
            state.services.clone(),
            session::resolve,
        ))
        .route_layer(axum::middleware::from_fn(same_origin::same_origin_only));
    // Twice the largest file: a browser without JavaScript sends a file too large whole, and
    // one up to this size still gets its message next to the field (beyond it, a bare 413).
    let page_limit = state
        .services
        .attachments
        .limits()
        .max_bytes
        .saturating_mul(2);
    let attach = attachment_limits(limits, page_limit).apply(attach);
    let downloads = Router::new()
        .route("/attachments/{id}", get(download_from_page))
        .route("/attachments/{id}/thumbnail", get(thumbnail_from_page))
        .route_layer(axum::middleware::from_fn_with_state(
            state.services.clone(),
            session::resolve,
        ));
    Router::new()
        .route("/files/{*key}", get(file))
        .merge(upload)
        .merge(attach)
        .merge(limits.apply(downloads))
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

/// Streams the `file` field of `form` into a new attachment of `task`. On a problem the rest of
/// the body is read (within the route's limit) before the answer: a browser still sending the
/// file would otherwise see the connection cut instead of the message.
pub async fn attach(
    services: &Services,
    user: &User,
    task: Uuid,
    mut form: Multipart,
) -> Result<Attachment, Error> {
    let too_large = || Error::TooLarge(FieldError::new(FILE_FIELD, Issue::FileTooLarge));
    let unreadable = move |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            Error::invalid(FILE_FIELD, Issue::Required)
        }
    };
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(Error::invalid(FILE_FIELD, Issue::Required)),
            Err(error) => return Err(unreadable(error)),
        };
        if field.name() != Some(FILE_FIELD) {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut chunks = field.map_err(unreadable).boxed();
        let result = services
            .attachments
            .upload(user, task, &name, &mut chunks)
            .await;
        if result.is_err() {
            while let Some(Ok(_)) = chunks.next().await {}
            drop(chunks);
            while let Ok(Some(mut rest)) = form.next_field().await {
                while let Ok(Some(_)) = rest.chunk().await {}
            }
        }
        return result;
    }
}

fn session_of(request: &Request<Body>) -> Option<CurrentSession> {
    request
        .extensions()
        .get::<Option<CurrentSession>>()
        .cloned()
        .flatten()
}

/// A task page's upload form.
async fn attachment_from_page(
    State(services): State<Services>,
    Path(task): Path<String>,
    request: Request<Body>,
) -> Response {
    let with_progress = request.headers().contains_key(PROGRESS_HEADER);
    let back = task_path(&task);
    let Some(current) = session_of(&request) else {
        return redirect(&login_path(&back), None);
    };
    let result = match Uuid::parse_str(task.trim()) {
        Err(_) => Err(Error::NotFound),
        Ok(task) => match Multipart::from_request(request, &()).await {
            Ok(form) => attach(&services, &current.user, task, form).await,
            Err(_) => Err(Error::invalid(FILE_FIELD, Issue::Required)),
        },
    };
    let (to, flash) = match result {
        Ok(_) => (format!("{back}#attachments"), Some(Flash::AttachmentAdded)),
        Err(error) => {
            if !error.is_callers_fault() {
                tracing::error!(%error, "a file could not be attached");
            }
            let to = Reply::back_to(back).back_with(&Feedback::of(&error));
            (to, None)
        }
    };
    if !with_progress {
        return redirect(&to, flash);
    }
    let mut response = axum::Json(serde_json::json!({ "location": to })).into_response();
    if let Some(flash) = flash {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie_for(flash));
    }
    response
}

/// The headers every attachment download carries: its type as recognised, a name to save it
/// under (never shown inline: a file someone uploaded must not run as this site's page), and
/// nothing for a browser to sniff.
pub fn download_headers(
    attachment: &Attachment,
    size: u64,
) -> [(header::HeaderName, HeaderValue); 5] {
    let content_type = HeaderValue::from_str(&attachment.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let ascii: String = attachment
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = app::forms::encode(&attachment.name);
    let disposition = HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CONTENT_LENGTH, HeaderValue::from(size)),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        ),
    ]
}

/// A download's answer: the headers, and the file as it is read from storage.
pub fn download_response(download: Download) -> Response {
    let headers = download_headers(&download.attachment, download.file.size);
    let body = Body::from_stream(download.file.chunks);
    (headers, body).into_response()
}

/// The status a page's download or picture answers a problem with (the body says nothing more
/// than the status: these are files, not pages).
fn file_problem(error: &Error, path: &str) -> Response {
    match error {
        Error::Unauthenticated(_) => redirect(&login_path(path), None),
        error => {
            if !error.is_callers_fault() {
                tracing::error!(%error, "an attachment could not be read");
            }
            StatusCode::from_u16(error.status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response()
        }
    }
}

/// The signed-in person of a page's file request and the attachment it names (a session-less
/// request: `Unauthenticated`; an id that is none: `NotFound`).
fn reader_and_attachment(current: Option<CurrentSession>, id: &str) -> Result<(User, Uuid), Error> {
    let current = current.ok_or(Error::Unauthenticated(app::error::AuthFailure::Missing))?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| Error::NotFound)?;
    Ok((current.user, id))
}

async fn download_from_page(
    State(services): State<Services>,
    Path(id): Path<String>,
    request: Request<Body>,
) -> Response {
    let path = request.uri().path().to_owned();
    let asked = reader_and_attachment(session_of(&request), &id);
    drop(request);
    let result = match asked {
        Ok((user, id)) => services.attachments.download(&user, id).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(download) => download_response(download),
        Err(error) => file_problem(&error, &path),
    }
}

async fn thumbnail_from_page(
    State(services): State<Services>,
    Path(id): Path<String>,
    request: Request<Body>,
) -> Response {
    let path = request.uri().path().to_owned();
    let asked = reader_and_attachment(session_of(&request), &id);
    drop(request);
    let result = match asked {
        Ok((user, id)) => services.attachments.thumbnail(&user, id).await,
        Err(error) => Err(error),
    };
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=86400"),
        ),
    ];
    match result {
        Ok(bytes) => (headers, bytes).into_response(),
        Err(error) => file_problem(&error, &path),
    }
}

/// The settings page's picture form.
async fn avatar_from_page(State(services): State<Services>, request: Request<Body>) -> Response {
    let Some(current) = session_of(&request) else {
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
