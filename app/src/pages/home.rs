//! The landing page: what Hearth is, and what it is growing into.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;

use crate::{
    components::ui::Disclosure,
    i18n::{Locale, t, t_string, use_i18n},
};

/// The areas of the product, in the order a team meets them: a title and a sentence each.
fn roadmap(i18n: I18nContext<Locale>) -> [(String, String); 6] {
    [
        (
            t_string!(i18n, home.workspaces_title).to_string(),
            t_string!(i18n, home.workspaces_text).to_string(),
        ),
        (
            t_string!(i18n, home.tasks_title).to_string(),
            t_string!(i18n, home.tasks_text).to_string(),
        ),
        (
            t_string!(i18n, home.comments_title).to_string(),
            t_string!(i18n, home.comments_text).to_string(),
        ),
        (
            t_string!(i18n, home.files_title).to_string(),
            t_string!(i18n, home.files_text).to_string(),
        ),
        (
            t_string!(i18n, home.everywhere_title).to_string(),
            t_string!(i18n, home.everywhere_text).to_string(),
        ),
        (
            t_string!(i18n, home.api_title).to_string(),
            t_string!(i18n, home.api_text).to_string(),
        ),
    ]
}

#[component]
pub fn HomePage() -> impl IntoView {
    crate::shareable::same_for_every_visitor();
    let i18n = use_i18n();
    view! {
        <Title text="" />
        <section class="flex flex-col gap-6">
            <h1 class="text-4xl font-bold tracking-tight text-stone-900 sm:text-5xl dark:text-white">
                {t!(i18n, home.heading)}
            </h1>
            <p class="max-w-2xl text-lg text-stone-700 dark:text-stone-300">{t!(i18n, home.lead)}</p>
            <Disclosure>
                <div>
                    <button
                        type="button"
                        class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white shadow-sm hover:bg-orange-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700"
                        aria-expanded="false"
                        aria-controls="roadmap"
                        data-show=t_string!(i18n, home.show_roadmap).to_string()
                        data-hide=t_string!(i18n, home.hide_roadmap).to_string()
                    >
                        {t!(i18n, home.show_roadmap)}
                    </button>
                </div>
                <ul id="roadmap" aria-label=t_string!(i18n, home.roadmap).to_string() class="grid gap-4 sm:grid-cols-2" hidden>
                    {roadmap(i18n)
                        .into_iter()
                        .map(|(title, text)| {
                            view! {
                                <li class="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
                                    <h2 class="font-semibold text-stone-900 dark:text-white">{title}</h2>
                                    <p class="mt-1 text-stone-700 dark:text-stone-300">{text}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Disclosure>
        </section>
    }
}
