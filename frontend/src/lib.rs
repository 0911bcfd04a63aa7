//! The browser entry point. The server renders every page; only the components marked
//! `#[island]` in `app` become interactive here. The hydration script Leptos puts in the page
//! calls `hydrate` once this module has loaded, then attaches each island on the page to the
//! HTML the server rendered for it. `hydrate` also registers the service worker that keeps the
//! app shell available offline.

// The islands live in `app`, each with an exported function that hydrates it. Nothing here
// names them, so the crate is linked explicitly: without this the exports are left out.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    mark_hydrated();
    register_service_worker();
}

/// `<html data-hydrated>` tells scripts and end-to-end tests that event handlers are attached.
/// The islands are hydrated right after `hydrate` returns, in the same task, so nothing a test
/// does after seeing the mark can run before them.
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
