//! The middleware around the routers.
//!
//! Every request, outermost first ([`around_everything`]):
//!
//! 1. request id: an incoming `x-request-id` is kept (if it is a sane length), else a UUID is
//!    generated; it is echoed on the response and recorded on the `request` span, so every log
//!    line written while handling the request carries it;
//! 2. tracing of each request and its outcome;
//! 3. the security headers (`security_headers`), with the nonce of the page's scripts;
//!    the client's address (`client_address`), which rate limits, sessions and the audit log use;
//! 4. compression (brotli, gzip) of responses that are not already compressed, pages by
//!    `page_compression`.
//!
//! Each router that reads bodies or does real work (pages, API) also gets [`Limits`]: a request
//! body size limit (413) and a timeout (408), placed inside that router's own error rendering.

use std::time::Duration;

use axum::{
    Router,
    body::Body,
    extract::DefaultBodyLimit,
    http::{HeaderName, Request, StatusCode},
};
use tower::ServiceBuilder;
use tower_http::{
    LatencyUnit,
    compression::{CompressionLayer, CompressionLevel},
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer},
};
use tracing::Level;

use super::{
    client_address, page_compression,
    security_headers::{self, SecurityHeaders},
};
use crate::config::Config;

const REQUEST_ID: HeaderName = HeaderName::from_static(app::request_id::HEADER);
/// Longer incoming ids are replaced: they would only bloat every log line.
const MAX_REQUEST_ID_LEN: usize = 128;

pub fn around_everything(router: Router, config: &Config) -> Router {
    router.layer(
        ServiceBuilder::new()
            .map_request(drop_oversized_request_id)
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_span)
                    .on_response(
                        DefaultOnResponse::new()
                            .level(Level::INFO)
                            .latency_unit(LatencyUnit::Millis),
                    )
                    .on_failure(DefaultOnFailure::new().level(Level::WARN)),
            )
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(axum::middleware::from_fn_with_state(
                SecurityHeaders::from(config),
                security_headers::secure,
            ))
            .layer(axum::middleware::from_fn_with_state(
                config.trusted_proxies.clone(),
                client_address::resolve,
            ))
            // Responses are compressed as they are made, once each, so the encoder's cost counts
            // more than the last few percent of size: brotli at quality 0 answers about 60%
            // faster than at quality 4 (its setup zeroes large tables for every response; a
            // profile showed a fifth of the server's time in `memset`). Pages get brotli from
            // the C encoder, innermost (`page_compression`); browsers without brotli get gzip at
            // level 1 from the outermost layer. Each layer leaves a response another one encoded
            // alone. Static bundles are pre-compressed at full strength when the site is built.
            .layer(
                CompressionLayer::new()
                    .no_br()
                    .gzip(true)
                    .quality(CompressionLevel::Precise(1)),
            )
            .layer(
                CompressionLayer::new()
                    .br(true)
                    .no_gzip()
                    .quality(CompressionLevel::Precise(0)),
            )
            .layer(axum::middleware::from_fn(page_compression::compress)),
    )
}

/// How large a request body may be and how long a request may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub timeout: Duration,
}

impl From<&Config> for Limits {
    fn from(config: &Config) -> Self {
        Self {
            max_body_bytes: config.max_body_bytes,
            timeout: config.request_timeout,
        }
    }
}

impl Limits {
    pub fn apply<S>(self, router: Router<S>) -> Router<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        router.layer(
            ServiceBuilder::new()
                .layer(RequestBodyLimitLayer::new(self.max_body_bytes))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    self.timeout,
                ))
                .layer(DefaultBodyLimit::max(self.max_body_bytes)),
        )
    }
}

fn drop_oversized_request_id(mut request: Request<Body>) -> Request<Body> {
    let oversized = request
        .headers()
        .get(&REQUEST_ID)
        .is_some_and(|id| id.len() > MAX_REQUEST_ID_LEN || id.is_empty());
    if oversized {
        request.headers_mut().remove(&REQUEST_ID);
    }
    request
}

fn request_span(request: &Request<Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|id| id.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        request_id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}
