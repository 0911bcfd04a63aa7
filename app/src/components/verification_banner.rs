//! The banner a signed-in person with an unverified address sees under the header on every
//! page, with a button that sends the verification letter again (at most once a minute: asked
//! sooner, the banner says to wait). A plain form, so it works without JavaScript.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::{use_location, use_query_map};

use crate::{
    accounts::{server_fns::ResendVerification, session::Auth},
    components::rendered_once,
    error::Notice,
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn VerificationBanner() -> impl IntoView {
    let Some(email) = Auth::use_context().0.with_untracked(|user| {
        user.as_ref()
            .filter(|user| !user.email_verified())
            .map(|user| user.email.clone())
    }) else {
        return ().into_any();
    };
    // Back to this very page afterwards (Leptos gives the query without its `?`).
    let location = use_location();
    let search = location.search.get_untracked();
    let here = match search.trim_start_matches('?') {
        "" => location.pathname.get_untracked(),
        query => format!("{}?{query}", location.pathname.get_untracked()),
    };
    // Asked again too soon: the server sent the browser back here with this notice.
    let too_soon = use_query_map()
        .with_untracked(|query| query.get_str("notice") == Some(Notice::TooManyRequests.code()));
    // The same for everyone but the address and the page: rendered once per language, theme
    // and shape, with those two put in (see `rendered_once`).
    rendered_once::per_shape(
        "verification-banner",
        u32::from(too_soon),
        &[&email, &here],
        move || banner(too_soon),
    )
    .into_any()
}

fn banner(too_soon: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <aside
            aria-label=t_string!(i18n, verify.title).to_string()
            class="border-b border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
        >
            <div class="mx-auto flex w-full max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm sm:px-6">
                <p class="flex-1">{t_string!(i18n, verify.banner, email = rendered_once::TEXT_HOLE).to_string()}</p>
                <ResendForm next=rendered_once::URL_HOLE.to_owned() />
                {too_soon.then(|| view! {
                    <p role="alert" class="basis-full font-medium">{Notice::TooManyRequests.message(locale)}</p>
                })}
            </div>
        </aside>
    }
}

/// "Send the link again", coming back to `next` afterwards.
#[component]
pub fn ResendForm(next: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="post" action=ResendVerification::url()>
            <input type="hidden" name="next" value=next />
            <button
                type="submit"
                class="rounded-md border border-amber-400 bg-white px-3 py-1.5 font-medium text-amber-950 hover:bg-amber-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-700 dark:border-amber-700 dark:bg-amber-900 dark:text-amber-50 dark:hover:bg-amber-800"
            >
                {t!(i18n, verify.resend)}
            </button>
        </form>
    }
}
