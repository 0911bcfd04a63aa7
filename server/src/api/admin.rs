//! The admin API: accounts (list, read, change role and access, send the verification link
//! again) and the audit log. Every operation is for admins: `Admin` checks the caller's role
//! before it reads or changes anything, and anyone else gets 403.

use app::{
    accounts::Role,
    admin::{Account, AccountChange, AccountPage, AccountQuery, AccountSort, audit_filter},
    audit::AuditPage,
    error::{Error, FieldError, Issue},
    services::Services,
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{BodyProblems, PROBLEM, audit::AuditEntryResponse};
use crate::http::{
    extract::{ApiJson, Caller, ClientDevice},
    problem::{ApiError, Problem},
};

pub fn routes<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Services: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(list_accounts))
        .routes(routes!(get_account, change_account))
        .routes(routes!(resend_verification))
        .routes(routes!(audit_log))
}

/// An account as an admin sees it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccountResponse {
    pub id: Uuid,
    #[schema(example = "ann@example.com")]
    pub email: String,
    #[schema(example = "Ann Lee")]
    pub name: String,
    #[schema(value_type = String, example = "member")]
    pub role: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub email_verified_at: Option<OffsetDateTime>,
    /// When an admin disabled the account; `null` while it is in use.
    #[serde(with = "time::serde::rfc3339::option")]
    pub disabled_at: Option<OffsetDateTime>,
    /// The last time one of its sessions refreshed; `null` if it never logged in.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_active_at: Option<OffsetDateTime>,
}

impl From<Account> for AccountResponse {
    fn from(account: Account) -> Self {
        Self {
            id: account.id,
            email: account.email,
            name: account.name,
            role: account.role.as_str(),
            created_at: account.created_at,
            email_verified_at: account.email_verified_at,
            disabled_at: account.disabled_at,
            last_active_at: account.last_active_at,
        }
    }
}

/// A page of accounts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccountPageResponse {
    pub accounts: Vec<AccountResponse>,
    /// How many accounts match in all.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl From<AccountPage> for AccountPageResponse {
    fn from(page: AccountPage) -> Self {
        Self {
            accounts: page.accounts.into_iter().map(Into::into).collect(),
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        }
    }
}

/// Which accounts, in which order, which page.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountsParams {
    /// Part of a name or an e-mail address, any case.
    q: Option<String>,
    /// `newest` (the default), `oldest`, `name`, `email` or `last_active`.
    sort: Option<String>,
    /// From 1 (the default).
    page: Option<String>,
    /// 1 to 100; 25 by default.
    per_page: Option<String>,
}

/// A whole number from a query parameter within `range`, or a problem on its field.
fn number_in(
    field: &'static str,
    value: Option<&str>,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, FieldError> {
    match value.map(str::trim).filter(|value| !value.is_empty()) {
        None => Ok(default),
        Some(value) => value
            .parse()
            .ok()
            .filter(|number| range.contains(number))
            .ok_or_else(|| FieldError::new(field, Issue::Unreadable)),
    }
}

/// `page` (from 1) and `per_page` (`sizes`: the default and the most) from a list's query; what
/// cannot be read becomes a problem on its parameter, and its default stands in meanwhile.
fn paging(
    page: Option<&str>,
    per_page: Option<&str>,
    (default_size, largest): (u32, u32),
    errors: &mut Vec<FieldError>,
) -> (u32, u32) {
    let page = number_in("page", page, 1, 1..=u32::MAX)
        .map_err(|error| errors.push(error))
        .unwrap_or(1);
    let per_page = number_in("per_page", per_page, default_size, 1..=largest)
        .map_err(|error| errors.push(error))
        .unwrap_or(default_size);
    (page, per_page)
}

/// List accounts: search names and addresses, sort, page through.
#[utoipa::path(
    get, path = "/admin/users", tag = "admin",
    security(("bearer" = [])),
    params(AccountsParams),
    responses(
        (status = 200, description = "A page of accounts", body = AccountPageResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is not an admin", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A parameter cannot be read (`sort`, `page`, `per_page`)", body = Problem, content_type = PROBLEM),
    )
)]
async fn list_accounts(
    State(services): State<Services>,
    caller: Caller,
    Query(params): Query<AccountsParams>,
) -> Result<Json<AccountPageResponse>, ApiError> {
    caller.user.require(Role::Admin)?;
    let mut errors = Vec::new();
    let sort = match params
        .sort
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => AccountSort::default(),
        Some(code) => AccountSort::from_code(code).unwrap_or_else(|| {
            errors.push(FieldError::new("sort", Issue::Unreadable));
            AccountSort::default()
        }),
    };
    let (page, per_page) = paging(
        params.page.as_deref(),
        params.per_page.as_deref(),
        (AccountQuery::DEFAULT_PER_PAGE, AccountQuery::MAX_PER_PAGE),
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(Error::Invalid(errors).into());
    }
    let query = AccountQuery {
        q: params.q.unwrap_or_default(),
        sort,
        page,
        per_page,
    };
    let page = services.admin.accounts(&caller.user, &query).await?;
    Ok(Json(page.into()))
}

