//! An island that tells the reader, politely, that what the page shows
//! has changed (a callback request was handed over, called, closed ...),
//! with a link to see it: the page is not reloaded under their hands, so
//! nothing they typed is lost. Without JavaScript the page shows the
//! change at the next visit.
//!
//! Given `refresh` (the id of a part of the page that holds no form, such
//! as the inbox's list), it fetches the page at `link` again on a change
//! and puts that part in place, saying so in `refreshed`; when that fails
//! it falls back to the notice with the link.

use leptos::prelude::*;

#[island]
pub fn LiveNotice(
    stream: String,
    text: String,
    link: String,
    link_text: String,
    #[prop(optional)] refresh: Option<String>,
    #[prop(optional)] refreshed: Option<String>,
) -> impl IntoView {
    let changed = RwSignal::new(false);
    let updated = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        if let Ok(source) = web_sys::EventSource::new(&stream) {
            let (page, part) = (link.clone(), refresh.clone());
            let on_changed = Closure::<dyn FnMut()>::new(move || match part.clone() {
                Some(id) => {
                    let page = page.clone();
                    leptos::task::spawn_local(async move {
                        match replace(&page, &id).await {
                            Some(()) => updated.set(true),
                            None => changed.set(true),
                        }
                    });
                }
                None => changed.set(true),
            });
            let _ = source.add_event_listener_with_callback("changed", on_changed.as_ref().unchecked_ref());
            on_changed.forget();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (stream, refresh);
    view! {
        <div aria-live="polite">
            {move || changed.get().then(|| view! {
                <p class="notice notice--ok">{text.clone()}" "<a class="utrecht-link" href=link.clone()>{link_text.clone()}</a></p>
            })}
            {move || (updated.get() && !changed.get()).then(|| view! { <p class="notice notice--ok">{refreshed.clone()}</p> })}
        </div>
    }
}

/// Fetches `page` and puts its element `id` in place of this page's; `None` when anything fails.
#[cfg(feature = "hydrate")]
async fn replace(page: &str, id: &str) -> Option<()> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(page)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let html = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    let fresh = web_sys::DomParser::new().ok()?.parse_from_string(&html, web_sys::SupportedType::TextHtml).ok()?.get_element_by_id(id)?;
    window.document()?.get_element_by_id(id)?.set_inner_html(&fresh.inner_html());
    Some(())
}
