//! Browser sessions and cross-site request protection, for pages and server functions.
//!
//! `resolve` reads the session cookies of each page or server-function request. A valid access
//! cookie names the user; when it has expired but the refresh cookie is good, the pair is
//! rotated on the spot and the new cookies ride back on the response, so the person never
//! notices. The outcome goes into the request's extensions as `Option<CurrentSession>`, where
//! the pages and server functions find it. Static files and the API skip all this.
//!
//! `same_origin_only` refuses any state-changing request (POST, PUT, PATCH, DELETE) that a
//! browser says came from another site: `Sec-Fetch-Site: cross-site` or `same-site`, or an
//! `Origin` that is not this host. Browsers send one or both on every such request, so a
//! forged form on another site gets 403 and changes nothing. Requests with neither header
//! come from programs, which carry no ambient cookies to abuse; the API uses bearer tokens.

use app::accounts::{
    AccountError, Accounts,
    session::{ACCESS_COOKIE, CurrentSession, REFRESH_COOKIE, SessionCookies},
};
use app::cookies::value_in;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::state::AppState;

/// Paths that never need the session: files, probes, the service worker and the token API.
fn skips_session(path: &str) -> bool {
    [
        "/pkg/",
        "/icons/",
        "/api/",
        "/healthz",
        "/readyz",
        "/sw.js",
        "/favicon",
        "/manifest",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
}

pub async fn resolve(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    if skips_session(request.uri().path()) {
        return next.run(request).await;
    }
    let cookie_header = request
        .headers()
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let access = value_in(&cookie_header, ACCESS_COOKIE);
    let refresh = value_in(&cookie_header, REFRESH_COOKIE);

    let (session, set_cookies) =
        session_for(&state.accounts, state.session_cookies, access, refresh).await;
    request.extensions_mut().insert(session);
    let mut response = next.run(request).await;
    // A handler that set the session cookies itself (log in, log out) has the last word.
    let handler_set_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|cookie| cookie.starts_with(ACCESS_COOKIE) || cookie.starts_with(REFRESH_COOKIE));
    if !handler_set_session {
        for value in set_cookies {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

async fn session_for(
    accounts: &Accounts,
    cookies: SessionCookies,
    access: Option<&str>,
    refresh: Option<&str>,
) -> (Option<CurrentSession>, Vec<HeaderValue>) {
    if let Some(access) = access
        && let Ok((user, family)) = accounts.authenticate(access).await
    {
        return (Some(CurrentSession { user, family }), Vec::new());
    }
    let Some(refresh) = refresh else {
        return (None, Vec::new());
    };
    match accounts.refresh_for_browser(refresh).await {
        Ok(tokens) => match accounts.authenticate(&tokens.access_token).await {
            Ok((user, family)) => (
                Some(CurrentSession { user, family }),
                cookies.set(&tokens).to_vec(),
            ),
            Err(_) => (None, cookies.clear().to_vec()),
        },
        // Another request of this browser rotated the cookie a moment ago and carries the new
        // pair; this one is still that person, and must not touch the cookies.
        Err(AccountError::RecentlyRotated { user, family }) => {
            match accounts.user_of_live_session(user, family).await {
                Ok(user) => (Some(CurrentSession { user, family }), Vec::new()),
                Err(_) => (None, Vec::new()),
            }
        }
        // A refresh token that is no good any more: forget it, and the stale access token.
        Err(AccountError::InvalidRefreshToken) => (None, cookies.clear().to_vec()),
        Err(error) => {
            tracing::error!(%error, "resolving a browser session failed");
            (None, Vec::new())
        }
    }
}

pub async fn same_origin_only(request: Request<Body>, next: Next) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state && !request.uri().path().starts_with("/api/") && is_cross_site(&request) {
        tracing::warn!(
            origin = ?request.headers().get(header::ORIGIN),
            fetch_site = ?request.headers().get("sec-fetch-site"),
            "refused a cross-site request"
        );
        return (
            StatusCode::FORBIDDEN,
            "Cross-site requests are not accepted.",
        )
            .into_response();
    }
    next.run(request).await
}

fn is_cross_site(request: &Request<Body>) -> bool {
    let headers = request.headers();
    if let Some(site) = headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
    {
        // `none` is the person typing the address or using a bookmark.
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    let origin_authority = origin.split_once("://").map(|(_, authority)| authority);
    match (origin_authority, host) {
        (Some(authority), Some(host)) => !authority.eq_ignore_ascii_case(host),
        // `Origin: null` (sandboxed frames, some redirects) or no Host: not provably ours.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(headers: &[(&str, &str)]) -> Request<Body> {
        let mut builder = Request::builder().method(Method::POST).uri("/fn/x");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap_or_default()
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        assert!(is_cross_site(&post(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&post(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&post(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site(&post(&[("sec-fetch-site", "none")])));
        assert!(is_cross_site(&post(&[
            ("origin", "https://evil.example"),
            ("host", "hearth.example")
        ])));
        assert!(!is_cross_site(&post(&[
            ("origin", "https://hearth.example"),
            ("host", "hearth.example")
        ])));
        assert!(is_cross_site(&post(&[
            ("origin", "null"),
            ("host", "hearth.example")
        ])));
        assert!(!is_cross_site(&post(&[("host", "hearth.example")])));
    }
}
