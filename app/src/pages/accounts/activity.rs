//! The settings' "Security activity": the person's latest security events, newest first, so
//! a sign-in or a change they did not make stands out.

use leptos::prelude::*;

use crate::{
    accounts::server_fns::my_activity,
    audit::{Action, AuditEntry, action_label},
    components::ui::Skeleton,
    i18n::{Locale, t, td_string, use_i18n},
    locale::format_moment,
};

const HEADING: &str = "text-xl font-semibold text-stone-900 dark:text-white";
const MUTED: &str = "text-sm text-stone-600 dark:text-stone-400";

#[component]
pub fn Activity() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-24 w-full" /></div> };
    view! {
        <section aria-labelledby="activity-heading" class="flex flex-col gap-3">
            <h2 id="activity-heading" class=HEADING>{t!(i18n, activity.title)}</h2>
            <p class=MUTED>{t!(i18n, activity.hint)}</p>
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    match my_activity().await {
                        Err(_) => view! {
                            <p role="alert" class="text-sm text-red-700 dark:text-red-400">
                                {t!(i18n, activity.failed)}
                            </p>
                        }
                        .into_any(),
                        Ok(entries) if entries.is_empty() => {
                            view! { <p class=MUTED>{t!(i18n, activity.none)}</p> }.into_any()
                        }
                        Ok(entries) => {
                            let items = entries
                                .into_iter()
                                .map(|entry| view! { <Entry entry locale /> })
                                .collect_view();
                            view! {
                                <ol aria-labelledby="activity-heading" class="flex flex-col">{items}</ol>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Entry(entry: AuditEntry, locale: Locale) -> impl IntoView {
    let failed = entry.action == Action::LoginFailed.code();
    let label = action_label(locale, &entry.action);
    let when = format_moment(locale, entry.occurred_at);
    let place = (!entry.ip.is_empty())
        .then(|| td_string!(locale, activity.from_ip, ip = entry.ip.clone()).to_string());
    let by_someone_else = entry
        .actor
        .as_ref()
        .zip(entry.subject.as_ref())
        .filter(|(actor, subject)| actor.id != subject.id)
        .map(|(actor, _)| {
            let name = actor
                .name
                .clone()
                .unwrap_or_else(|| td_string!(locale, activity.deleted_person).to_string());
            td_string!(locale, activity.by, name).to_string()
        });
    view! {
        <li class="flex flex-col gap-0.5 border-t border-stone-200 py-2 text-sm first:border-t-0 dark:border-stone-800">
            <p class=if failed {
                "font-medium text-red-800 dark:text-red-300"
            } else {
                "font-medium text-stone-900 dark:text-stone-100"
            }>{label}{by_someone_else.map(|by| format!(" · {by}"))}</p>
            <p class=MUTED>
                <time datetime=entry.occurred_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()>{when}</time>
                {place.map(|place| format!(" · {place}"))}
            </p>
        </li>
    }
}
