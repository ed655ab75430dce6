//! `/staff/telefoon`: the calls on now. Each opens the caller's
//! conversation, with their context (cases, earlier messages, consents)
//! while the call is on; there the agent adds notes, links a case or
//! records what was agreed.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::phone_call::list_active_calls;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::use_lang;

#[component]
pub fn StaffCalls() -> impl IntoView {
    let lang = use_lang();
    let calls = Resource::new_blocking(|| (), |_| list_active_calls());
    view! {
        <Title text=lang.pick("Lopende telefoongesprekken", "Calls in progress")/>
        <h1 class="utrecht-heading-1">{lang.pick("Lopende telefoongesprekken", "Calls in progress")}</h1>
        <p><a class="utrecht-link" href="/staff/telefoon">{lang.pick("Ververs de lijst", "Refresh the list")}</a></p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match calls.await {
                    Ok(calls) if calls.is_empty() => view! {
                        <p class="utrecht-paragraph">{lang.pick("Er loopt nu geen gesprek.", "No call is in progress.")}</p>
                    }.into_any(),
                    Ok(calls) => view! {
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{lang.pick("Beller", "Caller")}</th>
                                <th scope="col">{lang.pick("Gesprek", "Conversation")}</th>
                                <th scope="col">{lang.pick("Sinds", "Since")}</th>
                            </tr></thead>
                            <tbody>
                                {calls.into_iter().map(|c| view! {
                                    <tr>
                                        <td>{format!("{} ({})", c.caller, if c.identified { lang.pick("bekende inwoner", "known resident") } else { lang.pick("nog niet bekend", "not identified yet") })}</td>
                                        <td><a class="utrecht-link" href=format!("/staff/gesprekken/{}", c.conversation)>{c.subject}</a></td>
                                        <td>{c.since}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
