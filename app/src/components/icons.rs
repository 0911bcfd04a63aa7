//! The icons of the page frame, drawn inline as SVG (no icon font or sprite to download). Each is
//! decorative (`aria-hidden`): the control around it carries the accessible name.

use leptos::prelude::*;

use crate::theme::Theme;

/// Three lines: the phone menu's button.
#[component]
pub fn MenuIcon() -> impl IntoView {
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
        >
            <path d="M4 6h16M4 12h16M4 18h16" />
        </svg>
    }
}

/// A globe: the language switcher.
#[component]
pub fn GlobeIcon() -> impl IntoView {
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
            <circle cx="12" cy="12" r="9" />
            <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
        </svg>
    }
}

/// The sun, the moon or the monitor of each theme.
#[component]
pub fn ThemeIcon(theme: Theme) -> impl IntoView {
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
