//! The header's account controls: log in and register, or the person's picture and name and
//! log out.
//! Logging out is a plain form post: the server ends the session and redirects home, where a
//! toast says it is done (`crate::flash`).

use leptos::{prelude::*, server_fn::ServerFn as _};

use crate::{
    accounts::server_fns::LogOut,
    i18n::{t, t_string, use_i18n},
};

/// Whoever is signed in, as the header shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// Their picture's address, if they chose one.
    pub picture: Option<String>,
}

/// `person`: whoever is signed in, if anyone; `current`: the address of the page, when the
/// header links to it.
#[component]
pub fn AccountControls(person: Option<Person>, current: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let link = "rounded-md px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-white";

    let page = move |href: &'static str| (current == Some(href)).then_some("page");
    match person {
        None => view! {
            <div class="flex flex-wrap items-center gap-1">
                <a href="/login" aria-current=page("/login") class=link>{t!(i18n, nav.login)}</a>
                <a href="/register" aria-current=page("/register") class=link>{t!(i18n, nav.register)}</a>
            </div>
        }
        .into_any(),
        Some(Person { name, picture }) => view! {
            <form method="post" action=LogOut::url() class="flex flex-wrap items-center gap-2">
                // The name beside it says who it is: no text of its own.
                {picture.map(|src| view! {
                    <img src=src alt="" width="28" height="28" class="size-7 rounded-full" />
                })}
                <span class="text-sm text-stone-600 dark:text-stone-400">
                    {t_string!(i18n, nav.signed_in_as, name).to_string()}
                </span>
                <button type="submit" class=link>{t!(i18n, nav.logout)}</button>
            </form>
        }
        .into_any(),
    }
}