/// Something that is not an id names no account: the same answer as an unknown one.
fn account_id(id: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(id).map_err(|_| Error::NotFound)
}

/// Read one account.
#[utoipa::path(
    get, path = "/admin/users/{id}", tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The account", body = AccountResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is not an admin", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No account has that id", body = Problem, content_type = PROBLEM),
    )
)]
async fn get_account(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<AccountResponse>, ApiError> {
    caller.user.require(Role::Admin)?;
    let account = services
        .admin
        .account(&caller.user, account_id(&id)?)
        .await?;
    Ok(Json(account.into()))
}

/// What to change about an account; what is left out stays.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AccountChangeRequest {
    /// `member` or `admin`; left out, the role stays.
    #[schema(example = "admin")]
    role: Option<String>,
    /// `true` disables the account (its sessions end at once), `false` enables it; left out,
    /// it stays as it is.
    disabled: Option<bool>,
}

/// Change an account's role, or disable or enable it. The last active admin can be neither
/// demoted nor disabled (409, and nothing changes).
#[utoipa::path(
    patch, path = "/admin/users/{id}", tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    request_body = AccountChangeRequest,
    responses(
        (status = 200, description = "The account as it is now", body = AccountResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is not an admin", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No account has that id", body = Problem, content_type = PROBLEM),
        (status = 409, description = "It is the last active admin (a message on `role` or `disabled`)", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`role` is not `member` or `admin`", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn change_account(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<AccountChangeRequest>,
) -> Result<Json<AccountResponse>, ApiError> {
    caller.user.require(Role::Admin)?;
    let role = match request.role.as_deref() {
        None => None,
        Some(role) => Some(
            Role::try_from(role.trim()).map_err(|_| Error::invalid("role", Issue::Unreadable))?,
        ),
    };
    let change = AccountChange {
        role,
        disabled: request.disabled,
    };
    let account = services
        .admin
        .change(&caller.user, account_id(&id)?, change, &device)
        .await?;
    Ok(Json(account.into()))
}

/// Send the account's owner a new verification link (nothing is sent if the address is
/// verified already).
#[utoipa::path(
    post, path = "/admin/users/{id}/verification", tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 202, description = "A new letter is on its way, or the address is verified already"),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is not an admin", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No account has that id", body = Problem, content_type = PROBLEM),
        (status = 429, description = "A letter went out less than a minute ago; try again after `Retry-After` seconds", body = Problem, content_type = PROBLEM),
    )
)]
async fn resend_verification(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.user.require(Role::Admin)?;
    services
        .admin
        .resend_verification(&caller.user, account_id(&id)?, &device)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Which audit entries, which page.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// An action's code, such as `login.failed`.
    action: Option<String>,
    /// An account id: entries where it acted or was acted upon.
    person: Option<String>,
    /// From this day on (`2026-12-01`).
    from: Option<String>,
    /// Until this day, inclusive.
    until: Option<String>,
    /// From 1 (the default).
    page: Option<String>,
    /// 1 to 100; 50 by default.
    per_page: Option<String>,
}

/// A page of audit entries.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditPageResponse {
    /// Newest first.
    pub entries: Vec<AuditEntryResponse>,
    /// How many entries match in all.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl From<AuditPage> for AuditPageResponse {
    fn from(page: AuditPage) -> Self {
        Self {
            entries: page.entries.into_iter().map(Into::into).collect(),
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        }
    }
}

/// Read the audit log, newest first, filtered.
#[utoipa::path(
    get, path = "/admin/audit", tag = "admin",
    security(("bearer" = [])),
    params(AuditParams),
    responses(
        (status = 200, description = "A page of entries", body = AuditPageResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is not an admin", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A filter cannot be read (messages on its parameter)", body = Problem, content_type = PROBLEM),
    )
)]
async fn audit_log(
    State(services): State<Services>,
    caller: Caller,
    Query(params): Query<AuditParams>,
) -> Result<Json<AuditPageResponse>, ApiError> {
    caller.user.require(Role::Admin)?;
    let mut errors = Vec::new();
    let filter = audit_filter(
        params.action.as_deref(),
        params.person.as_deref(),
        params.from.as_deref(),
        params.until.as_deref(),
    )
    .map_err(|problems| errors.extend(problems))
    .unwrap_or_default();
    let (page, per_page) = paging(
        params.page.as_deref(),
        params.per_page.as_deref(),
        (50, 100),
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(Error::Invalid(errors).into());
    }
    let page = services
        .admin
        .audit(&caller.user, &filter, page, per_page)
        .await?;
    Ok(Json(page.into()))
}
