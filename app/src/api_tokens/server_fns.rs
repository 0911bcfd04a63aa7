//! The server functions behind `/settings/tokens`: the list (with a token just made, shown
//! this once), making one and revoking one. Plain forms: they work without JavaScript.
//!
//! A new token's secret crosses the redirect back to the page in a cookie of its own, readable
//! by no script, sent only to that page, for five minutes at most, and deleted by the page that
//! shows it: it never appears in an address (where history and logs would keep it).

use leptos::prelude::*;

use super::ApiToken;
#[cfg(feature = "ssr")]
use super::NewApiToken;
use crate::error::Error;
#[cfg(feature = "ssr")]
use crate::{accounts::session, flash::Flash, forms::server::Reply, services::Services};

/// The page's address.
pub const TOKENS_PATH: &str = "/settings/tokens";
/// The cookie that carries a new token to the page that shows it.
#[cfg(feature = "ssr")]
const FRESH_COOKIE: &str = "hearth_new_token";

#[cfg(feature = "ssr")]
fn fresh_cookie(value: &str, max_age: u32, secure: bool) -> Result<http::HeaderValue, Error> {
    let secure = if secure { "; Secure" } else { "" };
    http::HeaderValue::from_str(&format!(
        "{FRESH_COOKIE}={value}; Path={TOKENS_PATH}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    ))
    .map_err(|error| Error::unexpected(&error))
}

/// The signed-in person's tokens, newest first, and the secret of the one they just made.
#[server(prefix = "/fn", endpoint = "api-tokens")]
pub async fn api_tokens_page() -> Result<(Vec<ApiToken>, Option<String>), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let tokens = services.api_tokens.list(&current.user).await?;
    let fresh = crate::cookies::in_request(FRESH_COOKIE)
        .filter(|secret| secret.starts_with(super::TOKEN_PREFIX));
    if fresh.is_some() {
        crate::cookies::set([fresh_cookie("", 0, services.cookies.secure)?]);
    }
    Ok((tokens, fresh))
}

/// Makes a token; back to the page, which shows it once.
#[server(prefix = "/fn", endpoint = "create-api-token")]
pub async fn create_api_token(
    name: String,
    scope: String,
    expires_in_days: String,
) -> Result<(), Error> {
    let reply = Reply::back_to(TOKENS_PATH).keep("name", &name);
    let result = async {
        let current = session::require()?;
        let services = Services::get()?;
        let expires_in_days = expires_in_days.trim().parse().map_err(|_| {
            Error::invalid(
                super::fields::EXPIRES_IN_DAYS,
                crate::error::Issue::Unreadable,
            )
        })?;
        let input = NewApiToken {
            name,
            scope,
            expires_in_days: Some(expires_in_days),
        };
        let (_, secret) = services
            .api_tokens
            .create(&current.user, &input, &session::device())
            .await?;
        crate::cookies::set([fresh_cookie(&secret, 300, services.cookies.secure)?]);
        Ok(())
    }
    .await;
    reply.finish(result, |()| TOKENS_PATH.to_owned())
}

/// Revokes a token; back to the page.
#[server(prefix = "/fn", endpoint = "revoke-api-token")]
pub async fn revoke_api_token(id: String) -> Result<(), Error> {
    let reply = Reply::back_to(TOKENS_PATH).greet(Flash::ApiTokenRevoked);
    let result = async {
        let current = session::require()?;
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| Error::NotFound)?;
        Services::get()?
            .api_tokens
            .revoke(&current.user, id, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| TOKENS_PATH.to_owned())
}
