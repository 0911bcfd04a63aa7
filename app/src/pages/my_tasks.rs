//! `/tasks`: "My tasks": the open tasks assigned to me in all my workspaces, due soonest first.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{page_title::PageTitle, ui::Skeleton},
    i18n::{t, t_string, use_i18n},
    pages::projects::{LINK, MUTED, status_name},
    tasks::server_fns::{my_tasks, task_path},
};

#[component]
pub fn MyTasksPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let cursor = use_query_map().get_untracked().get("cursor");
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-40 w-full" /></div> };

    view! {
        <PageTitle text=move || t_string!(i18n, tasks.mine_title).to_string() />
        <section class="flex max-w-3xl flex-col gap-6">
            <div class="flex flex-col gap-2">
                <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, tasks.mine_title)}</h1>
                <p class=MUTED>{t!(i18n, tasks.mine_intro)}</p>
            </div>
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let Ok((page, unread)) = my_tasks(cursor).await else {
                        return view! {
                            <p role="alert" class="text-sm text-red-700 dark:text-red-400">{t!(i18n, workspaces.load_failed)}</p>
                        }
                        .into_any();
                    };
                    let notes = view! {
                        <p>
                            <a href="/notifications" class=LINK>
                                {t_string!(i18n, notifications.link, count = unread).to_string()}
                            </a>
                        </p>
                    };
                    if page.items.is_empty() {
                        return view! { {notes} <p class=MUTED>{t!(i18n, tasks.mine_none)}</p> }.into_any();
                    }
                    let items = page
                        .items
                        .into_iter()
                        .map(|task| {
                            let due = task.due_date.map(|date| {
                                t_string!(i18n, tasks.due_on, date = crate::locale::format_date(locale, date.year(), date.month().into(), date.day())).to_string()
                            });
                            view! {
                                <li class="flex flex-wrap items-baseline justify-between gap-2 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                    <a href=task_path(&task.id.to_string()) class=LINK>
                                        <span class="font-mono text-xs">{task.reference.clone()}</span>" "{task.title.clone()}
                                    </a>
                                    <span class=MUTED>
                                        {status_name(locale, task.status)}
                                        {due.map(|due| format!(" · {due}"))}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view();
                    let more = page.next_cursor.map(|next| view! {
                        <a href=format!("/tasks?cursor={}", crate::forms::encode(&next)) class=LINK>{t!(i18n, tasks.next_page)}</a>
                    });
                    view! {
                        {notes}
                        <ul class="flex flex-col">{items}</ul>
                        {more}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
