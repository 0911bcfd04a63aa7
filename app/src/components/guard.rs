//! The one guard for pages that need a signed-in person, and optionally a role. A route
//! declares it around its page (`<RequireUser><DashboardPage /></RequireUser>`); the page inside
//! can then count on `Auth` holding a user.

use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

use crate::{
    accounts::{
        Role,
        session::{Auth, login_path},
    },
    components::page_title::PageTitle,
    i18n::{t, t_string, use_i18n},
};

/// Renders `children` for a signed-in person whose role grants `role` (any role when none is
/// given). Anyone not signed in is sent to log in and brought back afterwards: a real `302` from
/// the server, so it works without JavaScript, and a client-side navigation in the browser. A
/// signed-in person without the role gets the 403 page.
#[component]
pub fn RequireUser(#[prop(optional)] role: Option<Role>, children: ChildrenFn) -> impl IntoView {
    let auth = Auth::use_context();
    // Read once: a person who logs out here is on their way elsewhere already.
    match auth.0.get_untracked() {
        None => {
            let login = login_path(&use_location().pathname.get_untracked());
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(&login);
            view! { <Redirect path=login /> }.into_any()
        }
        Some(user) if role.is_some_and(|role| user.require(role).is_err()) => {
            view! { <Forbidden /> }.into_any()
        }
        Some(_) => children().into_any(),
    }
}

#[component]
fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, forbidden.title).to_string() />
        <section class="flex flex-col items-start gap-4">
            <p class="text-sm font-semibold uppercase tracking-wide text-orange-800 dark:text-orange-300">"403"</p>
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, forbidden.heading)}</h1>
            <p class="text-stone-700 dark:text-stone-300">{t!(i18n, errors.forbidden)}</p>
            <a href="/" class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800">
                {t!(i18n, not_found.back)}
            </a>
        </section>
    }
}
