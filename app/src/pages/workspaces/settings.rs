//! `/w/:id/settings`: the workspace's name (admins), handing it to another member and deleting
//! it (the owner), leaving it (everyone else).

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use super::{
    HEADING, INPUT, LABEL, MUTED, Part, SECTION, SUBHEADING, WorkspaceBar, role_name, unavailable,
    workspace_id,
};
use crate::{
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Button, ButtonVariant, Skeleton, TextField},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    workspaces::{
        WorkspaceRole, fields,
        server_fns::{
            DeleteWorkspace, LeaveWorkspace, RenameWorkspace, TransferWorkspace, my_workspaces,
            workspace_team,
        },
    },
};

#[component]
pub fn WorkspaceSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = workspace_id();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let typed_name = query.get(fields::NAME);
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-64 w-full" /></div> };

    view! {
        <section class="flex flex-col gap-6">
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let (team, _) = match workspace_team(id.clone(), None).await {
                        Ok(found) => found,
                        Err(error) => return unavailable(&error),
                    };
                    let others = my_workspaces(None).await.map(|(page, _)| page.items).unwrap_or_default();
                    let workspace = team.workspace.clone();
                    let title = format!("{} · {}", t_string!(i18n, workspaces.settings), workspace.name);
                    let message = |field| feedback.issue(field).map(|issue| issue.message(locale));
                    let rename = workspace.role.can_manage().then(|| view! {
                        <section aria-labelledby="name-heading" class=SECTION>
                            <h2 id="name-heading" class=SUBHEADING>{t!(i18n, workspaces.name_heading)}</h2>
                            <form method="post" action=RenameWorkspace::url() class="flex flex-col gap-3">
                                <input type="hidden" name="id" value=id.clone() />
                                <TextField
                                    id=fields::NAME
                                    label=t_string!(i18n, workspaces.name).to_string()
                                    required=true
                                    value=Signal::stored(typed_name.clone().unwrap_or_else(|| workspace.name.clone()))
                                    error=Signal::stored(message(fields::NAME))
                                />
                                <div><Button kind="submit">{t!(i18n, workspaces.save_name)}</Button></div>
                            </form>
                        </section>
                    });
                    let owner = workspace.role == WorkspaceRole::Owner;
                    let candidates: Vec<_> = team
                        .members
                        .iter()
                        .filter(|member| member.role != WorkspaceRole::Owner)
                        .map(|member| (member.user_id.to_string(), format!("{} ({})", member.name, role_name(locale, member.role))))
                        .collect();
                    let transfer_error = message(fields::NEW_OWNER);
                    let transfer = owner.then(|| {
                        let body = if candidates.is_empty() {
                            view! { <p class=MUTED>{t!(i18n, workspaces.transfer_nobody)}</p> }.into_any()
                        } else {
                            let has_error = transfer_error.is_some();
                            view! {
                                <form method="post" action=TransferWorkspace::url() class="flex flex-col gap-3">
                                    <input type="hidden" name="id" value=id.clone() />
                                    <div class="flex flex-col gap-1">
                                        <label for="new_owner" class=LABEL>{t!(i18n, workspaces.new_owner)}</label>
                                        <select
                                            id="new_owner"
                                            name="new_owner"
                                            class=INPUT
                                            aria-invalid=has_error.to_string()
                                            aria-describedby=has_error.then_some("new_owner-error")
                                        >
                                            {candidates
                                                .into_iter()
                                                .map(|(value, label)| view! { <option value=value>{label}</option> })
                                                .collect_view()}
                                        </select>
                                        {transfer_error.clone().map(|error| view! {
                                            <p id="new_owner-error" class="text-sm font-medium text-red-700 dark:text-red-400">{error}</p>
                                        })}
                                    </div>
                                    <div><Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, workspaces.transfer)}</Button></div>
                                </form>
                            }
                            .into_any()
                        };
                        view! {
                            <section aria-labelledby="transfer-heading" class=SECTION>
                                <h2 id="transfer-heading" class=SUBHEADING>{t!(i18n, workspaces.transfer_heading)}</h2>
                                <p class=MUTED>{t!(i18n, workspaces.transfer_hint)}</p>
                                {body}
                            </section>
                        }
                    });
                    let leave = (!owner).then(|| view! {
                        <section aria-labelledby="leave-heading" class=SECTION>
                            <h2 id="leave-heading" class=SUBHEADING>{t!(i18n, workspaces.leave_heading)}</h2>
                            <p class=MUTED>{t!(i18n, workspaces.leave_hint)}</p>
                            <form method="post" action=LeaveWorkspace::url()>
                                <input type="hidden" name="id" value=id.clone() />
                                <Button kind="submit" variant=ButtonVariant::Danger>{t!(i18n, workspaces.leave)}</Button>
                            </form>
                        </section>
                    });
                    let delete = owner.then(|| view! {
                        <section aria-labelledby="delete-heading" class=SECTION>
                            <h2 id="delete-heading" class=SUBHEADING>{t!(i18n, workspaces.delete_heading)}</h2>
                            <p class=MUTED>{t!(i18n, workspaces.delete_hint)}</p>
                            <form method="post" action=DeleteWorkspace::url() class="flex flex-col gap-3">
                                <input type="hidden" name="id" value=id.clone() />
                                <TextField
                                    id=fields::CONFIRMATION
                                    label=t_string!(i18n, workspaces.delete_confirm, name = workspace.name.clone()).to_string()
                                    autocomplete="off"
                                    required=true
                                    error=Signal::stored(message(fields::CONFIRMATION))
                                />
                                <div><Button kind="submit" variant=ButtonVariant::Danger>{t!(i18n, workspaces.delete)}</Button></div>
                            </form>
                        </section>
                    });
                    let member_issue = feedback.issue(fields::MEMBER);
                    view! {
                        <PageTitle text=move || title.clone() />
                        <WorkspaceBar workspace=workspace.clone() others current=Part::Settings />
                        <h1 class=HEADING>{t!(i18n, workspaces.settings)}</h1>
                        <FormNotice notice=feedback.notice issue=member_issue />
                        {rename}
                        {transfer}
                        {leave}
                        {delete}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
