//! The theme switcher: three submit buttons posting to `set_theme`. Without JavaScript the
//! browser follows the redirect back to the page with the new cookie; with it (an island), the
//! class on `<html>` changes at once and the cookie is set in the background.

use leptos::{
    ev::SubmitEvent, prelude::*, server_fn::ServerFn as _, wasm_bindgen::JsCast,
    web_sys::HtmlButtonElement,
};

use super::icons::ThemeIcon;
use crate::{
    forms::browser,
    i18n::{t_string, use_i18n},
    theme::{SetTheme, Theme},
};

/// Three buttons, one per theme; the pressed one is the current theme.
#[component]
pub fn ThemeSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ThemeButtons
            rendered_with=Theme::current_page()
            group=t_string!(i18n, theme.group).to_string()
            labels=Theme::ALL.map(|theme| theme.label(i18n)).to_vec()
        />
    }
}

/// `labels` name the themes of `Theme::ALL`, in that order, in the page's language.
#[island]
fn ThemeButtons(rendered_with: Theme, group: String, labels: Vec<String>) -> impl IntoView {
    let current = RwSignal::new(rendered_with);
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
        current.set(theme);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("class", theme.as_str());
        }
        browser::post(SetTheme::url(), &[("theme", theme.as_str())]);
    };

    view! {
        <form method="post" action=SetTheme::url() on:submit=on_submit class="flex">
            <div
                role="group"
                aria-label=group
                class="flex rounded-md border border-stone-300 p-0.5 dark:border-stone-700"
            >
                {Theme::ALL
                    .into_iter()
                    .zip(labels)
                    .map(|(theme, label)| {
                        let title = label.clone();
                        view! {
                            <button
                                type="submit"
                                name="theme"
                                value=theme.as_str()
                                title=title
                                aria-pressed=move || (current.get() == theme).to_string()
                                class="rounded p-1.5 text-stone-600 hover:bg-stone-100 hover:text-stone-900 aria-pressed:bg-stone-200 aria-pressed:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-white dark:aria-pressed:bg-stone-700 dark:aria-pressed:text-white"
                            >
                                <span class="sr-only">{label}</span>
                                <ThemeIcon theme />
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </form>
    }
}
