//! Toasts: short messages about the result of an action, announced politely to screen
//! readers and dismissed after a while or by hand. `ToastArea` provides `Toasts` to every
//! component below it; `use_toasts().show(..)` adds one.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

const LIFETIME: Duration = Duration::from_secs(6);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastTone {
    Success,
    Error,
}

#[derive(Debug, Clone)]
struct Toast {
    id: u64,
    tone: ToastTone,
    message: String,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: RwSignal<u64>,
}

impl Toasts {
    pub fn show(&self, tone: ToastTone, message: impl Into<String>) {
        let id = self.next_id.get_untracked();
        self.next_id.set(id + 1);
        self.list.update(|list| {
            list.push(Toast {
                id,
                tone,
                message: message.into(),
            })
        });
        let list = self.list;
        set_timeout(
            move || list.update(|list| list.retain(|toast| toast.id != id)),
            LIFETIME,
        );
    }

    fn dismiss(&self, id: u64) {
        self.list.update(|list| list.retain(|toast| toast.id != id));
    }
}

/// The `Toasts` of the nearest `ToastArea`.
pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().unwrap_or_else(|| Toasts {
        list: RwSignal::new(Vec::new()),
        next_id: RwSignal::new(0),
    })
}

#[component]
pub fn ToastArea(children: Children) -> impl IntoView {
    let toasts = Toasts {
        list: RwSignal::new(Vec::new()),
        next_id: RwSignal::new(0),
    };
    provide_context(toasts);
    let i18n = use_i18n();

    view! {
        {children()}
        <div
            role="status"
            aria-live="polite"
            aria-label=move || t_string!(i18n, ui.notifications).to_string()
            class="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-center gap-2 sm:inset-x-auto sm:end-4 sm:items-end"
        >
            <For each=move || toasts.list.get() key=|toast| toast.id let:toast>
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
                        aria-label=move || t_string!(i18n, ui.dismiss).to_string()
                        on:click=move |_| toasts.dismiss(toast.id)
                        class="rounded px-1 hover:bg-white/20"
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
