//! Tabs after the WAI-ARIA tabs pattern: one tab stop for the whole tab list, arrow keys (and
//! Home, End) move between tabs and select them, each panel is labelled by its tab.

use leptos::{ev::KeyboardEvent, prelude::*};

pub struct Tab {
    /// Unique on the page; the tab is `{id}-tab`, its panel `{id}-panel`.
    pub id: &'static str,
    pub label: &'static str,
    pub content: ViewFn,
}

#[component]
pub fn Tabs(label: &'static str, tabs: Vec<Tab>) -> impl IntoView {
    let selected = RwSignal::new(0usize);
    let count = tabs.len();
    let ids: Vec<&'static str> = tabs.iter().map(|tab| tab.id).collect();

    let on_keydown = move |event: KeyboardEvent| {
        let current = selected.get_untracked();
        // In a right-to-left page the next tab is to the left.
        let right_to_left = document()
            .document_element()
            .and_then(|html| html.get_attribute("dir"))
            .is_some_and(|dir| dir == "rtl");
        let (forward, backward) = if right_to_left {
            ("ArrowLeft", "ArrowRight")
        } else {
            ("ArrowRight", "ArrowLeft")
        };
        let next = match event.key().as_str() {
            key if key == forward => (current + 1) % count,
            key if key == backward => (current + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        event.prevent_default();
        selected.set(next);
        if let Some(tab) = document().get_element_by_id(&format!("{}-tab", ids[next])) {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(tab) = tab.dyn_into::<leptos::web_sys::HtmlElement>() {
                let _ = tab.focus();
            }
        }
    };

    let (buttons, panels): (Vec<_>, Vec<_>) = tabs
        .into_iter()
        .enumerate()
        .map(|(index, tab)| {
            let is_selected = move || selected.get() == index;
            let button = view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("{}-tab", tab.id)
                    aria-controls=format!("{}-panel", tab.id)
                    aria-selected=move || is_selected().to_string()
                    tabindex=move || if is_selected() { "0" } else { "-1" }
                    on:click=move |_| selected.set(index)
                    class="-mb-px border-b-2 border-transparent px-4 py-2 text-sm font-medium text-stone-600 hover:text-stone-900 aria-selected:border-orange-700 aria-selected:text-stone-900 dark:text-stone-400 dark:hover:text-white dark:aria-selected:border-orange-500 dark:aria-selected:text-white"
                >
                    {tab.label}
                </button>
            };
            let content = tab.content;
            let panel = view! {
                <div
                    role="tabpanel"
                    id=format!("{}-panel", tab.id)
                    aria-labelledby=format!("{}-tab", tab.id)
                    tabindex="0"
                    hidden=move || !is_selected()
                    class="py-4"
                >
                    {content.run()}
                </div>
            };
            (button, panel)
        })
        .unzip();

    view! {
        <div>
            <div
                role="tablist"
                aria-label=label
                on:keydown=on_keydown
                class="flex gap-2 border-b border-stone-200 dark:border-stone-700"
            >
                {buttons}
            </div>
            {panels}
        </div>
    }
}
