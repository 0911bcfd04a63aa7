//! Where the links that prove an address lead: `/verify-email?token=…` (the verification
//! letter) and `/confirm-email?token=…` (the letter to a new address). Opening a page changes
//! nothing (mail scanners open links too); its button posts the token, and the server answers
//! with a redirect onwards, or back here with what was wrong with the link.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use super::form::AccountPage;
use crate::{
    accounts::{
        rules::fields,
        server_fns::{ConfirmEmail, VerifyEmail},
        session::Auth,
    },
    components::{ui::Button, verification_banner::ResendForm},
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let unverified = Auth::use_context()
        .0
        .with_untracked(|user| user.as_ref().is_some_and(|user| !user.email_verified()));
    let signed_in = Auth::use_context().0.with_untracked(Option::is_some);
    // When the link cannot work: how to get another.
    let instead = move || {
        if unverified {
            view! { <ResendForm next="/dashboard".to_owned() /> }.into_any()
        } else if !signed_in {
            view! { <p class="text-stone-700 dark:text-stone-300">{t!(i18n, verify.ask_again)}</p> }
                .into_any()
        } else {
            ().into_any()
        }
    };
    view! {
        <LinkPage
            title=t_string!(i18n, verify.title).to_string()
            intro=t_string!(i18n, verify.intro).to_string()
            submit=t_string!(i18n, verify.submit).to_string()
            action=VerifyEmail::url()
            instead=instead()
        />
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <LinkPage
            title=t_string!(i18n, settings.confirm_email_title).to_string()
            intro=t_string!(i18n, settings.confirm_email_intro).to_string()
            submit=t_string!(i18n, letters.change_action).to_string()
            action=ConfirmEmail::url()
            instead=().into_any()
        />
    }
}

/// A link's page: what pressing its button does and the button, posting the link's token; or,
/// when the server sent the browser back because the link cannot work, why and `instead`.
#[component]
fn LinkPage(
    title: String,
    intro: String,
    submit: String,
    action: &'static str,
    instead: AnyView,
) -> impl IntoView {
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let token = query.get("token").unwrap_or_default();
    let problem = feedback.issue(fields::TOKEN);
    let body = match problem {
        Some(_) => instead,
        None => view! {
            <p class="text-stone-700 dark:text-stone-300">{intro}</p>
            <form method="post" action=action class="flex flex-col gap-4">
                <input type="hidden" name="token" value=token />
                <Button kind="submit">{submit}</Button>
            </form>
        }
        .into_any(),
    };
    view! {
        <AccountPage title=title.clone() heading=title notice=feedback.notice issue=problem>
            {body}
        </AccountPage>
    }
}
