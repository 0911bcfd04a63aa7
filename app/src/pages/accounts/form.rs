//! The form of the account pages (`/login`, `/register`, the password reset pages): fields the server has labelled and filled, inside an
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

use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn as _, web_sys::Element};
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

use crate::{
    accounts::{
        rules::{self, fields},
        server_fns::CheckPassword,
    },
    components::{
        dom,
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

/// The frame the account pages share: the title, the heading, the server's notice about the
/// whole form (or a problem with a field the form does not show, such as a link's token), then
/// `children` (the form and the links to the other pages).
#[component]
pub fn AccountPage(
    title: String,
    heading: String,
    notice: Option<crate::error::Notice>,
    #[prop(default = None)] issue: Option<Issue>,
    children: Children,
) -> impl IntoView {
    view! {
        <PageTitle text=move || title.clone() />
        <section class="mx-auto flex w-full max-w-md flex-col gap-6">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{heading}</h1>
            <FormNotice notice issue />
            {children()}
        </section>
    }
}

/// The form: its fields, its button and the messages a field can show rendered here, on the
/// server, inside the island that checks the fields in the browser (`FormChecks`).
/// Server-rendered children cost the browser bundle nothing, and the island takes no props:
/// it reads what it needs from the page, so no deserializer joins the bundle either.
#[component]
pub fn AccountForm(
    /// The server function's address.
    action: String,
    /// What the form sends besides its fields (where to go once signed in, a link's token).
    hidden: Vec<(&'static str, String)>,
    fields: Vec<Field>,
    submit: String,
    messages: Vec<(Issue, String)>,
) -> impl IntoView {
    // One line per issue, `code=text`, for the island to pick from (not elements: their text
    // would be in the page twice).
    let messages = messages
        .into_iter()
        .map(|(issue, text)| format!("{}={text}", issue.code()))
        .collect::<Vec<_>>()
        .join("\n");
    view! {
        <FormChecks>
            <form
                method="post"
                action=action
                novalidate
                data-messages=messages
                class="flex flex-col gap-4"
            >
                {hidden
                    .into_iter()
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                    .collect_view()}
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
            </form>
        </FormChecks>
    }
}

impl FieldKind {
    /// The kind of the account form's `input`, told by its id and `autocomplete` (which tells
    /// a new password from an existing one).
    fn of(input: &Element) -> Option<Self> {
        let id = input.id();
        [Self::Name, Self::Email, Self::Password, Self::NewPassword]
            .into_iter()
            .find(|kind| {
                kind.id() == id
                    && input.get_attribute("autocomplete").as_deref() == Some(kind.autocomplete())
            })
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

/// The account field an event came from: the input, its kind, and the form it is in.
fn field_of(event: &leptos::web_sys::Event) -> Option<(Element, FieldKind, Element)> {
    let input = dom::closest(event, "input[id]")?;
    let kind = FieldKind::of(&input)?;
    let form = input.closest("form").ok()??;
    Some((input, kind, form))
}

/// Shows `issue` (or no problem) under the field of `kind` in `form`, in the words the server
/// put in the form's `data-messages` for it.
fn show(form: &Element, kind: FieldKind, issue: Option<Issue>) {
    let messages = form.get_attribute("data-messages").unwrap_or_default();
    let text = issue.and_then(|issue| {
        messages.lines().find_map(|line| {
            line.split_once('=')
                .filter(|(code, _)| *code == issue.code())
                .map(|(_, text)| text)
        })
    });
    show_error(kind.id(), text);
}

/// The answer of `check_password`: the issue's code as a JSON string, empty for none.
fn parse_check(answer: &str) -> Option<Option<Issue>> {
    let code = answer.trim().strip_prefix('"')?.strip_suffix('"')?;
    if code.is_empty() {
        Some(None)
    } else {
        Issue::from_code(code).map(Some)
    }
}

/// Around the account form the server rendered: checks a field when it is left, again on each
/// keystroke once it shows a problem, and every field on submit, keeping a form with a local
/// problem from being sent and marking the button busy otherwise.
#[island]
fn FormChecks(children: Children) -> impl IntoView {
    let on_submit = move |event: SubmitEvent| {
        let Some(form) = dom::closest(&event, "form") else {
            return;
        };
        let mut first_invalid = None;
        let kinds = dom::elements(form.query_selector_all("input[id]"))
            .filter_map(|input| FieldKind::of(&input));
        for kind in kinds {
            if let Some(issue) = kind.check(&input_value(kind.id())) {
                show(&form, kind, Some(issue));
                first_invalid.get_or_insert(kind.id());
            }
        }
        match first_invalid {
            Some(id) => {
                event.prevent_default();
                focus(id);
            }
            None => set_submit_busy(&form, true),
        }
    };
    let on_leave = move |event: leptos::web_sys::FocusEvent| {
        let Some((_, kind, form)) = field_of(&event) else {
            return;
        };
        let value = input_value(kind.id());
        let issue = kind.check(&value);
        show(&form, kind, issue);
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
                if let Some(issue) = answer.as_deref().and_then(parse_check) {
                    show(&form, kind, issue);
                }
            });
        }
    };
    let on_input = move |event: leptos::web_sys::Event| {
        let Some((input, kind, form)) = field_of(&event) else {
            return;
        };
        if input.get_attribute("aria-invalid").as_deref() == Some("true") {
            show(&form, kind, kind.check(&input_value(kind.id())));
        }
    };
    // Coming back to the page from the history shows it as it was left: not busy any more.
    let page_shown = window_event_listener(leptos::ev::pageshow, move |_| {
        if let Ok(Some(form)) = document().query_selector("form[novalidate]") {
            set_submit_busy(&form, false);
        }
    });
    on_cleanup(move || page_shown.remove());

    view! {
        <div class="contents" on:submit=on_submit on:focusout=on_leave on:input=on_input>
            {children()}
        </div>
    }
}

fn set_submit_busy(form: &Element, busy: bool) {
    if let Ok(Some(button)) = form.query_selector("button[type=submit]") {
        set_busy(&button, busy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_check_answer_is_read() {
        assert_eq!(parse_check("\"\""), Some(None));
        assert_eq!(
            parse_check("\"weak-common\""),
            Some(Some(Issue::PasswordWeak(crate::error::Weakness::Common)))
        );
        assert_eq!(parse_check("\"nonsense\""), None);
        assert_eq!(parse_check("null"), None);
    }
}
