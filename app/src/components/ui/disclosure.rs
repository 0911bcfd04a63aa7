//! Show and hide a part of a page the server rendered.

use leptos::prelude::*;

use crate::components::dom;

/// Around server-rendered content holding a `<button aria-controls="ID" aria-expanded="false">`
/// and the element with that id, `hidden`: the button shows and hides it, and says which way
/// with `aria-expanded` and its text, `data-show` or `data-hide`. The island renders none of it
/// (so it costs the bundle next to nothing). Without JavaScript the part stays hidden: use it
/// for what a page can do without.
#[island(lazy)]
pub fn Disclosure(children: Children) -> impl IntoView {
    let on_click = move |event: leptos::ev::MouseEvent| {
        let Some(button) = dom::closest(&event, "button[aria-controls]") else {
            return;
        };
        let Some(part) = button
            .get_attribute("aria-controls")
            .and_then(|id| document().get_element_by_id(&id))
        else {
            return;
        };
        let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
        dom::set_state(&button, "aria-expanded", open);
        if let Some(text) = button.get_attribute(if open { "data-hide" } else { "data-show" }) {
            button.set_text_content(Some(&text));
        }
        dom::set_hidden(&part, !open);
    };
    view! {
        <div class="contents" on:click=on_click>
            {children()}
        </div>
    }
}
