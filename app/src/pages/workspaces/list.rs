//! `/workspaces`: the workspaces I belong to, the invitations waiting for me, and a new
//! workspace.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use super::{HEADING, LINK, MUTED, SECTION, SUBHEADING, role_name};
use crate::{
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Badge, Button, ButtonVariant, Skeleton, TextField},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    locale::format_date,
    workspaces::{
        fields,
        server_fns::{AnswerMyInvitation, CreateWorkspace, my_workspaces, workspace_path},
    },
};

#[component]
pub fn WorkspacesPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let cursor = query.get("after");
    let typed = query.get(fields::NAME).unwrap_or_default();
    let name_error = feedback
        .issue(fields::NAME)
        .map(|issue| issue.message(locale));
    let notice = feedback.notice;
    let date =
        move |at: time::OffsetDateTime| format_date(locale, at.year(), at.month().into(), at.day());
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-32 w-full" /></div> };

    view! {
        <PageTitle text=move || t_string!(i18n, workspaces.title).to_string() />
        <section class="flex max-w-3xl flex-col gap-6">
            <div class="flex flex-col gap-2">
                <h1 class=HEADING>{t!(i18n, workspaces.title)}</h1>
                <p class=MUTED>{t!(i18n, workspaces.intro)}</p>
            </div>
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let Ok((workspaces, invitations)) = my_workspaces(cursor).await else {
                        return view! {
                            <p role="alert" class="text-sm text-red-700 dark:text-red-400">{t!(i18n, workspaces.load_failed)}</p>
                        }
                        .into_any();
                    };
                    let invitations = (!invitations.is_empty()).then(|| {
                        let items = invitations
                            .into_iter()
                            .map(|invitation| {
                                let inviter = invitation
                                    .invited_by
                                    .clone()
                                    .unwrap_or_else(|| t_string!(i18n, workspaces.someone).to_string());
                                let id = invitation.id.to_string();
                                view! {
                                    <li class="flex flex-col gap-2 rounded-md border border-orange-200 bg-orange-50 p-3 dark:border-orange-900 dark:bg-orange-950">
                                        <p class="text-sm text-stone-900 dark:text-stone-100">
                                            {t_string!(i18n, workspaces.invited_you, name = inviter, workspace = invitation.workspace_name.clone(), role = role_name(locale, invitation.role)).to_string()}
                                        </p>
                                        <p class=MUTED>{t_string!(i18n, workspaces.expires_on, date = date(invitation.expires_at)).to_string()}</p>
                                        <div class="flex flex-wrap gap-2">
                                            <form method="post" action=AnswerMyInvitation::url()>
                                                <input type="hidden" name="invitation" value=id.clone() />
                                                <input type="hidden" name="answer" value="accept" />
                                                <Button kind="submit">{t!(i18n, workspaces.accept)}</Button>
                                            </form>
                                            <form method="post" action=AnswerMyInvitation::url()>
                                                <input type="hidden" name="invitation" value=id />
                                                <input type="hidden" name="answer" value="decline" />
                                                <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, workspaces.decline)}</Button>
                                            </form>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <section aria-labelledby="invitations-heading" class="flex flex-col gap-3">
                                <h2 id="invitations-heading" class=SUBHEADING>{t!(i18n, workspaces.invitations_for_you)}</h2>
                                <ul class="flex flex-col gap-3">{items}</ul>
                            </section>
                        }
                    });
                    let list = if workspaces.items.is_empty() {
                        view! { <p class=MUTED>{t!(i18n, workspaces.none_yet)}</p> }.into_any()
                    } else {
                        let items = workspaces
                            .items
                            .into_iter()
                            .map(|workspace| {
                                let members = t_string!(i18n, workspaces.member_count, count = workspace.member_count).to_string();
                                view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                        <a href=workspace_path(&workspace.id.to_string(), "") class=LINK>{workspace.name}</a>
                                        <span class="flex items-center gap-2 text-sm text-stone-600 dark:text-stone-400">
                                            <Badge>{role_name(locale, workspace.role)}</Badge>
                                            {members}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! { <ul class="flex flex-col">{items}</ul> }.into_any()
                    };
                    let more = workspaces.next_cursor.map(|next| view! {
                        <a href=format!("/workspaces?after={}", crate::forms::encode(&next)) class=LINK>{t!(i18n, workspaces.more)}</a>
                    });
                    view! {
                        {invitations}
                        <section aria-labelledby="mine-heading" class="flex flex-col gap-2">
                            <h2 id="mine-heading" class=SUBHEADING>{t!(i18n, workspaces.yours)}</h2>
                            {list}
                            {more}
                        </section>
                    }
                    .into_any()
                })}
            </Suspense>
            <section aria-labelledby="new-heading" class=SECTION>
                <h2 id="new-heading" class=SUBHEADING>{t!(i18n, workspaces.new_heading)}</h2>
                <FormNotice notice />
                <form method="post" action=CreateWorkspace::url() class="flex flex-col gap-3">
                    <TextField
                        id=fields::NAME
                        label=t_string!(i18n, workspaces.name).to_string()
                        hint=t_string!(i18n, workspaces.name_hint).to_string()
                        required=true
                        value=Signal::stored(typed)
                        error=Signal::stored(name_error)
                    />
                    <div><Button kind="submit">{t!(i18n, workspaces.create)}</Button></div>
                </form>
            </section>
        </section>
    }
}
