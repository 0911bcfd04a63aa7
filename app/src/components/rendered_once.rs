//! Markup that is the same on every page in one language and theme, rendered once per process
//! and copied into every page after that.
//!
//! The language and theme switchers are most of the page frame's markup (the header's, the
//! small-screen menu's, the footer's): five language buttons three times, three theme buttons
//! with their icons twice. Building and rendering them again for every page was about a tenth
//! of a signed-in page's time on the server, for markup that only changes with the language and
//! the theme.
//!
//! The contract of [`per_language_and_theme`]: what `render` draws depends on the page's
//! language and theme and on nothing else (not the path, the person, the request or the time),
//! and each `name` stands for one piece of markup. Islands inside are fine: their markup names
//! the island and holds its children, the same for every page. Lazy islands are not: a page
//! learns which code chunks to preload while it renders them.

use leptos::prelude::*;

/// `render`'s markup for the page's language and theme: rendered the first time, then kept.
pub fn per_language_and_theme<V: IntoView + 'static>(
    name: &'static str,
    render: impl FnOnce() -> V,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        leptos::tachys::html::InertElement::new(server::kept(name, render))
    }
    // Only the server renders these pieces: in the browser they sit inside islands' children,
    // which the server renders.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        render()
    }
}

#[cfg(feature = "ssr")]
mod server {
    use std::collections::HashMap;
    use std::sync::{LazyLock, PoisonError, RwLock};

    use leptos::prelude::*;

    use crate::i18n::{Locale, use_i18n};
    use crate::theme::Theme;

    type Key = (&'static str, Locale, Theme);

    /// Every piece in every language and theme it was asked for: a bounded number of small
    /// strings (the pieces' names times five languages times three themes), kept for the
    /// process's life.
    static KEPT: LazyLock<RwLock<HashMap<Key, &'static str>>> = LazyLock::new(RwLock::default);

    pub(super) fn kept<V: IntoView + 'static>(
        name: &'static str,
        render: impl FnOnce() -> V,
    ) -> &'static str {
        let key = (
            name,
            use_i18n().get_locale_untracked(),
            Theme::current_page(),
        );
        if let Some(html) = KEPT
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return html;
        }
        // Rendered outside the lock; of two pages that race here, the first keeps its copy.
        let html = render().into_view().to_html();
        let mut kept = KEPT.write().unwrap_or_else(PoisonError::into_inner);
        kept.entry(key)
            .or_insert_with(|| Box::leak(html.into_boxed_str()))
    }
}
