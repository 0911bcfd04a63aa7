//! The workspaces API: workspaces, their members and invitations, and the invitations waiting
//! for the caller. The same `Workspaces` service the pages use decides everything: someone who
//! is not a member of a workspace gets 404 for it (as if it did not exist), a member whose role
//! is too low 403, and nothing is read or changed for either. Lists page by cursor:
//! `?cursor=&limit=` in, `{items, next_cursor}` out.

use app::{
    error::{Error, Issue},
    paging::{DEFAULT_LIMIT, LIMIT, MAX_LIMIT, Page},
    services::Services,
    workspaces::{Answer, Invitation, InvitationForMe, Member, Workspace, WorkspaceRole, fields},
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::IntoResponse,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{BodyProblems, PROBLEM};
use crate::http::{
    extract::{ApiJson, Caller},
    problem::{ApiError, Problem, locale_of},
};

pub fn routes<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Services: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(create_workspace, list_workspaces))
        .routes(routes!(get_workspace, rename_workspace, delete_workspace))
        .routes(routes!(list_members))
        .routes(routes!(change_member, remove_member))
        .routes(routes!(transfer_workspace))
        .routes(routes!(invite, list_invitations))
        .routes(routes!(revoke_invitation))
        .routes(routes!(my_invitations))
        .routes(routes!(answer_invitation))
}

/// A workspace as the caller sees it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WorkspaceResponse {
    pub id: Uuid,
    #[schema(example = "Acme")]
    pub name: String,
    /// The caller's role: `owner`, `admin`, `member` or `viewer`.
    #[schema(value_type = String, example = "owner")]
    pub role: &'static str,
    pub member_count: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<Workspace> for WorkspaceResponse {
    fn from(workspace: Workspace) -> Self {
        Self {
            id: workspace.id,
            name: workspace.name,
            role: workspace.role.as_str(),
            member_count: workspace.member_count,
            created_at: workspace.created_at,
        }
    }
}

/// A member of a workspace.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MemberResponse {
    pub user_id: Uuid,
    #[schema(example = "Ann Lee")]
    pub name: String,
    #[schema(example = "ann@example.com")]
    pub email: String,
    #[schema(value_type = String, example = "member")]
    pub role: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub joined_at: OffsetDateTime,
}

impl From<Member> for MemberResponse {
    fn from(member: Member) -> Self {
        Self {
            user_id: member.user_id,
            name: member.name,
            email: member.email,
            role: member.role.as_str(),
            joined_at: member.joined_at,
        }
    }
}

/// An open invitation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvitationResponse {
    pub id: Uuid,
    pub workspace_id: Uuid,
    #[schema(example = "bo@example.com")]
    pub email: String,
    #[schema(value_type = String, example = "member")]
    pub role: &'static str,
    /// The name of who sent it; `null` once their account is gone.
    pub invited_by: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

impl From<Invitation> for InvitationResponse {
    fn from(invitation: Invitation) -> Self {
        Self {
            id: invitation.id,
            workspace_id: invitation.workspace_id,
            email: invitation.email,
            role: invitation.role.as_str(),
            invited_by: invitation.invited_by,
            created_at: invitation.created_at,
            expires_at: invitation.expires_at,
        }
    }
}

/// An invitation waiting for the caller.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvitationForMeResponse {
    pub id: Uuid,
    pub workspace_id: Uuid,
    #[schema(example = "Acme")]
    pub workspace_name: String,
    #[schema(value_type = String, example = "member")]
    pub role: &'static str,
    pub invited_by: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

impl From<InvitationForMe> for InvitationForMeResponse {
    fn from(invitation: InvitationForMe) -> Self {
        Self {
            id: invitation.id,
            workspace_id: invitation.workspace_id,
            workspace_name: invitation.workspace_name,
            role: invitation.role.as_str(),
            invited_by: invitation.invited_by,
            expires_at: invitation.expires_at,
        }
    }
}

