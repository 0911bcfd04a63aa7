//! A menu button after the WAI-ARIA menu button pattern: the button opens a `role="menu"`;
//! arrow keys, Home and End move between items, Enter or a click chooses one, Esc closes the
//! menu and puts focus back on the button, and leaving the menu closes it.

use leptos::{
    ev::{FocusEvent, KeyboardEvent},
    prelude::*,
    wasm_bindgen::JsCast,
    web_sys::{HtmlElement, Node},
};

pub struct MenuItem {
    pub label: &'static str,
    pub on_select: Callback<()>,
}

fn focus(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

#[component]
pub fn DropdownMenu(
    /// Unique on the page: the button is `{id}-button`, the menu `{id}-menu`.
    id: &'static str,
    label: &'static str,
    items: Vec<MenuItem>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let count = items.len();
    let button_id = format!("{id}-button");
    let item_id = move |index: usize| format!("{id}-item-{index}");

    let open_at = move |index: usize| {
        open.set(true);
        // Show the menu now rather than on the next render tick, so focus can move into it
        // before the next key press arrives.
        if let Some(menu) = document().get_element_by_id(&format!("{id}-menu")) {
            let _ = menu.remove_attribute("hidden");
        }
        focus(&item_id(index));
    };
    let close = {
        let button_id = button_id.clone();
        move |refocus: bool| {
            open.set(false);
            if refocus {
                focus(&button_id);
            }
        }
    };

    let on_button_keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "ArrowDown" | "Enter" | " " => {
            event.prevent_default();
            open_at(0);
        }
        "ArrowUp" => {
            event.prevent_default();
            open_at(count.saturating_sub(1));
        }
        _ => {}
    };
    let on_menu_keydown = {
        let close = close.clone();
        move |event: KeyboardEvent| {
            let current = document()
                .active_element()
                .and_then(|element| element.get_attribute("data-index"))
                .and_then(|index| index.parse::<usize>().ok())
                .unwrap_or(0);
            let next = match event.key().as_str() {
                "ArrowDown" => (current + 1) % count,
                "ArrowUp" => (current + count - 1) % count,
                "Home" => 0,
                "End" => count - 1,
                "Escape" => {
                    event.prevent_default();
                    close(true);
                    return;
                }
                "Tab" => {
                    close(false);
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            focus(&item_id(next));
        }
    };
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let on_focusout = move |event: FocusEvent| {
        let leaving = event
            .related_target()
            .and_then(|target| target.dyn_into::<Node>().ok())
            .is_none_or(|target| !wrapper.get().is_some_and(|w| w.contains(Some(&target))));
        if leaving {
            open.set(false);
        }
    };

    let entries = items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let close = close.clone();
            view! {
                <button
                    type="button"
                    role="menuitem"
                    id=item_id(index)
                    data-index=index
                    tabindex="-1"
                    on:click=move |_| {
                        item.on_select.run(());
                        close(true);
                    }
                    class="block w-full px-3 py-2 text-start text-sm hover:bg-stone-100 focus:bg-stone-100 focus:outline-none dark:hover:bg-stone-800 dark:focus:bg-stone-800"
                >
                    {item.label}
                </button>
            }
        })
        .collect_view();

    view! {
        <div node_ref=wrapper class="relative inline-block" on:focusout=on_focusout>
            <button
                type="button"
                id=button_id.clone()
                aria-haspopup="menu"
                aria-controls=format!("{id}-menu")
                aria-expanded=move || open.get().to_string()
                on:click=move |_| if open.get_untracked() { open.set(false) } else { open_at(0) }
                on:keydown=on_button_keydown
                class="inline-flex items-center gap-1 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-600 dark:bg-stone-800 dark:hover:bg-stone-700"
            >
                {label}
                <span aria-hidden="true">"▾"</span>
            </button>
            <div
                role="menu"
                id=format!("{id}-menu")
                aria-labelledby=button_id
                hidden=move || !open.get()
                on:keydown=on_menu_keydown
                class="absolute start-0 z-10 mt-1 min-w-40 rounded-md border border-stone-200 bg-white py-1 shadow-lg dark:border-stone-700 dark:bg-stone-900"
            >
                {entries}
            </div>
        </div>
    }
}
