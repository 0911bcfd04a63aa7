//! `/invitation?token=…`: the page an invitation letter links to. It says who invited whom to
//! what; a signed-in person with the invited address accepts or declines it, anyone else is
//! asked to log in or register with that address first (and comes back here).

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use super::{HEADING, LINK, MUTED, role_name};
use crate::{
    accounts::session::{Auth, login_path},
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Button, ButtonVariant, Skeleton},
    },
    forms::{Feedback, encode},
    i18n::{t, t_string, use_i18n},
    locale::format_date,
    workspaces::server_fns::{AnswerInvitation, invitation_by_link},
};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let token = query.get("token").unwrap_or_default();
    let feedback = Feedback::from_query(&query);
    let person = Auth::use_context().0.get_untracked();
    let here = format!("/invitation?token={}", encode(&token));
    let date =
        move |at: time::OffsetDateTime| format_date(locale, at.year(), at.month().into(), at.day());
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-32 w-full" /></div> };

    view! {
        <PageTitle text=move || t_string!(i18n, workspaces.invitation_title).to_string() />
        <section class="flex max-w-xl flex-col gap-4">
            <h1 class=HEADING>{t!(i18n, workspaces.invitation_title)}</h1>
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let found = match invitation_by_link(token.clone()).await {
                        Ok(found) => found,
                        Err(error) => {
                            let issue = error.field_errors().first().map(|problem| problem.issue);
                            return view! {
                                <FormNotice notice=Some(error.notice()) issue />
                                <p><a href="/workspaces" class=LINK>{t!(i18n, workspaces.back_to_list)}</a></p>
                            }
                            .into_any();
                        }
                    };
                    let inviter = found
                        .invited_by
                        .clone()
                        .unwrap_or_else(|| t_string!(i18n, workspaces.someone).to_string());
                    let said = t_string!(i18n, workspaces.invited_you, name = inviter, workspace = found.workspace_name.clone(), role = role_name(locale, found.role)).to_string();
                    let expires = t_string!(i18n, workspaces.expires_on, date = date(found.expires_at)).to_string();
                    let answer = match &person {
                        Some(user) if user.email == found.email => view! {
                            <FormNotice notice=feedback.notice issue=feedback.issue("token") />
                            <div class="flex flex-wrap gap-2">
                                <form method="post" action=AnswerInvitation::url()>
                                    <input type="hidden" name="token" value=token.clone() />
                                    <input type="hidden" name="answer" value="accept" />
                                    <Button kind="submit">{t!(i18n, workspaces.accept)}</Button>
                                </form>
                                <form method="post" action=AnswerInvitation::url()>
                                    <input type="hidden" name="token" value=token.clone() />
                                    <input type="hidden" name="answer" value="decline" />
                                    <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, workspaces.decline)}</Button>
                                </form>
                            </div>
                        }
                        .into_any(),
                        Some(_) => view! {
                            <p role="alert" class="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
                                {t_string!(i18n, workspaces.invitation_other_account, email = found.email.clone()).to_string()}
                            </p>
                        }
                        .into_any(),
                        None => view! {
                            <p class="text-stone-800 dark:text-stone-200">
                                {t_string!(i18n, workspaces.invitation_sign_in, email = found.email.clone()).to_string()}
                            </p>
                            <div class="flex flex-wrap gap-4">
                                <a href=login_path(&here) class=LINK>{t!(i18n, nav.login)}</a>
                                <a href=format!("/register?next={}", encode(&here)) class=LINK>{t!(i18n, nav.register)}</a>
                            </div>
                        }
                        .into_any(),
                    };
                    view! {
                        <p class="text-lg text-stone-900 dark:text-stone-100">{said}</p>
                        <p class=MUTED>{expires}</p>
                        {answer}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
