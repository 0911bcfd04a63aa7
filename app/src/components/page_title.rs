//! The page's `<title>` (the shell's formatter adds " · Hearth").

use leptos::prelude::*;
use leptos_meta::Title;

/// Titles the page with `text`, usually a translation.
///
/// On the server the text is worked out while the page renders, and leptos_meta gets a plain
/// string. leptos_axum reads the title after rendering, outside the request's reactive arena;
/// a signal read there can land in another request's arena when requests interleave on a
/// worker thread, and panics ("already been disposed": it happened under load on signed-in
/// pages, whose rendering waits). In the browser the title stays reactive, so switching the
/// language retitles the page.
#[component]
pub fn PageTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    let text = text();
    view! { <Title text /> }
}
