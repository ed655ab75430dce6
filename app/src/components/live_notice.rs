//! An island that tells the reader, politely, that what the page shows
//! has changed (a callback request was handed over, called, closed ...),
//! with a link to see it: the page is not reloaded under their hands, so
//! nothing they typed is lost. With a `target`, a stream that sends the
//! changed part itself (a `list` event with its HTML, rendered by the
//! server) has it put in place of the element with that id, unless the
//! reader's focus is in it (then only the notice shows). Without
//! JavaScript the page shows the change at the next visit.

use leptos::prelude::*;

#[island]
pub fn LiveNotice(stream: String, text: String, link: String, link_text: String, #[prop(optional)] target: Option<String>) -> impl IntoView {
    let changed = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        if let Ok(source) = web_sys::EventSource::new(&stream) {
            let on_changed = Closure::<dyn FnMut()>::new(move || changed.set(true));
            let _ = source.add_event_listener_with_callback("changed", on_changed.as_ref().unchecked_ref());
            on_changed.forget();
            if let Some(target) = target {
                let on_list = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                    let (Some(html), Some(document)) = (event.data().as_string(), web_sys::window().and_then(|w| w.document())) else { return };
                    let Some(part) = document.get_element_by_id(&target) else { return };
                    let working_in_it = document.active_element().is_some_and(|focused| part.contains(Some(&focused)));
                    if working_in_it {
                        changed.set(true);
                    } else {
                        part.set_inner_html(&html);
                    }
                });
                let _ = source.add_event_listener_with_callback("list", on_list.as_ref().unchecked_ref());
                on_list.forget();
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (stream, target);
    view! {
        <div aria-live="polite">
            {move || changed.get().then(|| view! {
                <p class="notice notice--ok">{text.clone()}" "<a class="utrecht-link" href=link.clone()>{link_text.clone()}</a></p>
            })}
        </div>
    }
}
