//! The message about a whole form (from the server's last answer: see `crate::forms`),
//! announced when it appears.

use leptos::prelude::*;

use crate::{error::Notice, i18n::use_i18n};

#[component]
pub fn FormNotice(notice: Option<Notice>) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    view! {
        <div role="alert" class="contents">
            {notice.map(|notice| {
                view! {
                    <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
                        {notice.message(locale)}
                    </p>
                }
            })}
        </div>
    }
}
