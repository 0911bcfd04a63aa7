//! The pieces every form page uses with `crate::forms`: the notice above a form, and the check
//! a field runs when it is left.

use leptos::prelude::*;

use crate::{error::Issue, error::Notice, i18n::use_i18n};

/// The message about the whole form (`FormFeedback::notice`), announced when it appears.
#[component]
pub fn FormNotice(notice: Signal<Option<Notice>>) -> impl IntoView {
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

/// Checks the field inside when it loses focus, and again on each keystroke once it shows an
/// error, so the message goes away as soon as the value is right (and not on the click that
/// submits, which would move the button from under the pointer). The outcome goes into `state`,
/// which `FormFeedback::field` shows.
///
/// `then`, if given, runs after a local check that passed (on focus loss only): for the rules
/// only the server can apply.
#[component]
pub fn FieldCheck(
    state: RwSignal<Option<Issue>>,
    check: fn(&str) -> Option<Issue>,
    #[prop(optional)] then: Option<Callback<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div
            on:focusout=move |event| {
                let value = event_target_value(&event);
                let issue = check(&value);
                state.set(issue);
                if let (None, Some(then)) = (issue, then) {
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
