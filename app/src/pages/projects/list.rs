//! `/projects/:id/list`: a project's tasks, newest first, filtered by status, assignee and
//! label (a `GET` form, so the address holds the view), a page at a time.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{INPUT, LABEL, LINK, MUTED, NewTaskForm, ProjectHeader, TaskLine, View, status_name};
use crate::{
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Button, ButtonVariant, Skeleton},
    },
    forms::{Feedback, encode},
    i18n::{t, t_string, use_i18n},
    pages::workspaces::unavailable,
    projects::server_fns::{project_path, project_tasks},
    tasks::{Status, fields},
};

#[component]
pub fn ProjectListPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let status = query.get("status").unwrap_or_default();
    let assignee = query.get("assignee").unwrap_or_default();
    let label = query.get("label").unwrap_or_default();
    let cursor = query.get("cursor");
    let typed = query.get(fields::TITLE).unwrap_or_default();
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-64 w-full" /></div> };

    view! {
        <section class="flex flex-col gap-6">
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let found = project_tasks(
                        id.clone(),
                        Some(status.clone()),
                        Some(assignee.clone()),
                        Some(label.clone()),
                        cursor.clone(),
                    )
                    .await;
                    let (project, workspace, members, tasks) = match found {
                        Ok(found) => found,
                        Err(error) => return unavailable(&error),
                    };
                    let project_id = project.id.to_string();
                    let base = project_path(&project_id, "list");
                    let title = format!("{} · {}", t_string!(i18n, tasks.list), project.name);
                    let writable = workspace.role.can_write();
                    let add = writable.then(|| {
                        let error = feedback.issue(fields::TITLE).map(|issue| issue.message(locale));
                        view! { <NewTaskForm project=project_id.clone() back="list" typed=typed.clone() error /> }
                    });
                    let status_options = Status::ALL
                        .into_iter()
                        .map(|option| view! {
                            <option value=option.as_str() selected=option.as_str() == status>{status_name(locale, option)}</option>
                        })
                        .collect_view();
                    let member_options = members
                        .into_iter()
                        .map(|member| {
                            let value = member.user_id.to_string();
                            let selected = value == assignee;
                            view! { <option value=value selected=selected>{member.name}</option> }
                        })
                        .collect_view();
                    let lines = tasks
                        .items
                        .into_iter()
                        .map(|task| {
                            let state = status_name(locale, task.status);
                            view! {
                                <li class="flex flex-wrap items-start justify-between gap-2 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                    <TaskLine task />
                                    <span class="text-sm text-stone-700 dark:text-stone-300">{state}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    let next = tasks.next_cursor.map(|next| {
                        let keep: Vec<String> = [("status", &status), ("assignee", &assignee), ("label", &label)]
                            .into_iter()
                            .filter(|(_, value)| !value.is_empty())
                            .map(|(name, value)| format!("{name}={}", encode(value)))
                            .chain(std::iter::once(format!("cursor={}", encode(&next))))
                            .collect();
                        view! { <a href=format!("{base}?{}", keep.join("&")) class=LINK>{t!(i18n, tasks.next_page)}</a> }
                    });
                    let empty = lines.is_empty();
                    view! {
                        <PageTitle text=move || title.clone() />
                        <ProjectHeader project=project.clone() workspace=workspace.clone() current=View::List />
                        <FormNotice notice=feedback.notice />
                        {add}
                        <form method="get" action=base.clone() role="search" class="flex flex-wrap items-end gap-3">
                            <div class="flex flex-col gap-1">
                                <label for="filter-status" class=LABEL>{t!(i18n, tasks.status)}</label>
                                <select id="filter-status" name="status" class=INPUT>
                                    <option value="">{t!(i18n, tasks.any)}</option>
                                    {status_options}
                                </select>
                            </div>
                            <div class="flex flex-col gap-1">
                                <label for="filter-assignee" class=LABEL>{t!(i18n, tasks.assignee)}</label>
                                <select id="filter-assignee" name="assignee" class=INPUT>
                                    <option value="">{t!(i18n, tasks.anyone)}</option>
                                    {member_options}
                                </select>
                            </div>
                            <div class="flex flex-col gap-1">
                                <label for="filter-label" class=LABEL>{t!(i18n, tasks.label)}</label>
                                <input id="filter-label" name="label" value=label.clone() class=INPUT />
                            </div>
                            <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, tasks.filter)}</Button>
                        </form>
                        {if empty {
                            view! { <p class=MUTED>{t!(i18n, tasks.none_found)}</p> }.into_any()
                        } else {
                            view! { <ul class="flex flex-col">{lines}</ul> }.into_any()
                        }}
                        {next}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
