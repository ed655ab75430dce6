//! An island that tells the reader, politely, that what the page shows
//! has changed (a callback request was handed over, called, closed ...),
//! with a link to see it: the page is not reloaded under their hands, so
//! nothing they typed is lost. Without JavaScript the page shows the
//! change at the next visit.

use leptos::prelude::*;

#[island]
pub fn LiveNotice(stream: String, text: String, link: String, link_text: String) -> impl IntoView {
    let changed = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        if let Ok(source) = web_sys::EventSource::new(&stream) {
            let on_changed = Closure::<dyn FnMut()>::new(move || changed.set(true));
            let _ = source.add_event_listener_with_callback("changed", on_changed.as_ref().unchecked_ref());
            on_changed.forget();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = stream;
    view! {
        <div aria-live="polite">
            {move || changed.get().then(|| view! {
                <p class="notice notice--ok">{text.clone()}" "<a class="utrecht-link" href=link.clone()>{link_text.clone()}</a></p>
            })}
        </div>
    }
}
