//! Files attached to tasks, for programs: upload (multipart, field `file`, streamed into
//! storage), list, read, download and delete. The `Attachments` service the pages use decides
//! who may (outside the workspace: 404; a viewer who uploads or deletes: 403).
//!
//! The upload is routed apart from the rest ([`upload_routes`]): its body may be as large as
//! the largest file, which no other operation's may.

use app::{
    attachments::{Attachment, FILE_FIELD},
    error::{Error, Issue},
    services::Services,
};
use axum::{
    Json,
    extract::{Multipart, Path, Query, State, multipart::MultipartRejection},
    http::StatusCode,
    response::Response,
};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{PROBLEM, tasks::PersonResponse, workspaces::PageParams};
use crate::http::{
    extract::Caller,
    problem::{ApiError, Problem},
    uploads::{attach, download_response},
};

pub fn routes<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Services: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(list_attachments))
        .routes(routes!(get_attachment, delete_attachment))
        .routes(routes!(download_attachment))
}

/// The operations whose body is a file.
pub fn upload_routes<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Services: axum::extract::FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(upload_attachment))
}

fn id_of(text: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)
}

/// A file attached to a task.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AttachmentResponse {
    pub id: Uuid,
    pub task_id: Uuid,
    /// The name it was uploaded with (its last path part, without control characters).
    #[schema(example = "plan.pdf")]
    pub name: String,
    /// What its content was recognised as (never what the client said).
    #[schema(example = "application/pdf")]
    pub content_type: String,
    /// In bytes.
    pub size: u64,
    /// Who uploaded it; `null` once their account is gone.
    pub uploaded_by: Option<PersonResponse>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Where the file is downloaded (with the same bearer token).
    #[schema(example = "/api/v1/attachments/4f9c…/content")]
    pub content_url: String,
    /// Whether a small picture has been made (images only, shortly after the upload); the
    /// pages show it.
    pub has_thumbnail: bool,
}

impl From<Attachment> for AttachmentResponse {
    fn from(attachment: Attachment) -> Self {
        Self {
            content_url: format!("/api/v1/attachments/{}/content", attachment.id),
            id: attachment.id,
            task_id: attachment.task_id,
            name: attachment.name,
            content_type: attachment.content_type,
            size: attachment.size,
            uploaded_by: attachment.uploaded_by.map(Into::into),
            created_at: attachment.created_at,
            has_thumbnail: attachment.has_thumbnail,
        }
    }
}

/// A page of attachments.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AttachmentPage {
    /// Oldest first.
    pub items: Vec<AttachmentResponse>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A file, as a multipart form.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // Only read by the OpenAPI description.
pub struct AttachmentUpload {
    /// Any file but a program, at most `HEARTH_ATTACHMENT_MAX_BYTES` (25 MB unless configured),
    /// within what is left of the workspace's quota. Its type is recognised by its content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Attach a file to a task (members, admins and the owner). The file is streamed into storage
/// as it arrives; a failed upload leaves nothing behind.
#[utoipa::path(
    post, path = "/tasks/{id}/attachments", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The task's id")),
    request_body(content = AttachmentUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "The attachment", body = AttachmentResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No task with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 413, description = "The file is larger than an upload may be (a message on `file`)", body = Problem, content_type = PROBLEM),
        (status = 422, description = "No file, an empty one, a program, or one beyond the workspace's quota (a message on `file`)", body = Problem, content_type = PROBLEM),
        (status = 503, description = "File storage or the database is not answering; try again after `Retry-After` seconds", body = Problem, content_type = PROBLEM),
    )
)]
async fn upload_attachment(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    form: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<AttachmentResponse>), ApiError> {
    let task = id_of(&id)?;
    // Who may attach is told before what was sent is looked at.
    services.attachments.room(&caller.user, task).await?;
    let form = form.map_err(|_| Error::invalid(FILE_FIELD, Issue::Required))?;
    let attachment = attach(&services, &caller.user, task, form).await?;
    Ok((StatusCode::CREATED, Json(attachment.into())))
}

/// List a task's attachments, oldest first.
#[utoipa::path(
    get, path = "/tasks/{id}/attachments", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The task's id"), PageParams),
    responses(
        (status = 200, description = "A page of attachments", body = AttachmentPage),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No task with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`cursor` or `limit` cannot be read", body = Problem, content_type = PROBLEM),
    )
)]
async fn list_attachments(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Json<AttachmentPage>, ApiError> {
    let id = id_of(&id)?;
    let (cursor, limit) = params.read()?;
    let page = services
        .attachments
        .list(&caller.user, id, cursor, limit)
        .await?
        .map(AttachmentResponse::from);
    Ok(Json(AttachmentPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// Read an attachment's facts.
#[utoipa::path(
    get, path = "/attachments/{id}", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The attachment's id")),
    responses(
        (status = 200, description = "The attachment", body = AttachmentResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No attachment with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
    )
)]
async fn get_attachment(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<AttachmentResponse>, ApiError> {
    let attachment = services.attachments.get(&caller.user, id_of(&id)?).await?;
    Ok(Json(attachment.into()))
}

/// Download an attachment's file: its recognised type, `Content-Disposition: attachment` with
/// its name, and `X-Content-Type-Options: nosniff`.
#[utoipa::path(
    get, path = "/attachments/{id}/content", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The attachment's id")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No attachment with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 503, description = "File storage is not answering; try again after `Retry-After` seconds", body = Problem, content_type = PROBLEM),
    )
)]
async fn download_attachment(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let download = services
        .attachments
        .download(&caller.user, id_of(&id)?)
        .await?;
    Ok(download_response(download))
}

/// Delete an attachment and its file (members, admins and the owner).
#[utoipa::path(
    delete, path = "/attachments/{id}", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The attachment's id")),
    responses(
        (status = 204, description = "The attachment is gone"),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No attachment with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
    )
)]
async fn delete_attachment(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    services
        .attachments
        .delete(&caller.user, id_of(&id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
