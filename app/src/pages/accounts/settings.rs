//! `/settings`: the signed-in person's account (routed under `RequireUser`, rendered whole once
//! its data is read, like the dashboard). Each section is a plain form posting to its server
//! function, so everything here works without JavaScript; the server answers with a redirect
//! back here and a greeting or the problem.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use super::{
    activity::Activity,
    leaving::{DeleteAccountForm, YourData},
};
use crate::privacy::server_fns::PASSWORD_FIELD;
use crate::{
    accounts::{
        SessionSummary, User,
        rules::fields,
        server_fns::{
            ChangeEmail, ChangePassword, EndOtherSessions, EndSession, RemoveAvatar, Rename,
            my_sessions,
        },
        session::Auth,
    },
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Avatar, Badge, BadgeTone, Button, ButtonVariant, FileField, Skeleton, TextField},
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
    // The guard let only a signed-in person through.
    let Some(user) = Auth::use_context().0.get_untracked() else {
        return ().into_any();
    };
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let locale = i18n.get_locale_untracked();
    // What the server's last answer said about a field, in the page's language.
    let error = |field: &str| feedback.issue(field).map(|issue| issue.message(locale));
    // What was typed before that answer (never a password).
    let kept = |field: &str| query.get(field);
    let profile = Profile {
        name: kept(fields::NAME).unwrap_or_else(|| user.name.clone()),
        name_error: error(fields::NAME),
    };
    let address = Address {
        typed: kept(fields::EMAIL).unwrap_or_default(),
        email_error: error(fields::EMAIL),
        password_error: error(fields::PASSWORD),
    };
    let password = PasswordErrors {
        current: error(fields::CURRENT_PASSWORD),
        new: error(fields::NEW_PASSWORD),
    };
    view! {
        <PageTitle text=move || t_string!(i18n, settings.title).to_string() />
        <section class="flex max-w-2xl flex-col gap-10">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, settings.title)}</h1>
            <FormNotice notice=feedback.notice />
            <ProfileForm profile />
            <PictureForm user=user.clone() error=error(fields::FILE) />
            <AddressForm user=user.clone() address />
            <PasswordForm errors=password />
            <Sessions />
            <crate::pages::notifications::EmailNotificationsForm />
            <section aria-labelledby="api-tokens-heading" class="flex flex-col gap-3">
                <h2 id="api-tokens-heading" class=HEADING>{t!(i18n, tokens.title)}</h2>
                <p class=MUTED>{t!(i18n, tokens.manage)}</p>
                <a href=crate::api_tokens::server_fns::TOKENS_PATH class="font-medium text-orange-800 underline-offset-2 hover:underline dark:text-orange-300">
                    {t!(i18n, tokens.link)}
                </a>
            </section>
            <Activity />
            <YourData />
            <DeleteAccountForm password_error=error(PASSWORD_FIELD) issue=feedback.issue("account") />
        </section>
    }
    .into_any()
}

struct Profile {
    name: String,
    name_error: Option<String>,
}

/// The name other people see.
#[component]
fn ProfileForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="profile-heading" class="flex flex-col gap-3">
            <h2 id="profile-heading" class=HEADING>{t!(i18n, settings.profile)}</h2>
            <form method="post" action=Rename::url() class="flex flex-col gap-4">
                <TextField
                    id=fields::NAME
                    label=t_string!(i18n, auth.name).to_string()
                    autocomplete="name"
                    required=true
                    value=Signal::stored(profile.name)
                    error=Signal::stored(profile.name_error)
                />
                <div><Button kind="submit">{t!(i18n, settings.save_name)}</Button></div>
            </form>
        </section>
    }
}

