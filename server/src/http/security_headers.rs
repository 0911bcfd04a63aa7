//! What every response tells the browser it may and may not do with it.
//!
//! - `Content-Security-Policy`: a page runs only this site's scripts and the inline scripts
//!   Leptos renders with the request's nonce ([`ScriptNonce`], made here for each request and
//!   handed to the render by `pages`), plus WebAssembly; no `unsafe-inline` for scripts, no
//!   plugins, no `<base>`, forms post only here, and no other site may frame it. A page kept by
//!   `page_cache` is sent to many people, so its nonce would be no secret: kept pages carry the
//!   hashes of their inline scripts instead ([`policy_for_kept_page`]), which admit exactly those
//!   scripts and nothing injected beside them. Anything that is not a page gets a policy that
//!   allows nothing at all.
//! - `Strict-Transport-Security` in production (two years, subdomains too): once a browser has
//!   seen it, it never speaks plain HTTP to this site again.
//! - `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`,
//!   `Permissions-Policy` (no camera, microphone, location, payment, USB, and no FLoC-style
//!   cohorts), `Cross-Origin-Opener-Policy: same-origin` and, for browsers older than
//!   `frame-ancestors`, `X-Frame-Options: DENY`.
//!
//! - `Cache-Control: no-store` on whatever may carry tokens or personal data, unless the handler
//!   said otherwise: every API answer, every answer that sets a cookie, and every answer to a
//!   request that came with a session (cookie or bearer token). Nothing of a person's stays in
//!   a shared or browser cache after they sign out.
//!
//! A handler that sets one of these headers itself keeps its own.

use app::accounts::session;
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};
use base64::Engine as _;
use leptos::nonce::Nonce;
use sha2::{Digest as _, Sha256};

use crate::config::{Config, Environment};

/// The nonce of this request's inline scripts, in the request's extensions.
#[derive(Clone, Debug)]
pub struct ScriptNonce(pub Nonce);

/// Which of the headers apply in this deployment.
#[derive(Clone, Copy, Debug)]
pub struct SecurityHeaders {
    /// `Strict-Transport-Security`: on in production, where the site is served over HTTPS
    /// (directly or behind a proxy); off in development, where `http://localhost` must keep
    /// working.
    pub strict_transport: bool,
}

impl From<&Config> for SecurityHeaders {
    fn from(config: &Config) -> Self {
        Self {
            strict_transport: config.environment == Environment::Production,
        }
    }
}

const PERMISSIONS_POLICY: HeaderName = HeaderName::from_static("permissions-policy");
const CROSS_ORIGIN_OPENER_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-opener-policy");

/// Everything but a page: nothing may load, run or frame it.
const NOTHING_ALLOWED: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; \
                               form-action 'none'";

/// The policy of a page, given where its scripts may come from besides this site.
fn page_policy(inline_scripts: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{inline_scripts}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy for a page rendered for this request alone.
pub fn policy_with_nonce(nonce: &Nonce) -> String {
    page_policy(&format!(" 'nonce-{nonce}'"))
}

/// The policy for a page sent again to everyone who asks (`page_cache`): its inline scripts
/// admitted by their SHA-256, which only those exact scripts have.
pub fn policy_for_kept_page(html: &str) -> Option<HeaderValue> {
    let hashes: String = inline_scripts(html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    HeaderValue::from_str(&page_policy(&hashes)).ok()
}

/// The text of each `<script>` without a `src` in `html`: the bytes a browser hashes.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find("<script")?;
            let after_name = &rest[start + "<script".len()..];
            // `<scripts>` or `<script-thing>` are other elements.
            if !after_name.starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
                rest = after_name;
                continue;
            }
            let tag_end = after_name.find('>')?;
            let attributes = &after_name[..tag_end];
            let body = &after_name[tag_end + 1..];
            let close = body.find("</script")?;
            rest = &body[close..];
            let external = attributes
                .split(|c: char| c.is_ascii_whitespace())
                .any(|attribute| attribute.starts_with("src="));
            if !external {
                return Some(&body[..close]);
            }
        }
    })
}

/// The middleware, outermost but for the request id and tracing.
pub async fn secure(
    State(settings): State<SecurityHeaders>,
    mut request: Request,
    next: Next,
) -> Response {
    let personal = is_personal(&request);
    let nonce = Nonce::new();
    request.extensions_mut().insert(ScriptNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = if is_html(headers) {
            HeaderValue::from_str(&policy_with_nonce(&nonce)).ok()
        } else {
            Some(HeaderValue::from_static(NOTHING_ALLOWED))
        };
        if let Some(policy) = policy {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            PERMISSIONS_POLICY,
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ),
        (CROSS_ORIGIN_OPENER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in fixed {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    if (personal || headers.contains_key(header::SET_COOKIE))
        && !headers.contains_key(header::CACHE_CONTROL)
    {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if settings.strict_transport {
        headers
            .entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert(HeaderValue::from_static(
                "max-age=63072000; includeSubDomains",
            ));
    }
    response
}

/// Whether the answer to `request` may hold tokens or someone's data.
fn is_personal(request: &Request) -> bool {
    let headers = request.headers();
    request.uri().path().starts_with("/api/")
        || headers.contains_key(header::AUTHORIZATION)
        || headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .any(|cookies| {
                [session::ACCESS_COOKIE, session::REFRESH_COOKIE]
                    .iter()
                    .any(|name| app::cookies::value_in(cookies, name).is_some())
            })
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_found_and_whole() {
        let html = r#"<head><script src="/pkg/a.js"></script><script type="module" nonce="x">go("</p>")</script>
            <scripts>not one</scripts><script>one();</script><noscript>no</noscript></head>"#;
        let found: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(found, [r#"go("</p>")"#, "one();"]);
    }

    #[test]
    fn a_kept_page_admits_its_scripts_by_hash_and_no_nonce() {
        let policy = policy_for_kept_page("<script>alert(1)</script>").unwrap();
        let policy = policy.to_str().unwrap();
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        assert!(!policy.contains("nonce"));
        assert!(!script_sources(policy).contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn a_page_admits_its_nonce_and_no_inline_script_without_it() {
        let nonce = Nonce::new();
        let policy = policy_with_nonce(&nonce);
        assert_eq!(
            script_sources(&policy),
            format!("script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'")
        );
        let none = policy_for_kept_page("<p>hi</p>").unwrap();
        assert_eq!(
            script_sources(none.to_str().unwrap()),
            "script-src 'self' 'wasm-unsafe-eval'"
        );
    }

    fn script_sources(policy: &str) -> &str {
        policy
            .split("; ")
            .find(|directive| directive.starts_with("script-src "))
            .unwrap()
    }
}
