//! What the service worker shows for a navigation while the network is gone. It is precached
//! at install, so it must not depend on anything but the app shell.

use leptos::prelude::*;

use crate::{
    components::page_title::PageTitle,
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn OfflinePage() -> impl IntoView {
    crate::shareable::same_for_every_visitor();
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, offline.title).to_string() />
        <section class="flex flex-col items-start gap-4">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, offline.heading)}</h1>
            <p class="text-stone-700 dark:text-stone-300">
                {t!(i18n, offline.text)}
            </p>
            <a
                href="/"
                class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800"
            >
                {t!(i18n, offline.retry)}
            </a>
        </section>
    }
}
