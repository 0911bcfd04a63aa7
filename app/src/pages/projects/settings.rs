//! `/projects/:id/settings`: a project's name and description, archiving, and (for admins)
//! deleting it.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{MUTED, ProjectHeader, SECTION, SUBHEADING, View};
use crate::{
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Button, ButtonVariant, Skeleton, TextArea, TextField},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    pages::workspaces::unavailable,
    projects::{
        fields,
        server_fns::{ArchiveProject, DeleteProject, UpdateProject, project_board},
    },
};

#[component]
pub fn ProjectSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-64 w-full" /></div> };

    view! {
        <section class="flex flex-col gap-6">
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let (project, workspace, _) = match project_board(id.clone()).await {
                        Ok(found) => found,
                        Err(error) => return unavailable(&error),
                    };
                    let title = format!("{} · {}", t_string!(i18n, tasks.project_settings), project.name);
                    let project_id = project.id.to_string();
                    let message = |field| feedback.issue(field).map(|issue| issue.message(locale));
                    let name = query.get(fields::NAME).unwrap_or_else(|| project.name.clone());
                    let description = query.get(fields::DESCRIPTION).unwrap_or_else(|| project.description.clone());
                    let writable = workspace.role.can_write();
                    let archived = project.archived_at.is_some();
                    let edit = writable.then(|| view! {
                        <section aria-labelledby="details-heading" class=SECTION>
                            <h2 id="details-heading" class=SUBHEADING>{t!(i18n, tasks.details)}</h2>
                            <form method="post" action=UpdateProject::url() class="flex flex-col gap-3">
                                <input type="hidden" name="id" value=project_id.clone() />
                                <TextField
                                    id=fields::NAME
                                    label=t_string!(i18n, workspaces.name).to_string()
                                    required=true
                                    value=Signal::stored(name)
                                    error=Signal::stored(message(fields::NAME))
                                />
                                <TextArea
                                    id=fields::DESCRIPTION
                                    label=t_string!(i18n, tasks.description).to_string()
                                    value=description
                                    error=Signal::stored(message(fields::DESCRIPTION))
                                />
                                <div><Button kind="submit">{t!(i18n, tasks.save)}</Button></div>
                            </form>
                        </section>
                        <section aria-labelledby="archive-heading" class=SECTION>
                            <h2 id="archive-heading" class=SUBHEADING>{t!(i18n, tasks.archive_heading)}</h2>
                            <p class=MUTED>{t!(i18n, tasks.archive_hint)}</p>
                            <form method="post" action=ArchiveProject::url()>
                                <input type="hidden" name="id" value=project_id.clone() />
                                <input type="hidden" name="archived" value=(!archived).to_string() />
                                <Button kind="submit" variant=ButtonVariant::Secondary>
                                    {if archived { t_string!(i18n, tasks.restore).to_string() } else { t_string!(i18n, tasks.archive).to_string() }}
                                </Button>
                            </form>
                        </section>
                    });
                    let delete = workspace.role.can_manage().then(|| view! {
                        <section aria-labelledby="delete-project-heading" class=SECTION>
                            <h2 id="delete-project-heading" class=SUBHEADING>{t!(i18n, tasks.delete_project)}</h2>
                            <p class=MUTED>{t!(i18n, tasks.delete_project_hint)}</p>
                            <form method="post" action=DeleteProject::url()>
                                <input type="hidden" name="id" value=project_id.clone() />
                                <Button kind="submit" variant=ButtonVariant::Danger>{t!(i18n, tasks.delete_project)}</Button>
                            </form>
                        </section>
                    });
                    view! {
                        <PageTitle text=move || title.clone() />
                        <ProjectHeader project=project.clone() workspace=workspace.clone() current=View::Settings />
                        <FormNotice notice=feedback.notice />
                        {(!writable).then(|| view! { <p class=MUTED>{t!(i18n, tasks.read_only)}</p> })}
                        {edit}
                        {delete}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
