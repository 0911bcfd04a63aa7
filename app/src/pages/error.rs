//! The page shown in place of any page that failed to render. It says what happened in the
//! reader's language, offers a way on, and shows the request id as a reference: the same id is
//! on every log line the server wrote for that request, so support can find the cause.
//!
//! On the server it also sets the status to 500 and logs the errors. In the browser (after a
//! client-side navigation) the reference is the id of the request that delivered the document
//! (see `request_id`).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    components::page_title::PageTitle,
    i18n::{t, t_string, use_i18n},
    request_id,
};

/// The fallback of the error boundary around the routes. Leaving the page clears the errors,
/// so the next page renders normally.
#[component]
pub fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let i18n = use_i18n();

    #[cfg(feature = "ssr")]
    {
        for (_, error) in errors.get_untracked().iter() {
            tracing::error!(%error, "a page failed to render");
        }
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::INTERNAL_SERVER_ERROR);
        }
    }

    let location = use_location();
    let failed_at = location.pathname.get_untracked();
    Effect::new(move |_| {
        if location.pathname.get() != failed_at {
            errors.set(Errors::default());
        }
    });

    let reference = request_id::current();
    view! {
        <PageTitle text=move || t_string!(i18n, error.title).to_string() />
        <section class="flex flex-col items-start gap-4">
            <p class="text-sm font-semibold uppercase tracking-wide text-red-800 dark:text-red-300">
                "500"
            </p>
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, error.heading)}</h1>
            <p class="max-w-2xl text-stone-700 dark:text-stone-300">{t!(i18n, error.text)}</p>
            {reference
                .map(|reference| {
                    view! {
                        <p class="text-sm text-stone-700 dark:text-stone-300">
                            {t!(i18n, error.reference)}": "
                            <code data-testid="request-id" class="rounded bg-stone-200 px-1.5 py-0.5 font-mono dark:bg-stone-800">
                                {reference}
                            </code>
                        </p>
                    }
                })}
            <div class="flex flex-wrap gap-3">
                // A plain link to the same address: a full reload, the surest way to retry.
                <a
                    href=location.pathname.get_untracked()
                    rel="external"
                    class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800"
                >
                    {t!(i18n, error.retry)}
                </a>
                <a
                    href="/"
                    class="rounded-md border border-stone-300 px-4 py-2 font-medium text-stone-800 hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
                >
                    {t!(i18n, not_found.back)}
                </a>
            </div>
        </section>
    }
    .into_any()
}
