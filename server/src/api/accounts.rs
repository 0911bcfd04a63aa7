//! `/api/v1/auth/*` and `/api/v1/users/me`: accounts for programs, with bearer tokens and no
//! cookies. The handlers only translate between HTTP and `app::accounts::Accounts`; each route
//! is declared once, in `routes`, and documented by the same declaration.

use app::{
    accounts::{NewAccount, Tokens, User, rules::fields},
    error::{Error, Issue},
    services::Services,
};
use axum::{Json, extract::State, http::StatusCode};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{BodyProblems, PROBLEM};
use crate::http::{
    extract::{ApiJson, Caller},
    problem::{ApiError, Problem},
};

pub fn routes<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Services: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(me))
}

// Missing fields read as empty, so they are answered as "required" next to their name (in the
// caller's language) rather than as a parse error; the schema still says they are required.

/// A new account.
#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct RegisterRequest {
    /// Unique whatever its case; stored trimmed and in lower case.
    #[schema(
        required = true,
        example = "ann@example.com",
        min_length = 3,
        max_length = 254
    )]
    pub email: String,
    /// 10 to 128 characters, and not easy to guess.
    #[schema(
        required = true,
        example = "copper kettle rain lantern",
        min_length = 10,
        max_length = 128
    )]
    pub password: String,
    /// The name other people see.
    #[schema(required = true, example = "Ann Lee", min_length = 1, max_length = 100)]
    pub name: String,
}

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct LoginRequest {
    #[schema(required = true, example = "ann@example.com", min_length = 1)]
    pub email: String,
    #[schema(
        required = true,
        example = "copper kettle rain lantern",
        min_length = 1
    )]
    pub password: String,
}

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh.
    #[schema(required = true, min_length = 1)]
    pub refresh_token: String,
}

impl RefreshRequest {
    fn token(&self) -> Result<&str, Error> {
        if self.refresh_token.is_empty() {
            return Err(Error::invalid(fields::REFRESH_TOKEN, Issue::Required));
        }
        Ok(&self.refresh_token)
    }
}

/// A token pair. Send the access token as `Authorization: Bearer …`; trade the refresh token
/// for a new pair before the access token expires. A refresh token works once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    /// A JWT, valid for `expires_in` seconds.
    pub access_token: String,
    /// Opaque, 256 random bits; valid for 30 days or until used.
    pub refresh_token: String,
    #[schema(value_type = String, example = "Bearer")]
    pub token_type: &'static str,
    #[schema(example = 900)]
    pub expires_in: i64,
}

impl From<Tokens> for TokenResponse {
    fn from(tokens: Tokens) -> Self {
        Self {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            token_type: "Bearer",
            expires_in: tokens.expires_in,
        }
    }
}

/// A person with an account.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserResponse {
    pub id: Uuid,
    #[schema(example = "ann@example.com")]
    pub email: String,
    #[schema(example = "Ann Lee")]
    pub name: String,
    #[schema(value_type = String, example = "member")]
    pub role: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<User> for UserResponse {
    fn from(user: User) -> Self {
        Self {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role.as_str(),
            created_at: user.created_at,
        }
    }
}

/// Create an account.
#[utoipa::path(
    post, path = "/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The account was created", body = UserResponse),
        (status = 409, description = "The e-mail address already has an account", body = Problem, content_type = PROBLEM),
        (status = 422, description = "Fields are missing or not acceptable", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn register(
    State(services): State<Services>,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<UserResponse>), ApiError> {
    let user = services
        .accounts
        .register(NewAccount {
            email: request.email,
            password: request.password,
            name: request.name,
        })
        .await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

/// Log in: trade an e-mail address and password for a token pair.
#[utoipa::path(
    post, path = "/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "A new session", body = TokenResponse),
        (status = 401, description = "Unknown e-mail address or wrong password (one answer for both)", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A field is missing", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn login(
    State(services): State<Services>,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let (_, tokens) = services
        .accounts
        .login(&request.email, &request.password)
        .await?;
    Ok(Json(tokens.into()))
}

/// Trade a refresh token for a new pair. The old refresh token stops working; presenting it
/// again revokes every session of that login.
#[utoipa::path(
    post, path = "/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenResponse),
        (status = 401, description = "Unknown, expired, revoked or already used refresh token", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The refresh token is missing", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn refresh(
    State(services): State<Services>,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let tokens = services.accounts.refresh(request.token()?).await?;
    Ok(Json(tokens.into()))
}

/// End the login a refresh token belongs to. An unknown token is not an error.
#[utoipa::path(
    post, path = "/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "The session has ended"),
        (status = 422, description = "The refresh token is missing", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn logout(
    State(services): State<Services>,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    services.accounts.logout(request.token()?).await?;
    Ok(StatusCode::NO_CONTENT)
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
