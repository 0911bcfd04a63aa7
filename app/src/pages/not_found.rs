//! The page for any path no route matches. On the server it also sets the HTTP status to 404,
//! so crawlers and scripts see a real "not found", not a 200 with an apology in it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }

    view! {
        <Title text="Page not found" />
        <section class="flex flex-col items-start gap-4">
            <p class="text-sm font-semibold uppercase tracking-wide text-orange-800 dark:text-orange-300">"404"</p>
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">"We couldn't find that page."</h1>
            <p class="text-stone-700 dark:text-stone-300">
                "The address may be mistyped, or the page may have moved."
            </p>
            <A
                href="/"
                attr:class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800"
            >
                "Back to the home page"
            </A>
        </section>
    }
}
