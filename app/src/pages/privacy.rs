//! `/privacy`: what Hearth keeps about people and why, what they can do about it, and what
//! stays after they leave; `/account-deleted`: where a deleted account's browser lands. Both are
//! the same for everyone.

use leptos::prelude::*;

use crate::{
    components::page_title::PageTitle,
    i18n::{t, t_string, use_i18n},
};

const HEADING: &str = "text-3xl font-bold text-stone-900 dark:text-white";
const SUBHEADING: &str = "text-xl font-semibold text-stone-900 dark:text-white";
const TEXT: &str = "text-stone-700 dark:text-stone-300";

#[component]
pub fn PrivacyPage() -> impl IntoView {
    crate::shareable::same_for_every_visitor();
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, privacy.title).to_string() />
        <article class="flex max-w-2xl flex-col gap-6">
            <h1 class=HEADING>{t!(i18n, privacy.heading)}</h1>
            <section aria-labelledby="keep" class="flex flex-col gap-3">
                <h2 id="keep" class=SUBHEADING>{t!(i18n, privacy.keep_heading)}</h2>
                <ul class="flex list-disc flex-col gap-2 ps-5">
                    <li class=TEXT>{t!(i18n, privacy.keep_account)}</li>
                    <li class=TEXT>{t!(i18n, privacy.keep_sessions)}</li>
                    <li class=TEXT>{t!(i18n, privacy.keep_events)}</li>
                    <li class=TEXT>{t!(i18n, privacy.keep_cookies)}</li>
                </ul>
            </section>
            <section aria-labelledby="rights" class="flex flex-col gap-3">
                <h2 id="rights" class=SUBHEADING>{t!(i18n, privacy.rights_heading)}</h2>
                <ul class="flex list-disc flex-col gap-2 ps-5">
                    <li class=TEXT>{t!(i18n, privacy.rights_download)}</li>
                    <li class=TEXT>{t!(i18n, privacy.rights_delete)}</li>
                </ul>
            </section>
            <section aria-labelledby="after" class="flex flex-col gap-3">
                <h2 id="after" class=SUBHEADING>{t!(i18n, privacy.after_heading)}</h2>
                <p class=TEXT>{t!(i18n, privacy.after_text)}</p>
            </section>
        </article>
    }
}

#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    crate::shareable::same_for_every_visitor();
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, privacy.deleted_title).to_string() />
        <section class="flex max-w-2xl flex-col items-start gap-4">
            <h1 class=HEADING>{t!(i18n, privacy.deleted_heading)}</h1>
            <p class=TEXT>{t!(i18n, privacy.deleted_text)}</p>
            <a href="/privacy" class="font-medium text-orange-800 underline underline-offset-2 dark:text-orange-300">
                {t!(i18n, privacy.deleted_privacy)}
            </a>
            <a href="/" class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800">
                {t!(i18n, privacy.home)}
            </a>
        </section>
    }
}
