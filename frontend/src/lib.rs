//! The browser entry point. The server has already rendered the page; `hydrate` attaches the
//! same component tree to that HTML so it becomes interactive without re-rendering.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
