//! `/verify-email?token=…`: where the verification letter's link leads. Opening the page
//! changes nothing (mail scanners open links too); its button posts the token, and the server
//! answers with a redirect to the dashboard, or back here with what was wrong with the link.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use super::form::AccountPage;
use crate::{
    accounts::{rules::fields, server_fns::VerifyEmail, session::Auth},
    components::{ui::Button, verification_banner::ResendForm},
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let token = query.get("token").unwrap_or_default();
    let problem = feedback.issue(fields::TOKEN);
    let unverified = Auth::use_context()
        .0
        .with_untracked(|user| user.as_ref().is_some_and(|user| !user.email_verified()));
    let signed_in = Auth::use_context().0.with_untracked(Option::is_some);
    let title = t_string!(i18n, verify.title).to_string();

    view! {
        <AccountPage title=title.clone() heading=title notice=feedback.notice issue=problem>
            {match problem {
                // The link cannot work again: say how to get another.
                Some(_) if unverified => view! { <ResendForm next="/dashboard".to_owned() /> }.into_any(),
                Some(_) if !signed_in => view! {
                    <p class="text-stone-700 dark:text-stone-300">{t!(i18n, verify.ask_again)}</p>
                }
                .into_any(),
                Some(_) => ().into_any(),
                None => view! {
                    <p class="text-stone-700 dark:text-stone-300">{t!(i18n, verify.intro)}</p>
                    <form method="post" action=VerifyEmail::url() class="flex flex-col gap-4">
                        <input type="hidden" name="token" value=token />
                        <Button kind="submit">{t!(i18n, verify.submit)}</Button>
                    </form>
                }
                .into_any(),
            }}
        </AccountPage>
    }
    .into_any()
}
