//! `/password-reset` (ask for a letter) and `/password-reset/confirm?token=…` (where its link
//! leads: choose the new password). Both are account forms, so they work without JavaScript and
//! check their fields in the browser when it runs.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::{components::A, hooks::use_query_map};

use super::form::{AccountForm, AccountPage, Field, FieldKind, messages};
use crate::{
    accounts::{
        rules::fields,
        server_fns::{RequestPasswordReset, ResetPassword},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
};

const LINK: &str = "font-medium text-orange-800 underline dark:text-orange-300";

/// `/password-reset`: the address to send the link to; after sending, the same page says the
/// letter is on its way (`?sent=<address>`).
#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let sent = query.get("sent");
    let fields = vec![Field::new(
        FieldKind::Email,
        t_string!(i18n, auth.email).to_string(),
        &query,
        &feedback,
        locale,
    )];

    view! {
        <AccountPage
            title=t_string!(i18n, reset.request_title).to_string()
            heading=t_string!(i18n, reset.request_heading).to_string()
            notice=feedback.notice
        >
            {sent.map(|email| view! {
                <p role="status" class="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm font-medium text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100">
                    {t_string!(i18n, reset.sent, email).to_string()}
                </p>
            })}
            <p class="text-stone-700 dark:text-stone-300">{t!(i18n, reset.request_intro)}</p>
            <AccountForm
                action=RequestPasswordReset::url().to_owned()
                hidden=Vec::new()
                fields
                submit=t_string!(i18n, reset.request_submit).to_string()
                messages=messages(locale)
            />
            <p class="text-sm">
                <A href="/login" attr:class=LINK>{t!(i18n, auth.log_in_instead)}</A>
            </p>
        </AccountPage>
    }
    .into_any()
}

/// `/password-reset/confirm?token=…`: the new password. A link that cannot work (used,
/// expired, cut short) says so and offers a new one instead of the form.
#[component]
pub fn PasswordResetConfirmPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let token = query.get("token").unwrap_or_default();
    let problem = feedback.issue(fields::TOKEN);
    let title = t_string!(i18n, reset.confirm_title).to_string();
    let form = problem.is_none().then(|| {
        let fields = vec![
            Field::new(
                FieldKind::NewPassword,
                t_string!(i18n, reset.new_password).to_string(),
                &query,
                &feedback,
                locale,
            )
            .hint(t_string!(i18n, auth.password_hint).to_string()),
        ];
        view! {
            <AccountForm
                action=ResetPassword::url().to_owned()
                hidden=vec![("token", token)]
                fields
                submit=t_string!(i18n, reset.confirm_submit).to_string()
                messages=messages(locale)
            />
        }
    });

    view! {
        <AccountPage title=title.clone() heading=title notice=feedback.notice issue=problem>
            {form}
            {problem.map(|_| view! {
                <p>
                    <A href="/password-reset" attr:class=LINK>{t!(i18n, reset.ask_again)}</A>
                </p>
            })}
        </AccountPage>
    }
    .into_any()
}
