//! The theme switcher: three submit buttons posting to `set_theme`. Without JavaScript the
//! browser follows the redirect back to the page with the new cookie; with it, the class on
//! `<html>` changes at once and the cookie is set in the background.

use leptos::prelude::*;

use super::icons::ThemeIcon;
use crate::{
    i18n::{t_string, use_i18n},
    theme::{SetTheme, Theme},
};

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
