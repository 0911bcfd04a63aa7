//! The browser entry point. The server has already rendered the page; `hydrate` attaches the
//! same component tree to that HTML so it becomes interactive without re-rendering, then
//! registers the service worker that keeps the app shell available offline.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::shell::App);
    mark_hydrated();
    register_service_worker();
}

/// `<html data-hydrated>` tells scripts and end-to-end tests that event handlers are attached.
fn mark_hydrated() {
    if let Some(html) = leptos::prelude::document().document_element() {
        let _ = html.set_attribute("data-hydrated", "");
    }
}

fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    // The promise settles in the background; a failure only means no offline support.
    let _ = container.register("/sw.js");
}
