//! The language switchers: a disclosure in the header, a row in the footer, and the buttons
//! both hold. Each is a form posting to `set_locale`: the browser follows the redirect back to
//! the same page, which the server renders in the new language (with or without JavaScript).

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_i18n::Locale as _;

use super::{icons::GlobeIcon, rendered_once};
use crate::{
    i18n::{Locale, t, t_string, use_i18n},
    locale::{SetLocale, autonym},
};

/// One submit button per language, each named in its own language; the current one is pressed.
#[component]
pub fn LocaleButtons(#[prop(into)] class: String) -> impl IntoView {
    let current = use_i18n().get_locale_untracked();
    view! {
        <form method="post" action=SetLocale::url()>
            <ul class=class>
                {Locale::get_all()
                    .iter()
                    .map(|&locale| {
                        view! {
                            <li>
                                <button
                                    type="submit"
                                    name="locale"
                                    value=locale.as_str()
                                    lang=locale.as_str()
                                    aria-pressed=(current == locale).to_string()
                                    class="locale-choice"
                                >
                                    {autonym(locale)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </form>
    }
    .into_any()
}

/// The header's switcher: a disclosure (works without JavaScript) holding the language buttons.
#[component]
pub fn LocaleSwitcher() -> impl IntoView {
    rendered_once::per_language_and_theme("locale-switcher", locale_switcher)
}

fn locale_switcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="relative">
            <summary
                title=t_string!(i18n, language.choose).to_string()
                class="flex cursor-pointer list-none items-center gap-1 rounded-md border border-stone-300 px-2 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800 [&::-webkit-details-marker]:hidden"
            >
                <GlobeIcon />
                <span class="sr-only">{t!(i18n, language.label)}": "</span>
                <span>{i18n.get_locale_untracked().as_str().to_uppercase()}</span>
            </summary>
            <div class="absolute end-0 z-40 mt-2 w-40 rounded-md border border-stone-200 bg-white p-1 shadow-lg dark:border-stone-700 dark:bg-stone-900">
                <LocaleButtons class="flex flex-col text-sm" />
            </div>
        </details>
    }
    .into_any()
}

/// The footer's switcher: every language in a row.
#[component]
pub fn LocaleList() -> impl IntoView {
    rendered_once::per_language_and_theme("locale-list", || {
        let i18n = use_i18n();
        view! {
            <nav aria-label=t_string!(i18n, language.label).to_string()>
                <LocaleButtons class="flex flex-wrap gap-1 text-sm" />
            </nav>
        }
    })
}