/// The person's picture: the current one, a file to replace it, and a button that removes it.
/// The upload is a multipart form the server's own handler takes (`/settings/avatar`).
#[component]
fn PictureForm(user: User, error: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let picture = match user.avatar_url.clone() {
        Some(url) => view! {
            <img src=url alt=t_string!(i18n, settings.your_picture).to_string() width="96" height="96" class="size-24 rounded-full" />
        }
        .into_any(),
        None => view! { <Avatar name=user.name.clone() /> }.into_any(),
    };
    view! {
        <section aria-labelledby="picture-heading" class="flex flex-col gap-3">
            <h2 id="picture-heading" class=HEADING>{t!(i18n, settings.picture)}</h2>
            <div class="flex flex-wrap items-center gap-4">
                {picture}
                {user.avatar_url.is_some().then(|| view! {
                    <form method="post" action=RemoveAvatar::url()>
                        <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, settings.remove_picture)}</Button>
                    </form>
                })}
            </div>
            <form method="post" action="/settings/avatar" enctype="multipart/form-data" class="flex flex-col gap-4">
                <FileField
                    id="file"
                    label=t_string!(i18n, settings.picture_file).to_string()
                    hint=t_string!(i18n, settings.picture_hint).to_string()
                    error=Signal::stored(error)
                    accept="image/png,image/jpeg,image/webp"
                />
                <div><Button kind="submit">{t!(i18n, settings.save_picture)}</Button></div>
            </form>
        </section>
    }
}

struct Address {
    typed: String,
    email_error: Option<String>,
    password_error: Option<String>,
}

/// The account's address, whether it is verified, and the form that moves it elsewhere.
#[component]
fn AddressForm(user: User, address: Address) -> impl IntoView {
    let i18n = use_i18n();
    let verified = user.email_verified();
    let email = user.email.clone();
    view! {
        <section aria-labelledby="email-heading" class="flex flex-col gap-3">
            <h2 id="email-heading" class=HEADING>{t!(i18n, settings.email)}</h2>
            <p class="flex flex-wrap items-center gap-2 text-stone-800 dark:text-stone-200">
                {t_string!(i18n, settings.current_email, email).to_string()}
                {if verified {
                    view! { <Badge tone=BadgeTone::Success>{t_string!(i18n, settings.verified).to_string()}</Badge> }.into_any()
                } else {
                    view! { <Badge tone=BadgeTone::Warning>{t_string!(i18n, settings.unverified).to_string()}</Badge> }.into_any()
                }}
            </p>
            <p class=MUTED>{t!(i18n, settings.change_email_hint)}</p>
            <form method="post" action=ChangeEmail::url() class="flex flex-col gap-4">
                <TextField
                    id=fields::EMAIL
                    kind="email"
                    label=t_string!(i18n, settings.new_email).to_string()
                    autocomplete="email"
                    required=true
                    value=Signal::stored(address.typed)
                    error=Signal::stored(address.email_error)
                />
                <TextField
                    id=fields::PASSWORD
                    kind="password"
                    label=t_string!(i18n, settings.password_to_confirm).to_string()
                    autocomplete="current-password"
                    required=true
                    error=Signal::stored(address.password_error)
                />
                <div><Button kind="submit">{t!(i18n, settings.change_email)}</Button></div>
            </form>
        </section>
    }
}

struct PasswordErrors {
    current: Option<String>,
    new: Option<String>,
}

/// A new password, given the current one.
#[component]
fn PasswordForm(errors: PasswordErrors) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="password-heading" class="flex flex-col gap-3">
            <h2 id="password-heading" class=HEADING>{t!(i18n, settings.password)}</h2>
            <p class=MUTED>{t!(i18n, settings.change_password_hint)}</p>
            <form method="post" action=ChangePassword::url() class="flex flex-col gap-4">
                <TextField
                    id=fields::CURRENT_PASSWORD
                    kind="password"
                    label=t_string!(i18n, settings.current_password).to_string()
                    autocomplete="current-password"
                    required=true
                    error=Signal::stored(errors.current)
                />
                <TextField
                    id=fields::NEW_PASSWORD
                    kind="password"
                    label=t_string!(i18n, reset.new_password).to_string()
                    hint=t_string!(i18n, auth.password_hint).to_string()
                    autocomplete="new-password"
                    required=true
                    error=Signal::stored(errors.new)
                />
                <div><Button kind="submit">{t!(i18n, settings.change_password)}</Button></div>
            </form>
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
