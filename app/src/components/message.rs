//! One message of a conversation, and the island that adds new ones to an
//! open page as they arrive (Server-Sent Events). Without JavaScript the
//! page shows them after a reload.

use leptos::prelude::*;

use crate::model::conversation::{Direction, MessageView};

/// Its labels come with the message from the server, so the island draws
/// live messages in the reader's language without the message files.
#[component]
pub fn MessageItem(message: MessageView) -> impl IntoView {
    let class = match message.direction {
        Direction::In => "message message--in",
        Direction::Out => "message message--out",
        Direction::Note => "message message--note",
    };
    let note = message.labels.note.map(|note| view! { <strong class="message__note">{note}</strong>" " });
    let attachments = (!message.attachments.is_empty()).then(|| {
        view! {
            <ul class="message__attachments">
                {message.attachments.into_iter().map(|a| view! {
                    <li><a class="utrecht-link" href=a.href>{format!("{} ({} KB)", a.file_name, a.size_kb)}</a></li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <li class=class id=format!("bericht-{}", message.id)>
            <p class="message__meta">
                {note}
                <strong>{message.author}</strong>
                {format!(" · {} · {}", message.labels.channel, message.at)}
            </p>
            {message.labels.sender.map(|sender| view! { <p class="message__sender-check"><strong>{sender}</strong></p> })}
            <p class="message__body">{message.body}</p>
            {attachments}
            {message.delivery.zip(message.labels.delivery).map(|(d, label)| view! { <p class=format!("message__delivery message__delivery--{}", d.code())>{label}</p> })}
        </li>
    }
}

/// Listens to `stream` and shows each new message below the ones the page
/// was rendered with (`known` keeps a message from showing twice).
#[island]
pub fn LiveThread(stream: String, known: Vec<String>) -> impl IntoView {
    let messages = RwSignal::new(Vec::<MessageView>::new());
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        if let Ok(source) = web_sys::EventSource::new(&stream) {
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let Some(text) = event.data().as_string() else { return };
                let Ok(message) = serde_json::from_str::<MessageView>(&text) else { return };
                let id = message.id.to_string();
                if known.contains(&id) || messages.with_untracked(|m| m.iter().any(|m| m.id == message.id)) {
                    return;
                }
                messages.update(|m| m.push(message));
            });
            let _ = source.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
            on_message.forget();
            // Fallen too far behind: the page itself is the truth.
            let on_reload = Closure::<dyn FnMut()>::new(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            });
            let _ = source.add_event_listener_with_callback("reload", on_reload.as_ref().unchecked_ref());
            on_reload.forget();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (stream, known);
    view! {
        <ol class="thread thread--live" aria-live="polite">
            <For each=move || messages.get() key=|m| m.id let:message>
                <MessageItem message/>
            </For>
        </ol>
    }
}