/// A page of workspaces.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WorkspacePage {
    pub items: Vec<WorkspaceResponse>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A page of members.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MemberPage {
    pub items: Vec<MemberResponse>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A list of invitations (all of them: a workspace has few open at once).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvitationList<T: utoipa::ToSchema> {
    pub items: Vec<T>,
}

/// Which page of a list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The `next_cursor` of the previous page; left out, the first page.
    cursor: Option<String>,
    /// How many items, 1 to 100; 50 by default.
    limit: Option<String>,
}

impl PageParams {
    /// The cursor and the limit; a limit that is no number in range is a problem on `limit`
    /// (the service checks the cursor).
    pub fn read(&self) -> Result<(Option<&str>, u32), Error> {
        let limit = match self
            .limit
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            None => DEFAULT_LIMIT,
            Some(text) => text
                .parse()
                .ok()
                .filter(|limit| (1..=MAX_LIMIT).contains(limit))
                .ok_or_else(|| Error::invalid(LIMIT, Issue::Unreadable))?,
        };
        Ok((self.cursor.as_deref(), limit))
    }
}

/// Something that is not an id names nothing: the same answer as an unknown one.
fn id_of(text: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)
}

/// A new workspace.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewWorkspace {
    /// 1 to 100 characters.
    #[schema(required = true, example = "Acme")]
    name: String,
}

/// Create a workspace; the caller becomes its owner.
#[utoipa::path(
    post, path = "/workspaces", tag = "workspaces",
    security(("bearer" = [])),
    request_body = NewWorkspace,
    responses(
        (status = 201, description = "The workspace, with a `Location` header", body = WorkspaceResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The name is missing or too long", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn create_workspace(
    State(services): State<Services>,
    caller: Caller,
    ApiJson(body): ApiJson<NewWorkspace>,
) -> Result<impl IntoResponse, ApiError> {
    let workspace = services.workspaces.create(&caller.user, &body.name).await?;
    let location = HeaderValue::from_str(&format!("/api/v1/workspaces/{}", workspace.id))
        .unwrap_or_else(|_| HeaderValue::from_static("/api/v1/workspaces"));
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(WorkspaceResponse::from(workspace)),
    ))
}

