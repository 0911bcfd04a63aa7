//! Toasts: short messages about the result of an action, announced politely to screen
//! readers and dismissed after a while or by hand.
//!
//! `ToastArea` renders the list on the server, starting with the message an action left for
//! this page (`crate::flash`), and `ToastList` is the island that keeps it live in the browser.
//! Any island on the page adds one with [`show_toast`]: islands share no context, so the
//! browser keeps one list for the page.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{t_string, use_i18n};

const LIFETIME: Duration = Duration::from_secs(6);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToastTone {
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toast {
    id: u64,
    tone: ToastTone,
    message: String,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

impl Toast {
    pub fn new(tone: ToastTone, message: impl Into<String>) -> Self {
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            tone,
            message: message.into(),
        }
    }
}

thread_local! {
    /// The page's toasts in the browser (one thread there); the server renders each page's own.
    static PAGE_TOASTS: ArcRwSignal<Vec<Toast>> = ArcRwSignal::new(Vec::new());
}

fn page_toasts() -> ArcRwSignal<Vec<Toast>> {
    PAGE_TOASTS.with(Clone::clone)
}

/// Shows a toast on this page, and takes it away after a while.
pub fn show_toast(tone: ToastTone, message: impl Into<String>) {
    let toast = Toast::new(tone, message);
    let id = toast.id;
    page_toasts().update(|list| list.push(toast));
    expire(id);
}

fn expire(id: u64) {
    set_timeout(
        move || page_toasts().update(|list| list.retain(|toast| toast.id != id)),
        LIFETIME,
    );
}

/// The page's content and, after it, the toasts: the one the previous action left, if any.
#[component]
pub fn ToastArea(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let initial: Vec<Toast> = {
        #[cfg(feature = "ssr")]
        {
            crate::flash::take()
                .map(|flash| Toast::new(ToastTone::Success, flash_message(flash)))
                .into_iter()
                .collect()
        }
        #[cfg(not(feature = "ssr"))]
        {
            Vec::new()
        }
    };
    view! {
        {children()}
        <ToastList
            initial
            label=t_string!(i18n, ui.notifications).to_string()
            dismiss=t_string!(i18n, ui.dismiss).to_string()
        />
    }
}

/// What a flash says, in the page's language, to the person now signed in (or not).
#[cfg(feature = "ssr")]
fn flash_message(flash: crate::flash::Flash) -> String {
    use crate::flash::Flash;
    let i18n = use_i18n();
    let name = crate::accounts::session::Auth::use_context()
        .0
        .with_untracked(|user| user.as_ref().map(|user| user.name.clone()))
        .unwrap_or_default();
    match flash {
        Flash::Welcome => t_string!(i18n, dashboard.welcome, name).to_string(),
        Flash::WelcomeBack => t_string!(i18n, auth.welcome_back, name).to_string(),
        Flash::LoggedOut => t_string!(i18n, auth.logged_out).to_string(),
    }
}

#[island]
fn ToastList(initial: Vec<Toast>, label: String, dismiss: String) -> impl IntoView {
    // On the server the list is this page's own; in the browser it is the page's shared list,
    // starting from what the server rendered.
    #[cfg(feature = "ssr")]
    let list = ArcRwSignal::new(initial);
    #[cfg(not(feature = "ssr"))]
    let list = {
        let list = page_toasts();
        for toast in &initial {
            // The server numbered these; toasts shown here from now on follow them.
            NEXT_ID.fetch_max(toast.id + 1, Ordering::Relaxed);
            expire(toast.id);
        }
        list.set(initial);
        list
    };
    let each = list.clone();

    view! {
        <div
            role="status"
            aria-live="polite"
            aria-label=label
            class="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-center gap-2 sm:inset-x-auto sm:end-4 sm:items-end"
        >
            <For each=move || each.get() key=|toast| toast.id let:toast>
                <div class=format!(
                    "pointer-events-auto flex max-w-sm items-start gap-3 rounded-md px-4 py-3 text-sm shadow-lg {}",
                    match toast.tone {
                        ToastTone::Success => "bg-emerald-800 text-white",
                        ToastTone::Error => "bg-red-800 text-white",
                    },
                )>
                    <p class="flex-1">{toast.message.clone()}</p>
                    <button
                        type="button"
                        aria-label=dismiss.clone()
                        on:click={
                            let list = list.clone();
                            move |_| list.update(|list| list.retain(|shown| shown.id != toast.id))
                        }
                        class="rounded px-1 hover:bg-white/20"
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
