//! The browser entry point. The server renders every page; only the components marked
//! `#[island]` in `app` become interactive here. The hydration script Leptos puts in the page
//! calls `hydrate` once this module has loaded, then attaches each island on the page to the
//! HTML the server rendered for it; the last one (`HydrationMark` in `app::shell`) marks the
//! page as hydrated. Islands marked `lazy` are in chunks of their own (`cargo leptos build
//! --split`), fetched when a page that has them is hydrated. `hydrate` also registers the service worker that keeps the
//! app shell available offline.

// The islands live in `app`, each with an exported function that hydrates it. Nothing here
// names them, so the crate is linked explicitly: without this the exports are left out.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    register_service_worker();
}

fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    // The promise settles in the background; a failure only means no offline support.
    let _ = container.register("/sw.js");
}
