//! The form of `/login` and `/register`: an island around fields the server has labelled and
//! filled.
//!
//! The form posts to its server function like any HTML form, with or without JavaScript; the
//! server answers with a redirect, onwards or back to the form with the problems in the query
//! (see `crate::forms`), and the page shows them next to their fields. In the browser the
//! island also checks each field when it is left, with the parsers the server runs, and again
//! on each keystroke once it shows an error (not on the click that submits, which would move the
//! button from under the pointer); it keeps a form with a local problem from being sent, and
//! shows the button busy while the post is on its way. Its text comes translated from the
//! server: the browser holds no translations.

use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn as _};
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

use crate::{
    accounts::{
        rules::{self, fields},
        server_fns::CheckPassword,
    },
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Button, TextField},
    },
    error::Issue,
    forms::{Feedback, browser},
    i18n::Locale,
};

/// The kinds of field the account forms have, and what each checks in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    Name,
    Email,
    /// The password of an existing account: only required.
    Password,
    /// A new password: its length here, its strength on the server once the field is left.
    NewPassword,
}

impl FieldKind {
    fn id(self) -> &'static str {
        match self {
            Self::Name => fields::NAME,
            Self::Email => fields::EMAIL,
            Self::Password | Self::NewPassword => fields::PASSWORD,
        }
    }

    fn input_type(self) -> &'static str {
        match self {
            Self::Name => "text",
            Self::Email => "email",
            Self::Password | Self::NewPassword => "password",
        }
    }

    fn autocomplete(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Email => "email",
            Self::Password => "current-password",
            Self::NewPassword => "new-password",
        }
    }

    fn check(self, value: &str) -> Option<Issue> {
        match self {
            Self::Name => rules::parse_name(value).err(),
            Self::Email => rules::check_email(value).err(),
            Self::Password => value.is_empty().then_some(Issue::Required),
            Self::NewPassword => rules::check_password_length(value).err(),
        }
    }
}

/// One field as the server renders it: translated label and hint, the value typed before a
/// round trip without JavaScript, and the server's message about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub kind: FieldKind,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
}

impl Field {
    /// `kind`, labelled `label`, with what the server's last answer left in the page's query
    /// (see `crate::forms`): the value typed (a password's never comes back) and the message
    /// about it in `locale`.
    pub fn new(
        kind: FieldKind,
        label: String,
        query: &ParamsMap,
        feedback: &Feedback,
        locale: Locale,
    ) -> Self {
        let kept = !matches!(kind, FieldKind::Password | FieldKind::NewPassword);
        Self {
            kind,
            label,
            hint: None,
            value: kept
                .then(|| query.get(kind.id()))
                .flatten()
                .unwrap_or_default(),
            error: feedback.issue(kind.id()).map(|issue| issue.message(locale)),
        }
    }

    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// Every message a field can show, in the page's language, for the island to pick from.
pub fn messages(locale: Locale) -> Vec<(Issue, String)> {
    Issue::all()
        .map(|issue| (issue, issue.message(locale)))
        .collect()
}

/// The frame both account pages share: the title, the heading, the server's notice about the
/// whole form, then `children` (the form and the link to the other page).
#[component]
pub fn AccountPage(
    title: String,
    heading: String,
    notice: Option<crate::error::Notice>,
    children: Children,
) -> impl IntoView {
    view! {
        <PageTitle text=move || title.clone() />
        <section class="mx-auto flex w-full max-w-md flex-col gap-6">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{heading}</h1>
            <FormNotice notice />
            {children()}
        </section>
    }
}

/// The value of the input with `id` on this page.
fn input_value(id: &str) -> String {
    use leptos::wasm_bindgen::JsCast;
    document()
        .get_element_by_id(id)
        .and_then(|input| input.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

fn focus(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(input) = document()
        .get_element_by_id(id)
        .and_then(|input| input.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}

#[island]
pub fn AccountForm(
    /// The server function's address.
    action: String,
    /// Where to go once signed in.
    next: String,
    fields: Vec<Field>,
    submit: String,
    messages: Vec<(Issue, String)>,
) -> impl IntoView {
    let messages = StoredValue::new(messages);
    let message = move |issue: Issue| {
        messages.with_value(|messages| {
            messages
                .iter()
                .find(|(known, _)| *known == issue)
                .map(|(_, text)| text.clone())
        })
    };
    let errors: Vec<(FieldKind, RwSignal<Option<String>>)> = fields
        .iter()
        .map(|field| (field.kind, RwSignal::new(field.error.clone())))
        .collect();
    let kinds = StoredValue::new(errors.clone());
    let pending = RwSignal::new(false);
    // Coming back to the page from the history shows it as it was left: not busy any more.
    let page_shown = window_event_listener(leptos::ev::pageshow, move |_| pending.set(false));
    on_cleanup(move || page_shown.remove());

    let on_submit = move |event: SubmitEvent| {
        let mut first_invalid = None;
        kinds.with_value(|kinds| {
            for (kind, error) in kinds {
                if let Some(issue) = kind.check(&input_value(kind.id())) {
                    error.set(message(issue));
                    first_invalid.get_or_insert(kind.id());
                }
            }
        });
        match first_invalid {
            Some(id) => {
                event.prevent_default();
                focus(id);
            }
            None => pending.set(true),
        }
    };

    view! {
        <form method="post" action=action novalidate on:submit=on_submit class="flex flex-col gap-4">
            <input type="hidden" name="next" value=next />
            {fields
                .into_iter()
                .zip(errors)
                .map(|(field, (kind, error))| {
                    let on_leave = move |value: String| {
                        let issue = kind.check(&value);
                        error.set(issue.and_then(message));
                        if issue.is_none() && kind == FieldKind::NewPassword {
                            // The strength estimate needs the server (see `accounts::rules`):
                            // ask it with the other fields' values, the way submitting would.
                            let (email, name) = (input_value(fields::EMAIL), input_value(fields::NAME));
                            leptos::task::spawn_local(async move {
                                let fields = [("password", value.as_str()), ("email", &email), ("name", &name)];
                                let answer = browser::post_for_text(CheckPassword::url(), &fields).await;
                                if let Some(Ok(issue)) = answer
                                    .map(|json| leptos::serde_json::from_str::<Option<Issue>>(&json))
                                {
                                    error.set(issue.and_then(message));
                                }
                            });
                        }
                    };
                    view! {
                        <div
                            on:focusout=move |event| on_leave(event_target_value(&event))
                            on:input=move |event| {
                                if error.with_untracked(Option::is_some) {
                                    error.set(kind.check(&event_target_value(&event)).and_then(message));
                                }
                            }
                        >
                            <TextField
                                id=kind.id()
                                kind=kind.input_type()
                                label=field.label
                                hint=field.hint.unwrap_or_default()
                                autocomplete=kind.autocomplete()
                                required=true
                                value=Signal::stored(field.value)
                                error=error
                            />
                        </div>
                    }
                })
                .collect_view()}
            <Button kind="submit" pending=pending>
                {submit}
            </Button>
        </form>
    }
    .into_any()
}
