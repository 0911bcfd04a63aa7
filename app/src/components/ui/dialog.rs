//! A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page
//! inert, Esc closes it, and the browser returns focus to the control that opened it. Tab and
//! Shift+Tab wrap around inside the dialog instead of escaping to the browser's own controls.

use leptos::{
    ev::KeyboardEvent,
    html,
    prelude::*,
    wasm_bindgen::JsCast,
    web_sys::{Element, HtmlElement},
};

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab inside `dialog`: from the last element to the first, and back with Shift.
fn wrap_tab(dialog: &Element, event: &KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let focusable: Vec<HtmlElement> = (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return;
    };
    let active = document().active_element();
    let at = |element: &HtmlElement| active.as_ref() == Some(element.unchecked_ref::<Element>());
    if event.shift_key() && at(first) {
        event.prevent_default();
        let _ = last.focus();
    } else if !event.shift_key() && at(last) {
        event.prevent_default();
        let _ = first.focus();
    }
}

#[component]
pub fn Dialog(
    /// Whether the dialog is open; the dialog sets it to `false` when it closes itself.
    open: RwSignal<bool>,
    /// A page-unique id; the title gets `{id}-title`.
    id: &'static str,
    title: &'static str,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match (open.get(), dialog.open()) {
            (true, false) => {
                let _ = dialog.show_modal();
            }
            (false, true) => dialog.close(),
            _ => {}
        }
    });

    view! {
        <dialog
            node_ref=dialog
            id=id
            aria-labelledby=format!("{id}-title")
            on:close=move |_| open.set(false)
            on:keydown=move |event| {
                if let Some(dialog) = dialog.get() {
                    wrap_tab(&dialog, &event);
                }
            }
            class="w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-stone-200 bg-white p-6 text-stone-900 shadow-xl backdrop:bg-stone-950/60 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
        >
            <div class="flex flex-col gap-4">
                <h2 id=format!("{id}-title") class="text-lg font-semibold">{title}</h2>
                {children()}
            </div>
        </dialog>
    }
}
