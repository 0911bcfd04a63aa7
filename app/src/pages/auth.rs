//! `/login`, `/register` and the protected `/dashboard`, with the server functions behind them.
//!
//! The forms work twice over. With JavaScript they post through `ActionForm`: fields are checked
//! when they lose focus (with the same parsers the server runs), the button shows it is busy and
//! cannot be pressed again, errors appear next to their fields, and success navigates without a
//! reload. Without JavaScript the browser posts the form itself; the server function then answers
//! with a redirect: to where the person was going, or back to the form with the errors named in
//! the query (`?e=email:email-invalid`), which the page renders next to the fields.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::{A, Redirect},
    hooks::{use_location, use_navigate, use_query_map},
};
use serde::{Deserialize, Serialize};

use crate::{
    accounts::{
        Role, SessionSummary, User,
        rules::{self, Field, FieldError, Notice, Problem},
        session::{Auth, safe_next},
    },
    components::ui::{Badge, BadgeTone, Button, Skeleton, TextField, ToastTone, use_toasts},
    i18n::{t, t_string, use_i18n},
    locale::format_date,
};

/// What a form post came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormOutcome {
    /// Signed in: the user, and the (same-site) address to go to.
    SignedIn { user: User, next: String },
    /// Nothing happened; the reasons, by field and for the whole form.
    Refused {
        errors: Vec<FieldError>,
        notice: Option<Notice>,
    },
}

#[cfg(feature = "ssr")]
mod server {
    use http::header;
    use leptos::prelude::*;

    use super::FormOutcome;
    use crate::accounts::{AccountError, Accounts, Tokens, session::SessionCookies};

    pub fn accounts() -> Result<Accounts, ServerFnError> {
        use_context::<Accounts>()
            .ok_or_else(|| ServerFnError::new("the account service is missing"))
    }

    pub fn cookies() -> SessionCookies {
        use_context::<SessionCookies>().unwrap_or(SessionCookies { secure: true })
    }

    pub fn sign_in_cookies(tokens: &Tokens) {
        crate::cookies::set(cookies().set(tokens));
    }

    /// A form posted by the browser itself (no JavaScript) asks for HTML back.
    pub fn posted_without_javascript() -> bool {
        use_context::<http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get(header::ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
        })
    }

    /// Answers a form post made without JavaScript with a redirect: onwards, or back to `form`
    /// with the errors and the typed values (never the password) in the query.
    pub fn redirect_browser(outcome: &FormOutcome, form: &str, keep: &[(&str, &str)]) {
        if !posted_without_javascript() {
            return;
        }
        let target = match outcome {
            FormOutcome::SignedIn { next, .. } => next.clone(),
            FormOutcome::Refused { errors, notice } => {
                let mut pairs: Vec<(&str, String)> = keep
                    .iter()
                    .filter(|(_, value)| !value.is_empty())
                    .map(|(name, value)| (*name, (*value).to_owned()))
                    .collect();
                for error in errors {
                    pairs.push((
                        "e",
                        format!("{}:{}", error.field.as_str(), error.problem.code()),
                    ));
                }
                if let Some(notice) = notice {
                    pairs.push(("notice", notice.code().to_owned()));
                }
                let query: Vec<String> = pairs
                    .iter()
                    .map(|(name, value)| format!("{name}={}", super::urlencoding_component(value)))
                    .collect();
                format!("{form}?{}", query.join("&"))
            }
        };
        leptos_axum::redirect(&target);
    }

    /// Field and credential problems become a `Refused` outcome; anything else is a real
    /// failure, logged with the request id and shown as an error.
    pub fn refused(error: AccountError) -> Result<FormOutcome, ServerFnError> {
        match error {
            AccountError::Invalid(errors) => Ok(FormOutcome::Refused {
                errors,
                notice: None,
            }),
            AccountError::EmailTaken => Ok(FormOutcome::Refused {
                errors: vec![crate::accounts::rules::FieldError::new(
                    crate::accounts::rules::Field::Email,
                    crate::accounts::rules::Problem::EmailTaken,
                )],
                notice: None,
            }),
            AccountError::BadCredentials => Ok(FormOutcome::Refused {
                errors: Vec::new(),
                notice: Some(crate::accounts::rules::Notice::BadCredentials),
            }),
            other => {
                tracing::error!(error = %other, "a form request failed");
                Err(ServerFnError::new("the request could not be completed"))
            }
        }
    }
}

#[server(prefix = "/fn", endpoint = "log-in")]
pub async fn log_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<FormOutcome, ServerFnError> {
    let next = safe_next(next.as_deref());
    let outcome = match server::accounts()?.login(&email, &password).await {
        Ok((user, tokens)) => {
            server::sign_in_cookies(&tokens);
            FormOutcome::SignedIn {
                user,
                next: next.clone(),
            }
        }
        Err(error) => server::refused(error)?,
    };
    server::redirect_browser(&outcome, "/login", &[("email", &email), ("next", &next)]);
    Ok(outcome)
}

