//! The form of `/login` and `/register`: fields the server has labelled and filled, inside an
//! island (`FormChecks`) that only checks them: it renders none of them, so they cost the
//! browser bundle nothing.
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
        ui::{Button, TextField, set_busy, show_error},
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The form: its fields and button rendered here, on the server, inside the island that
/// checks them in the browser (`FormChecks`). Server-rendered children cost the browser bundle
/// nothing, so the island holds only the checks and the DOM updates they make.
#[component]
pub fn AccountForm(
    /// The server function's address.
    action: String,
    /// Where to go once signed in.
    next: String,
    fields: Vec<Field>,
    submit: String,
    messages: Vec<(Issue, String)>,
) -> impl IntoView {
    let kinds = fields.iter().map(|field| field.kind).collect();
    view! {
        <FormChecks action kinds messages>
            <input type="hidden" name="next" value=next />
            {fields
                .into_iter()
                .map(|field| {
                    let kind = field.kind;
                    view! {
                        <TextField
                            id=kind.id()
                            kind=kind.input_type()
                            label=field.label
                            hint=field.hint.unwrap_or_default()
                            autocomplete=kind.autocomplete()
                            required=true
                            value=Signal::stored(field.value)
                            error=Signal::stored(field.error)
                        />
                    }
                })
                .collect_view()}
            <Button kind="submit">{submit}</Button>
        </FormChecks>
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

/// The id of the field an event of the form came from, when it is one of `kinds`.
fn field_of(event: &leptos::web_sys::Event, kinds: &[FieldKind]) -> Option<FieldKind> {
    use leptos::wasm_bindgen::JsCast;
    let id = event
        .target()?
        .dyn_into::<leptos::web_sys::HtmlInputElement>()
        .ok()?
        .id();
    kinds.iter().copied().find(|kind| kind.id() == id)
}

fn set_submit_busy(form: &leptos::web_sys::Element, busy: bool) {
    if let Ok(Some(button)) = form.query_selector("button[type=submit]") {
        set_busy(&button, busy);
    }
}

/// `kinds` are the form's fields, `messages` every message a field can show.
#[island]
fn FormChecks(
    action: String,
    kinds: Vec<FieldKind>,
    messages: Vec<(Issue, String)>,
    children: Children,
) -> impl IntoView {
    let messages = StoredValue::new(messages);
    let kinds = StoredValue::new(kinds);
    let show = move |kind: FieldKind, issue: Option<Issue>| {
        messages.with_value(|messages| {
            let text = issue.and_then(|issue| {
                messages
                    .iter()
                    .find(|(known, _)| *known == issue)
                    .map(|(_, text)| text.as_str())
            });
            show_error(kind.id(), text);
        });
    };
    let form = NodeRef::<leptos::html::Form>::new();
    // Coming back to the page from the history shows it as it was left: not busy any more.
    let page_shown = window_event_listener(leptos::ev::pageshow, move |_| {
        if let Some(form) = form.get_untracked() {
            set_submit_busy(&form, false);
        }
    });
    on_cleanup(move || page_shown.remove());

    let on_submit = move |event: SubmitEvent| {
        let mut first_invalid = None;
        kinds.with_value(|kinds| {
            for &kind in kinds {
                if let Some(issue) = kind.check(&input_value(kind.id())) {
                    show(kind, Some(issue));
                    first_invalid.get_or_insert(kind.id());
                }
            }
        });
        match first_invalid {
            Some(id) => {
                event.prevent_default();
                focus(id);
            }
            None => {
                if let Some(form) = form.get_untracked() {
                    set_submit_busy(&form, true);
                }
            }
        }
    };
    // A field is checked when it is left...
    let on_leave = move |event: leptos::web_sys::FocusEvent| {
        let Some(kind) = kinds.with_value(|kinds| field_of(&event, kinds)) else {
            return;
        };
        let value = input_value(kind.id());
        let issue = kind.check(&value);
        show(kind, issue);
        if issue.is_none() && kind == FieldKind::NewPassword {
            // The strength estimate needs the server (see `accounts::rules`): ask it with the
            // other fields' values, the way submitting would.
            let (email, name) = (input_value(fields::EMAIL), input_value(fields::NAME));
            leptos::task::spawn_local(async move {
                let fields = [
                    ("password", value.as_str()),
                    ("email", &email),
                    ("name", &name),
                ];
                let answer = browser::post_for_text(CheckPassword::url(), &fields).await;
                if let Some(Ok(issue)) =
                    answer.map(|json| leptos::serde_json::from_str::<Option<Issue>>(&json))
                {
                    show(kind, issue);
                }
            });
        }
    };
    // ...and again on each keystroke once it shows a problem.
    let on_input = move |event: leptos::web_sys::Event| {
        let Some(kind) = kinds.with_value(|kinds| field_of(&event, kinds)) else {
            return;
        };
        let shows_error = document()
            .get_element_by_id(kind.id())
            .and_then(|input| input.get_attribute("aria-invalid"))
            .is_some_and(|invalid| invalid == "true");
        if shows_error {
            show(kind, kind.check(&input_value(kind.id())));
        }
    };

    view! {
        <form
            node_ref=form
            method="post"
            action=action
            novalidate
            on:submit=on_submit
            on:focusout=on_leave
            on:input=on_input
            class="flex flex-col gap-4"
        >
            {children()}
        </form>
    }
}
