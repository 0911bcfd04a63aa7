//! `/api/v1/users/me…`: a signed-in person's own account, with a bearer token. The handlers
//! only translate between HTTP and `app::accounts::Accounts`; each route is declared once, in
//! `routes`, and documented by the same declaration.

use app::{
    accounts::{MAX_AVATAR_BYTES, SessionSummary},
    error::Error,
    services::Services,
};
use axum::{
    Json,
    extract::{Multipart, Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{BodyProblems, PROBLEM, Throttled, accounts::UserResponse, audit::AuditEntryResponse};
use crate::http::{
    extract::{ApiJson, Caller, ClientDevice},
    problem::{ApiError, Problem},
    uploads::file_field,
};

pub fn routes<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Services: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(me, update_me, delete_me))
        .routes(routes!(export_me))
        .routes(routes!(change_password))
        .routes(routes!(change_email))
        .routes(routes!(upload_avatar, remove_avatar))
        .routes(routes!(sessions, end_other_sessions))
        .routes(routes!(end_session))
        .routes(routes!(my_activity))
}

// Missing fields read as empty, so they are answered as "required" next to their name.

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct UpdateMeRequest {
    /// The name other people see.
    #[schema(required = true, example = "Ann Lee", min_length = 1, max_length = 100)]
    pub name: String,
}

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct ChangePasswordRequest {
    #[schema(required = true, min_length = 1)]
    pub current_password: String,
    /// Under the same rules as at registration.
    #[schema(
        required = true,
        example = "willow teapot orbit fennel",
        min_length = 10,
        max_length = 128
    )]
    pub new_password: String,
}

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct ChangeEmailRequest {
    /// The address to move the account to.
    #[schema(
        required = true,
        example = "ann.lee@example.org",
        min_length = 3,
        max_length = 254
    )]
    pub email: String,
    /// The account's password.
    #[schema(required = true, min_length = 1)]
    pub password: String,
}

/// A picture, as a multipart form.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // Only read by the OpenAPI description.
pub struct AvatarUpload {
    /// PNG, JPEG or WebP (told by the content), at most 2 MB. It is cropped to a square,
    /// resized and stored as a JPEG; the original is not kept.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// One of the person's logins that is still alive.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SessionResponse {
    /// The login's id, for ending it.
    pub id: Uuid,
    /// The browser its User-Agent names, if it names one.
    #[schema(example = "Firefox")]
    pub browser: Option<String>,
    /// The operating system its User-Agent names, if it names one.
    #[schema(example = "Linux")]
    pub os: Option<String>,
    /// The client's IP address when the login last refreshed its tokens.
    #[schema(example = "203.0.113.7")]
    pub ip: String,
    /// When the login began.
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// When it last refreshed its tokens (at least every 15 minutes while in use).
    #[serde(with = "time::serde::rfc3339")]
    pub last_active_at: OffsetDateTime,
    /// Whether this is the login of the token making the request.
    pub current: bool,
}

impl From<SessionSummary> for SessionResponse {
    fn from(session: SessionSummary) -> Self {
        Self {
            id: session.id,
            browser: session.browser,
            os: session.os,
            ip: session.ip,
            started_at: session.started_at,
            last_active_at: session.last_active,
            current: session.current,
        }
    }
}

/// The user the bearer token speaks for.
#[utoipa::path(
    get, path = "/users/me", tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = UserResponse),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
    )
)]
async fn me(caller: Caller) -> Json<UserResponse> {
    Json(caller.user.into())
}

/// Change the name other people see.
#[utoipa::path(
    patch, path = "/users/me", tag = "users",
    security(("bearer" = [])),
    request_body = UpdateMeRequest,
    responses(
        (status = 200, description = "The user, changed", body = UserResponse),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The name is missing or too long", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn update_me(
    State(services): State<Services>,
    caller: Caller,
    ApiJson(request): ApiJson<UpdateMeRequest>,
) -> Result<Json<UserResponse>, ApiError> {
    let user = services
        .accounts
        .rename(&caller.user, &request.name)
        .await?;
    Ok(Json(user.into()))
}

