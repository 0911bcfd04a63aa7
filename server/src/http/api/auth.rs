//! `/api/v1/auth/*` and `/api/v1/users/me`: accounts for programs, with bearer tokens and no
//! cookies. The handlers only translate between HTTP and `app::accounts::Accounts`.

use app::accounts::{Accounts, NewAccount, Role, Tokens, User};
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{
    json::{ApiJson, locale_of},
    problem::Problem,
};

// Missing fields read as empty, so they are reported as "required" next to their name rather
// than as a parse error.

/// A new account.
#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct RegisterRequest {
    /// Unique whatever its case; stored trimmed and in lower case.
    #[schema(example = "ann@example.com", max_length = 254)]
    pub email: String,
    /// 10 to 128 characters, and not easy to guess.
    #[schema(
        example = "copper kettle rain lantern",
        min_length = 10,
        max_length = 128
    )]
    pub password: String,
    /// The name other people see.
    #[schema(example = "Ann Lee", max_length = 100)]
    pub name: String,
}

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct LoginRequest {
    #[schema(example = "ann@example.com")]
    pub email: String,
    #[schema(example = "copper kettle rain lantern")]
    pub password: String,
}

#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh.
    pub refresh_token: String,
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
            role: match user.role {
                Role::Admin => "admin",
                Role::Member => "member",
            },
            created_at: user.created_at,
        }
    }
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

const PROBLEM: &str = "application/problem+json";

/// Create an account.
#[utoipa::path(
    post, path = "/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The account was created", body = UserResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = PROBLEM),
        (status = 409, description = "The e-mail address already has an account", body = Problem, content_type = PROBLEM),
        (status = 413, description = "The body is too large", body = Problem, content_type = PROBLEM),
        (status = 415, description = "The body is not sent as JSON", body = Problem, content_type = PROBLEM),
        (status = 422, description = "Fields are missing or not acceptable", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn register(
    State(accounts): State<Accounts>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<UserResponse>), Problem> {
    let account = NewAccount {
        email: request.email,
        password: request.password,
        name: request.name,
    };
    match accounts.register(account).await {
        Ok(user) => Ok((StatusCode::CREATED, Json(user.into()))),
        Err(error) => Err(Problem::from_account_error(locale_of(&headers), error)),
    }
}

/// Log in: trade an e-mail address and password for a token pair.
#[utoipa::path(
    post, path = "/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "A new session", body = TokenResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = PROBLEM),
        (status = 401, description = "Unknown e-mail address or wrong password (one answer for both)", body = Problem, content_type = PROBLEM),
        (status = 413, description = "The body is too large", body = Problem, content_type = PROBLEM),
        (status = 415, description = "The body is not sent as JSON", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A field is missing", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn login(
    State(accounts): State<Accounts>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<TokenResponse>, Problem> {
    match accounts.login(&request.email, &request.password).await {
        Ok((_, tokens)) => Ok(Json(tokens.into())),
        Err(error) => Err(Problem::from_account_error(locale_of(&headers), error)),
    }
}

/// Trade a refresh token for a new pair. The old refresh token stops working; presenting it
/// again revokes every session of that login.
#[utoipa::path(
    post, path = "/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = PROBLEM),
        (status = 401, description = "Unknown, expired, revoked or already used refresh token", body = Problem, content_type = PROBLEM),
        (status = 413, description = "The body is too large", body = Problem, content_type = PROBLEM),
        (status = 415, description = "The body is not sent as JSON", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The refresh token is missing", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn refresh(
    State(accounts): State<Accounts>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<Json<TokenResponse>, Problem> {
    let locale = locale_of(&headers);
    if request.refresh_token.is_empty() {
        return Err(required_refresh_token(locale));
    }
    match accounts.refresh(&request.refresh_token).await {
        Ok(tokens) => Ok(Json(tokens.into())),
        Err(error) => Err(Problem::from_account_error(locale, error)),
    }
}

/// End the login a refresh token belongs to. An unknown token is not an error.
#[utoipa::path(
    post, path = "/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "The session has ended"),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = PROBLEM),
        (status = 413, description = "The body is too large", body = Problem, content_type = PROBLEM),
        (status = 415, description = "The body is not sent as JSON", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The refresh token is missing", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn logout(
    State(accounts): State<Accounts>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<StatusCode, Problem> {
    let locale = locale_of(&headers);
    if request.refresh_token.is_empty() {
        return Err(required_refresh_token(locale));
    }
    match accounts.logout(&request.refresh_token).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(error) => Err(Problem::from_account_error(locale, error)),
    }
}

fn required_refresh_token(locale: app::i18n::Locale) -> Problem {
    use app::accounts::rules::{Field, FieldError, Problem as FieldProblem};
    Problem::invalid_fields(
        locale,
        &[FieldError::new(Field::RefreshToken, FieldProblem::Required)],
    )
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
pub async fn me(State(accounts): State<Accounts>, headers: HeaderMap) -> Response {
    let locale = locale_of(&headers);
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            value
                .split_once(' ')
                .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
                .map(|(_, token)| token.trim())
        });
    let Some(token) = token else {
        return Problem::unauthenticated(locale).into_response();
    };
    match accounts.authenticate(token).await {
        Ok((user, _)) => Json(UserResponse::from(user)).into_response(),
        Err(error) => Problem::from_account_error(locale, error).into_response(),
    }
}
