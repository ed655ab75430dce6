//! "Mijn berichten": the resident's conversations (`/mijn/berichten`),
//! a new question (`/mijn/berichten/nieuw`, optionally `?zaak=<case>`) and
//! one conversation with its whole thread across channels
//! (`/mijn/berichten/:id`). Posting is a plain multipart form, so it
//! works without JavaScript; with it, new messages appear live.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::conversation::{get_message_form, get_my_conversation, list_my_conversations};
use crate::components::{
    channel_choice::ChannelChoice,
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
    message::{LiveThread, MessageItem},
    satisfaction::ScoreForm,
};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::conversation::{Channel, ConversationStatus, ConversationSummary};
use crate::model::ids::ConversationId;

/// One conversation in a list: subject, status, channels, last message.
#[component]
pub fn ConversationCard(conversation: ConversationSummary) -> impl IntoView {
    let lang = use_lang();
    let channels = conversation.channels.iter().map(|c| c.label(lang)).collect::<Vec<_>>().join(", ");
    let case = conversation.case_reference.map(|r| format!(" · {} {r}", lang.t("resident-conversations-about-case")));
    view! {
        <li class="card">
            <h3 class="utrecht-heading-3">
                <a class="utrecht-link" href={crate::path::conversation(conversation.id)}>{conversation.subject}</a>
            </h3>
            <p class="card__meta">{format!("{} · {}{}", conversation.handled_by, conversation.updated, case.unwrap_or_default())}</p>
            <p class="utrecht-paragraph"><strong>{conversation.status.label(lang)}</strong></p>
            <p class="utrecht-paragraph">{conversation.last_message}</p>
            <p class="card__meta">{format!("{} {channels}", lang.t("resident-conversations-through"))}</p>
        </li>
    }
}

