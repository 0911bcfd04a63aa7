//! `/w/:id/people`: who is in a workspace and as what; for its admins and owner, inviting
//! people, changing roles, removing members and withdrawing invitations.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use super::{
    HEADING, INPUT, LABEL, LINK, MUTED, Part, SECTION, SUBHEADING, WorkspaceBar, role_name,
    unavailable, workspace_id,
};
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
        WorkspaceRole, fields,
        server_fns::{
            InviteMember, RemoveMember, RevokeInvitation, SetMemberRole, my_workspaces,
            workspace_path, workspace_team,
        },
    },
};

#[component]
pub fn WorkspacePeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = workspace_id();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let cursor = query.get("after");
    let typed = query.get(fields::EMAIL).unwrap_or_default();
    let date =
        move |at: time::OffsetDateTime| format_date(locale, at.year(), at.month().into(), at.day());
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-64 w-full" /></div> };

    view! {
        <section class="flex flex-col gap-6">
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let (team, next) = match workspace_team(id.clone(), cursor).await {
                        Ok(found) => found,
                        Err(error) => return unavailable(&error),
                    };
                    let others = my_workspaces(None).await.map(|(page, _)| page.items).unwrap_or_default();
                    let manage = team.workspace.role.can_manage();
                    let title = format!("{} · {}", t_string!(i18n, workspaces.people), team.workspace.name);
                    let email_error = feedback.issue(fields::EMAIL).map(|issue| issue.message(locale));
                    let role_error = feedback.issue(fields::ROLE).or_else(|| feedback.issue(fields::MEMBER));
                    let members = team
                        .members
                        .into_iter()
                        .map(|member| {
                            let changeable = manage && member.role != WorkspaceRole::Owner;
                            let member_id = member.user_id.to_string();
                            let select_id = format!("role-{member_id}");
                            let name = member.name.clone();
                            let actions = changeable.then(|| {
                                let options = WorkspaceRole::GIVEN
                                    .into_iter()
                                    .map(|role| view! {
                                        <option value=role.as_str() selected=role == member.role>{role_name(locale, role)}</option>
                                    })
                                    .collect_view();
                                view! {
                                    <div class="flex flex-wrap items-end gap-2">
                                        <form method="post" action=SetMemberRole::url() class="flex flex-wrap items-end gap-2">
                                            <input type="hidden" name="id" value=id.clone() />
                                            <input type="hidden" name="member" value=member_id.clone() />
                                            <div class="flex flex-col gap-1">
                                                <label for=select_id.clone() class=LABEL>
                                                    {t_string!(i18n, workspaces.role_of, name = name.clone()).to_string()}
                                                </label>
                                                <select id=select_id.clone() name="role" class=INPUT>{options}</select>
                                            </div>
                                            <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, workspaces.save_role)}</Button>
                                        </form>
                                        <form method="post" action=RemoveMember::url()>
                                            <input type="hidden" name="id" value=id.clone() />
                                            <input type="hidden" name="member" value=member_id.clone() />
                                            <Button kind="submit" variant=ButtonVariant::Danger>
                                                {t!(i18n, workspaces.remove)}
                                                <span class="sr-only">" "{name}</span>
                                            </Button>
                                        </form>
                                    </div>
                                }
                            });
                            view! {
                                <li class="flex flex-col gap-2 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                    <div class="flex flex-wrap items-center gap-2">
                                        <span class="font-medium text-stone-900 dark:text-stone-100">{member.name.clone()}</span>
                                        <Badge>{role_name(locale, member.role)}</Badge>
                                    </div>
                                    <p class=MUTED>
                                        <span class="break-all">{member.email.clone()}</span>
                                        " · "
                                        {t_string!(i18n, workspaces.joined_on, date = date(member.joined_at)).to_string()}
                                    </p>
                                    {actions}
                                </li>
                            }
                        })
                        .collect_view();
                    let more = next.map(|next| view! {
                        <a href=format!("{}?after={}", workspace_path(&id, "people"), crate::forms::encode(&next)) class=LINK>{t!(i18n, workspaces.more_people)}</a>
                    });
                    let invite = manage.then(|| {
                        let options = WorkspaceRole::GIVEN
                            .into_iter()
                            .map(|role| view! {
                                <option value=role.as_str() selected=role == WorkspaceRole::Member>{role_name(locale, role)}</option>
                            })
                            .collect_view();
                        view! {
                            <section aria-labelledby="invite-heading" class=SECTION>
                                <h2 id="invite-heading" class=SUBHEADING>{t!(i18n, workspaces.invite_heading)}</h2>
                                <p class=MUTED>{t!(i18n, workspaces.invite_hint)}</p>
                                <form method="post" action=InviteMember::url() class="flex flex-col gap-3">
                                    <input type="hidden" name="id" value=id.clone() />
                                    <TextField
                                        id=fields::EMAIL
                                        kind="email"
                                        label=t_string!(i18n, workspaces.invite_email).to_string()
                                        autocomplete="off"
                                        required=true
                                        value=Signal::stored(typed.clone())
                                        error=Signal::stored(email_error.clone())
                                    />
                                    <div class="flex flex-col gap-1">
                                        <label for="invite-role" class=LABEL>{t!(i18n, workspaces.role)}</label>
                                        <select id="invite-role" name="role" class=INPUT>{options}</select>
                                    </div>
                                    <div><Button kind="submit">{t!(i18n, workspaces.send_invitation)}</Button></div>
                                </form>
                            </section>
                        }
                    });
                    let pending = (manage && !team.invitations.is_empty()).then(|| {
                        let items = team
                            .invitations
                            .into_iter()
                            .map(|invitation| view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                    <div class="flex flex-col gap-0.5">
                                        <span class="break-all font-medium text-stone-900 dark:text-stone-100">{invitation.email.clone()}</span>
                                        <span class=MUTED>
                                            {role_name(locale, invitation.role)}
                                            " · "
                                            {t_string!(i18n, workspaces.expires_on, date = date(invitation.expires_at)).to_string()}
                                        </span>
                                    </div>
                                    <form method="post" action=RevokeInvitation::url()>
                                        <input type="hidden" name="id" value=id.clone() />
                                        <input type="hidden" name="invitation" value=invitation.id.to_string() />
                                        <Button kind="submit" variant=ButtonVariant::Secondary>
                                            {t!(i18n, workspaces.revoke)}
                                            <span class="sr-only">" "{invitation.email.clone()}</span>
                                        </Button>
                                    </form>
                                </li>
                            })
                            .collect_view();
                        view! {
                            <section aria-labelledby="pending-heading" class=SECTION>
                                <h2 id="pending-heading" class=SUBHEADING>{t!(i18n, workspaces.pending_heading)}</h2>
                                <ul class="flex flex-col">{items}</ul>
                            </section>
                        }
                    });
                    view! {
                        <PageTitle text=move || title.clone() />
                        <WorkspaceBar workspace=team.workspace.clone() others current=Part::People />
                        <h1 class=HEADING>{t!(i18n, workspaces.people)}</h1>
                        <FormNotice notice=feedback.notice issue=role_error />
                        {invite}
                        {pending}
                        <section aria-labelledby="members-heading" class=SECTION>
                            <h2 id="members-heading" class=SUBHEADING>{t!(i18n, workspaces.members_heading)}</h2>
                            <ul class="flex flex-col">{members}</ul>
                            {more}
                        </section>
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
