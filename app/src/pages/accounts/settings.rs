//! `/settings`: the signed-in person's account (routed under `RequireUser`, rendered whole once
//! its data is read, like the dashboard). Each section is a plain form posting to its server
//! function, so everything here works without JavaScript; the server answers with a redirect
//! back here and a greeting or the problem.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{
        SessionSummary,
        server_fns::{EndOtherSessions, EndSession, my_sessions},
    },
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Badge, BadgeTone, Button, ButtonVariant, Skeleton},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    locale::format_date,
};

const HEADING: &str = "text-xl font-semibold text-stone-900 dark:text-white";
const MUTED: &str = "text-sm text-stone-600 dark:text-stone-400";

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let feedback = Feedback::from_query(&use_query_map().get_untracked());
    view! {
        <PageTitle text=move || t_string!(i18n, settings.title).to_string() />
        <section class="flex max-w-2xl flex-col gap-8">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, settings.title)}</h1>
            <FormNotice notice=feedback.notice />
            <Sessions />
        </section>
    }
}

/// What a session's User-Agent says it is: "Firefox on Linux".
fn device_name(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    session: &SessionSummary,
) -> String {
    let browser = session
        .browser
        .clone()
        .unwrap_or_else(|| t_string!(i18n, settings.unknown_browser).to_string());
    let os = session
        .os
        .clone()
        .unwrap_or_else(|| t_string!(i18n, settings.unknown_os).to_string());
    t_string!(i18n, settings.device, browser, os).to_string()
}

/// The person's live logins, this browser's first, each other one with a button that ends it.
#[component]
fn Sessions() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let date =
        move |at: time::OffsetDateTime| format_date(locale, at.year(), at.month().into(), at.day());
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-16 w-full" /></div> };
    view! {
        <section aria-labelledby="sessions-heading" class="flex flex-col gap-3">
            <h2 id="sessions-heading" class=HEADING>{t!(i18n, settings.sessions)}</h2>
            <p class=MUTED>{t!(i18n, settings.sessions_hint)}</p>
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let Ok(mut sessions) = my_sessions().await else {
                        return view! {
                            <p role="alert" class="text-sm text-red-700 dark:text-red-400">
                                {t!(i18n, dashboard.sessions_failed)}
                            </p>
                        }
                        .into_any();
                    };
                    sessions.sort_by_key(|session| !session.current);
                    let others = sessions.iter().filter(|session| !session.current).count();
                    let items = sessions
                        .into_iter()
                        .map(|session| {
                            let device = device_name(i18n, &session);
                            let last = date(session.last_active);
                            let end = (!session.current).then(|| {
                                let label = t_string!(i18n, settings.end_label, device = device.clone(), date = last.clone()).to_string();
                                view! {
                                    <form method="post" action=EndSession::url() class="shrink-0">
                                        <input type="hidden" name="id" value=session.id.to_string() />
                                        <button
                                            type="submit"
                                            aria-label=label
                                            class="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium text-stone-900 hover:bg-stone-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700 dark:border-stone-600 dark:text-stone-100 dark:hover:bg-stone-800"
                                        >
                                            {t!(i18n, settings.end)}
                                        </button>
                                    </form>
                                }
                            });
                            view! {
                                <li class="flex flex-wrap items-start justify-between gap-3 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                    <div class="flex flex-col gap-1 text-sm text-stone-800 dark:text-stone-200">
                                        <p class="flex flex-wrap items-center gap-2 font-medium">
                                            {device}
                                            {session.current.then(|| view! {
                                                <Badge tone=BadgeTone::Success>{t_string!(i18n, dashboard.this_browser).to_string()}</Badge>
                                            })}
                                        </p>
                                        <p>{t_string!(i18n, dashboard.last_active, date = last).to_string()}" · "{t_string!(i18n, settings.signed_in, date = date(session.started_at)).to_string()}</p>
                                        {(!session.ip.is_empty()).then(|| view! {
                                            <p class=MUTED>{t_string!(i18n, settings.ip, ip = session.ip.clone()).to_string()}</p>
                                        })}
                                    </div>
                                    {end}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <ul aria-labelledby="sessions-heading" class="flex flex-col">{items}</ul>
                        {if others > 0 {
                            view! {
                                <form method="post" action=EndOtherSessions::url()>
                                    <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, settings.end_others)}</Button>
                                </form>
                            }
                            .into_any()
                        } else {
                            view! { <p class=MUTED>{t!(i18n, settings.only_this)}</p> }.into_any()
                        }}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
