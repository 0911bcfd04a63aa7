//! The page for any path no route matches. On the server it also sets the HTTP status to 404,
//! so crawlers and scripts see a real "not found", not a 200 with an apology in it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::page_title::PageTitle,
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }

    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, not_found.title).to_string() />
        <section class="flex flex-col items-start gap-4">
            <p class="text-sm font-semibold uppercase tracking-wide text-orange-800 dark:text-orange-300">"404"</p>
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, not_found.heading)}</h1>
            <p class="text-stone-700 dark:text-stone-300">
                {t!(i18n, not_found.text)}
            </p>
            <A
                href="/"
                attr:class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800"
            >
                {t!(i18n, not_found.back)}
            </A>
        </section>
    }
}
