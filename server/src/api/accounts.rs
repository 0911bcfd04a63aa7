//! `/api/v1/auth/*`: accounts for programs, with bearer tokens and no cookies (what a person
//! does with their own account, under `/users/me`, is `users.rs`). The handlers only translate between HTTP and `app::accounts::Accounts`; each route
//! is declared once, in `routes`, and documented by the same declaration.

use app::{
    accounts::{NewAccount, Tokens, User, rules::fields},
    error::{Error, Issue},
    services::Services,
};
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{BodyProblems, PROBLEM, Throttled};
use crate::http::{
    extract::{ApiJson, Caller, ClientDevice},
    problem::{ApiError, Problem, locale_of},
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
        .routes(routes!(verify_email))
        .routes(routes!(resend_verification))
        .routes(routes!(request_password_reset))
        .routes(routes!(confirm_password_reset))
        .routes(routes!(confirm_email_change))
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

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct VerifyEmailRequest {
    /// The `token` of the link in the letter.
    #[schema(required = true, min_length = 1)]
    pub token: String,
}

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct PasswordResetRequest {
    /// The address of the account; the answer is the same whether or not there is one.
    #[schema(
        required = true,
        example = "ann@example.com",
        min_length = 3,
        max_length = 254
    )]
    pub email: String,
}

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct PasswordResetConfirmRequest {
    /// The `token` of the link in the reset letter.
    #[schema(required = true, min_length = 1)]
    pub token: String,
    /// The new password, under the same rules as at registration.
    #[schema(
        required = true,
        example = "willow teapot orbit fennel",
        min_length = 10,
        max_length = 128
    )]
    pub password: String,
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
pub(super) struct UserResponse {
    pub id: Uuid,
    #[schema(example = "ann@example.com")]
    pub email: String,
    #[schema(example = "Ann Lee")]
    pub name: String,
    #[schema(value_type = String, example = "member")]
    pub role: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When the address was verified through the link sent to it; `null` until then.
    #[serde(with = "time::serde::rfc3339::option")]
    pub email_verified_at: Option<OffsetDateTime>,
    /// Where the person's picture is served (on this site), if they chose one.
    #[schema(example = "/files/avatars/4f9c…/1c2b….jpg")]
    pub avatar_url: Option<String>,
}

impl From<User> for UserResponse {
    fn from(user: User) -> Self {
        Self {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role.as_str(),
            created_at: user.created_at,
            email_verified_at: user.email_verified_at,
            avatar_url: user.avatar_url,
        }
    }
}

/// Create an account. A letter with a link that verifies the address goes out; the letters
/// come in the language of `Accept-Language`.
#[utoipa::path(
    post, path = "/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The account was created", body = UserResponse),
        (status = 409, description = "The e-mail address already has an account", body = Problem, content_type = PROBLEM),
        (status = 422, description = "Fields are missing or not acceptable", body = Problem, content_type = PROBLEM),
        BodyProblems,
        Throttled,
    )
)]
async fn register(
    State(services): State<Services>,
    headers: HeaderMap,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<UserResponse>), ApiError> {
    let user = services
        .accounts
        .register(
            NewAccount {
                email: request.email,
                password: request.password,
                name: request.name,
                locale: locale_of(&headers),
            },
            &device,
        )
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
        Throttled,
    )
)]
async fn login(
    State(services): State<Services>,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let (_, tokens) = services
        .accounts
        .login(&request.email, &request.password, &device)
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
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let tokens = services.accounts.refresh(request.token()?, &device).await?;
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
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    services.accounts.logout(request.token()?, &device).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Move the account to the address a change letter was sent to, with the token of its link.
/// The new address counts as verified.
#[utoipa::path(
    post, path = "/auth/email-change/confirm", tag = "auth",
    request_body = VerifyEmailRequest,
    responses(
        (status = 204, description = "The account has its new address"),
        (status = 409, description = "Another account took that address in the meantime", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The token is missing, unknown, used or expired (a message on the `token` field says which)", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn confirm_email_change(
    State(services): State<Services>,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<VerifyEmailRequest>,
) -> Result<StatusCode, ApiError> {
    services
        .accounts
        .confirm_email_change(&request.token, &device)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Verify an address with the token from the link in the verification letter.
#[utoipa::path(
    post, path = "/auth/verify-email", tag = "auth",
    request_body = VerifyEmailRequest,
    responses(
        (status = 204, description = "The address is verified"),
        (status = 422, description = "The token is missing, unknown, used or expired (a message on the `token` field says which)", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn verify_email(
    State(services): State<Services>,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<VerifyEmailRequest>,
) -> Result<StatusCode, ApiError> {
    services
        .accounts
        .verify_email(&request.token, &device)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send the verification letter again (nothing is sent once the address is verified).
#[utoipa::path(
    post, path = "/auth/verify-email/resend", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "A new letter is on its way, or the address is verified already"),
        (status = 401, description = "No valid access token, or its session has ended", body = Problem, content_type = PROBLEM),
        (status = 429, description = "A letter went out less than a minute ago; try again after `Retry-After` seconds", body = Problem, content_type = PROBLEM),
    )
)]
async fn resend_verification(
    State(services): State<Services>,
    caller: Caller,
    ClientDevice(device): ClientDevice,
) -> Result<StatusCode, ApiError> {
    services
        .accounts
        .resend_verification(&caller.user, &device)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Ask for a letter with a link to choose a new password. The answer is the same, in the same
/// time, whether or not the address has an account; the link works once, for an hour.
#[utoipa::path(
    post, path = "/auth/password-reset", tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a letter is on its way"),
        (status = 422, description = "The address is missing or cannot be one", body = Problem, content_type = PROBLEM),
        BodyProblems,
        Throttled,
    )
)]
async fn request_password_reset(
    State(services): State<Services>,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> Result<StatusCode, ApiError> {
    services
        .accounts
        .request_password_reset(&request.email, &device)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Set a new password with the token from the reset letter. Every session of the account ends.
#[utoipa::path(
    post, path = "/auth/password-reset/confirm", tag = "auth",
    request_body = PasswordResetConfirmRequest,
    responses(
        (status = 204, description = "The password is changed and every session has ended"),
        (status = 422, description = "The token is missing, unknown, used or expired, or the password is not acceptable (messages on `token` and `password`)", body = Problem, content_type = PROBLEM),
        BodyProblems,
        Throttled,
    )
)]
async fn confirm_password_reset(
    State(services): State<Services>,
    ClientDevice(device): ClientDevice,
    ApiJson(request): ApiJson<PasswordResetConfirmRequest>,
) -> Result<StatusCode, ApiError> {
    services
        .accounts
        .reset_password(&request.token, &request.password, &device)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
