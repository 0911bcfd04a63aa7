//! `/projects/:id`: the board. A column per status; each card has buttons that move it one
//! column on, which are plain form posts (so they work by keyboard and without JavaScript).

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{MUTED, NewTaskForm, ProjectHeader, SUBHEADING, TaskLine, View, status_name};
use crate::{
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Button, ButtonVariant, Skeleton},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    pages::workspaces::unavailable,
    projects::server_fns::{BOARD_COLUMN, project_board, project_path},
    tasks::{Status, fields, server_fns::MoveTask},
};

#[component]
pub fn ProjectBoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let typed = query.get(fields::TITLE).unwrap_or_default();
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-64 w-full" /></div> };

    view! {
        <section class="flex flex-col gap-6">
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let (project, workspace, columns) = match project_board(id.clone()).await {
                        Ok(found) => found,
                        Err(error) => return unavailable(&error),
                    };
                    let writable = workspace.role.can_write();
                    let title = format!("{} · {}", t_string!(i18n, tasks.board), project.name);
                    let project_id = project.id.to_string();
                    let add = writable.then(|| {
                        let error = feedback.issue(fields::TITLE).map(|issue| issue.message(locale));
                        view! { <NewTaskForm project=project_id.clone() back="board" typed=typed.clone() error /> }
                    });
                    let board = Status::ALL
                        .into_iter()
                        .zip(columns)
                        .map(|(status, page)| {
                            let heading = format!("column-{}", status.as_str());
                            let count = page.items.len();
                            let more = page.next_cursor.is_some().then(|| view! {
                                <a href=format!("{}?status={}", project_path(&project_id, "list"), status.as_str()) class="text-sm font-medium text-orange-800 underline-offset-2 hover:underline dark:text-orange-300">
                                    {t_string!(i18n, tasks.more_in_list, count = BOARD_COLUMN).to_string()}
                                </a>
                            });
                            let cards = page
                                .items
                                .into_iter()
                                .map(|task| {
                                    let task_id = task.id.to_string();
                                    let version = task.version.to_string();
                                    let title = task.title.clone();
                                    let moves = writable.then(|| {
                                        [status.before(), status.after()]
                                            .into_iter()
                                            .flatten()
                                            .map(|to| {
                                                let arrow = if Some(to) == status.before() { "← " } else { "→ " };
                                                let hidden = format!(" ({title})");
                                                view! {
                                                    <form method="post" action=MoveTask::url()>
                                                        <input type="hidden" name="id" value=task_id.clone() />
                                                        <input type="hidden" name="version" value=version.clone() />
                                                        <input type="hidden" name="status" value=to.as_str() />
                                                        <input type="hidden" name="project" value=project_id.clone() />
                                                        <Button kind="submit" variant=ButtonVariant::Secondary>
                                                            <span aria-hidden="true">{arrow}</span>
                                                            {status_name(locale, to)}
                                                            <span class="sr-only">{hidden}</span>
                                                        </Button>
                                                    </form>
                                                }
                                            })
                                            .collect_view()
                                    });
                                    view! {
                                        <li id=format!("task-{task_id}") class="flex flex-col gap-2 rounded-md border border-stone-200 bg-white p-3 shadow-sm dark:border-stone-700 dark:bg-stone-900">
                                            <TaskLine task />
                                            <div class="flex flex-wrap gap-1">{moves}</div>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <section aria-labelledby=format!("column-{}", status.as_str()) class="flex min-w-0 flex-col gap-3 rounded-lg bg-stone-100 p-3 dark:bg-stone-900/60">
                                    <h2 id=heading class=SUBHEADING>
                                        {status_name(locale, status)}
                                        " "
                                        <span class="ms-1 text-sm font-normal text-stone-600 dark:text-stone-400">{count}</span>
                                    </h2>
                                    {if count == 0 {
                                        view! { <p class=MUTED>{t!(i18n, tasks.column_empty)}</p> }.into_any()
                                    } else {
                                        view! { <ol class="flex flex-col gap-2">{cards}</ol> }.into_any()
                                    }}
                                    {more}
                                </section>
                            }
                        })
                        .collect_view();
                    view! {
                        <PageTitle text=move || title.clone() />
                        <ProjectHeader project=project.clone() workspace=workspace.clone() current=View::Board />
                        <FormNotice notice=feedback.notice />
                        {add}
                        <div class="grid gap-4 md:grid-cols-3">{board}</div>
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
