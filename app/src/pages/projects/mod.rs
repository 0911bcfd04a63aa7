//! The project pages: `/projects/:id` (the board: a column per status, tasks moved by buttons
//! that work by keyboard and without JavaScript), `/projects/:id/list` (every task, filtered,
//! a page at a time) and `/projects/:id/settings`. The task page is `/tasks/:id`
//! (`pages::tasks`).

mod board;
mod list;
mod settings;

pub use board::ProjectBoardPage;
pub use list::ProjectListPage;
pub use settings::ProjectSettingsPage;

use leptos::prelude::*;

use leptos::server_fn::ServerFn as _;

use crate::{
    components::ui::{Button, TextField},
    i18n::{Locale, t, t_string, td_string, use_i18n},
    projects::{Project, server_fns::project_path},
    tasks::{
        Priority, Status, TaskSummary, fields,
        server_fns::{CreateTask, task_path},
    },
    workspaces::{Workspace, server_fns::workspace_path},
};

pub(crate) const HEADING: &str = "text-3xl font-bold text-stone-900 dark:text-white";
pub(crate) const SUBHEADING: &str = "text-xl font-semibold text-stone-900 dark:text-white";
pub(crate) const MUTED: &str = "text-sm text-stone-600 dark:text-stone-400";
pub(crate) const LINK: &str = "font-medium text-orange-800 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700 dark:text-orange-300";
pub(crate) const INPUT: &str = "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-stone-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-orange-700 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100";
pub(crate) const LABEL: &str = "text-sm font-medium text-stone-800 dark:text-stone-200";
pub(crate) const SECTION: &str =
    "flex flex-col gap-3 border-t border-stone-200 pt-6 dark:border-stone-800";

/// A status's name in `locale`.
pub fn status_name(locale: Locale, status: Status) -> String {
    match status {
        Status::Todo => td_string!(locale, tasks.status_todo),
        Status::InProgress => td_string!(locale, tasks.status_in_progress),
        Status::Done => td_string!(locale, tasks.status_done),
    }
    .to_string()
}

/// A priority's name in `locale`.
pub fn priority_name(locale: Locale, priority: Priority) -> String {
    match priority {
        Priority::None => td_string!(locale, tasks.priority_none),
        Priority::Low => td_string!(locale, tasks.priority_low),
        Priority::Medium => td_string!(locale, tasks.priority_medium),
        Priority::High => td_string!(locale, tasks.priority_high),
        Priority::Urgent => td_string!(locale, tasks.priority_urgent),
    }
    .to_string()
}

/// Which of a project's pages is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Board,
    List,
    Settings,
}

/// The top of every project page: the way back to the workspace, the project's name and key,
/// and its pages.
#[component]
fn ProjectHeader(project: Project, workspace: Workspace, current: View) -> impl IntoView {
    let i18n = use_i18n();
    let id = project.id.to_string();
    let links = [
        (
            View::Board,
            project_path(&id, ""),
            t_string!(i18n, tasks.board).to_string(),
        ),
        (
            View::List,
            project_path(&id, "list"),
            t_string!(i18n, tasks.list).to_string(),
        ),
        (
            View::Settings,
            project_path(&id, "settings"),
            t_string!(i18n, tasks.project_settings).to_string(),
        ),
    ];
    view! {
        <div class="flex flex-col gap-3 border-b border-stone-200 pb-3 dark:border-stone-800">
            <a href=workspace_path(&workspace.id.to_string(), "") class=LINK>{workspace.name.clone()}</a>
            <div class="flex flex-wrap items-baseline gap-3">
                <h1 class=HEADING>{project.name.clone()}</h1>
                <span class="rounded bg-stone-200 px-2 py-0.5 font-mono text-sm text-stone-800 dark:bg-stone-800 dark:text-stone-200">{project.key.clone()}</span>
                {project.archived_at.map(|_| view! {
                    <span class="text-sm font-medium text-amber-800 dark:text-amber-300">{t!(i18n, tasks.archived)}</span>
                })}
            </div>
            <nav aria-label=t_string!(i18n, tasks.project_pages).to_string()>
                <ul class="flex flex-wrap gap-1">
                    {links
                        .into_iter()
                        .map(|(view, href, label)| view! {
                            <li><a href=href aria-current=(view == current).then_some("page") class="nav-link">{label}</a></li>
                        })
                        .collect_view()}
                </ul>
            </nav>
        </div>
    }
}

/// One task as a line of a list or a card of the board: its reference and title (a link to
/// it), and who, when and how urgent.
#[component]
fn TaskLine(task: TaskSummary) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let people = task
        .assignees
        .iter()
        .map(|person| person.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let due = task.due_date.map(|date| {
        t_string!(
            i18n,
            tasks.due_on,
            date = crate::locale::format_date(locale, date.year(), date.month().into(), date.day())
        )
        .to_string()
    });
    view! {
        <div class="flex flex-col gap-1">
            <a href=task_path(&task.id.to_string()) class=LINK>
                <span class="font-mono text-xs text-stone-600 dark:text-stone-400">{task.reference.clone()}</span>
                " "
                {task.title.clone()}
            </a>
            <p class="flex flex-wrap gap-x-3 text-xs text-stone-600 dark:text-stone-400">
                {(task.priority != Priority::None).then(|| view! {
                    <span>{t_string!(i18n, tasks.priority_is, priority = priority_name(locale, task.priority)).to_string()}</span>
                })}
                {(!people.is_empty()).then(|| view! { <span>{people}</span> })}
                {due.map(|due| view! { <span>{due}</span> })}
                {(!task.labels.is_empty()).then(|| view! { <span>{task.labels.join(", ")}</span> })}
            </p>
        </div>
    }
}

/// The one-field form that adds a task to a project, on the board and on the list (`back`
/// says which the answer returns to): what was typed and its problem come back with it.
#[component]
fn NewTaskForm(
    project: String,
    back: &'static str,
    typed: String,
    error: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="post" action=CreateTask::url() class="flex flex-wrap items-end gap-3">
            <input type="hidden" name="project" value=project />
            <input type="hidden" name="back" value=back />
            <div class="min-w-[12rem] flex-1">
                <TextField
                    id=fields::TITLE
                    label=t_string!(i18n, tasks.new_task).to_string()
                    required=true
                    value=Signal::stored(typed)
                    error=Signal::stored(error)
                />
            </div>
            <Button kind="submit">{t!(i18n, tasks.add_task)}</Button>
        </form>
    }
}