/// Change the password, given the current one. Every other session ends.
#[utoipa::path(
    post, path = "/users/me/password", tag = "users",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "The password is changed; every other session has ended"),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The current password is wrong or the new one not acceptable (messages on `current_password` and `new_password`)", body = Problem, content_type = PROBLEM),
        BodyProblems,
        Throttled,
    )
)]
async fn change_password(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<ChangePasswordRequest>,
) -> Result<StatusCode, ApiError> {
    services
        .accounts
        .change_password(
            &caller.user,
            caller.family,
            &request.current_password,
            &request.new_password,
            &device,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Move the account to another address: a letter with a link goes there (the change happens
/// when it is opened, through `/auth/email-change/confirm`), and a notice to the current one.
#[utoipa::path(
    post, path = "/users/me/email", tag = "users",
    security(("bearer" = [])),
    request_body = ChangeEmailRequest,
    responses(
        (status = 202, description = "The letter to the new address is on its way"),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
        (status = 409, description = "Another account has that address", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The address is not one, or is this account's already, or the password is wrong (messages on `email` and `password`)", body = Problem, content_type = PROBLEM),
        BodyProblems,
        Throttled,
    )
)]
async fn change_email(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<ChangeEmailRequest>,
) -> Result<StatusCode, ApiError> {
    services
        .accounts
        .request_email_change(&caller.user, &request.email, &request.password, &device)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Choose a picture. The answer's `avatar_url` is where it is served.
#[utoipa::path(
    post, path = "/users/me/avatar", tag = "users",
    security(("bearer" = [])),
    request_body(content = AvatarUpload, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The user, with the new picture", body = UserResponse),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
        (status = 413, description = "The file is larger than 2 MB (a message on `file`)", body = Problem, content_type = PROBLEM),
        (status = 422, description = "No file, or not a PNG, JPEG or WebP image that can be read (a message on `file`)", body = Problem, content_type = PROBLEM),
    )
)]
async fn upload_avatar(
    State(services): State<Services>,
    caller: Caller,
    form: Multipart,
) -> Result<Json<UserResponse>, ApiError> {
    let upload = file_field(form, MAX_AVATAR_BYTES).await?;
    let user = services.accounts.set_avatar(&caller.user, upload).await?;
    Ok(Json(user.into()))
}

/// Remove the picture.
#[utoipa::path(
    delete, path = "/users/me/avatar", tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The picture is gone"),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
    )
)]
async fn remove_avatar(
    State(services): State<Services>,
    caller: Caller,
) -> Result<StatusCode, ApiError> {
    services.accounts.remove_avatar(&caller.user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The person's logins that are still alive, most recently active first.
#[utoipa::path(
    get, path = "/users/me/sessions", tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The live sessions", body = [SessionResponse]),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
    )
)]
async fn sessions(
    State(services): State<Services>,
    caller: Caller,
) -> Result<Json<Vec<SessionResponse>>, ApiError> {
    let sessions = services
        .accounts
        .sessions(caller.user.id, caller.family)
        .await?;
    Ok(Json(sessions.into_iter().map(Into::into).collect()))
}

/// End one of the person's sessions (a lost laptop's, say); its tokens stop working at once.
/// Ending the current one is logging out.
#[utoipa::path(
    delete, path = "/users/me/sessions/{id}", tag = "users",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The session's id, from the list")),
    responses(
        (status = 204, description = "The session has ended"),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No live session of this person has that id", body = Problem, content_type = PROBLEM),
    )
)]
async fn end_session(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    // Something that is not an id names no session: the same answer as an unknown one.
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    services
        .accounts
        .end_session_of(caller.user.id, id, &device)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// End every session of the person but the one making the request.
#[utoipa::path(
    delete, path = "/users/me/sessions", tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Every other session has ended"),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
    )
)]
async fn end_other_sessions(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
) -> Result<StatusCode, ApiError> {
    services
        .accounts
        .end_other_sessions(caller.user.id, caller.family, &device)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The person's latest security events, newest first, as their settings show them: sign-ins
/// (and failed attempts on their account), changes, ended sessions.
#[utoipa::path(
    get, path = "/users/me/activity", tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The latest events, newest first", body = [AuditEntryResponse]),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
    )
)]
async fn my_activity(
    State(services): State<Services>,
    caller: Caller,
) -> Result<Json<Vec<AuditEntryResponse>>, ApiError> {
    let entries = services
        .audit
        .about(caller.user.id, app::accounts::server_fns::RECENT_ACTIVITY)
        .await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|entry| entry.as_seen_by(caller.user.id).into())
            .collect(),
    ))
}

/// What deleting an account needs.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DeleteAccountRequest {
    /// The account's password.
    #[schema(example = "copper kettle rain lantern")]
    password: String,
}

/// Delete the account: the picture and every session go, then the account itself. The audit
/// log keeps its entries about it, naming only its id, which then names no one. The last active
/// admin cannot delete their account.
#[utoipa::path(
    delete, path = "/users/me", tag = "users",
    security(("bearer" = [])),
    request_body = DeleteAccountRequest,
    responses(
        (status = 204, description = "The account is deleted; its tokens no longer work"),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
        (status = 409, description = "It is the last active admin (a message on `account`)", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The password is missing or wrong (a message on `password`)", body = Problem, content_type = PROBLEM),
        BodyProblems,
        Throttled,
    )
)]
async fn delete_me(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<DeleteAccountRequest>,
) -> Result<StatusCode, ApiError> {
    services
        .privacy
        .delete_account(
            &caller.user,
            &request.password,
            app::accounts::rules::fields::PASSWORD,
            &device,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Download everything Hearth keeps about the person: the profile, the sessions, the security
/// events about them, and what each feature adds, as one JSON document (`format` names its
/// layout). The download is recorded in the audit log.
#[utoipa::path(
    get, path = "/users/me/export", tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The document, sent as a file to save", content_type = "application/json", body = Object),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
    )
)]
async fn export_me(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
) -> Result<axum::response::Response, ApiError> {
    let document = services.privacy.export(&caller.user, &device).await?;
    Ok(crate::http::personal_data::download(&document))
}
