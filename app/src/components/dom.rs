//! What islands do to the markup the server rendered (see "Islands" in docs/architecture.md):
//! find the element an event came from, go through a list of elements, and set the attributes
//! they change. In the browser only.

use leptos::{
    wasm_bindgen::{JsCast, JsValue},
    web_sys::{Element, Event, NodeList},
};

/// The element `event` came from, or its nearest ancestor, that matches `selector`.
pub fn closest(event: &Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// The elements of a `query_selector_all` answer (none when the selector failed).
pub fn elements(list: Result<NodeList, JsValue>) -> impl Iterator<Item = Element> {
    let list = list.ok();
    let count = list.as_ref().map_or(0, NodeList::length);
    (0..count).filter_map(move |index| list.as_ref()?.item(index)?.dyn_into().ok())
}

/// Sets an ARIA state such as `aria-pressed` to `true` or `false`.
pub fn set_state(element: &Element, name: &str, on: bool) {
    let _ = element.set_attribute(name, if on { "true" } else { "false" });
}

/// Hides `element`, or shows it, with the `hidden` attribute.
pub fn set_hidden(element: &Element, hidden: bool) {
    let _ = if hidden {
        element.set_attribute("hidden", "")
    } else {
        element.remove_attribute("hidden")
    };
}
