//! Pages that are the same for every visitor without a session.
//!
//! A page that reads nothing but its address, the language and the theme (no session, no
//! database, no clock) says so with [`same_for_every_visitor`]. The server may then keep the
//! rendered page and answer later anonymous requests for the same address, language and theme
//! from memory (`server::http::page_cache`), which decides on its own, from the request's
//! cookies, whether a request is anonymous. A page that shows anything else must not call it.

/// The response header that carries the mark from the page to the server's cache, which
/// removes it before the response leaves.
pub const HEADER: &str = "x-hearth-shareable";

/// Marks the page being rendered as shareable between visitors without a session.
pub fn same_for_every_visitor() {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static(HEADER),
            http::HeaderValue::from_static("1"),
        );
    }
}
