//! `/api/v1/auth/*` and `/api/v1/users/me`: accounts for programs, with bearer tokens and no
//! cookies. The handlers only translate between HTTP and `app::accounts::Accounts`.

use app::accounts::{Accounts, NewAccount, Tokens, User};
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};

use super::{
    json::{ApiJson, locale_of},
    problem::Problem,
};

/// Missing fields read as empty, so they are reported as "required" next to their name
/// rather than as a parse error.
#[derive(Debug, Deserialize)]
#[serde(default)]
#[derive(Default)]
pub struct RegisterRequest {
    pub email: String,
    pub password: String,
    pub name: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
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

pub async fn register(
    State(accounts): State<Accounts>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<User>), Problem> {
    let account = NewAccount {
        email: request.email,
        password: request.password,
        name: request.name,
    };
    match accounts.register(account).await {
        Ok(user) => Ok((StatusCode::CREATED, Json(user))),
        Err(error) => Err(Problem::from_account_error(locale_of(&headers), error)),
    }
}

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
        Ok((user, _)) => Json(user).into_response(),
        Err(error) => Problem::from_account_error(locale, error).into_response(),
    }
}