#[server(prefix = "/fn", endpoint = "register")]
pub async fn register(
    name: String,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<FormOutcome, ServerFnError> {
    use crate::accounts::NewAccount;

    let next = safe_next(next.as_deref());
    let accounts = server::accounts()?;
    let account = NewAccount {
        email: email.clone(),
        password,
        name: name.clone(),
    };
    let outcome = match accounts.register(account).await {
        Ok(user) => match accounts.sign_in(&user).await {
            Ok(tokens) => {
                server::sign_in_cookies(&tokens);
                FormOutcome::SignedIn {
                    user,
                    next: next.clone(),
                }
            }
            Err(error) => server::refused(error)?,
        },
        Err(error) => server::refused(error)?,
    };
    server::redirect_browser(
        &outcome,
        "/register",
        &[("name", &name), ("email", &email), ("next", &next)],
    );
    Ok(outcome)
}

/// Ends this browser's login server-side and deletes its cookies.
#[server(prefix = "/fn", endpoint = "log-out")]
pub async fn log_out() -> Result<(), ServerFnError> {
    if let Some(session) = crate::accounts::session::current_session() {
        server::accounts()?
            .end_session(session.family)
            .await
            .map_err(|error| ServerFnError::new(error.to_string()))?;
    }
    crate::cookies::set(server::cookies().clear());
    if server::posted_without_javascript() {
        leptos_axum::redirect("/");
    }
    Ok(())
}

/// The strength rules for a new password, given the other fields (a password made of one's own
/// name or address is weak). Nothing is stored or logged.
#[server(prefix = "/fn", endpoint = "check-password")]
pub async fn check_password(
    password: String,
    email: String,
    name: String,
) -> Result<Option<Problem>, ServerFnError> {
    Ok(rules::check_new_password(&password, &[email.trim(), name.trim()]).err())
}

/// The signed-in person's live logins, for the dashboard.
#[server(prefix = "/fn", endpoint = "my-sessions")]
pub async fn my_sessions() -> Result<Vec<SessionSummary>, ServerFnError> {
    let Some(session) = crate::accounts::session::current_session() else {
        return Err(ServerFnError::new("not signed in"));
    };
    server::accounts()?
        .sessions(session.user.id, session.family)
        .await
        .map_err(|error| {
            tracing::error!(%error, "listing sessions failed");
            ServerFnError::new("the sessions could not be loaded")
        })
}

/// The message for `field`: from the last answer, else from a no-JavaScript redirect's query,
/// else from the check made when the field lost focus.
fn field_message(
    field: Field,
    answer: Signal<Option<FormOutcome>>,
    from_query: Vec<FieldError>,
    on_blur: RwSignal<Option<Problem>>,
) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let problem = match answer.get() {
            Some(FormOutcome::Refused { errors, .. }) => errors
                .iter()
                .find(|error| error.field == field)
                .map(|error| error.problem)
                .or_else(|| on_blur.get()),
            Some(FormOutcome::SignedIn { .. }) => None,
            None => on_blur.get().or_else(|| {
                from_query
                    .iter()
                    .find(|error| error.field == field)
                    .map(|error| error.problem)
            }),
        };
        problem.map(|problem| problem.message(i18n.get_locale()))
    })
}

/// Checks the field inside when it loses focus, and again on each keystroke once it shows an
/// error, so the message goes away as soon as the value is right (and not on the click that
/// submits, which would move the button from under the pointer).
///
/// `then`, if given, runs after a local check that passed (on focus loss only): for the rules
/// only the server can apply.
#[component]
fn Checked(
    state: RwSignal<Option<Problem>>,
    check: fn(&str) -> Option<Problem>,
    #[prop(optional)] then: Option<Callback<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div
            on:focusout=move |event| {
                let value = event_target_value(&event);
                let problem = check(&value);
                state.set(problem);
                if let (None, Some(then)) = (problem, then) {
                    then.run(value);
                }
            }
            on:input=move |event| {
                if state.with_untracked(Option::is_some) {
                    state.set(check(&event_target_value(&event)));
                }
            }
        >
            {children()}
        </div>
    }
}

/// The form state the query of a no-JavaScript redirect carries.
struct QueryState {
    errors: Vec<FieldError>,
    notice: Option<Notice>,
    next: Option<String>,
}

fn query_state() -> QueryState {
    let query = use_query_map().get_untracked();
    let errors = query
        .get_all("e")
        .unwrap_or_default()
        .iter()
        .filter_map(|pair| {
            let (field, code) = pair.split_once(':')?;
            Some(FieldError::new(
                Field::parse(field)?,
                Problem::from_code(code)?,
            ))
        })
        .collect();
    QueryState {
        errors,
        notice: query.get("notice").as_deref().and_then(Notice::from_code),
        next: query.get("next"),
    }
}

