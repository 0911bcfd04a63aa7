//! Colour theme: light, dark, or whatever the operating system prefers.
//!
//! The choice lives in the `theme` cookie so that the server renders `<html class="dark">`
//! (or `light`, `system`) itself and the page never flashes the wrong colours while the WASM
//! loads. `system` needs no script: the stylesheet's `dark` variant also applies under
//! `.system` when `prefers-color-scheme: dark` (see `style/tailwind.css`).
//!
//! The switcher is a form of three submit buttons posting to `set_theme`: without JavaScript the
//! browser follows the redirect back to the page with the new cookie; with it, the class on
//! `<html>` changes at once and the cookie is set in the background.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, t_string, use_i18n};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    pub const COOKIE: &'static str = "theme";
    pub const ALL: [Self; 3] = [Self::Light, Self::Dark, Self::System];

    /// The cookie value, which is also the class on `<html>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::System => "system",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|theme| theme.as_str() == value)
    }

    /// The theme's name in the page's language.
    pub fn label(self, i18n: I18nContext<Locale>) -> String {
        match self {
            Self::Light => t_string!(i18n, theme.light).to_string(),
            Self::Dark => t_string!(i18n, theme.dark).to_string(),
            Self::System => t_string!(i18n, theme.system).to_string(),
        }
    }

    /// Reads the theme from a `Cookie` request header; anything unknown means `System`.
    pub fn from_cookie_header(header: &str) -> Self {
        crate::cookies::value_in(header, Self::COOKIE)
            .and_then(Self::parse)
            .unwrap_or_default()
    }

    /// The theme the page was rendered with: from the request on the server, from `<html>` in
    /// the browser (which the server rendered from the same cookie).
    pub fn current_page() -> Self {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>()
                .and_then(|parts| {
                    parts
                        .headers
                        .get(http::header::COOKIE)
                        .and_then(|value| value.to_str().ok())
                        .map(Self::from_cookie_header)
                })
                .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            document()
                .document_element()
                .and_then(|html| html.get_attribute("class"))
                .and_then(|class| class.split_whitespace().find_map(Self::parse))
                .unwrap_or_default()
        }
    }
}

/// Remembers the choice for a year. An unknown value means `System`, as it does in the cookie.
#[server(prefix = "/fn", endpoint = "set-theme")]
pub async fn set_theme(theme: String) -> Result<Theme, ServerFnError> {
    let theme = Theme::parse(&theme).unwrap_or_default();
    crate::cookies::remember(Theme::COOKIE, theme.as_str())?;
    Ok(theme)
}

/// Three buttons, one per theme; the pressed one is the current theme.
#[component]
pub fn ThemeSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetTheme>::new();
    let rendered_with = Theme::current_page();
    // The pending choice shows at once; the confirmed one once the server answered.
    let current = Memo::new(move |_| {
        action
            .input()
            .get()
            .map(|input| Theme::parse(&input.theme).unwrap_or_default())
            .or_else(|| action.value().get().and_then(Result::ok))
            .unwrap_or(rendered_with)
    });
    Effect::new(move |_| {
        let theme = current.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("class", theme.as_str());
        }
    });

    view! {
        <ActionForm action attr:class="flex">
            <div
                role="group"
                aria-label=move || t_string!(i18n, theme.group).to_string()
                class="flex rounded-md border border-stone-300 p-0.5 dark:border-stone-700"
            >
                {Theme::ALL
                    .into_iter()
                    .map(|theme| {
                        view! {
                            <button
                                type="submit"
                                name="theme"
                                value=theme.as_str()
                                title=move || theme.label(i18n)
                                aria-pressed=move || (current.get() == theme).to_string()
                                class="rounded p-1.5 text-stone-600 hover:bg-stone-100 hover:text-stone-900 aria-pressed:bg-stone-200 aria-pressed:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-white dark:aria-pressed:bg-stone-700 dark:aria-pressed:text-white"
                            >
                                <span class="sr-only">{move || theme.label(i18n)}</span>
                                <ThemeIcon theme />
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn ThemeIcon(theme: Theme) -> impl IntoView {
    let path = match theme {
        // A sun: a disc and eight rays.
        Theme::Light => {
            "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"
        }
        // A crescent moon.
        Theme::Dark => "M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z",
        // A monitor on a stand.
        Theme::System => "M3 5h18v11H3zM8 20h8M12 16v4",
    };
    view! {
        <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            width="18"
            height="18"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
        >
            <path d=path />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_comes_from_its_cookie() {
        assert_eq!(Theme::from_cookie_header("theme=dark"), Theme::Dark);
        assert_eq!(
            Theme::from_cookie_header("a=1; theme=light; b=2"),
            Theme::Light
        );
        assert_eq!(Theme::from_cookie_header("theme=system"), Theme::System);
    }

    #[test]
    fn a_missing_or_unknown_theme_follows_the_system() {
        assert_eq!(Theme::from_cookie_header(""), Theme::System);
        assert_eq!(Theme::from_cookie_header("theme=purple"), Theme::System);
        assert_eq!(Theme::from_cookie_header("mytheme=dark"), Theme::System);
    }
}
