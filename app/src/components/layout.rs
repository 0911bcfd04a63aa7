//! The frame around every page: a skip link, the header with the product name, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::theme::ThemeSwitcher;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:start-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-stone-900"
        >
            "Skip to content"
        </a>
        <header class="border-b border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <nav
                aria-label="Main"
                class="mx-auto flex max-w-5xl items-center justify-between px-4 py-3 sm:px-6"
            >
                <A
                    href="/"
                    attr:class="flex items-center gap-2 text-lg font-semibold text-stone-900 dark:text-white"
                >
                    <img src="/favicon.svg" alt="" width="28" height="28" />
                    <span>"Hearth"</span>
                </A>
                <ThemeSwitcher />
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="border-t border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <p class="mx-auto max-w-5xl px-4 py-4 text-sm text-stone-600 sm:px-6 dark:text-stone-400">
                "Hearth — shared workspaces for teams."
            </p>
        </footer>
    }
}
