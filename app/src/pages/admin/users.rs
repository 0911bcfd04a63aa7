//! `/admin/users`: everyone with an account, searched by name or address, in the order asked
//! for, a page at a time.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{CELL, HEAD_CELL, HEADING, INPUT, LABEL, LINK, MUTED, TABLE, query_string, role_name};
use crate::{
    admin::{AccountSort, server_fns::admin_accounts},
    components::{
        page_title::PageTitle,
        ui::{Badge, BadgeTone, Button, ButtonVariant, Pagination, Skeleton},
    },
    i18n::{Locale, t, t_string, td_string, use_i18n},
    locale::format_date,
};

fn sort_name(locale: Locale, sort: AccountSort) -> String {
    match sort {
        AccountSort::Newest => td_string!(locale, admin.sort_newest),
        AccountSort::Oldest => td_string!(locale, admin.sort_oldest),
        AccountSort::Name => td_string!(locale, admin.sort_name),
        AccountSort::Email => td_string!(locale, admin.sort_email),
        AccountSort::LastActive => td_string!(locale, admin.sort_last_active),
    }
    .to_string()
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let q = query.get("q").unwrap_or_default();
    let sort = query
        .get("sort")
        .and_then(|code| AccountSort::from_code(&code))
        .unwrap_or_default();
    let page = query
        .get("page")
        .and_then(|page| page.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    let date =
        move |at: time::OffsetDateTime| format_date(locale, at.year(), at.month().into(), at.day());
    let keep = query_string(&[
        ("q", &q),
        (
            "sort",
            if sort == AccountSort::default() {
                ""
            } else {
                sort.code()
            },
        ),
    ]);
    let search = q.clone();
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-40 w-full" /></div> };

    view! {
        <PageTitle text=move || t_string!(i18n, admin.users_title).to_string() />
        <section class="flex flex-col gap-6">
            <div class="flex flex-wrap items-baseline justify-between gap-3">
                <h1 class=HEADING>{t!(i18n, admin.users_title)}</h1>
                <a href="/admin/audit" class=LINK>{t!(i18n, admin.audit_title)}</a>
            </div>
            <form method="get" action="/admin/users" role="search" class="flex flex-wrap items-end gap-3">
                <div class="flex min-w-[14rem] flex-1 flex-col gap-1">
                    <label for="q" class=LABEL>{t!(i18n, admin.search_label)}</label>
                    <input id="q" name="q" type="search" value=q.clone() class=INPUT />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="sort" class=LABEL>{t!(i18n, admin.sort_label)}</label>
                    <select id="sort" name="sort" class=INPUT>
                        {AccountSort::ALL
                            .into_iter()
                            .map(|option| view! {
                                <option value=option.code() selected=option == sort>{sort_name(locale, option)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, admin.search)}</Button>
            </form>
            <Suspense fallback=skeleton>
                {Suspend::new({
                    let keep = keep.clone();
                    let search = search.clone();
                    async move {
                        let found = admin_accounts(Some(search), Some(sort.code().to_owned()), Some(page)).await;
                        let Ok(found) = found else {
                            return view! {
                                <p role="alert" class="text-sm text-red-700 dark:text-red-400">{t!(i18n, admin.load_failed)}</p>
                            }
                            .into_any();
                        };
                        if found.accounts.is_empty() {
                            return view! { <p class=MUTED>{t!(i18n, admin.no_results)}</p> }.into_any();
                        }
                        let pages = found.pages();
                        let count = found.total;
                        let rows = found
                            .accounts
                            .into_iter()
                            .map(|account| {
                                let verified = account.email_verified_at.is_some();
                                let disabled = account.disabled_at.is_some();
                                let last = account
                                    .last_active_at
                                    .map(date)
                                    .unwrap_or_else(|| t_string!(i18n, admin.never).to_string());
                                view! {
                                    <tr>
                                        <td class=CELL>
                                            <a href=format!("/admin/users/{}", account.id) class=LINK>{account.name.clone()}</a>
                                        </td>
                                        <td class=CELL>{account.email.clone()}</td>
                                        <td class=CELL>{role_name(locale, account.role)}</td>
                                        <td class=CELL>
                                            <span class="flex flex-wrap gap-1">
                                                {if disabled {
                                                    view! { <Badge tone=BadgeTone::Danger>{t_string!(i18n, admin.status_disabled).to_string()}</Badge> }.into_any()
                                                } else {
                                                    view! { <Badge tone=BadgeTone::Success>{t_string!(i18n, admin.status_active).to_string()}</Badge> }.into_any()
                                                }}
                                                {(!verified).then(|| view! {
                                                    <Badge tone=BadgeTone::Warning>{t_string!(i18n, admin.unverified).to_string()}</Badge>
                                                })}
                                            </span>
                                        </td>
                                        <td class=CELL>{date(account.created_at)}</td>
                                        <td class=CELL>{last}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <p class=MUTED aria-live="polite">{t!(i18n, admin.results, count = move || count)}</p>
                            <div class="overflow-x-auto">
                                <table class=TABLE>
                                    <caption class="sr-only">{t!(i18n, admin.users_title)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_name)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_email)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_role)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_status)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_created)}</th>
                                            <th scope="col" class=HEAD_CELL>{t!(i18n, admin.col_last_active)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                            {(pages > 1).then(|| view! { <Pagination base="/admin/users" current=page total=pages keep=keep.clone() /> })}
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
