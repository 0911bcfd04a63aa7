//! The theme switcher: three submit buttons posting to `set_theme`. Without JavaScript the
//! browser follows the redirect back to the page with the new cookie; with it (an island), the
//! class on `<html>` changes at once and the cookie is set in the background.

use leptos::{
    ev::SubmitEvent, prelude::*, server_fn::ServerFn as _, wasm_bindgen::JsCast,
    web_sys::HtmlButtonElement,
};

use super::{dom, icons::ThemeIcon, rendered_once};
use crate::{
    forms::browser,
    i18n::{t_string, use_i18n},
    theme::{SetTheme, Theme},
};

/// Three buttons, one per theme; the pressed one is the current theme.
#[component]
pub fn ThemeSwitcher() -> impl IntoView {
    rendered_once::per_language_and_theme("theme-switcher", theme_buttons)
}

fn theme_buttons() -> impl IntoView {
    let i18n = use_i18n();
    let current = Theme::current_page();
    view! {
        <ThemeForm>
            <div
                role="group"
                aria-label=t_string!(i18n, theme.group).to_string()
                class="flex rounded-md border border-stone-300 p-0.5 dark:border-stone-700"
            >
                {Theme::ALL
                    .into_iter()
                    .map(|theme| {
                        let label = theme.label(i18n);
                        let title = label.clone();
                        view! {
                            <button
                                type="submit"
                                name="theme"
                                value=theme.as_str()
                                title=title
                                aria-pressed=(current == theme).to_string()
                                class="theme-choice"
                            >
                                <span class="sr-only">{label}</span>
                                <ThemeIcon theme />
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </ThemeForm>
    }
}

/// The form around the buttons, which the server renders (`children`): the island only takes
/// over the submission. The browser bundle holds this form and its handler, not the buttons.
#[island]
fn ThemeForm(children: Children) -> impl IntoView {
    // The page takes the theme at once; the cookie that makes the server render it from now on
    // is set in the background.
    let on_submit = move |event: SubmitEvent| {
        let Some(theme) = event
            .submitter()
            .and_then(|button| button.dyn_into::<HtmlButtonElement>().ok())
            .and_then(|button| Theme::parse(&button.value()))
        else {
            return;
        };
        event.prevent_default();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("class", theme.as_str());
        }
        press(theme);
        browser::post(SetTheme::url(), &[("theme", theme.as_str())]);
    };

    view! {
        <form method="post" action=SetTheme::url() on:submit=on_submit class="flex">
            {children()}
        </form>
    }
}

/// Marks `theme`'s buttons pressed and the others not, in every switcher on the page (the
/// header's and the small-screen menu's).
fn press(theme: Theme) {
    for button in dom::elements(document().query_selector_all("button[name=theme]")) {
        let pressed = button.get_attribute("value").as_deref() == Some(theme.as_str());
        dom::set_state(&button, "aria-pressed", pressed);
    }
}
