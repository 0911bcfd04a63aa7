//! The header's account controls: log in and register, or the person's name and log out.
//! Logging out is a plain form post: the server ends the session and redirects home, where a
//! toast says it is done (`crate::flash`).

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::components::A;

use crate::{
    accounts::{server_fns::LogOut, session::Auth},
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn AccountControls() -> impl IntoView {
    let i18n = use_i18n();
    let link = "rounded-md px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-white";

    match Auth::use_context().0.get_untracked() {
        None => view! {
            <div class="flex flex-wrap items-center gap-1">
                <A href="/login" attr:class=link>{t!(i18n, nav.login)}</A>
                <A href="/register" attr:class=link>{t!(i18n, nav.register)}</A>
            </div>
        }
        .into_any(),
        Some(user) => view! {
            <form method="post" action=LogOut::url() class="flex flex-wrap items-center gap-2">
                <span class="text-sm text-stone-600 dark:text-stone-400">
                    {t_string!(i18n, nav.signed_in_as, name = user.name).to_string()}
                </span>
                <button type="submit" class=link>{t!(i18n, nav.logout)}</button>
            </form>
        }
        .into_any(),
    }
}
