//! Cross-site request protection for pages and server functions (the pages router applies
//! this layer; the API uses bearer tokens and never reads cookies).
//!
//! `same_origin_only` refuses any state-changing request (POST, PUT, PATCH, DELETE) that a
//! browser says came from another site: `Sec-Fetch-Site: cross-site` or `same-site`, or an
//! `Origin` that is not this host. Browsers send one or both on every such request, so a
//! forged form on another site gets 403 and changes nothing. Requests with neither header
//! come from programs, which carry no ambient cookies to abuse.

use axum::{
    body::Body,
    extract::Request,
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn same_origin_only(request: Request<Body>, next: Next) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state && is_cross_site(&request) {
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
