//! `/projects/:id`: the board. A column per status; each card has buttons that move it one
//! column on, which are plain form posts (so they work by keyboard and without JavaScript).
//! Where JavaScript runs, a card can also be dragged to another column ([`BoardDrag`]).

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
                                        <li
                                            id=format!("task-{task_id}")
                                            draggable=writable.then_some("true")
                                            data-task=writable.then(|| task_id.clone())
                                            data-version=writable.then(|| version.clone())
                                            class="flex flex-col gap-2 rounded-md border border-stone-200 bg-white p-3 shadow-sm data-[dragging=true]:opacity-50 dark:border-stone-700 dark:bg-stone-900"
                                        >
                                            <TaskLine task />
                                            <div class="flex flex-wrap gap-1">{moves}</div>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <section
                                    aria-labelledby=format!("column-{}", status.as_str())
                                    data-status=status.as_str()
                                    class="flex min-w-0 flex-col gap-3 rounded-lg bg-stone-100 p-3 data-[drop=true]:outline data-[drop=true]:outline-2 data-[drop=true]:outline-orange-700 dark:bg-stone-900/60"
                                >
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
                        {if writable {
                            view! { <BoardDrag><div class="grid gap-4 md:grid-cols-3" data-project=project_id.clone()>{board}</div></BoardDrag> }.into_any()
                        } else {
                            view! { <div class="grid gap-4 md:grid-cols-3">{board}</div> }.into_any()
                        }}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}

/// Around the board of someone who may move its tasks: a card dragged onto another column is
/// moved there (through the same server function as its buttons, with the version it shows),
/// and the board is loaded again to show where everything now stands, a stale move included.
/// Lazy: only boards load its code.
#[island(lazy)]
fn BoardDrag(children: Children) -> impl IntoView {
    use leptos::{
        wasm_bindgen::JsCast,
        web_sys::{DragEvent, Element},
    };

    use crate::components::dom;

    fn column_of(event: &DragEvent) -> Option<Element> {
        dom::closest(event, "[data-status]")
    }
    fn mark_columns(over: Option<&Element>) {
        for column in dom::elements(document().query_selector_all("[data-status]")) {
            dom::set_state(&column, "data-drop", over == Some(&column));
        }
    }

    let on_start = move |event: DragEvent| {
        let (Some(card), Some(transfer)) =
            (dom::closest(&event, "[data-task]"), event.data_transfer())
        else {
            return;
        };
        let from = card
            .closest("[data-status]")
            .ok()
            .flatten()
            .and_then(|column| column.get_attribute("data-status"))
            .unwrap_or_default();
        let task = card.get_attribute("data-task").unwrap_or_default();
        let version = card.get_attribute("data-version").unwrap_or_default();
        let _ = transfer.set_data("text/plain", &format!("{task} {version} {from}"));
        transfer.set_effect_allowed("move");
        dom::set_state(&card, "data-dragging", true);
    };
    let on_over = move |event: DragEvent| {
        if let Some(column) = column_of(&event) {
            event.prevent_default();
            if let Some(transfer) = event.data_transfer() {
                transfer.set_drop_effect("move");
            }
            mark_columns(Some(&column));
        }
    };
    let on_end = move |event: DragEvent| {
        mark_columns(None);
        if let Some(card) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
        {
            dom::set_state(&card, "data-dragging", false);
        }
    };
    let on_drop = move |event: DragEvent| {
        let Some(column) = column_of(&event) else {
            return;
        };
        event.prevent_default();
        mark_columns(None);
        let to = column.get_attribute("data-status").unwrap_or_default();
        let dragged = event
            .data_transfer()
            .and_then(|transfer| transfer.get_data("text/plain").ok())
            .unwrap_or_default();
        let mut parts = dragged.split(' ');
        let (Some(task), Some(version), Some(from)) = (parts.next(), parts.next(), parts.next())
        else {
            return;
        };
        if task.is_empty() || from == to {
            return;
        }
        let project = column
            .closest("[data-project]")
            .ok()
            .flatten()
            .and_then(|board| board.get_attribute("data-project"))
            .unwrap_or_default();
        let fields = [
            ("id", task.to_owned()),
            ("version", version.to_owned()),
            ("status", to),
            ("project", project),
        ];
        leptos::task::spawn_local(async move {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            let _ = crate::forms::browser::post_for_text(MoveTask::url(), &fields).await;
            let _ = window().location().reload();
        });
    };
    view! {
        <div class="contents" on:dragstart=on_start on:dragover=on_over on:dragend=on_end on:drop=on_drop>
            {children()}
        </div>
    }
}
