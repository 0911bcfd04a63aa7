//! The message about a whole form (from the server's last answer: see `crate::forms`),
//! announced when it appears.

use leptos::prelude::*;

use crate::{
    error::{Issue, Notice},
    i18n::use_i18n,
};

///
/// `issue` is a field problem with no field to show it next to (the token a link carried, in a
/// hidden input): it takes the notice's place.
#[component]
pub fn FormNotice(
    notice: Option<Notice>,
    #[prop(default = None)] issue: Option<Issue>,
) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let message = issue
        .map(|issue| issue.message(locale))
        .or_else(|| notice.map(|notice| notice.message(locale)));
    view! {
        <div role="alert" class="contents">
            {message.map(|message| {
                view! {
                    <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
                        {message}
                    </p>
                }
            })}
        </div>
    }
}
