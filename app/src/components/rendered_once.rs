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
//!
//! [`per_shape`] widens the contract for a piece that also depends on a little more, the
//! header for one: whether someone is signed in and which main link is the current page (the
//! shape, which the caller works out and which is part of the key), and the runs of text that
//! differ from page to page, the person's name and the address of their picture. `render` draws
//! [`TEXT_HOLE`] and [`URL_HOLE`] where they go; each page gets the kept markup with its own
//! texts, escaped, in the holes. So no page carries anything of the person whose page was
//! rendered first.

use leptos::prelude::*;

/// Where [`per_shape`] puts the page's own text: two Unicode noncharacters around a word, which
/// no translation holds and which Leptos's escaping leaves as they are.
pub const TEXT_HOLE: &str = "\u{FDD0}text\u{FDD1}";
/// [`per_shape`]'s second hole (the page's second text: an address, in an attribute).
pub const URL_HOLE: &str = "\u{FDD0}url\u{FDD1}";
/// The holes, in the order of the texts that fill them.
#[cfg(feature = "ssr")]
const HOLES: [&str; 2] = [TEXT_HOLE, URL_HOLE];

/// `render`'s markup for the page's language and theme: rendered the first time, then kept.
pub fn per_language_and_theme<V: IntoView + 'static>(
    name: &'static str,
    render: impl FnOnce() -> V,
) -> impl IntoView {
    per_shape(name, 0, &[], render)
}

/// `render`'s markup for the page's language, theme and `shape`, with `texts[0]` wherever
/// `render` drew [`TEXT_HOLE`] and `texts[1]` wherever it drew [`URL_HOLE`] (a hole without a
/// text stays empty): rendered the first time for each shape, then kept.
pub fn per_shape<V: IntoView + 'static, R: FnOnce() -> V>(
    name: &'static str,
    shape: u32,
    texts: &[&str],
    render: R,
) -> impl IntoView + use<V, R> {
    #[cfg(feature = "ssr")]
    {
        leptos::tachys::html::InertElement::new(server::kept(name, shape, render).with(texts))
    }
    // Only the server renders these pieces: in the browser they sit inside islands' children,
    // which the server renders.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (name, shape, texts);
        render()
    }
}

#[cfg(feature = "ssr")]
mod server {
    use std::borrow::Cow;
    use std::collections::HashMap;
    use std::sync::{LazyLock, PoisonError, RwLock};

    use leptos::prelude::*;

    use super::HOLES;
    use crate::i18n::{Locale, use_i18n};
    use crate::theme::Theme;

    type Key = (&'static str, Locale, Theme, u32);

    /// A piece's markup cut at its holes (one part when it has none), and which hole each cut
    /// was (an index into `HOLES`).
    #[derive(Clone, Copy)]
    pub(super) struct Kept {
        parts: &'static [&'static str],
        holes: &'static [usize],
    }

    impl Kept {
        /// `html` cut at its holes.
        fn cut(html: &'static str) -> Self {
            let mut parts = Vec::new();
            let mut holes = Vec::new();
            let mut rest = html;
            while let Some((at, hole)) = HOLES
                .iter()
                .enumerate()
                .filter_map(|(hole, marker)| rest.find(marker).map(|at| (at, hole)))
                .min()
            {
                parts.push(&rest[..at]);
                holes.push(hole);
                rest = &rest[at + HOLES[hole].len()..];
            }
            parts.push(rest);
            Self {
                parts: Box::leak(parts.into_boxed_slice()),
                holes: Box::leak(holes.into_boxed_slice()),
            }
        }

        /// The markup with each hole's text in it. Escaped for a double-quoted attribute as
        /// well as for text: a hole in either place stays a value, whatever the text holds.
        pub(super) fn with(self, texts: &[&str]) -> Cow<'static, str> {
            match self.parts {
                [whole] => Cow::Borrowed(whole),
                parts => {
                    let mut html = String::with_capacity(parts.iter().map(|part| part.len()).sum());
                    for (part, hole) in parts.iter().zip(self.holes) {
                        html.push_str(part);
                        let text = texts.get(*hole).copied().unwrap_or_default();
                        html.push_str(&html_escape::encode_double_quoted_attribute(text));
                    }
                    html.push_str(parts.last().copied().unwrap_or_default());
                    Cow::Owned(html)
                }
            }
        }
    }

    /// Every piece in every language, theme and shape it was asked for: a bounded number of
    /// small strings (the pieces' names times five languages times three themes times the few
    /// shapes a piece has), kept for the process's life.
    static KEPT: LazyLock<RwLock<HashMap<Key, Kept>>> = LazyLock::new(RwLock::default);

    pub(super) fn kept<V: IntoView + 'static>(
        name: &'static str,
        shape: u32,
        render: impl FnOnce() -> V,
    ) -> Kept {
        let key = (
            name,
            use_i18n().get_locale_untracked(),
            Theme::current_page(),
            shape,
        );
        if let Some(kept) = KEPT
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return *kept;
        }
        // Rendered outside the lock; of two pages that race here, the first keeps its copy.
        let html: &'static str = Box::leak(render().into_view().to_html().into_boxed_str());
        let cut = Kept::cut(html);
        let mut kept = KEPT.write().unwrap_or_else(PoisonError::into_inner);
        *kept.entry(key).or_insert(cut)
    }

    #[cfg(test)]
    mod tests {
        use super::super::{TEXT_HOLE, URL_HOLE};
        use super::*;

        #[test]
        fn a_piece_without_holes_is_the_kept_markup_itself() {
            let kept = Kept::cut("<p>Same for everyone</p>");
            assert!(matches!(
                kept.with(&["ignored"]),
                Cow::Borrowed("<p>Same for everyone</p>")
            ));
        }

        #[test]
        fn each_hole_gets_its_text_escaped_for_text_and_attributes() {
            let html = format!(
                "<span title=\"{TEXT_HOLE}\"><img src=\"{URL_HOLE}\">Signed in as {TEXT_HOLE}</span>"
            );
            let kept = Kept::cut(Box::leak(html.into_boxed_str()));
            assert_eq!(
                kept.with(&[r#"Zoë "<b>" & co"#, "/files/a\"b.jpg"]),
                "<span title=\"Zoë &quot;&lt;b&gt;&quot; &amp; co\"><img src=\"/files/a&quot;b.jpg\">Signed in as Zoë &quot;&lt;b&gt;&quot; &amp; co</span>"
            );
            // A hole whose text is missing stays empty.
            assert_eq!(
                kept.with(&["Ann"]),
                "<span title=\"Ann\"><img src=\"\">Signed in as Ann</span>"
            );
        }

        #[test]
        fn the_holes_survive_leptos_escaping_unchanged() {
            for hole in HOLES {
                assert_eq!(html_escape::encode_text(hole), hole);
                assert_eq!(html_escape::encode_double_quoted_attribute(hole), hole);
            }
        }
    }
}
