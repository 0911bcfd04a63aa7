//! Browser sessions: who is signed in on this page, and the cookies that carry it.
//!
//! Two `HttpOnly; SameSite=Lax; Path=/` cookies (plus `Secure` in production), invisible to
//! scripts: the short-lived access JWT and the refresh token. The server resolves them on every
//! page and server-function request (`server::http::session`), refreshing a stale access token
//! on the way, and puts the `CurrentSession` into the request for the pages to read.
//!
//! In the page, `Auth` holds the signed-in user, decided on the server for each page. Logging in
//! and out are form posts answered with a redirect, so the next page is rendered for the new
//! state; nothing about the person travels to the browser beyond the HTML.
//!
//! Who needs a person says so once: a server function calls [`require`], a page sits under
//! `components::guard::RequireUser`, a REST handler takes the server's bearer extractor; the
//! role check is [`User::require`](super::User::require) for all three.

use leptos::prelude::*;

use super::User;

pub const ACCESS_COOKIE: &str = "hearth_access";
pub const REFRESH_COOKIE: &str = "hearth_refresh";

/// Where to go after logging in when the request names nowhere (or somewhere not ours).
pub const DEFAULT_NEXT: &str = "/dashboard";

/// The signed-in user of this page, if any.
#[derive(Debug, Clone, Copy)]
pub struct Auth(pub RwSignal<Option<User>>);

impl Auth {
    /// Provides `Auth` for the whole page, from what the server resolved for this request.
    pub fn provide() -> Self {
        #[cfg(feature = "ssr")]
        let user = current().map(|session| session.user);
        #[cfg(not(feature = "ssr"))]
        let user = None::<User>;
        let auth = Self(RwSignal::new(user));
        provide_context(auth);
        auth
    }

    pub fn use_context() -> Self {
        use_context::<Self>().unwrap_or_else(|| Self(RwSignal::new(None)))
    }
}

/// Only same-site paths are honoured as the place to go after logging in: `/x?y` yes,
/// `//evil.example`, `https://…`, `/\evil` or anything odd no (that would be an open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(next)
            if next.starts_with('/')
                && !next.starts_with("//")
                && !next.starts_with("/\\")
                && !next.chars().any(|c| c.is_control() || c == '\\')
                && next.len() <= 2048 =>
        {
            next.to_owned()
        }
        _ => DEFAULT_NEXT.to_owned(),
    }
}

/// `/login?next=…`: where a protected page sends a visitor who is not signed in.
pub fn login_path(next: &str) -> String {
    format!("/login?next={}", crate::forms::encode(next))
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use http::HeaderValue;
    use uuid::Uuid;

    use super::{ACCESS_COOKIE, REFRESH_COOKIE};
    use crate::{
        accounts::{Device, Tokens, User, service::REFRESH_LIFETIME},
        error::{AuthFailure, Error},
    };

    /// Put into each request's extensions by the server's session layer.
    #[derive(Debug, Clone)]
    pub struct CurrentSession {
        pub user: User,
        pub family: Uuid,
    }

    /// The session the server resolved for the request being rendered or served.
    pub fn current() -> Option<CurrentSession> {
        leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
            parts.extensions.get::<Option<CurrentSession>>().cloned()
        })
        .flatten()
        .flatten()
    }

    /// The client's IP address, put into each page and server-function request by the
    /// server's session layer (the HTTP layer knows the connection; the pages do not).
    #[derive(Debug, Clone, Copy)]
    pub struct ClientAddress(pub std::net::IpAddr);

    /// The device of the request being served, for the session it starts: its User-Agent and
    /// the client's address.
    pub fn device() -> Device {
        leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
            let user_agent = parts
                .headers
                .get(http::header::USER_AGENT)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            let ip = parts
                .extensions
                .get::<ClientAddress>()
                .map(|address| address.0.to_string())
                .unwrap_or_default();
            let request_id = parts
                .headers
                .get(crate::request_id::HEADER)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            Device::new(user_agent, ip, request_id)
        })
        .unwrap_or_default()
    }

    /// For server functions that need a person: the session, or `Unauthenticated`.
    pub fn require() -> Result<CurrentSession, Error> {
        current().ok_or(Error::Unauthenticated(AuthFailure::Missing))
    }

    /// How session cookies are written: `Secure` everywhere but local development.
    #[derive(Debug, Clone, Copy)]
    pub struct SessionCookies {
        pub secure: bool,
    }

    impl SessionCookies {
        fn cookie(&self, name: &str, value: &str, max_age: i64) -> HeaderValue {
            let secure = if self.secure { "; Secure" } else { "" };
            let cookie = format!(
                "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
            );
            // Both values are base64url or JWT characters, always valid in a header.
            HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
        }

        /// The two `Set-Cookie` values for a fresh token pair.
        pub fn set(&self, tokens: &Tokens) -> [HeaderValue; 2] {
            [
                self.cookie(ACCESS_COOKIE, &tokens.access_token, tokens.expires_in),
                self.cookie(
                    REFRESH_COOKIE,
                    &tokens.refresh_token,
                    REFRESH_LIFETIME.whole_seconds(),
                ),
            ]
        }

        /// `Set-Cookie` values that delete both cookies.
        pub fn clear(&self) -> [HeaderValue; 2] {
            [
                self.cookie(ACCESS_COOKIE, "", 0),
                self.cookie(REFRESH_COOKIE, "", 0),
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_site_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/dashboard")), "/dashboard");
        assert_eq!(
            safe_next(Some("/projects/7?tab=files#top")),
            "/projects/7?tab=files#top"
        );
        for unsafe_next in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "javascript:alert(1)",
            "/ok\r\nSet-Cookie: x=1",
            "",
        ] {
            assert_eq!(
                safe_next(Some(unsafe_next)),
                DEFAULT_NEXT,
                "{unsafe_next:?}"
            );
        }
        assert_eq!(safe_next(None), DEFAULT_NEXT);
    }

    #[test]
    fn the_login_page_brings_the_visitor_back() {
        assert_eq!(login_path("/dashboard"), "/login?next=%2Fdashboard");
        assert_eq!(login_path("/a b?c=d&e"), "/login?next=%2Fa%20b%3Fc%3Dd%26e");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn cookies_are_http_only_and_secure_when_asked() {
        let tokens = crate::accounts::Tokens {
            access_token: "a.b.c".into(),
            refresh_token: "r".into(),
            expires_in: 900,
        };
        let [access, refresh] = SessionCookies { secure: true }.set(&tokens);
        assert_eq!(
            access.to_str().unwrap_or_default(),
            "hearth_access=a.b.c; Path=/; Max-Age=900; HttpOnly; SameSite=Lax; Secure"
        );
        assert!(
            refresh
                .to_str()
                .unwrap_or_default()
                .starts_with("hearth_refresh=r; Path=/; Max-Age=2592000; HttpOnly")
        );
        let [cleared, _] = SessionCookies { secure: false }.clear();
        assert_eq!(
            cleared.to_str().unwrap_or_default(),
            "hearth_access=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
        );
    }
}
