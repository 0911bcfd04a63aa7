//! The request id: set (or kept from the caller) by the server's outermost layer, echoed on the
//! response, recorded on every log line of the request, and shown as the reference on the error
//! page. The shell writes it into `<meta name="request-id">` so the browser knows it too.

/// The request header (and meta tag name) that carries the request id.
pub const HEADER: &str = "x-request-id";

/// The id of the request being served (server) or of the one that delivered this document.
pub fn current() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>().and_then(|parts| {
            parts
                .headers
                .get(HEADER)
                .and_then(|id| id.to_str().ok())
                .map(str::to_owned)
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        leptos::prelude::document()
            .query_selector("meta[name=request-id]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
    }
}
