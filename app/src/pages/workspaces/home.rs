//! `/w/:id`: one workspace: its projects (the archived ones behind a link) and, for those who
//! may write, a new project.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use super::{
    HEADING, LINK, MUTED, Part, SECTION, SUBHEADING, WorkspaceBar, role_name, unavailable,
    workspace_id,
};
use crate::{
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Button, Skeleton, TextArea, TextField},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    projects::{
        fields,
        server_fns::{CreateProject, project_path, workspace_projects},
    },
    workspaces::server_fns::{my_workspaces, workspace_path},
};

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = workspace_id();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let archived = query.get("archived").is_some_and(|value| value == "1");
    let cursor = query.get("after");
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-40 w-full" /></div> };

    view! {
        <section class="flex flex-col gap-6">
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let (found, projects) = match workspace_projects(id.clone(), Some(archived), cursor).await {
                        Ok(found) => found,
                        Err(error) => return unavailable(&error),
                    };
                    let others = my_workspaces(None).await.map(|(page, _)| page.items).unwrap_or_default();
                    let title = found.name.clone();
                    let home = workspace_path(&id, "");
                    let message = |field| feedback.issue(field).map(|issue| issue.message(locale));
                    let list = if projects.items.is_empty() {
                        view! {
                            <p class=MUTED>
                                {if archived { t!(i18n, tasks.no_archived).into_any() } else { t!(i18n, tasks.no_projects).into_any() }}
                            </p>
                        }
                        .into_any()
                    } else {
                        let items = projects
                            .items
                            .into_iter()
                            .map(|project| {
                                let open = t_string!(i18n, tasks.open_count, count = project.open_tasks).to_string();
                                view! {
                                    <li class="flex flex-wrap items-baseline justify-between gap-2 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                        <a href=project_path(&project.id.to_string(), "") class=LINK>
                                            <span class="font-mono text-xs">{project.key.clone()}</span>" "{project.name.clone()}
                                        </a>
                                        <span class=MUTED>{open}</span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! { <ul class="flex flex-col">{items}</ul> }.into_any()
                    };
                    let more = projects.next_cursor.map(|next| {
                        let archived = if archived { "archived=1&" } else { "" };
                        view! { <a href=format!("{home}?{archived}after={}", crate::forms::encode(&next)) class=LINK>{t!(i18n, tasks.more_projects)}</a> }
                    });
                    let other_list = if archived {
                        view! { <a href=home.clone() class=LINK>{t!(i18n, tasks.active_projects)}</a> }.into_any()
                    } else {
                        view! { <a href=format!("{home}?archived=1") class=LINK>{t!(i18n, tasks.archived_projects)}</a> }.into_any()
                    };
                    let create = found.role.can_write().then(|| view! {
                        <section aria-labelledby="new-project-heading" class=SECTION>
                            <h2 id="new-project-heading" class=SUBHEADING>{t!(i18n, tasks.new_project)}</h2>
                            <FormNotice notice=feedback.notice />
                            <form method="post" action=CreateProject::url() class="flex flex-col gap-3">
                                <input type="hidden" name="workspace" value=id.clone() />
                                <div class="grid gap-3 sm:grid-cols-[1fr_12rem]">
                                    <TextField
                                        id=fields::NAME
                                        label=t_string!(i18n, workspaces.name).to_string()
                                        required=true
                                        value=Signal::stored(query.get(fields::NAME).unwrap_or_default())
                                        error=Signal::stored(message(fields::NAME))
                                    />
                                    <TextField
                                        id=fields::KEY
                                        label=t_string!(i18n, tasks.key).to_string()
                                        hint=t_string!(i18n, tasks.key_hint).to_string()
                                        required=true
                                        value=Signal::stored(query.get(fields::KEY).unwrap_or_default())
                                        error=Signal::stored(message(fields::KEY))
                                    />
                                </div>
                                <TextArea
                                    id=fields::DESCRIPTION
                                    label=t_string!(i18n, tasks.description).to_string()
                                    rows=3
                                    value=query.get(fields::DESCRIPTION).unwrap_or_default()
                                    error=Signal::stored(message(fields::DESCRIPTION))
                                />
                                <div><Button kind="submit">{t!(i18n, tasks.create_project)}</Button></div>
                            </form>
                        </section>
                    });
                    view! {
                        <PageTitle text=move || title.clone() />
                        <WorkspaceBar workspace=found.clone() others current=Part::Home />
                        <div class="flex flex-col gap-2">
                            <h1 class=HEADING>{found.name.clone()}</h1>
                            <p class=MUTED>
                                {t_string!(i18n, workspaces.your_role, role = role_name(locale, found.role)).to_string()}
                                " · "
                                {t_string!(i18n, workspaces.member_count, count = found.member_count).to_string()}
                            </p>
                        </div>
                        <section aria-labelledby="projects-heading" class="flex flex-col gap-2">
                            <h2 id="projects-heading" class=SUBHEADING>
                                {if archived { t!(i18n, tasks.archived_projects).into_any() } else { t!(i18n, tasks.projects).into_any() }}
                            </h2>
                            {list}
                            {more}
                            {other_list}
                        </section>
                        {create}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
