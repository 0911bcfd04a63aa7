//! Components that show rather than ask: cards, badges, avatars, and the states a piece of
//! data can be in (loading, empty).

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

#[component]
pub fn Card(children: Children) -> impl IntoView {
    view! {
        <div class="rounded-lg border border-stone-200 bg-white p-4 shadow-sm dark:border-stone-800 dark:bg-stone-900">
            {children()}
        </div>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadgeTone {
    #[default]
    Neutral,
    Success,
    Warning,
    Danger,
}

#[component]
pub fn Badge(#[prop(optional)] tone: BadgeTone, children: Children) -> impl IntoView {
    let colours = match tone {
        BadgeTone::Neutral => "bg-stone-100 text-stone-800 dark:bg-stone-800 dark:text-stone-100",
        BadgeTone::Success => {
            "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-50"
        }
        BadgeTone::Warning => "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
        BadgeTone::Danger => "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-50",
    };
    view! {
        <span class=format!("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium {colours}")>
            {children()}
        </span>
    }
}

/// A person's initials in a circle (pictures come with file uploads).
#[component]
pub fn Avatar(name: String) -> impl IntoView {
    let initials: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    view! {
        <span
            role="img"
            aria-label=name
            class="inline-flex size-9 items-center justify-center rounded-full bg-orange-200 text-sm font-semibold text-orange-950 dark:bg-orange-900 dark:text-orange-50"
        >
            {initials}
        </span>
    }
}

/// A spinning ring that announces `label` ("Loading" in the page's language unless given).
/// A `decorative` one says nothing: it sits inside a button that already says what is going on.
#[component]
pub fn Spinner(
    #[prop(optional)] decorative: bool,
    #[prop(optional, into)] label: Option<TextProp>,
) -> impl IntoView {
    // Only a spinner that speaks needs the page's language (islands have none: a spinner in
    // one is decorative, or given its label).
    let label = (!decorative).then(|| match label {
        Some(label) => label.get().to_string(),
        None => t_string!(use_i18n(), ui.loading).to_string(),
    });
    view! {
        <span role=(!decorative).then_some("status") class="inline-flex items-center">
            <svg aria-hidden="true" viewBox="0 0 24 24" class="size-4 animate-spin motion-reduce:animate-none">
                <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-opacity="0.25" stroke-width="3" />
                <path d="M21 12a9 9 0 0 0-9-9" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
            </svg>
            {label.map(|label| view! { <span class="sr-only">{label}</span> })}
        </span>
    }
}

/// A grey placeholder the shape of content that is still loading.
#[component]
pub fn Skeleton(#[prop(default = "h-4 w-full")] size: &'static str) -> impl IntoView {
    view! {
        <span
            aria-hidden="true"
            class=format!("block animate-pulse rounded bg-stone-200 motion-reduce:animate-none dark:bg-stone-800 {size}")
        ></span>
    }
}

#[component]
pub fn EmptyState(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="flex flex-col items-center gap-2 rounded-lg border border-dashed border-stone-300 px-6 py-10 text-center dark:border-stone-700">
            <p class="font-semibold text-stone-900 dark:text-stone-100">{title}</p>
            <div class="text-sm text-stone-600 dark:text-stone-400">{children()}</div>
        </div>
    }
}
