//! `/admin/audit`: the audit log, newest first, filtered by event, account and dates, a page at
//! a time.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{CELL, HEAD_CELL, HEADING, INPUT, LABEL, LINK, MUTED, TABLE, query_string};
use crate::{
    accounts::Role,
    admin::{audit_filter, server_fns::admin_audit},
    audit::{Action, Person, action_label},
    components::{
        page_title::PageTitle,
        ui::{Button, ButtonVariant, Pagination, Skeleton},
    },
    i18n::{Locale, t, t_string, td_string, use_i18n},
    locale::format_moment,
};

/// A person as an entry names them: a link to their account while it exists.
fn person(locale: Locale, person: Option<Person>) -> AnyView {
    match person {
        None => {
            view! { <span aria-label=td_string!(locale, admin.nobody_label).to_string()>"—"</span> }
                .into_any()
        }
        Some(Person {
            id,
            name: Some(name),
            ..
        }) => view! { <a href=format!("/admin/users/{id}") class=LINK>{name}</a> }.into_any(),
        Some(Person { id, .. }) => {
            let short: String = id.to_string().chars().take(8).collect();
            view! { <span>{td_string!(locale, admin.deleted_account, id = short).to_string()}</span> }.into_any()
        }
    }
}

/// A detail of an entry in the reader's language. The values are what the services write
/// (role codes, session ids, a fixed reason); one this build does not know is shown as stored.
fn detail(locale: Locale, name: &str, value: &str) -> String {
    let role = |code: &str| match Role::try_from(code) {
        Ok(role) => super::role_name(locale, role),
        Err(_) => code.to_owned(),
    };
    match (name, value) {
        ("from", code) => td_string!(locale, admin.detail_from, role = role(code)).to_string(),
        ("to", code) => td_string!(locale, admin.detail_to, role = role(code)).to_string(),
        ("session", id) => {
            let short: String = id.chars().take(8).collect();
            td_string!(locale, admin.detail_session, id = short).to_string()
        }
        ("sessions", _) => td_string!(locale, admin.detail_other_sessions).to_string(),
        ("reason", "account disabled") => td_string!(locale, admin.detail_disabled).to_string(),
        (name, value) => format!("{name}: {value}"),
    }
}

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let value = |name: &str| query.get(name).unwrap_or_default();
    let (action, person_id, from, until) = (
        value("action"),
        value("person"),
        value("from"),
        value("until"),
    );
    let page = query
        .get("page")
        .and_then(|page| page.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    let keep = query_string(&[
        ("action", &action),
        ("person", &person_id),
        ("from", &from),
        ("until", &until),
    ]);
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-64 w-full" /></div> };
    // The fields are read here as the server function reads them, so a value that cannot be
    // read gets its message next to its field.
    let problems = audit_filter(Some(&action), Some(&person_id), Some(&from), Some(&until))
        .err()
        .unwrap_or_default();
    let valid = problems.is_empty();
    let problem = move |id: &str| {
        problems
            .iter()
            .find(|problem| problem.field == id)
            .map(|problem| problem.issue.message(locale))
    };
    let action_error = problem("action");
    let field = move |id: &'static str, label: String, kind: &'static str, current: String| {
        let error = problem(id);
        let error_id = format!("{id}-error");
        view! {
            <div class="flex flex-col gap-1">
                <label for=id class=LABEL>{label}</label>
                <input
                    id=id
                    name=id
                    type=kind
                    value=current
                    aria-invalid=error.is_some().to_string()
                    aria-describedby=error.is_some().then(|| error_id.clone())
                    class=INPUT
                />
                {error.map(|error| view! {
                    <p id=error_id class="text-sm font-medium text-red-700 dark:text-red-400">{error}</p>
                })}
            </div>
        }
    };
    let filters = (
        action.clone(),
        person_id.clone(),
        from.clone(),
        until.clone(),
    );

    view! {
        <PageTitle text=move || t_string!(i18n, admin.audit_title).to_string() />
        <section class="flex flex-col gap-6">
            <div class="flex flex-wrap items-baseline justify-between gap-3">
                <h1 class=HEADING>{t!(i18n, admin.audit_title)}</h1>
                <a href="/admin/users" class=LINK>{t!(i18n, admin.users_title)}</a>
            </div>
            <form method="get" action="/admin/audit" class="flex flex-wrap items-end gap-3">
                <div class="flex flex-col gap-1">
                    <label for="action" class=LABEL>{t!(i18n, admin.filter_action)}</label>
                    <select id="action" name="action" class=INPUT>
                        <option value="" selected=action.is_empty()>{t!(i18n, admin.any_action)}</option>
                        {Action::ALL
                            .into_iter()
                            .map(|option| view! {
                                <option value=option.code() selected=option.code() == action>{action_label(locale, option.code())}</option>
                            })
                            .collect_view()}
                    </select>
                    {action_error.map(|error| view! {
                        <p class="text-sm font-medium text-red-700 dark:text-red-400">{error}</p>
                    })}
                </div>
                {field("person", t_string!(i18n, admin.filter_person).to_string(), "text", person_id.clone())}
                {field("from", t_string!(i18n, admin.filter_from).to_string(), "date", from.clone())}
                {field("until", t_string!(i18n, admin.filter_until).to_string(), "date", until.clone())}
                <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, admin.filter)}</Button>
            </form>
            <Suspense fallback=skeleton>
                {Suspend::new({
                    let keep = keep.clone();
                    let (action, person_id, from, until) = filters.clone();
                    async move {
                        if !valid {
                            return view! { <p class=MUTED>{t!(i18n, admin.fix_filters)}</p> }.into_any();
                        }
                        let found = admin_audit(Some(action), Some(person_id), Some(from), Some(until), Some(page)).await;
                        let found = match found {
                            Ok(found) => found,
                            Err(_) => {
                                return view! {
                                    <p role="alert" class="text-sm text-red-700 dark:text-red-400">{t!(i18n, admin.load_failed)}</p>
                                }
                                .into_any();
                            }
                        };
                        if found.entries.is_empty() {
                            return view! { <p class=MUTED>{t!(i18n, admin.no_entries)}</p> }.into_any();
                        }
                        let count = found.total;
                        let pages = found.pages();
                        let rows = found
                            .entries
                            .into_iter()
                            .map(|entry| {
                                let failed = entry.action == Action::LoginFailed.code();
                                view! {
                                    <tr>
                                        <td class=CELL>
                                            <time datetime=entry.occurred_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()>
                                                {format_moment(locale, entry.occurred_at)}
                                            </time>
                                        </td>
                                        <td class=CELL>
                                            <span class=if failed { "font-medium text-red-800 dark:text-red-300" } else { "font-medium" }>
                                                {action_label(locale, &entry.action)}
                                            </span>
                                            {entry.details.iter().map(|(name, value)| view! {
                                                <span class="block text-xs text-stone-600 dark:text-stone-400">{detail(locale, name, value)}</span>
                                            }).collect_view()}
                                        </td>
                                        <td class=CELL>{person(locale, entry.actor)}</td>
                                        <td class=CELL>{person(locale, entry.subject)}</td>
                                        <td class=CELL>
                                            {entry.ip.clone()}
                                            <span class="block max-w-[14rem] truncate text-xs text-stone-600 dark:text-stone-400" title=entry.user_agent.clone()>{entry.user_agent.clone()}</span>
                                        </td>
                                        <td class=CELL><code class="text-xs">{entry.request_id.clone()}</code></td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <p class=MUTED>{t!(i18n, admin.entries, count = move || count)}</p>
                            <div class="overflow-x-auto">
                                <table class=TABLE>
                                    <caption class="sr-only">{t!(i18n, admin.audit_title)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_when)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_event)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_actor)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_subject)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_client)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_request)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                            {(pages > 1).then(|| view! { <Pagination base="/admin/audit" current=page total=pages keep=keep.clone() /> })}
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