/// List the workspaces the caller belongs to, by name.
#[utoipa::path(
    get, path = "/workspaces", tag = "workspaces",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of workspaces", body = WorkspacePage),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`cursor` or `limit` cannot be read", body = Problem, content_type = PROBLEM),
    )
)]
async fn list_workspaces(
    State(services): State<Services>,
    caller: Caller,
    Query(params): Query<PageParams>,
) -> Result<Json<WorkspacePage>, ApiError> {
    let (cursor, limit) = params.read()?;
    let page: Page<WorkspaceResponse> = services
        .workspaces
        .mine(&caller.user, cursor, limit)
        .await?
        .map(Into::into);
    Ok(Json(WorkspacePage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// Read a workspace.
#[utoipa::path(
    get, path = "/workspaces/{id}", tag = "workspaces",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id")),
    responses(
        (status = 200, description = "The workspace", body = WorkspaceResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
    )
)]
async fn get_workspace(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<WorkspaceResponse>, ApiError> {
    let workspace = services.workspaces.get(&caller.user, id_of(&id)?).await?;
    Ok(Json(workspace.into()))
}

/// What to change about a workspace.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct WorkspaceChange {
    /// The new name, 1 to 100 characters.
    #[schema(example = "Acme Web")]
    name: Option<String>,
}

/// Rename a workspace (admins and the owner).
#[utoipa::path(
    patch, path = "/workspaces/{id}", tag = "workspaces",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id")),
    request_body = WorkspaceChange,
    responses(
        (status = 200, description = "The workspace as it is now", body = WorkspaceResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a member or a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The name is missing or too long", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn rename_workspace(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<WorkspaceChange>,
) -> Result<Json<WorkspaceResponse>, ApiError> {
    let workspace = services
        .workspaces
        .rename(
            &caller.user,
            id_of(&id)?,
            body.name.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok(Json(workspace.into()))
}

/// Delete a workspace and everything in it (the owner only).
#[utoipa::path(
    delete, path = "/workspaces/{id}", tag = "workspaces",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is not the owner", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
    )
)]
async fn delete_workspace(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    services
        .workspaces
        .delete(&caller.user, id_of(&id)?, None)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// List a workspace's members, by name.
#[utoipa::path(
    get, path = "/workspaces/{id}/members", tag = "workspaces",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id"), PageParams),
    responses(
        (status = 200, description = "A page of members", body = MemberPage),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`cursor` or `limit` cannot be read", body = Problem, content_type = PROBLEM),
    )
)]
async fn list_members(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Json<MemberPage>, ApiError> {
    let (cursor, limit) = params.read()?;
    let page = services
        .workspaces
        .members(&caller.user, id_of(&id)?, cursor, limit)
        .await?
        .map(MemberResponse::from);
    Ok(Json(MemberPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// A member's new role.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MemberChange {
    /// `admin`, `member` or `viewer`.
    #[schema(example = "viewer")]
    role: Option<String>,
}

/// Change a member's role (admins and the owner; the owner's role changes only by a transfer).
#[utoipa::path(
    patch, path = "/workspaces/{id}/members/{user_id}", tag = "workspaces",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The workspace's id"),
        ("user_id" = String, Path, description = "The member's account id"),
    ),
    request_body = MemberChange,
    responses(
        (status = 200, description = "The member as they are now", body = MemberResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a member or a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such workspace for the caller, or no such member", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The role is missing or not one that can be given (`owner` is handed over by a transfer)", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn change_member(
    State(services): State<Services>,
    caller: Caller,
    Path((id, user_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<MemberChange>,
) -> Result<Json<MemberResponse>, ApiError> {
    let id = id_of(&id)?;
    // Membership and role first: an outsider learns nothing from a bad body.
    services
        .workspaces
        .require(&caller.user, id, WorkspaceRole::Admin)
        .await?;
    let role = WorkspaceRole::parse_given(body.role.as_deref().unwrap_or_default(), fields::ROLE)?;
    let member = services
        .workspaces
        .set_role(&caller.user, id, id_of(&user_id)?, role)
        .await?;
    Ok(Json(member.into()))
}

/// Remove a member (admins and the owner; never the owner). A caller who names themselves
/// leaves the workspace, which anyone but the owner may do.
#[utoipa::path(
    delete, path = "/workspaces/{id}/members/{user_id}", tag = "workspaces",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The workspace's id"),
        ("user_id" = String, Path, description = "The member's account id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller may not remove others", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such workspace for the caller, or no such member", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The member is the owner (hand the workspace over first)", body = Problem, content_type = PROBLEM),
    )
)]
async fn remove_member(
    State(services): State<Services>,
    caller: Caller,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let id = id_of(&id)?;
    let member = id_of(&user_id)?;
    if member == caller.user.id {
        services.workspaces.leave(&caller.user, id).await?;
    } else {
        services.workspaces.remove(&caller.user, id, member).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Who is to own the workspace.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Transfer {
    /// The account id of another member.
    #[schema(required = true)]
    new_owner: String,
}

/// Hand the workspace to another member (the owner only); the owner stays as an admin.
#[utoipa::path(
    post, path = "/workspaces/{id}/transfer", tag = "workspaces",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id")),
    request_body = Transfer,
    responses(
        (status = 200, description = "The workspace as the caller sees it now", body = WorkspaceResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is not the owner", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`new_owner` is not another member", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn transfer_workspace(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Transfer>,
) -> Result<Json<WorkspaceResponse>, ApiError> {
    let id = id_of(&id)?;
    services
        .workspaces
        .require(&caller.user, id, WorkspaceRole::Owner)
        .await?;
    let to = Uuid::parse_str(body.new_owner.trim())
        .ok()
        .ok_or_else(|| Error::invalid(fields::NEW_OWNER, Issue::NotAMember))?;
    let workspace = services.workspaces.transfer(&caller.user, id, to).await?;
    Ok(Json(workspace.into()))
}

/// Whom to invite, as what.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewInvitation {
    #[schema(required = true, example = "bo@example.com")]
    email: String,
    /// `admin`, `member` (the default) or `viewer`.
    #[schema(example = "member")]
    role: Option<String>,
}

/// Invite someone by e-mail (admins and the owner, with a confirmed address). They get a link
/// that works once, for 7 days; inviting the same address again renews it.
#[utoipa::path(
    post, path = "/workspaces/{id}/invitations", tag = "workspaces",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id")),
    request_body = NewInvitation,
    responses(
        (status = 201, description = "The invitation; the letter is on its way", body = InvitationResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a member or a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
        (status = 409, description = "Someone with that address is a member already", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The address or the role cannot be used, or the caller's own address is not confirmed", body = Problem, content_type = PROBLEM),
        (status = 429, description = "The caller sent too many invitations; try again after `Retry-After` seconds", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn invite(
    State(services): State<Services>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewInvitation>,
) -> Result<(StatusCode, Json<InvitationResponse>), ApiError> {
    let id = id_of(&id)?;
    services
        .workspaces
        .require(&caller.user, id, WorkspaceRole::Admin)
        .await?;
    let role = match body.role.as_deref() {
        None => WorkspaceRole::Member,
        Some(role) => WorkspaceRole::parse_given(role, fields::ROLE)?,
    };
    let invitation = services
        .workspaces
        .invite(&caller.user, id, &body.email, role, locale_of(&headers))
        .await?;
    Ok((StatusCode::CREATED, Json(invitation.into())))
}

/// List a workspace's open invitations, newest first (admins and the owner).
#[utoipa::path(
    get, path = "/workspaces/{id}/invitations", tag = "workspaces",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id")),
    responses(
        (status = 200, description = "The open invitations", body = InvitationList<InvitationResponse>),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a member or a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
    )
)]
async fn list_invitations(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<InvitationList<InvitationResponse>>, ApiError> {
    let items = services
        .workspaces
        .invitations(&caller.user, id_of(&id)?)
        .await?;
    Ok(Json(InvitationList {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Withdraw an open invitation (admins and the owner): its link stops working.
#[utoipa::path(
    delete, path = "/workspaces/{id}/invitations/{invitation_id}", tag = "workspaces",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The workspace's id"),
        ("invitation_id" = String, Path, description = "The invitation's id"),
    ),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a member or a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such workspace for the caller, or no such open invitation in it", body = Problem, content_type = PROBLEM),
    )
)]
async fn revoke_invitation(
    State(services): State<Services>,
    caller: Caller,
    Path((id, invitation)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let id = id_of(&id)?;
    services
        .workspaces
        .require(&caller.user, id, WorkspaceRole::Admin)
        .await?;
    services
        .workspaces
        .revoke(&caller.user, id, id_of(&invitation)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// List the open invitations to the caller's address (empty until the address is confirmed).
#[utoipa::path(
    get, path = "/me/invitations", tag = "workspaces",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The invitations", body = InvitationList<InvitationForMeResponse>),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
    )
)]
async fn my_invitations(
    State(services): State<Services>,
    caller: Caller,
) -> Result<Json<InvitationList<InvitationForMeResponse>>, ApiError> {
    let items = services.workspaces.invitations_for_me(&caller.user).await?;
    Ok(Json(InvitationList {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// How the caller answers.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct InvitationAnswer {
    /// `accept` or `decline`.
    #[schema(required = true, example = "accept")]
    answer: String,
}

/// The workspace an answer concerns.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Answered {
    pub workspace_id: Uuid,
}

/// Accept or decline one of the caller's invitations; accepting makes the caller a member with
/// its role.
#[utoipa::path(
    post, path = "/me/invitations/{id}", tag = "workspaces",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The invitation's id")),
    request_body = InvitationAnswer,
    responses(
        (status = 200, description = "Answered", body = Answered),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No open invitation with that id is the caller's", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`answer` is not `accept` or `decline`", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn answer_invitation(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<InvitationAnswer>,
) -> Result<Json<Answered>, ApiError> {
    let id = id_of(&id)?;
    let answer = match body.answer.trim() {
        "accept" => Answer::Accept,
        "decline" => Answer::Decline,
        "" => return Err(Error::invalid("answer", Issue::Required).into()),
        _ => return Err(Error::invalid("answer", Issue::Unreadable).into()),
    };
    let workspace_id = services.workspaces.answer(&caller.user, id, answer).await?;
    Ok(Json(Answered { workspace_id }))
}
