//! Browser sessions, for pages and server functions (the pages router applies this layer; the
//! API, probes and static files never see it).
//!
//! `resolve` reads the session cookies of each request. A valid access cookie names the user;
//! when it has expired but the refresh cookie is good, the pair is rotated on the spot and the
//! new cookies ride back on the response, so the person never notices. The outcome goes into the
//! request's extensions as `Option<CurrentSession>`, where the pages and server functions find
//! it (`app::accounts::session::current`).

use app::{
    accounts::{
        Accounts, BrowserRefresh,
        session::{ACCESS_COOKIE, CurrentSession, REFRESH_COOKIE, SessionCookies},
    },
    cookies::value_in,
    error::{AuthFailure, Error},
    services::Services,
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};

pub async fn resolve(
    State(services): State<Services>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let cookie_header = request
        .headers()
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let access = value_in(&cookie_header, ACCESS_COOKIE);
    let refresh = value_in(&cookie_header, REFRESH_COOKIE);

    let (session, set_cookies) = session_for(
        &services.accounts,
        services.cookies,
        access,
        refresh,
        (request.headers(), request.extensions()),
    )
    .await;
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
    (headers, extensions): (&axum::http::HeaderMap, &axum::http::Extensions),
) -> (Option<CurrentSession>, Vec<HeaderValue>) {
    if let Some(access) = access
        && let Ok((user, family)) = accounts.authenticate(access).await
    {
        return (Some(CurrentSession { user, family }), Vec::new());
    }
    let Some(refresh) = refresh else {
        return (None, Vec::new());
    };
    let device = super::extract::device_of(headers, extensions);
    match accounts.refresh_for_browser(refresh, &device).await {
        Ok(BrowserRefresh::Rotated(tokens)) => {
            match accounts.authenticate(&tokens.access_token).await {
                Ok((user, family)) => (
                    Some(CurrentSession { user, family }),
                    cookies.set(&tokens).to_vec(),
                ),
                Err(_) => (None, cookies.clear().to_vec()),
            }
        }
        // Another request of this browser rotated the cookie a moment ago and carries the new
        // pair; this one is still that person, and must not touch the cookies.
        Ok(BrowserRefresh::RecentlyRotated { user, family }) => {
            match accounts.user_of_live_session(user, family).await {
                Ok(user) => (Some(CurrentSession { user, family }), Vec::new()),
                Err(_) => (None, Vec::new()),
            }
        }
        // A refresh token that is no good any more: forget it, and the stale access token.
        Err(Error::Unauthenticated(AuthFailure::SessionEnded)) => (None, cookies.clear().to_vec()),
        Err(error) => {
            tracing::error!(%error, "resolving a browser session failed");
            (None, Vec::new())
        }
    }
}