/// Follows a successful answer: remembers the user, greets them, and goes where they were
/// going.
fn follow_success(answer: Signal<Option<FormOutcome>>, new_account: bool) {
    let i18n = use_i18n();
    let auth = Auth::use_context();
    let toasts = use_toasts();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(FormOutcome::SignedIn { user, next }) = answer.get() {
            let name = user.name.clone();
            let greeting = if new_account {
                t_string!(i18n, dashboard.welcome, name).to_string()
            } else {
                t_string!(i18n, auth.welcome_back, name).to_string()
            };
            auth.0.set(Some(user));
            toasts.show(ToastTone::Success, greeting);
            navigate(&next, Default::default());
        }
    });
}

#[component]
fn FormNotice(notice: Signal<Option<Notice>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div role="alert" class="contents">
            {move || {
                notice
                    .get()
                    .map(|notice| {
                        view! {
                            <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
                                {notice.message(i18n.get_locale())}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<LogIn>::new();
    let answer: Signal<Option<FormOutcome>> =
        Signal::derive(move || action.value().get().and_then(Result::ok));
    follow_success(answer, false);

    let query = query_state();
    let typed_email = use_query_map()
        .get_untracked()
        .get("email")
        .unwrap_or_default();
    let email_blur = RwSignal::new(None);
    let password_blur = RwSignal::new(None);
    let email_error = field_message(Field::Email, answer, query.errors.clone(), email_blur);
    let password_error = field_message(Field::Password, answer, query.errors, password_blur);
    let query_notice = query.notice;
    let notice = Signal::derive(move || match answer.get() {
        Some(FormOutcome::Refused { notice, .. }) => notice,
        Some(FormOutcome::SignedIn { .. }) => None,
        None => query_notice,
    });
    let next = safe_next(query.next.as_deref());
    let register_link = format!("/register?next={}", urlencoding_component(&next));

    view! {
        <Title text=move || t_string!(i18n, auth.login_title).to_string() />
        <section class="mx-auto flex w-full max-w-md flex-col gap-6">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, auth.login_heading)}</h1>
            <FormNotice notice />
            <ActionForm action attr:class="flex flex-col gap-4" attr:novalidate=true>
                <input type="hidden" name="next" value=next.clone() />
                <Checked state=email_blur check=|value: &str| rules::parse_email(value).err()>
                    <TextField
                        id="email"
                        kind="email"
                        label=move || t_string!(i18n, auth.email).to_string()
                        autocomplete="email"
                        required=true
                        value=Signal::stored(typed_email)
                        error=email_error
                    />
                </Checked>
                <Checked state=password_blur check=|value: &str| value.is_empty().then_some(Problem::Required)>
                    <TextField
                        id="password"
                        kind="password"
                        label=move || t_string!(i18n, auth.password).to_string()
                        autocomplete="current-password"
                        required=true
                        error=password_error
                    />
                </Checked>
                <Button kind="submit" pending=action.pending()>
                    {t!(i18n, auth.login_submit)}
                </Button>
            </ActionForm>
            <p class="text-sm text-stone-700 dark:text-stone-300">
                {t!(i18n, auth.no_account)}" "
                <A href=register_link attr:class="font-medium text-orange-800 underline dark:text-orange-300">
                    {t!(i18n, auth.create_one)}
                </A>
            </p>
        </section>
    }
    .into_any()
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Register>::new();
    let answer: Signal<Option<FormOutcome>> =
        Signal::derive(move || action.value().get().and_then(Result::ok));
    follow_success(answer, true);

    let query = query_state();
    let typed = use_query_map().get_untracked();
    let typed_name = typed.get("name").unwrap_or_default();
    let typed_email = typed.get("email").unwrap_or_default();
    let name_blur = RwSignal::new(None);
    let email_blur = RwSignal::new(None);
    let password_blur = RwSignal::new(None);
    let name_error = field_message(Field::Name, answer, query.errors.clone(), name_blur);
    let email_error = field_message(Field::Email, answer, query.errors.clone(), email_blur);
    let password_error = field_message(Field::Password, answer, query.errors, password_blur);
    // The strength estimate needs the server (see `accounts::rules`): ask it as soon as the
    // password field is left, with the other fields' values, the way submitting would.
    let check_strength = Callback::new(move |password: String| {
        let value_of = |id: &str| {
            use leptos::wasm_bindgen::JsCast;
            document()
                .get_element_by_id(id)
                .and_then(|input| input.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
                .map(|input| input.value())
                .unwrap_or_default()
        };
        let (email, name) = (value_of("email"), value_of("name"));
        leptos::task::spawn_local(async move {
            if let Ok(problem) = check_password(password, email, name).await {
                password_blur.set(problem);
            }
        });
    });
    let next = safe_next(query.next.as_deref());
    let login_link = format!("/login?next={}", urlencoding_component(&next));

    view! {
        <Title text=move || t_string!(i18n, auth.register_title).to_string() />
        <section class="mx-auto flex w-full max-w-md flex-col gap-6">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, auth.register_heading)}</h1>
            <ActionForm action attr:class="flex flex-col gap-4" attr:novalidate=true>
                <input type="hidden" name="next" value=next.clone() />
                <Checked state=name_blur check=|value: &str| rules::parse_name(value).err()>
                    <TextField
                        id="name"
                        label=move || t_string!(i18n, auth.name).to_string()
                        autocomplete="name"
                        required=true
                        value=Signal::stored(typed_name)
                        error=name_error
                    />
                </Checked>
                <Checked state=email_blur check=|value: &str| rules::parse_email(value).err()>
                    <TextField
                        id="email"
                        kind="email"
                        label=move || t_string!(i18n, auth.email).to_string()
                        autocomplete="email"
                        required=true
                        value=Signal::stored(typed_email)
                        error=email_error
                    />
                </Checked>
                <Checked
                    state=password_blur
                    check=|value: &str| rules::check_password_length(value).err()
                    then=check_strength
                >
                    <TextField
                        id="password"
                        kind="password"
                        label=move || t_string!(i18n, auth.password).to_string()
                        hint=move || t_string!(i18n, auth.password_hint).to_string()
                        autocomplete="new-password"
                        required=true
                        error=password_error
                    />
                </Checked>
                <Button kind="submit" pending=action.pending()>
                    {t!(i18n, auth.register_submit)}
                </Button>
            </ActionForm>
            <p class="text-sm text-stone-700 dark:text-stone-300">
                {t!(i18n, auth.have_account)}" "
                <A href=login_link attr:class="font-medium text-orange-800 underline dark:text-orange-300">
                    {t!(i18n, auth.log_in_instead)}
                </A>
            </p>
        </section>
    }
    .into_any()
}

/// Signed-in people only: anyone else is sent to `/login?next=…` and brought back afterwards.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = Auth::use_context();
    let location = use_location();

    // Read once: a person who logs out here is on their way to the home page already.
    match auth.0.get_untracked() {
        None => {
            let here = location.pathname.get_untracked();
            let login = format!("/login?next={}", urlencoding_component(&here));
            // On the server a real 302 (so it also works without JavaScript); in the browser
            // a client-side navigation.
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(&login);
            view! { <Redirect path=login /> }.into_any()
        }
        Some(user) => {
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
                <Title text=move || t_string!(i18n, dashboard.title).to_string() />
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
                    <p class="text-stone-600 dark:text-stone-400">{t!(i18n, dashboard.next)}</p>
                </section>
            }
            .into_any()
        }
    }
}

