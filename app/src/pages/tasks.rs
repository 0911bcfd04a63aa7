//! `/tasks/:id`: one task: its fields (a form for those who may change it), assignees (a
//! button each to add or take off), relations, and history. Every form carries the version it
//! was made on; if someone changed the task meanwhile, the page comes back with their version
//! shown and the typed text kept in the form, and a note saying so.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    attachments::FILE_FIELD,
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Badge, Button, ButtonVariant, Skeleton, TextArea, TextField},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    locale::{format_date, format_moment},
    pages::{
        attachments::TaskAttachments,
        projects::{INPUT, LABEL, LINK, MUTED, SECTION, SUBHEADING, priority_name, status_name},
        workspaces::unavailable,
    },
    projects::server_fns::project_path,
    tasks::{
        Priority, Status, TaskRef, date_text, fields,
        server_fns::{
            AssignTask, CommentTask, DeleteTask, MoveTask, UpdateTask, task_page, task_path,
        },
    },
};

fn task_links(refs: Vec<TaskRef>) -> impl IntoView {
    refs.into_iter()
        .map(|task| {
            view! {
                <li>
                    <a href=task_path(&task.id.to_string()) class=LINK>
                        <span class="font-mono text-xs">{task.reference}</span>" "{task.title}
                    </a>
                </li>
            }
        })
        .collect_view()
}

