//! Colour theme: light, dark, or whatever the operating system prefers.
//!
//! The choice lives in the `theme` cookie so that the server renders `<html class="dark">`
//! (or `light`, `system`) itself and the page never flashes the wrong colours while the WASM
//! loads. `system` needs no script: the stylesheet's `dark` variant also applies under
//! `.system` when `prefers-color-scheme: dark` (see `style/tailwind.css`).
//!
//! The switcher (`components::theme_switcher`) posts to `set_theme`.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, t_string};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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
            with_context::<http::request::Parts, _>(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|value| value.to_str().ok())
                    .map(Self::from_cookie_header)
            })
            .flatten()
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
pub async fn set_theme(theme: String) -> Result<Theme, crate::error::Error> {
    let theme = Theme::parse(&theme).unwrap_or_default();
    crate::cookies::remember(Theme::COOKIE, theme.as_str())?;
    Ok(theme)
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
