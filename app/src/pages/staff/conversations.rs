//! `/staff/gesprekken`: the omnichannel inbox (filter by team, status,
//! channel, assignee; a plain GET form), and `/staff/gesprekken/{id}`: one
//! conversation with internal notes, reply, assign, link to a case, close.
//! On a desktop the two are three panes side by side (the list, the open
//! conversation, the resident's context); on a phone one column. Access
//! keys (Alt in most browsers): J/K move through the list, R replies, N
//! notes, A takes, C closes.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::client_view::context_of_conversation;
use crate::api::conversation::{get_conversation, load_inbox};
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
    live_notice::LiveNotice,
    message::{LiveThread, MessageItem},
};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::client_view::{ClientView, ConversationContext};
use crate::model::conversation::{Channel, Choice, ConversationStatus, ConversationSummary, Direction};
use crate::model::ids::ConversationId;

/// A `<select>` whose current value is `current`.
#[component]
fn Select(id: &'static str, label: String, options: Vec<Choice>, current: String) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select id=id name=id class="form__input">
            {options.into_iter().map(|o| {
                let selected = o.value == current;
                view! { <option value=o.value selected=selected>{o.label}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn StaffInbox() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let get = move |k: &str| query.with_untracked(|q| q.get(k)).unwrap_or_default();
    let (team, status, channel, assignee, after) = (get("team"), get("status"), get("channel"), get("assignee"), get("na"));
    let filter = (team.clone(), status.clone(), channel.clone(), assignee.clone(), after.clone());
    let paged = !after.is_empty();
    let inbox = Resource::new_blocking(
        move || filter.clone(),
        |(team, status, channel, assignee, after)| load_inbox(Some(team), Some(status), Some(channel), Some(assignee), Some(after)),
    );
    // The filters as the address keeps them, for the links to the next and the first page.
    let filters = filter_query(&[("team", team.as_str()), ("status", status.as_str()), ("channel", channel.as_str()), ("assignee", assignee.as_str())]);
    let any = |label: &str| Choice { value: String::new(), label: label.to_string() };
    let statuses: Vec<Choice> = std::iter::once(any(lang.t("staff-conversations-all-but-closed")))
        .chain(ConversationStatus::ALL.into_iter().map(|s| Choice { value: s.code().into(), label: s.staff_label(lang).into() }))
        .collect();
    let channels: Vec<Choice> = std::iter::once(any(lang.t("staff-conversations-all-channels")))
        .chain(Channel::ALL.into_iter().map(|c| Choice { value: c.code().into(), label: c.label(lang).into() }))
        .collect();
    let assignees = vec![
        any(lang.t("staff-conversations-anyone")),
        Choice { value: "me".into(), label: lang.t("staff-conversations-assigned-to-me").into() },
        Choice { value: "none".into(), label: lang.t("staff-conversations-not-assigned-yet").into() },
    ];
    let search = leptos_router::hooks::use_location().search.get_untracked();
    let search = search.trim_start_matches('?');
    let here = if search.is_empty() { String::new() } else { format!("?{search}") };
    view! {
        <Title text=lang.t("staff-conversations-inbox")/>
        <div class="inbox">
        <div class="inbox__list">
        <h1 class="utrecht-heading-1">{lang.t("staff-conversations-inbox-all-channels")}</h1>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/staff/gesprekken/nieuw">{lang.t("staff-new-contact-link")}</a></p>
        <LiveNotice stream=format!("/staff/gesprekken/live{here}") text=lang.t("staff-inbox-changed").to_string()
            link=format!("/staff/gesprekken{here}") link_text=lang.t("staff-inbox-show-again").to_string() target="inbox-lijst".to_string()/>
        <Suspense fallback=|| ()>
            {move || {
                let (team, status, channel, assignee) = (team.clone(), status.clone(), channel.clone(), assignee.clone());
                let (statuses, channels, assignees, filters) = (statuses.clone(), channels.clone(), assignees.clone(), filters.clone());
                Suspend::new(async move {
                    match inbox.await {
                        Ok(inbox) => {
                            let teams = std::iter::once(any(lang.t("staff-conversations-all-teams"))).chain(inbox.teams).collect();
                            let counted = |choices: Vec<Choice>, count: &dyn Fn(&str) -> Option<i64>| -> Vec<Choice> {
                                choices.into_iter().map(|c| match count(&c.value) {
                                    Some(n) => Choice { label: format!("{} ({n})", c.label), value: c.value },
                                    None => c,
                                }).collect()
                            };
                            let per_status = inbox.per_status.clone();
                            let per_channel = inbox.per_channel.clone();
                            let statuses = counted(statuses, &|code| {
                                ConversationStatus::from_code(code).filter(|s| *s != ConversationStatus::Closed).map(|s| per_status.iter().find(|(t, _)| *t == s).map_or(0, |(_, n)| *n))
                            });
                            let channels = counted(channels, &|code| Channel::from_code(code).map(|c| per_channel.iter().find(|(t, _)| *t == c).map_or(0, |(_, n)| *n)));
                            let next = next_page(&filters, inbox.next);
                            let first = paged.then(|| if filters.is_empty() { "/staff/gesprekken".to_string() } else { format!("/staff/gesprekken?{filters}") });
                            view! {
                                <form method="get" action="/staff/gesprekken" class="filters">
                                    <Select id="team" label=lang.t("callback-team").into() options=teams current=team/>
                                    <Select id="status" label=lang.t("case-card-status").into() options=statuses current=status/>
                                    <Select id="channel" label=lang.t("staff-conversations-channel").into() options=channels current=channel/>
                                    <Select id="assignee" label=lang.t("staff-conversations-assigned").into() options=assignees current=assignee/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-filter")}</button>
                                </form>
                                <div id="inbox-lijst">
                                    <InboxListing total=inbox.total conversations=inbox.conversations next first lang/>
                                </div>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
        </div>
        <p class="inbox__placeholder">{lang.t("staff-inbox-choose-a-conversation")}</p>
        </div>
    }
}

/// `/staff/gesprekken/nieuw`: a walk-in at the counter, a call or a letter
/// that is not part of a conversation yet. With `?inwoner={id}` (from the
/// 360-degree view) it is for that resident; without, for a visitor not
/// identified yet (staff can link them to a resident later).
#[component]
pub fn StaffNewConversation() -> impl IntoView {
    let lang = use_lang();
    let resident = use_query_map().with_untracked(|q| q.get("inwoner").and_then(|r| r.parse::<crate::model::ids::ResidentId>().ok()));
    let error = form_error("start_conversation");
    let form = Resource::new_blocking(move || resident, crate::api::conversation::new_contact_form);
    view! {
        <Title text=lang.t("staff-new-contact-title")/>
        <p><a class="utrecht-link" href="/staff/gesprekken">{lang.t("staff-conversations-back-to-the-inbox")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-new-contact-title")}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    match form.await {
                        Ok(form) => {
                            let resident_field = form.resident.as_ref().map(|r| r.id.to_string());
                            view! {
                                {match &form.resident {
                                    Some(r) => view! {
                                        <p class="utrecht-paragraph">{format!("{} {} · BSN {} · {} {}", lang.t("staff-new-contact-for"), r.name, r.bsn, lang.t("staff-residents-born"), r.born)}</p>
                                    }.into_any(),
                                    None => view! {
                                        <p class="utrecht-paragraph">{lang.t("staff-new-contact-unidentified")}</p>
                                    }.into_any(),
                                }}
                                <FormFeedback error/>
                                <form method="post" action="/api/start_conversation" class="form">
                                    <input type="hidden" name="client_id" value=form.client_id/>
                                    {resident_field.map(|r| view! { <input type="hidden" name="resident" value=r/> })}
                                    <Select id="channel" label=lang.t("staff-new-contact-channel").into() options=vec![
                                        Choice { value: "counter".into(), label: lang.t("model-conversation-counter").into() },
                                        Choice { value: "phone".into(), label: lang.t("model-conversation-phone").into() },
                                        Choice { value: "letter".into(), label: lang.t("model-conversation-letter").into() },
                                    ] current=String::new()/>
                                    <Select id="team" label=lang.t("callback-team").into() options=form.teams current=form.team/>
                                    <label for="subject">{lang.t("staff-new-contact-subject")}</label>
                                    <input id="subject" name="subject" type="text" maxlength="150" required=true class="form__input"/>
                                    <label for="contact-body">{lang.t("staff-conversations-what-did-the-resident-ask-or")}</label>
                                    <textarea id="contact-body" name="body" rows="4" maxlength="5000" required=true class="form__input form__textarea"></textarea>
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-new-contact-open")}</button>
                                </form>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A filter's value as it goes into a link, percent-encoded (RFC 3986 unreserved characters kept).
fn urlencoding_value(value: &str) -> String {
    value.bytes().map(|b| if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') { char::from(b).to_string() } else { format!("%{b:02X}") }).collect()
}

/// The filters that are set, as the address writes them.
fn filter_query(filters: &[(&str, &str)]) -> String {
    filters.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", urlencoding_value(v))).collect::<Vec<_>>().join("&")
}

/// The link to the page after the one that ended with `last`.
fn next_page(filters: &str, last: Option<ConversationId>) -> Option<String> {
    last.map(|n| {
        let sep = if filters.is_empty() { "" } else { "&" };
        format!("/staff/gesprekken?{filters}{sep}na={n}")
    })
}

/// What the inbox's live stream sends when the list changed: the first
/// page as [`InboxListing`] renders it (the page puts it in place of the
/// one it shows, unless the reader is working in it).
#[cfg(feature = "ssr")]
pub fn inbox_listing_html(inbox: crate::model::conversation::Inbox, filters: &[(&str, &str)], lang: Lang) -> String {
    let next = next_page(&filter_query(filters), inbox.next);
    Owner::new().with(|| view! { <InboxListing total=inbox.total conversations=inbox.conversations next first=None lang/> }.to_html())
}

/// How many the filters find, the page of them, and the links to the
/// next and the first page.
#[component]
fn InboxListing(total: i64, conversations: Vec<ConversationSummary>, next: Option<String>, first: Option<String>, lang: Lang) -> impl IntoView {
    let shown = conversations.len();
    view! {
        <p class="utrecht-paragraph" role="status">{match lang {
            Lang::Nl => format!("{total} gesprekken, het langst wachtende eerst. Je ziet er {shown}."),
            Lang::En => format!("{total} conversations, the longest waiting first. Showing {shown}."),
        }}</p>
        <InboxList conversations current=None lang/>
        {(next.is_some() || first.is_some()).then(|| view! {
            <ul class="next-previous">
                {first.map(|href| view! { <li><a class="utrecht-link" href=href>{lang.t("staff-inbox-first-page")}</a></li> })}
                {next.map(|href| view! { <li><a class="utrecht-link" href=href rel="next">{lang.t("staff-inbox-next-page")}</a></li> })}
            </ul>
        })}
    }
}

/// The inbox's conversations, the longest waiting first; the open one marked.
#[component]
fn InboxList(conversations: Vec<ConversationSummary>, current: Option<ConversationId>, lang: Lang) -> impl IntoView {
    if conversations.is_empty() {
        return view! { <p class="utrecht-paragraph">{lang.t("staff-inbox-empty")}</p> }.into_any();
    }
    view! {
        <ol class="inbox-list">
            {conversations.into_iter().map(|c| {
                let here = current == Some(c.id);
                view! {
                    <li class="inbox-list__item" class:inbox-list__item--current=here>
                        <a class="inbox-list__link" href=crate::path::staff_conversation(c.id) aria-current=here.then_some("page")>{c.subject}</a>
                        <span class="inbox-list__meta">{format!("{} · {}", c.channels.iter().map(|ch| ch.label(lang)).collect::<Vec<_>>().join(", "), c.status.staff_label(lang))}</span>
                        <span class="inbox-list__meta">{format!("{} · {}", c.handled_by, c.updated)}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
pub fn StaffConversationPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<ConversationId>().ok()));
    let query = use_query_map();
    let done = query.with_untracked(|q| {
        if q.get("afgesloten").is_some() {
            Some(lang.t("staff-conversations-the-conversation-is-closed"))
        } else if q.get("geopend").is_some() {
            Some(lang.t("staff-new-contact-opened"))
        } else if q.get("samengevoegd").is_some() {
            Some(lang.t("staff-merge-done"))
        } else if q.get("gesplitst").is_some() {
            Some(lang.t("staff-merge-undone"))
        } else if q.get("bijgewerkt").is_some() {
            Some(lang.t("resident-contact-address-saved"))
        } else {
            None
        }
    });
    let reply_error = form_error("reply_to_conversation");
    let note_error = form_error("add_note");
    let close_error = form_error("close_conversation");
    let contact_error = form_error("record_contact");
    let identify_error = form_error("identify_contact");
    let merge_error = form_error("merge_conversation").or_else(|| form_error("unmerge_conversation"));
    let page = Resource::new_blocking(move || id, |id| async move { get_conversation(id.ok_or(AppError::NotFound)?).await });
    let list = Resource::new_blocking(|| (), |_| load_inbox(None, None, None, None, None));
    let context = Resource::new_blocking(move || id, |id| async move { context_of_conversation(id.ok_or(AppError::NotFound)?).await });
    // The answer library: a search, and the answer chosen to start the reply with.
    let answer_query = query.with_untracked(|q| q.get("antwoord"));
    let use_answer = query.with_untracked(|q| q.get("gebruik").and_then(|a| a.parse::<crate::model::ids::AnswerId>().ok()));
    let library = Resource::new_blocking(
        move || (answer_query.clone(), use_answer),
        |(search, chosen)| async move {
            let found = match search {
                Some(search) => Some(crate::api::answer::search_answers(search).await?),
                None => None,
            };
            let chosen = match chosen {
                Some(id) => Some(crate::api::answer::get_answer(id).await?),
                None => None,
            };
            Ok::<_, AppError>((found, chosen))
        },
    );
    view! {
        <div class="inbox inbox--open">
        <nav class="inbox__list" aria-label=lang.t("staff-conversations-conversations")>
            <p class="inbox__back"><a class="utrecht-link" href="/staff/gesprekken">{lang.t("staff-conversations-back-to-the-inbox")}</a></p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    list.await.ok().map(|inbox| view! { <InboxList conversations=inbox.conversations current=id lang/> })
                })}
            </Suspense>
        </nav>
        <article id="gesprek" class="inbox__conversation">
        <p class="inbox__back inbox__back--phone"><a class="utrecht-link" href="/staff/gesprekken">{lang.t("staff-conversations-back-to-the-inbox")}</a></p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let inbox = list.await.ok()?;
                Some(view! { <NextPrevious ids=inbox.conversations.iter().map(|c| c.id).collect() current=id lang/> })
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || {
                let (reply_error, note_error, close_error) = (reply_error.clone(), note_error.clone(), close_error.clone());
                let (contact_error, identify_error, merge_error) = (contact_error.clone(), identify_error.clone(), merge_error.clone());
                Suspend::new(async move {
                    let (found, chosen) = library.await.unwrap_or_default();
                    match page.await {
                        Ok((c, client_id)) => {
                            let id = c.detail.summary.id.to_string();
                            let prefill = chosen.as_ref().map(|a| a.answer.clone()).unwrap_or_default();
                            let chosen_flag = chosen.as_ref().is_some_and(|a| a.needs_review);
                            let known = c.detail.messages.iter().map(|m| m.id.to_string()).collect::<Vec<_>>();
                            let stream = format!("/staff/gesprekken/{id}/live");
                            let assignee = c.assignee.map(|a| a.to_string()).unwrap_or_default();
                            let colleagues: Vec<Choice> = std::iter::once(Choice { value: String::new(), label: lang.t("staff-conversations-nobody").into() })
                                .chain(c.colleagues)
                                .collect();
                            let cases = c.cases;
                            let has_cases = !cases.is_empty();
                            let current_case = c.detail.case_id.map(|c| c.to_string()).unwrap_or_default();
                            let summary = c.detail.summary;
                            view! {
                                <Title text=summary.subject.clone()/>
                                <h1 class="utrecht-heading-1">{summary.subject.clone()}</h1>
                                {done.map(|text| view! {
                                    <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{text}</p></div>
                                })}
                                {c.call_since.clone().map(|since| view! {
                                    <div class="notice notice--warning" role="status"><p class="utrecht-paragraph">{format!(
                                        "{} {since}.", lang.t("staff-conversations-a-call-with-this-caller-has"),
                                    )}</p></div>
                                })}
                                <dl class="contact-list">
                                    <dt>{lang.t("staff-conversations-who")}</dt><dd>{c.resident}{c.resident_id.map(|r| view! {
                                        " · "<a class="utrecht-link" href=crate::path::client_view(r)>{lang.t("staff-client-view-title")}</a>
                                        " · "<a class="utrecht-link" href=crate::path::staff_resident_consent(r)>{lang.t("resident-consent-consents")}</a>
                                    })}</dd>
                                    <dt>{lang.t("case-card-status")}</dt><dd>{summary.status.staff_label(lang)}</dd>
                                    <dt>{lang.t("callback-team")}</dt><dd>{summary.handled_by.clone()}</dd>
                                    <dt>{lang.t("staff-conversations-case")}</dt><dd>{summary.case_reference.clone().unwrap_or_else(|| "-".into())}</dd>
                                    {c.result.map(|r| view! { <dt>{lang.t("staff-callbacks-result")}</dt><dd>{r}</dd> })}
                                    {c.detail.satisfaction.clone().map(|ask| view! {
                                        <dt>{lang.t("satisfaction-title")}</dt>
                                        <dd>{match ask.score {
                                            Some(score) => format!("{score} / 5"),
                                            None => lang.t("satisfaction-asked-no-answer").to_string(),
                                        }}</dd>
                                    })}
                                </dl>
                                <h2 class="utrecht-heading-2">{lang.t("staff-conversations-messages-and-notes")}</h2>
                                <ol class="thread">
                                    {c.detail.messages.into_iter().map(|message| view! { <MessageItem message/> }).collect_view()}
                                </ol>
                                <LiveThread stream known/>
                                <h2 class="utrecht-heading-2">{lang.t("staff-conversations-reply")}</h2>
                                <p class="utrecht-paragraph">{match &c.reply_address {
                                    Some(address) => format!(
                                        "{} {} {} {}. {}",
                                        lang.t("staff-conversations-your-reply-goes-out-through"),
                                        c.detail.reply_channel.label(lang),
                                        lang.t("staff-conversations-to"),
                                        address,
                                        lang.t("staff-conversations-the-resident-also-sees-it-in"),
                                    ),
                                    None => lang.t("staff-conversations-your-reply-shows-in-the-resident").to_string(),
                                }}</p>
                                {c.template_only.then(|| view! {
                                    <div class="notice notice--warning" role="note"><p class="utrecht-paragraph">{lang.t("staff-conversations-the-resident-s-last-whatsapp-message")}</p></div>
                                })}
                                <section id="antwoorden" aria-labelledby="antwoorden-kop">
                                    <h3 id="antwoorden-kop" class="utrecht-heading-3">{lang.t("staff-answers-answer-library")}</h3>
                                    <form method="get" action=format!("/staff/gesprekken/{id}#antwoorden") class="filters" role="search">
                                        <div>
                                            <label for="antwoord">{lang.t("staff-conversations-search-for-an-approved-answer")}</label>
                                            <input id="antwoord" name="antwoord" type="search" class="form__input"/>
                                        </div>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-answers-search")}</button>
                                    </form>
                                    {found.map(|list| if list.is_empty() {
                                        view! { <p class="utrecht-paragraph">{lang.t("staff-answers-no-answers-found")}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="card-list">
                                                {list.into_iter().map(|a| view! {
                                                    <li class="card">
                                                        <p class="utrecht-paragraph"><strong>{a.question}</strong></p>
                                                        {a.needs_review.then(|| view! { <p class="notice notice--warning">{lang.t("staff-conversations-past-its-review-date-check-it")}</p> })}
                                                        <a class="utrecht-link" href=format!("/staff/gesprekken/{id}?gebruik={}#reply", a.id)>{lang.t("staff-conversations-use-this-answer")}</a>
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    })}
                                    {chosen_flag.then(|| view! { <p class="notice notice--warning">{lang.t("staff-conversations-this-answer-is-past-its-review")}</p> })}
                                </section>
                                <FormFeedback error=reply_error/>
                                <form method="post" action="/api/reply_to_conversation" class="form">
                                    <input type="hidden" name="id" value=id.clone()/>
                                    <input type="hidden" name="client_id" value=client_id.clone()/>
                                    <label for="reply">{lang.t("staff-conversations-reply-to-the-resident")}</label>
                                    <textarea id="reply" name="body" rows="5" maxlength="5000" required=true class="form__input form__textarea" accesskey="r">{prefill}</textarea>
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-conversations-send-reply")}</button>
                                </form>
                                <FormFeedback error=note_error/>
                                <form method="post" action="/api/add_note" class="form">
                                    <input type="hidden" name="id" value=id.clone()/>
                                    <input type="hidden" name="client_id" value=client_id.clone()/>
                                    <label for="note">{lang.t("staff-conversations-internal-note-the-resident-does-not")}</label>
                                    <textarea id="note" name="body" rows="3" maxlength="5000" required=true class="form__input form__textarea" accesskey="n"></textarea>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-save-note")}</button>
                                </form>
                                <FormFeedback error=contact_error/>
                                <form method="post" action="/api/record_contact" class="form">
                                    <input type="hidden" name="id" value=id.clone()/>
                                    <input type="hidden" name="client_id" value=client_id.clone()/>
                                    <Select id="channel" label=lang.t("staff-conversations-record-a-contact-how-was-it").into() options=vec![
                                        Choice { value: "phone".into(), label: lang.t("model-conversation-phone").into() },
                                        Choice { value: "counter".into(), label: lang.t("model-conversation-counter").into() },
                                        Choice { value: "letter".into(), label: lang.t("model-conversation-letter").into() },
                                    ] current=String::new()/>
                                    <label for="contact-body">{lang.t("staff-conversations-what-did-the-resident-ask-or")}</label>
                                    <textarea id="contact-body" name="body" rows="3" maxlength="5000" required=true class="form__input form__textarea"></textarea>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-record-contact")}</button>
                                </form>
                                <form method="post" action="/api/offer_handover" class="form">
                                    <input type="hidden" name="id" value=id.clone()/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-send-a-link-to-continue-securely")}</button>
                                </form>
                                <h2 class="utrecht-heading-2">{lang.t("staff-conversations-handle")}</h2>
                                <p><a class="utrecht-link" href=format!("/staff/terugbellen/nieuw?gesprek={id}")>{lang.t("staff-conversations-create-a-callback-request")}</a></p>
                                {c.suggestion.clone().map(|(team, name, confidence)| view! {
                                    <form method="post" action="/api/route_conversation" class="form">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <input type="hidden" name="team" value=team.to_string()/>
                                        <p class="utrecht-paragraph">{format!("{} {name} ({confidence}% {})", lang.t("staff-conversations-suggestion"), lang.t("staff-conversations-sure"))}</p>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{format!("{} {name}", lang.t("staff-conversations-send-to"))}</button>
                                    </form>
                                })}
                                <form method="post" action="/api/route_conversation" class="form">
                                    <input type="hidden" name="id" value=id.clone()/>
                                    <Select id="team" label=lang.t("staff-conversations-send-to-another-team").into() options=c.teams.clone() current=c.team_id.to_string()/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-send")}</button>
                                </form>
                                {c.unidentified.then(|| view! {
                                    <FormFeedback error=identify_error/>
                                    <form method="post" action="/api/identify_contact" class="form">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <label for="bsn">{lang.t("staff-conversations-link-to-resident-bsn-after-checking")}</label>
                                        <input id="bsn" name="bsn" type="text" inputmode="numeric" maxlength="9" minlength="8" required=true class="form__input form__input--short"/>
                                        <label for="reden-koppelen">{lang.t("staff-identify-reason-label")}</label>
                                        <input id="reden-koppelen" name="reason" type="text" minlength="3" maxlength="500" required=true class="form__input"/>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-link")}</button>
                                    </form>
                                })}
                                <form method="post" action="/api/assign_conversation" class="form">
                                    <input type="hidden" name="id" value=id.clone()/>
                                    <Select id="assignee" label=lang.t("staff-conversations-assign-to").into() options=colleagues current=assignee/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-assign")}</button>
                                </form>
                                <form method="post" action="/api/assign_conversation" class="form">
                                    <input type="hidden" name="id" value=id.clone()/>
                                    <input type="hidden" name="assignee" value="me"/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary" accesskey="a">{lang.t("staff-conversations-take-it-myself")}</button>
                                </form>
                                {has_cases.then(|| view! {
                                    <form method="post" action="/api/link_conversation_case" class="form">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <Select id="case" label=lang.t("staff-conversations-link-to-case").into() options=cases current=current_case/>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-link")}</button>
                                    </form>
                                })}
                                {match (c.merged_into.clone(), c.detail.continued_in) {
                                    (Some(subject), Some(into)) => view! {
                                        <div class="notice notice--warning" role="note"><p class="utrecht-paragraph">
                                            {lang.t("staff-merge-merged-into")}" "<a class="utrecht-link" href=crate::path::staff_conversation(into)>{subject}</a>
                                        </p></div>
                                        <FormFeedback error=merge_error.clone()/>
                                        <form method="post" action="/api/unmerge_conversation" class="form">
                                            <input type="hidden" name="id" value=id.clone()/>
                                            <label for="reden-splitsen">{lang.t("staff-merge-undo-reason")}</label>
                                            <input id="reden-splitsen" name="reason" type="text" minlength="3" maxlength="500" required=true class="form__input"/>
                                            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-merge-undo")}</button>
                                        </form>
                                    }.into_any(),
                                    _ if !c.merge_choices.is_empty() => view! {
                                        <FormFeedback error=merge_error.clone()/>
                                        <form method="post" action="/api/merge_conversation" class="form">
                                            <input type="hidden" name="id" value=id.clone()/>
                                            <Select id="into" label=lang.t("staff-merge-into").into() options=c.merge_choices.clone() current=String::new()/>
                                            <label for="reden-samenvoegen">{lang.t("staff-merge-reason")}</label>
                                            <input id="reden-samenvoegen" name="reason" type="text" minlength="3" maxlength="500" required=true class="form__input"/>
                                            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-merge")}</button>
                                        </form>
                                    }.into_any(),
                                    _ => ().into_any(),
                                }}
                                <FormFeedback error=close_error/>
                                <form method="post" action="/api/close_conversation" class="form">
                                    <input type="hidden" name="id" value=id/>
                                    <label for="result">{lang.t("staff-conversations-result-what-was-answered-or-done")}</label>
                                    <input id="result" name="result" type="text" maxlength="500" required=true class="form__input" accesskey="c"/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-close")}</button>
                                </form>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
        </article>
        <aside class="inbox__context" aria-labelledby="context-kop">
            <h2 id="context-kop" class="utrecht-heading-2">{lang.t("staff-context-title")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match context.await {
                        Ok(context) => view! { <ContextPane context lang/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </aside>
        </div>
    }
}

/// Links to the previous and next conversation of the list (Alt+K, Alt+J).
#[component]
fn NextPrevious(ids: Vec<ConversationId>, current: Option<ConversationId>, lang: Lang) -> impl IntoView {
    let at = current.and_then(|c| ids.iter().position(|i| *i == c));
    let previous = at.and_then(|i| i.checked_sub(1)).and_then(|i| ids.get(i).copied());
    let next = match at {
        Some(i) => ids.get(i + 1).copied(),
        None => ids.first().copied(),
    };
    view! {
        <ul class="next-previous">
            {previous.map(|p| view! {
                <li><a class="utrecht-link" href=crate::path::staff_conversation(p) rel="prev" accesskey="k">{lang.t("staff-inbox-previous")}</a></li>
            })}
            {next.map(|n| view! {
                <li><a class="utrecht-link" href=crate::path::staff_conversation(n) rel="next" accesskey="j">{lang.t("staff-inbox-next")}</a></li>
            })}
        </ul>
    }
}

/// The resident's context beside the conversation: open cases, earlier
/// contacts, callback requests, consents (what the 360-degree view shows,
/// in short), or why it is not shown yet.
#[component]
fn ContextPane(context: ConversationContext, lang: Lang) -> impl IntoView {
    match context {
        ConversationContext::Unidentified => view! { <p class="utrecht-paragraph">{lang.t("staff-context-unidentified")}</p> }.into_any(),
        ConversationContext::TakeFirst { resident } => view! {
            <p class="utrecht-paragraph">{lang.t("staff-context-take-first")}</p>
            <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::client_view(resident)>{lang.t("staff-context-open-with-a-purpose")}</a></p>
        }.into_any(),
        ConversationContext::Shown(view) => view! { <ContextShown view=*view lang/> }.into_any(),
    }
}

#[component]
fn ContextShown(view: ClientView, lang: Lang) -> impl IntoView {
    let none = move || view! { <p class="utrecht-paragraph context__none">{lang.t("staff-context-none")}</p> };
    let cases: Vec<_> = view.cases.into_iter().filter(|c| !c.closed).collect();
    let callbacks: Vec<_> = view.callbacks.into_iter().filter(|c| c.status == crate::model::callback::CallbackStatus::Open).collect();
    view! {
        <p class="utrecht-paragraph"><strong>{view.resident.name}</strong><br/>{format!("BSN {} · {}", view.resident.bsn, view.resident.born)}</p>
        <p class="context__logged">{format!("{} {}. {}", lang.t("staff-client-view-opened-for"), view.purpose, lang.t("staff-client-view-logged"))}</p>
        <h3 class="utrecht-heading-3">{lang.t("staff-context-open-cases")}</h3>
        {if cases.is_empty() { none().into_any() } else { view! {
            <ul class="context__list">
                {cases.into_iter().map(|c| view! { <li>{format!("{} · {} · {}", c.case_type, c.reference, c.status)}</li> }).collect_view()}
            </ul>
        }.into_any() }}
        <h3 class="utrecht-heading-3">{lang.t("staff-context-earlier-contacts")}</h3>
        {if view.timeline.is_empty() { none().into_any() } else { view! {
            <ol class="context__list">
                {view.timeline.into_iter().take(8).map(|m| {
                    let from = if m.direction == Direction::In { lang.t("staff-client-view-from-resident") } else { lang.t("staff-client-view-from-municipality") };
                    view! {
                        <li>
                            <a class="utrecht-link" href=crate::path::staff_conversation(m.conversation)>{format!("{} · {} · {from}", m.at, m.channel.label(lang))}</a>
                            <span class="context__preview">{m.preview}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }.into_any() }}
        <h3 class="utrecht-heading-3">{lang.t("resident-callbacks-callback-requests")}</h3>
        {if callbacks.is_empty() { none().into_any() } else { view! {
            <ul class="context__list">
                {callbacks.into_iter().map(|c| view! { <li><a class="utrecht-link" href=crate::path::staff_callback(c.id)>{c.topic}</a>{format!(" · {} · {}", c.team, c.by)}</li> }).collect_view()}
            </ul>
        }.into_any() }}
        <h3 class="utrecht-heading-3">{lang.t("resident-consent-consents")}</h3>
        <ul class="context__list">
            {view.consents.into_iter().map(|p| {
                let state = p.state.staff_label(lang);
                view! { <li>{format!("{}: {state}", p.name)}</li> }
            }).collect_view()}
        </ul>
        <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::client_view(view.resident.id)>{lang.t("staff-client-view-title")}</a></p>
    }
}
