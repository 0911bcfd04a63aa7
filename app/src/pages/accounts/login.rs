//! `/login`.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::{components::A, hooks::use_query_map};

use super::form::{AccountForm, AccountPage, Field, FieldKind, messages};
use crate::{
    accounts::{server_fns::LogIn, session::safe_next},
    forms::{Feedback, encode},
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn LoginPage() -> impl IntoView {
    crate::shareable::same_for_every_visitor();
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let next = safe_next(query.get("next").as_deref());
    let register_link = format!("/register?next={}", encode(&next));
    let field = |kind, label: String| Field::new(kind, label, &query, &feedback, locale);
    let fields = vec![
        field(FieldKind::Email, t_string!(i18n, auth.email).to_string()),
        field(
            FieldKind::Password,
            t_string!(i18n, auth.password).to_string(),
        ),
    ];

    view! {
        <AccountPage
            title=t_string!(i18n, auth.login_title).to_string()
            heading=t_string!(i18n, auth.login_heading).to_string()
            notice=feedback.notice
        >
            <AccountForm
                action=LogIn::url().to_owned()
                hidden=vec![("next", next)]
                fields
                submit=t_string!(i18n, auth.login_submit).to_string()
                messages=messages(locale)
            />
            <p class="text-sm">
                <A href="/password-reset" attr:class="font-medium text-orange-800 underline dark:text-orange-300">
                    {t!(i18n, reset.forgot)}
                </A>
            </p>
            <p class="text-sm text-stone-700 dark:text-stone-300">
                {t!(i18n, auth.no_account)}" "
                <A href=register_link attr:class="font-medium text-orange-800 underline dark:text-orange-300">
                    {t!(i18n, auth.create_one)}
                </A>
            </p>
        </AccountPage>
    }
    .into_any()
}
