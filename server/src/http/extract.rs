//! What REST handlers take from a request, with every way it can be wrong answered as a problem:
//!
//! - [`ApiJson<T>`]: the body, as axum's `Json` reads it (not JSON → 400, not the expected
//!   shape → 422, wrong content type → 415, too large → 413);
//! - [`Caller`]: the person a bearer token speaks for. A handler that takes it is for signed-in
//!   callers only (401 otherwise, with `WWW-Authenticate: Bearer`); a role check on top is
//!   `caller.user.require(Role::Admin)?`;
//! - [`ClientDevice`]: the User-Agent and IP address a new session is recorded with.

use app::{
    accounts::{Device, User, session::ClientAddress},
    error::{AuthFailure, Error},
    services::Services,
};
use axum::{
    Json,
    extract::{FromRef, FromRequest, FromRequestParts, Request, rejection::JsonRejection},
    http::{HeaderMap, header, request::Parts},
};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::problem::ApiError;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(JsonRejection::JsonSyntaxError(error)) => {
                Err(ApiError::MalformedBody(error.body_text()))
            }
            Err(JsonRejection::JsonDataError(error)) => {
                Err(ApiError::UnexpectedShape(error.body_text()))
            }
            Err(other) => Err(ApiError::Status(other.status())),
        }
    }
}

/// The signed-in caller of an API request, from `Authorization: Bearer <access token>` or
/// `Authorization: Bearer hearth_pat_…` (a personal access token: a read-only one may only
/// read, anything else is 403). The API never reads cookies, so a browser session cannot be
/// used against it cross-site.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    /// The login the access token belongs to; for a personal access token, the token's id
    /// (which no login has).
    pub family: Uuid,
}

impl<S> FromRequestParts<S> for Caller
where
    S: Send + Sync,
    Services: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let token =
            bearer_token(&parts.headers).ok_or(Error::Unauthenticated(AuthFailure::Missing))?;
        let services = Services::from_ref(state);
        if token.starts_with(app::api_tokens::TOKEN_PREFIX) {
            let (user, token) = services.api_tokens.authenticate(token).await?;
            if !token.scope.allows(parts.method.as_str()) {
                return Err(Error::Forbidden.into());
            }
            return Ok(Self {
                user,
                family: token.id,
            });
        }
        let (user, family) = services.accounts.authenticate(token).await?;
        Ok(Self { user, family })
    }
}

/// Where a request comes from, for the session it starts or refreshes. Never fails: a request
/// without a User-Agent (or served without its connection's address, as in some tests) is
/// recorded with what it has.
pub struct ClientDevice(pub Device);

impl<S: Send + Sync> FromRequestParts<S> for ClientDevice {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(device_of(&parts.headers, &parts.extensions)))
    }
}

/// The device of a request: its User-Agent and the client's address (`client_address`).
pub fn device_of(headers: &HeaderMap, extensions: &axum::http::Extensions) -> Device {
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let ip = extensions
        .get::<ClientAddress>()
        .map(|ClientAddress(address)| address.to_string())
        .unwrap_or_default();
    let request_id = headers
        .get(app::request_id::HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    Device::new(user_agent, ip, request_id)
}

/// The token of an `Authorization: Bearer …` header (the scheme in any case).
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_token_is_read_whatever_the_schemes_case() {
        let headers = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, value.parse().unwrap());
            headers
        };
        assert_eq!(bearer_token(&headers("Bearer a.b.c")), Some("a.b.c"));
        assert_eq!(bearer_token(&headers("bearer  a.b.c ")), Some("a.b.c"));
        assert_eq!(bearer_token(&headers("Basic dXNlcjpwYXNz")), None);
        assert_eq!(bearer_token(&headers("Bearer ")), None);
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }
}
