//! The request id: set (or kept from the caller) by the server's outermost layer, echoed on the
//! response, recorded on every log line of the request, and shown as the reference on the error
//! page. It is not written into the document: a page the server keeps for anonymous visitors
//! (`shareable`) is sent again for later requests, whose ids differ; the browser sees each
//! response's own id in its `X-Request-Id` header.

/// The request header that carries the request id.
pub const HEADER: &str = "x-request-id";

/// The id of the request being served; `None` in the browser, which renders no page itself.
pub fn current() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
            parts
                .headers
                .get(HEADER)
                .and_then(|id| id.to_str().ok())
                .map(str::to_owned)
        })
        .flatten()
    }
    #[cfg(not(feature = "ssr"))]
    None
}
