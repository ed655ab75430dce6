//! The browser entry point. Kept in its own tiny crate so the server build
//! never links a wasted `cdylib` of `app`. Only the `#[island]` components
//! of `app` hydrate; every other part of a page stays server-rendered HTML.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::hydrate();
}