#[component]
pub fn Conversations() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new_blocking(|| (), |_| list_my_conversations());
    view! {
        <Title text=lang.t("resident-conversations-my-messages")/>
        <h1 class="utrecht-heading-1">{lang.t("resident-conversations-my-messages")}</h1>
        <p class="utrecht-paragraph">
            <a class="utrecht-button utrecht-button--primary-action" href="/mijn/berichten/nieuw">{lang.t("resident-conversations-ask-a-new-question")}</a>
        </p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="utrecht-paragraph">{lang.t("resident-conversations-you-have-no-messages-yet-do")}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="card-list">
                            {list.into_iter().map(|conversation| view! { <ConversationCard conversation/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn">{lang.t("resident-callbacks-back-to-my-overview")}</a></p>
    }
}

/// The message field, with what the resident typed before a refusal.
#[component]
fn BodyField(lang: Lang, value: String) -> impl IntoView {
    view! {
        <label for="body">{lang.t("resident-conversations-your-message")}</label>
        <textarea id="body" name="body" rows="6" maxlength="5000" required=true class="form__input form__textarea">{value}</textarea>
    }
}

#[component]
fn AttachmentField(lang: Lang) -> impl IntoView {
    view! {
        <label for="file">{lang.t("resident-conversations-attachments-optional-pdf-jpg-or-png")}</label>
        <input id="file" type="file" name="file" multiple=true accept="application/pdf,image/jpeg,image/png" class="form__file"/>
    }
}

#[component]
pub fn NewQuestion() -> impl IntoView {
    let lang = use_lang();
    let about = use_query_map().with_untracked(|q| q.get("zaak"));
    let form = Resource::new_blocking(|| (), |_| get_message_form());
    view! {
        <Title text=lang.t("resident-conversations-new-question")/>
        <h1 class="utrecht-heading-1">{lang.t("resident-conversations-ask-your-question")}</h1>
        <p class="utrecht-paragraph">{lang.t("resident-conversations-we-read-your-question-on-working")}</p>
        <Suspense fallback=|| ()>
            {move || {
                let about = about.clone();
                Suspend::new(async move {
                    match form.await {
                        Ok(form) => {
                            let chosen = form.draft.case.map(|c| c.to_string()).or(about);
                            view! {
                                <FormFeedback error=form.draft.error.clone()/>
                                <form method="post" action="/mijn/berichten" enctype="multipart/form-data" class="form">
                                    <input type="hidden" name="client_id" value=form.client_id/>
                                    <label for="subject">{lang.t("resident-conversations-subject")}</label>
                                    <input id="subject" name="subject" type="text" maxlength="150" required=true class="form__input" value=form.draft.subject/>
                                    <label for="case">{lang.t("resident-conversations-is-your-question-about-a-case")}</label>
                                    <select id="case" name="case" class="form__input">
                                        <option value="">{lang.t("resident-conversations-no-another-question")}</option>
                                        {form.cases.into_iter().map(|c| {
                                            let selected = chosen.as_deref() == Some(c.value.as_str());
                                            view! { <option value=c.value selected=selected>{c.label}</option> }
                                        }).collect_view()}
                                    </select>
                                    <BodyField lang value=form.draft.body/>
                                    <AttachmentField lang/>
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-conversations-send-your-question")}</button>
                                </form>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn/berichten">{lang.t("resident-conversations-back-to-my-messages")}</a></p>
    }
}

#[component]
pub fn ConversationPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<ConversationId>().ok()));
    let sent = use_query_map().with_untracked(|q| q.get("verstuurd").is_some());
    let chosen = use_query_map().with_untracked(|q| q.get("antwoordkanaal").is_some());
    let rated = use_query_map().with_untracked(|q| q.get("beoordeeld").is_some());
    let refused = use_query_map().with_untracked(|q| q.get("geen-vragen").is_some());
    let page = Resource::new_blocking(
        move || id,
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((get_my_conversation(id).await?, get_message_form().await?))
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((conversation, _)) if conversation.continued_in.is_some() => {
                        let into = conversation.continued_in.unwrap_or(conversation.summary.id);
                        view! {
                            <Title text=conversation.summary.subject.clone()/>
                            <h1 class="utrecht-heading-1">{conversation.summary.subject.clone()}</h1>
                            <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">
                                {lang.t("resident-conversations-merged")}" "
                                <a class="utrecht-link" href=crate::path::conversation(into)>{lang.t("resident-conversations-go-to-merged")}</a>
                            </p></div>
                        }.into_any()
                    }
                    Ok((conversation, form)) => {
                        let summary = conversation.summary;
                        let known = conversation.messages.iter().map(|m| m.id.to_string()).collect::<Vec<_>>();
                        let stream = format!("/mijn/berichten/{}/live", summary.id);
                        let case_link = conversation.case_id.map(|case| view! {
                            <p class="utrecht-paragraph">
                                <a class="utrecht-link" href=format!("/mijn/zaken/{case}")>
                                    {format!("{} {}", lang.t("resident-conversations-about-case-2"), summary.case_reference.clone().unwrap_or_default())}
                                </a>
                            </p>
                        });
                        let closed = summary.status == ConversationStatus::Closed;
                        let satisfaction = conversation.satisfaction.clone().map(|ask| {
                            let key = ("id", summary.id.to_string());
                            let error = form_error("rate_my_conversation").or_else(|| form_error("refuse_my_satisfaction"));
                            view! {
                                <section id="tevredenheid" aria-labelledby="tevredenheid-kop">
                                    <h2 id="tevredenheid-kop" class="utrecht-heading-2">{lang.t("satisfaction-title")}</h2>
                                    {rated.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("satisfaction-thanks")}</p></div> })}
                                    {refused.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("satisfaction-no-more-done")}</p></div> })}
                                    <ScoreForm lang ask action="/api/rate_my_conversation" refuse="/api/refuse_my_satisfaction" key error/>
                                </section>
                            }
                        });
                        let reply_channel = conversation.reply_channel;
                        let reply_options = conversation.reply_options;
                        let conversation_id = summary.id.to_string();
                        view! {
                            <Title text=summary.subject.clone()/>
                            <h1 class="utrecht-heading-1">{summary.subject.clone()}</h1>
                            {sent.then(|| view! {
                                <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-conversations-your-message-has-been-sent-we")}</p></div>
                            })}
                            <p class="card__meta">{format!("{}: {} · {}", lang.t("case-card-status"), summary.status.label(lang), summary.handled_by)}</p>
                            {case_link}
                            <h2 class="utrecht-heading-2 visually-hidden">{lang.t("layout-messages")}</h2>
                            <ol class="thread">
                                {conversation.messages.into_iter().map(|message| view! { <MessageItem message/> }).collect_view()}
                            </ol>
                            <LiveThread stream known/>
                            {satisfaction}
                            <h2 id="antwoord" class="utrecht-heading-2">{lang.t("resident-conversations-reply")}</h2>
                            {closed.then(|| view! {
                                <p class="utrecht-paragraph">{lang.t("resident-conversations-this-conversation-is-closed-if-you")}</p>
                            })}
                            <FormFeedback error=form.draft.error.clone()/>
                            <form method="post" action={crate::path::conversation(summary.id)} enctype="multipart/form-data" class="form">
                                <input type="hidden" name="client_id" value=form.client_id/>
                                <BodyField lang value=form.draft.body/>
                                <AttachmentField lang/>
                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-conversations-send")}</button>
                            </form>
                            <ReplyChannelForm lang conversation=conversation_id current=reply_channel options=reply_options chosen/>
                            <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn/berichten">{lang.t("resident-conversations-back-to-my-messages")}</a></p>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Where answers in this conversation go: only Mijn omgeving, or also a
/// channel the resident confirmed an address for (set on Mijn gegevens).
#[component]
fn ReplyChannelForm(lang: Lang, conversation: String, current: Channel, options: Vec<Channel>, chosen: bool) -> impl IntoView {
    let error = crate::components::form_feedback::form_error("choose_reply_channel");
    let only_portal = options.len() <= 1;
    view! {
        <section id="antwoordkanaal" aria-labelledby="antwoordkanaal-kop" class="form-details">
            <h2 id="antwoordkanaal-kop" class="utrecht-heading-3">{lang.t("resident-conversations-receiving-answers")}</h2>
            {chosen.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-contact-address-saved")}</p></div> })}
            {if only_portal {
                view! {
                    <p class="utrecht-paragraph">
                        {lang.t("resident-conversations-you-read-our-answers-here-would")}
                        <a class="utrecht-link" href="/mijn/gegevens">{lang.t("resident-conversations-my-details")}</a>"."
                    </p>
                }.into_any()
            } else {
                view! {
                    <FormFeedback error/>
                    <form method="post" action="/api/choose_reply_channel" class="form">
                        <input type="hidden" name="id" value=conversation/>
                        <fieldset class="form__fieldset">
                            <legend>{lang.t("resident-conversations-where-would-you-like-our-answers")}</legend>
                            <ChannelChoice id_prefix="kanaal" current options=options.into_iter().map(|channel| {
                                let label = match channel {
                                    Channel::Portal => lang.t("resident-conversations-only-here-in-my-environment").to_string(),
                                    other => format!("{} {}", lang.t("resident-conversations-here-and-by"), other.label(lang)),
                                };
                                (channel, label)
                            }).collect()/>
                        </fieldset>
                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-contact-address-save")}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