/// The person's logins. The list loads in the browser after the page (the server renders the
/// skeleton), the pattern for data that may take a moment: the page is usable at once and the
/// placeholder has the shape of what is coming.
#[component]
fn SessionList() -> impl IntoView {
    let i18n = use_i18n();
    let sessions = LocalResource::new(my_sessions);
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
                {move || Suspend::new(async move {
                    match sessions.await {
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

/// The header's account controls: log in and register, or the person's name and log out.
#[component]
pub fn AccountControls() -> impl IntoView {
    let i18n = use_i18n();
    let auth = Auth::use_context();
    let action = ServerAction::<LogOut>::new();
    let toasts = use_toasts();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            auth.0.set(None);
            toasts.show(
                ToastTone::Success,
                t_string!(i18n, auth.logged_out).to_string(),
            );
            navigate("/", Default::default());
        }
    });
    let link = "rounded-md px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-white";

    move || match auth.0.get() {
        None => view! {
            <div class="flex flex-wrap items-center gap-1">
                <A href="/login" attr:class=link>{t!(i18n, nav.login)}</A>
                <A href="/register" attr:class=link>{t!(i18n, nav.register)}</A>
            </div>
        }
        .into_any(),
        Some(user) => {
            let name = user.name.clone();
            view! {
                <ActionForm action attr:class="flex flex-wrap items-center gap-2">
                    <span class="text-sm text-stone-600 dark:text-stone-400">
                        {move || t_string!(i18n, nav.signed_in_as, name = name.clone()).to_string()}
                    </span>
                    <button type="submit" class=link>{t!(i18n, nav.logout)}</button>
                </ActionForm>
            }
            .into_any()
        }
    }
}

/// Percent-encodes a path for use as a query value (`/a b?c` → `%2Fa%20b%3Fc`).
fn urlencoding_component(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
