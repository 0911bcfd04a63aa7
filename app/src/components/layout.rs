//! The frame around every page: a skip link, the header with the product name, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{LocaleList, LocaleSwitcher};
use crate::theme::ThemeSwitcher;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a
            href="#main"
            on:click=skip_to_main
            class="sr-only focus:not-sr-only focus:absolute focus:start-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-stone-900"
        >
            {t!(i18n, nav.skip)}
        </a>
        <header class="border-b border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <nav
                aria-label=move || t_string!(i18n, nav.main).to_string()
                class="mx-auto flex max-w-5xl items-center justify-between px-4 py-3 sm:px-6"
            >
                <A
                    href="/"
                    attr:aria-label=move || t_string!(i18n, nav.home).to_string()
                    attr:class="flex items-center gap-2 text-lg font-semibold text-stone-900 dark:text-white"
                >
                    <img src="/favicon.svg" alt="" width="28" height="28" />
                    <span>"Hearth"</span>
                </A>
                <div class="flex items-center gap-2">
                    <LocaleSwitcher />
                    <ThemeSwitcher />
                </div>
            </nav>
        </header>
    }
    .into_any()
}

/// The router would treat `#main` as a navigation and only scroll; a skip link must move the
/// keyboard focus too, as the browser does on its own when JavaScript is off.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    use leptos::wasm_bindgen::JsCast;

    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|main| main.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        event.prevent_default();
        let _ = main.focus();
        main.scroll_into_view();
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="border-t border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <div class="mx-auto flex max-w-5xl flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
                <p class="text-sm text-stone-600 dark:text-stone-400">{t!(i18n, footer.tagline)}</p>
                <LocaleList />
            </div>
        </footer>
    }
    .into_any()
}
