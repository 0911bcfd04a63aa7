//! `/dashboard`: the signed-in person's page (routed under `RequireUser`).

use leptos::prelude::*;

use crate::{
    accounts::{Role, server_fns::my_sessions, session::Auth},
    components::{
        page_title::PageTitle,
        ui::{Badge, BadgeTone, Skeleton},
    },
    i18n::{t, t_string, use_i18n},
    locale::format_date,
};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    // The guard let only a signed-in person through; read once, since a person who logs out
    // here is on their way to the home page already.
    let Some(user) = Auth::use_context().0.get_untracked() else {
        return ().into_any();
    };
    let date = move || {
        let created = user.created_at;
        format_date(
            i18n.get_locale(),
            created.year(),
            created.month().into(),
            created.day(),
        )
    };
    let role = move || match user.role {
        Role::Admin => t_string!(i18n, dashboard.role_admin).to_string(),
        Role::Member => t_string!(i18n, dashboard.role_member).to_string(),
    };
    let name = user.name.clone();
    view! {
        <PageTitle text=move || t_string!(i18n, dashboard.title).to_string() />
        <section class="flex flex-col gap-6">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">
                {move || t_string!(i18n, dashboard.welcome, name = name.clone()).to_string()}
            </h1>
            <dl class="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-stone-800 dark:text-stone-200">
                <dt class="font-medium">{t!(i18n, dashboard.email)}</dt>
                <dd>{user.email.clone()}</dd>
                <dt class="font-medium">{t!(i18n, dashboard.role)}</dt>
                <dd>{role}</dd>
            </dl>
            <p class="text-stone-700 dark:text-stone-300">
                {move || t_string!(i18n, dashboard.member_since, date = date()).to_string()}
            </p>
            <SessionList />
            <p>
                <a href="/workspaces" class="font-medium text-orange-800 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700 dark:text-orange-300">
                    {t!(i18n, dashboard.next)}
                </a>
            </p>
        </section>
    }
    .into_any()
}

/// The person's logins, read while the page renders. The route is rendered whole once they are
/// read (`SsrMode::Async` in `shell.rs`), so the list is in its place in the HTML and the page
/// works without JavaScript; the skeleton (the shape of what is coming) is the fallback
/// `Suspense` needs, which a page rendered whole never shows.
#[component]
fn SessionList() -> impl IntoView {
    let i18n = use_i18n();
    let skeleton = || {
        view! {
            <div aria-hidden="true" data-testid="sessions-loading" class="flex flex-col gap-3">
                <Skeleton size="h-5 w-3/4" />
                <Skeleton size="h-5 w-2/3" />
            </div>
        }
    };
    view! {
        <section aria-labelledby="sessions-heading" class="flex max-w-xl flex-col gap-2">
            <h2 id="sessions-heading" class="text-xl font-semibold text-stone-900 dark:text-white">
                {t!(i18n, dashboard.sessions)}
            </h2>
            <p class="text-sm text-stone-600 dark:text-stone-400">{t!(i18n, dashboard.sessions_hint)}</p>
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    match my_sessions().await {
                        Ok(list) => view! {
                            <ul aria-label=move || t_string!(i18n, dashboard.sessions).to_string() class="flex flex-col gap-2">
                                {list
                                    .into_iter()
                                    .map(|session| {
                                        let when = session.last_active;
                                        let date = move || {
                                            format_date(i18n.get_locale(), when.year(), when.month().into(), when.day())
                                        };
                                        view! {
                                            <li class="flex items-center gap-3 text-stone-800 dark:text-stone-200">
                                                <span>{move || t_string!(i18n, dashboard.last_active, date = date()).to_string()}</span>
                                                {session.current.then(|| view! {
                                                    <Badge tone=BadgeTone::Success>{move || t_string!(i18n, dashboard.this_browser).to_string()}</Badge>
                                                })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(_) => view! {
                            <p role="alert" class="text-sm text-red-700 dark:text-red-400">
                                {t!(i18n, dashboard.sessions_failed)}
                            </p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
