//! `/notifications`: what I was told about (mentions, assignments), newest first; opening one
//! marks it read and goes to its task.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use crate::{
    components::{
        page_title::PageTitle,
        ui::{Badge, Button, ButtonVariant, Skeleton},
    },
    i18n::{t, t_string, use_i18n},
    locale::format_moment,
    notifications::{
        Kind,
        server_fns::{OpenNotification, ReadAllNotifications, notifications},
    },
    pages::projects::{LINK, MUTED},
};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let cursor = use_query_map().get_untracked().get("cursor");
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-40 w-full" /></div> };

    view! {
        <PageTitle text=move || t_string!(i18n, notifications.title).to_string() />
        <section class="flex max-w-3xl flex-col gap-6">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, notifications.title)}</h1>
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let Ok((page, unread)) = notifications(cursor).await else {
                        return view! {
                            <p role="alert" class="text-sm text-red-700 dark:text-red-400">{t!(i18n, workspaces.load_failed)}</p>
                        }
                        .into_any();
                    };
                    if page.items.is_empty() {
                        return view! { <p class=MUTED>{t!(i18n, notifications.none)}</p> }.into_any();
                    }
                    let items = page
                        .items
                        .into_iter()
                        .map(|note| {
                            let who = note.actor.clone().unwrap_or_else(|| t_string!(i18n, activity.deleted_person).to_string());
                            let task = format!("{} {}", note.task_reference, note.task_title);
                            let said = match note.kind {
                                Kind::Mentioned => t_string!(i18n, notifications.mentioned, name = who, task = task).to_string(),
                                Kind::Assigned => t_string!(i18n, notifications.assigned, name = who, task = task).to_string(),
                            };
                            view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                    <div class="flex flex-col gap-0.5">
                                        <p class="flex flex-wrap items-center gap-2 text-stone-900 dark:text-stone-100">
                                            {(!note.read).then(|| view! { <Badge>{t_string!(i18n, notifications.unread_badge).to_string()}</Badge> })}
                                            {said}
                                        </p>
                                        <p class=MUTED>{format_moment(locale, note.created_at)}</p>
                                    </div>
                                    <form method="post" action=OpenNotification::url()>
                                        <input type="hidden" name="id" value=note.id.to_string() />
                                        <Button kind="submit" variant=ButtonVariant::Secondary>
                                            {t!(i18n, notifications.open)}
                                            <span class="sr-only">{format!(" ({})", note.task_reference)}</span>
                                        </Button>
                                    </form>
                                </li>
                            }
                        })
                        .collect_view();
                    let more = page.next_cursor.map(|next| view! {
                        <a href=format!("/notifications?cursor={}", crate::forms::encode(&next)) class=LINK>{t!(i18n, tasks.next_page)}</a>
                    });
                    view! {
                        <p class=MUTED>{t_string!(i18n, notifications.unread, count = unread).to_string()}</p>
                        {(unread > 0).then(|| view! {
                            <form method="post" action=ReadAllNotifications::url()>
                                <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, notifications.read_all)}</Button>
                            </form>
                        })}
                        <ul class="flex flex-col">{items}</ul>
                        {more}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}

/// The settings' section where a person asks to be told by e-mail too (a plain form).
#[component]
pub(crate) fn EmailNotificationsForm() -> impl IntoView {
    use crate::{
        components::ui::Checkbox, notifications::server_fns::SetNotificationSettings,
        notifications::server_fns::notification_settings,
    };
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="notifications-heading" class="flex flex-col gap-3">
            <h2 id="notifications-heading" class="text-xl font-semibold text-stone-900 dark:text-white">
                {t!(i18n, notifications.by_email)}
            </h2>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let on = notification_settings().await.unwrap_or(false);
                    view! {
                        <form method="post" action=SetNotificationSettings::url() class="flex flex-col gap-4">
                            <Checkbox
                                id="by_email"
                                label=t_string!(i18n, notifications.by_email_switch).to_string()
                                hint=t_string!(i18n, notifications.by_email_hint).to_string()
                                switch=true
                                checked=on
                            />
                            <div><Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, notifications.by_email_save)}</Button></div>
                        </form>
                    }
                })}
            </Suspense>
        </section>
    }
}
