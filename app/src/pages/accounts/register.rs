//! `/register`.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::{components::A, hooks::use_query_map};

use super::form::{AccountForm, AccountPage, Field, FieldKind, messages};
use crate::{
    accounts::{server_fns::Register, session::safe_next},
    forms::{Feedback, encode},
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn RegisterPage() -> impl IntoView {
    crate::shareable::same_for_every_visitor();
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let next = safe_next(query.get("next").as_deref());
    let login_link = format!("/login?next={}", encode(&next));
    let field = |kind, label: String| Field::new(kind, label, &query, &feedback, locale);
    let fields = vec![
        field(FieldKind::Name, t_string!(i18n, auth.name).to_string()),
        field(FieldKind::Email, t_string!(i18n, auth.email).to_string()),
        field(
            FieldKind::NewPassword,
            t_string!(i18n, auth.password).to_string(),
        )
        .hint(t_string!(i18n, auth.password_hint).to_string()),
    ];

    view! {
        <AccountPage
            title=t_string!(i18n, auth.register_title).to_string()
            heading=t_string!(i18n, auth.register_heading).to_string()
            notice=feedback.notice
        >
            <AccountForm
                action=Register::url().to_owned()
                hidden=vec![("next", next)]
                fields
                submit=t_string!(i18n, auth.register_submit).to_string()
                messages=messages(locale)
            />
            <p class="text-sm text-stone-700 dark:text-stone-300">
                {t!(i18n, auth.have_account)}" "
                <A href=login_link attr:class="font-medium text-orange-800 underline dark:text-orange-300">
                    {t!(i18n, auth.log_in_instead)}
                </A>
            </p>
        </AccountPage>
    }
    .into_any()
}