#[component]
pub fn TaskPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let cursor = query.get("comments");
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-64 w-full" /></div> };

    view! {
        <section class="flex max-w-3xl flex-col gap-6">
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let (task, history, comments, members, writable) = match task_page(id.clone(), cursor.clone()).await {
                        Ok(found) => found,
                        Err(error) => return unavailable(&error),
                    };
                    let summary = task.summary.clone();
                    let task_id = summary.id.to_string();
                    let version = summary.version.to_string();
                    let title = format!("{} {}", summary.reference, summary.title);
                    let key = summary.reference.split('-').next().unwrap_or_default().to_owned();
                    let message = |field| feedback.issue(field).map(|issue| issue.message(locale));
                    let kept = |field: &str, now: String| query.get(field).unwrap_or(now);
                    let date_of = |date: Option<time::Date>| date.map(date_text).unwrap_or_default();
                    let shown_date = |date: time::Date| format_date(locale, date.year(), date.month().into(), date.day());
                    let refs_text = |refs: &[TaskRef]| refs.iter().map(|r| r.reference.clone()).collect::<Vec<_>>().join(", ");

                    let facts = view! {
                        <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                            <dt class="font-medium text-stone-700 dark:text-stone-300">{t!(i18n, tasks.status)}</dt>
                            <dd>{status_name(locale, summary.status)}</dd>
                            <dt class="font-medium text-stone-700 dark:text-stone-300">{t!(i18n, tasks.priority)}</dt>
                            <dd>{priority_name(locale, summary.priority)}</dd>
                            <dt class="font-medium text-stone-700 dark:text-stone-300">{t!(i18n, tasks.start_date)}</dt>
                            <dd>{task.start_date.map(shown_date).unwrap_or_else(|| "—".to_owned())}</dd>
                            <dt class="font-medium text-stone-700 dark:text-stone-300">{t!(i18n, tasks.due_date)}</dt>
                            <dd>{summary.due_date.map(shown_date).unwrap_or_else(|| "—".to_owned())}</dd>
                            <dt class="font-medium text-stone-700 dark:text-stone-300">{t!(i18n, tasks.labels)}</dt>
                            <dd>{if summary.labels.is_empty() { "—".to_owned() } else { summary.labels.join(", ") }}</dd>
                        </dl>
                    };
                    let quick_moves = writable.then(|| {
                        Status::ALL
                            .into_iter()
                            .filter(|to| *to != summary.status)
                            .map(|to| view! {
                                <form method="post" action=MoveTask::url()>
                                    <input type="hidden" name="id" value=task_id.clone() />
                                    <input type="hidden" name="version" value=version.clone() />
                                    <input type="hidden" name="status" value=to.as_str() />
                                    <input type="hidden" name="back" value="task" />
                                    <Button kind="submit" variant=ButtonVariant::Secondary>
                                        {t_string!(i18n, tasks.move_to, status = status_name(locale, to)).to_string()}
                                    </Button>
                                </form>
                            })
                            .collect_view()
                    });
                    let assigned: Vec<uuid::Uuid> = summary.assignees.iter().map(|person| person.id).collect();
                    let assignees = members
                        .into_iter()
                        .map(|member| {
                            let on = assigned.contains(&member.user_id);
                            let name = member.name.clone();
                            let toggle = writable.then(|| view! {
                                <form method="post" action=AssignTask::url()>
                                    <input type="hidden" name="id" value=task_id.clone() />
                                    <input type="hidden" name="version" value=version.clone() />
                                    <input type="hidden" name="member" value=member.user_id.to_string() />
                                    <input type="hidden" name="assigned" value=(!on).to_string() />
                                    <Button kind="submit" variant=ButtonVariant::Secondary>
                                        {if on {
                                            t_string!(i18n, tasks.unassign, name = name.clone()).to_string()
                                        } else {
                                            t_string!(i18n, tasks.assign, name = name.clone()).to_string()
                                        }}
                                    </Button>
                                </form>
                            });
                            (on || writable).then(|| view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 py-1">
                                    <span class="flex items-center gap-2">
                                        {member.name.clone()}
                                        {on.then(|| view! { <Badge>{t_string!(i18n, tasks.assigned).to_string()}</Badge> })}
                                    </span>
                                    {toggle}
                                </li>
                            })
                        })
                        .collect_view();
                    let edit = writable.then(|| {
                        let statuses = Status::ALL.into_iter().map(|option| view! {
                            <option value=option.as_str() selected=option == summary.status>{status_name(locale, option)}</option>
                        }).collect_view();
                        let priorities = Priority::ALL.into_iter().map(|option| view! {
                            <option value=option.as_str() selected=option == summary.priority>{priority_name(locale, option)}</option>
                        }).collect_view();
                        view! {
                            <section aria-labelledby="edit-heading" class=SECTION>
                                <h2 id="edit-heading" class=SUBHEADING>{t!(i18n, tasks.edit)}</h2>
                                <form method="post" action=UpdateTask::url() class="flex flex-col gap-3">
                                    <input type="hidden" name="id" value=task_id.clone() />
                                    <input type="hidden" name="version" value=version.clone() />
                                    <TextField
                                        id=fields::TITLE
                                        label=t_string!(i18n, tasks.title).to_string()
                                        required=true
                                        value=Signal::stored(kept(fields::TITLE, summary.title.clone()))
                                        error=Signal::stored(message(fields::TITLE))
                                    />
                                    <TextArea
                                        id=fields::DESCRIPTION
                                        label=t_string!(i18n, tasks.description).to_string()
                                        hint=t_string!(i18n, tasks.markdown_hint).to_string()
                                        rows=8
                                        value=kept(fields::DESCRIPTION, task.description.clone())
                                        error=Signal::stored(message(fields::DESCRIPTION))
                                    />
                                    <div class="grid gap-3 sm:grid-cols-2">
                                        <div class="flex flex-col gap-1">
                                            <label for="status" class=LABEL>{t!(i18n, tasks.status)}</label>
                                            <select id="status" name="status" class=INPUT>{statuses}</select>
                                        </div>
                                        <div class="flex flex-col gap-1">
                                            <label for="priority" class=LABEL>{t!(i18n, tasks.priority)}</label>
                                            <select id="priority" name="priority" class=INPUT>{priorities}</select>
                                        </div>
                                        <TextField
                                            id=fields::START_DATE
                                            kind="date"
                                            label=t_string!(i18n, tasks.start_date).to_string()
                                            value=Signal::stored(kept(fields::START_DATE, date_of(task.start_date)))
                                            error=Signal::stored(message(fields::START_DATE))
                                        />
                                        <TextField
                                            id=fields::DUE_DATE
                                            kind="date"
                                            label=t_string!(i18n, tasks.due_date).to_string()
                                            value=Signal::stored(kept(fields::DUE_DATE, date_of(summary.due_date)))
                                            error=Signal::stored(message(fields::DUE_DATE))
                                        />
                                    </div>
                                    <TextField
                                        id=fields::LABELS
                                        label=t_string!(i18n, tasks.labels).to_string()
                                        hint=t_string!(i18n, tasks.labels_hint).to_string()
                                        value=Signal::stored(kept(fields::LABELS, summary.labels.join(", ")))
                                        error=Signal::stored(message(fields::LABELS))
                                    />
                                    <div class="grid gap-3 sm:grid-cols-2">
                                        <TextField
                                            id="parent"
                                            label=t_string!(i18n, tasks.parent).to_string()
                                            hint=t_string!(i18n, tasks.number_hint, key = key.clone()).to_string()
                                            value=Signal::stored(kept("parent", task.parent.as_ref().map(|p| p.reference.clone()).unwrap_or_default()))
                                            error=Signal::stored(message("parent"))
                                        />
                                        <TextField
                                            id="blocked_by"
                                            label=t_string!(i18n, tasks.blocked_by).to_string()
                                            hint=t_string!(i18n, tasks.numbers_hint, key = key.clone()).to_string()
                                            value=Signal::stored(kept("blocked_by", refs_text(&task.blocked_by)))
                                            error=Signal::stored(message("blocked_by"))
                                        />
                                    </div>
                                    <div><Button kind="submit">{t!(i18n, tasks.save)}</Button></div>
                                </form>
                            </section>
                        }
                    });
                    let no_relations = task.parent.is_none()
                        && task.subtasks.is_empty()
                        && task.blocks.is_empty()
                        && task.blocked_by.is_empty();
                    let relations = [
                        (t_string!(i18n, tasks.parent).to_string(), task.parent.clone().into_iter().collect::<Vec<_>>()),
                        (t_string!(i18n, tasks.subtasks).to_string(), task.subtasks.clone()),
                        (t_string!(i18n, tasks.blocks).to_string(), task.blocks.clone()),
                        (t_string!(i18n, tasks.blocked_by).to_string(), task.blocked_by.clone()),
                    ]
                    .into_iter()
                    .filter(|(_, refs)| !refs.is_empty())
                    .map(|(name, refs)| view! {
                        <div class="flex flex-col gap-1">
                            <h3 class="text-sm font-semibold text-stone-800 dark:text-stone-200">{name}</h3>
                            <ul class="flex flex-col gap-1 text-sm">{task_links(refs)}</ul>
                        </div>
                    })
                    .collect_view();
                    let events = history
                        .into_iter()
                        .rev()
                        .map(|event| {
                            let who = event.actor.clone().unwrap_or_else(|| t_string!(i18n, activity.deleted_person).to_string());
                            let what = match event.field.as_str() {
                                "created" => t_string!(i18n, tasks.event_created).to_string(),
                                "status" => t_string!(
                                    i18n, tasks.event_status,
                                    from = Status::parse(&event.old_value).map(|s| status_name(locale, s)).unwrap_or_default(),
                                    to = Status::parse(&event.new_value).map(|s| status_name(locale, s)).unwrap_or_default()
                                ).to_string(),
                                "title" => t_string!(i18n, tasks.event_title, to = event.new_value.clone()).to_string(),
                                field => t_string!(i18n, tasks.event_field, field = field_name(locale, field)).to_string(),
                            };
                            view! {
                                <li class="border-t border-stone-200 py-2 text-sm first:border-t-0 dark:border-stone-800">
                                    <p class="text-stone-900 dark:text-stone-100">{format!("{who}: {what}")}</p>
                                    <p class=MUTED>{format_moment(locale, event.occurred_at)}</p>
                                </li>
                            }
                        })
                        .collect_view();
                    let comment_list = comments
                        .items
                        .into_iter()
                        .map(|comment| {
                            let author = comment.author.map(|person| person.name).unwrap_or_else(|| t_string!(i18n, activity.deleted_person).to_string());
                            view! {
                                <li class="flex flex-col gap-1 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                    <p class="text-sm font-medium text-stone-900 dark:text-stone-100">
                                        {author}
                                        <span class="font-normal text-stone-600 dark:text-stone-400">{format!(" · {}", format_moment(locale, comment.created_at))}</span>
                                    </p>
                                    <div class="markdown break-words text-stone-900 dark:text-stone-100" inner_html=comment.body_html></div>
                                </li>
                            }
                        })
                        .collect_view();
                    let more_comments = comments.next_cursor.map(|next| view! {
                        <a href=format!("{}?comments={}#comments", task_path(&task_id), crate::forms::encode(&next)) class=LINK>{t!(i18n, tasks.more_comments)}</a>
                    });
                    let comment_form = writable.then(|| view! {
                        <form method="post" action=CommentTask::url() class="flex flex-col gap-3">
                            <input type="hidden" name="id" value=task_id.clone() />
                            <TextArea
                                id="body"
                                label=t_string!(i18n, tasks.comment).to_string()
                                hint=format!("{} {}", t_string!(i18n, tasks.comment_hint), t_string!(i18n, tasks.markdown_hint))
                                rows=3
                                value=query.get("body").unwrap_or_default()
                                error=Signal::stored(message("body"))
                            />
                            <div><Button kind="submit">{t!(i18n, tasks.add_comment)}</Button></div>
                        </form>
                    });
                    let delete = writable.then(|| view! {
                        <section aria-labelledby="delete-task-heading" class=SECTION>
                            <h2 id="delete-task-heading" class=SUBHEADING>{t!(i18n, tasks.delete_task)}</h2>
                            <form method="post" action=DeleteTask::url()>
                                <input type="hidden" name="id" value=task_id.clone() />
                                <Button kind="submit" variant=ButtonVariant::Danger>{t!(i18n, tasks.delete_task)}</Button>
                            </form>
                        </section>
                    });
                    let by = task.created_by.as_ref().map(|person| person.name.clone()).unwrap_or_else(|| t_string!(i18n, activity.deleted_person).to_string());
                    view! {
                        <PageTitle text=move || title.clone() />
                        <a href=project_path(&summary.project_id.to_string(), "") class=LINK>{task.project_name.clone()}</a>
                        <div class="flex flex-col gap-2">
                            <p class="font-mono text-sm text-stone-600 dark:text-stone-400">{summary.reference.clone()}</p>
                            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{summary.title.clone()}</h1>
                            <p class=MUTED>
                                {t_string!(i18n, tasks.created_by, name = by, date = format_moment(locale, task.created_at)).to_string()}
                            </p>
                        </div>
                        <FormNotice notice=feedback.notice issue=feedback.issue(fields::ASSIGNEES) />
                        {facts}
                        <div class="flex flex-wrap gap-2">{quick_moves}</div>
                        {(!task.description.is_empty()).then(|| view! {
                            // Rendered from Markdown and cleaned on the server (`crate::markdown`).
                            <div class="markdown break-words rounded-md border border-stone-200 bg-white p-4 text-stone-900 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-100" inner_html=task.description_html.clone()></div>
                        })}
                        <section aria-labelledby="assignees-heading" class=SECTION>
                            <h2 id="assignees-heading" class=SUBHEADING>{t!(i18n, tasks.assignees)}</h2>
                            <ul class="flex flex-col">{assignees}</ul>
                        </section>
                        <section aria-labelledby="relations-heading" class=SECTION>
                            <h2 id="relations-heading" class=SUBHEADING>{t!(i18n, tasks.relations)}</h2>
                            {no_relations.then(|| view! { <p class=MUTED>{t!(i18n, tasks.no_relations)}</p> })}
                            {relations}
                        </section>
                        <section id="comments" aria-labelledby="comments-heading" class=SECTION>
                            <h2 id="comments-heading" class=SUBHEADING>{t!(i18n, tasks.comments)}</h2>
                            <ol aria-labelledby="comments-heading" class="flex flex-col">{comment_list}</ol>
                            {more_comments}
                            {comment_form}
                        </section>
                        <TaskAttachments task=task_id.clone() cursor=query.get("files") error=message(FILE_FIELD) />
                        {edit}
                        <section aria-labelledby="history-heading" class=SECTION>
                            <h2 id="history-heading" class=SUBHEADING>{t!(i18n, tasks.history)}</h2>
                            <ol aria-labelledby="history-heading" class="flex flex-col">{events}</ol>
                        </section>
                        {delete}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}

/// A field's name in the history, in `locale`.
fn field_name(locale: crate::i18n::Locale, field: &str) -> String {
    use crate::i18n::td_string;
    match field {
        "description" => td_string!(locale, tasks.description),
        "priority" => td_string!(locale, tasks.priority),
        "start_date" => td_string!(locale, tasks.start_date),
        "due_date" => td_string!(locale, tasks.due_date),
        "labels" => td_string!(locale, tasks.labels),
        "assignee_ids" => td_string!(locale, tasks.assignees),
        "parent_id" => td_string!(locale, tasks.parent),
        _ => td_string!(locale, tasks.relations),
    }
    .to_string()
}
