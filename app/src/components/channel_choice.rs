//! A set of radio buttons to choose a channel (for answers), each with its own label.

use leptos::prelude::*;

use crate::model::conversation::Channel;

/// Posts the chosen channel's code as `channel`; `id_prefix` keeps the ids unique on the page.
#[component]
pub fn ChannelChoice(id_prefix: &'static str, options: Vec<(Channel, String)>, current: Channel) -> impl IntoView {
    options
        .into_iter()
        .map(|(channel, label)| {
            let id = format!("{id_prefix}-{}", channel.code());
            view! {
                <div class="form__choice">
                    <input type="radio" id=id.clone() name="channel" value=channel.code() checked=channel == current/>
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view()
}
