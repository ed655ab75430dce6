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
        <Title text=lang.t("staff-calls-calls-in-progress")/>
        <h1 class="utrecht-heading-1">{lang.t("staff-calls-calls-in-progress")}</h1>
        <p><a class="utrecht-link" href="/staff/telefoon">{lang.t("staff-calls-refresh-the-list")}</a></p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match calls.await {
                    Ok(calls) if calls.is_empty() => view! {
                        <p class="utrecht-paragraph">{lang.t("staff-calls-no-call-is-in-progress")}</p>
                    }.into_any(),
                    Ok(calls) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("staff-calls-calls-in-progress")>
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">{lang.t("staff-calls-caller")}</th>
                                    <th scope="col">{lang.t("staff-callbacks-conversation")}</th>
                                    <th scope="col">{lang.t("staff-calls-since")}</th>
                                </tr></thead>
                                <tbody>
                                    {calls.into_iter().map(|c| view! {
                                        <tr>
                                            <td>{format!("{} ({})", c.caller, match (c.identified, c.recognised) {
                                                (true, _) => lang.t("staff-calls-known-resident"),
                                                (false, true) => lang.t("staff-calls-number-recognised"),
                                                (false, false) => lang.t("staff-calls-not-identified-yet"),
                                            })}</td>
                                            <td><a class="utrecht-link" href={crate::path::staff_conversation(c.conversation)}>{c.subject}</a></td>
                                            <td>{c.since}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
