//! `/staff/antwoorden`: the answer library. Search, add an approved
//! answer, or update one (which also sets its next review date). Answers
//! past their review date are flagged.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::answer::search_answers;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::use_lang;

#[component]
pub fn Answers() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let search = query.with_untracked(|q| q.get("zoek").unwrap_or_default());
    let saved = query.with_untracked(|q| q.get("opgeslagen").is_some());
    let (create_error, update_error) = (form_error("create_answer"), form_error("update_answer"));
    let shown = search.clone();
    let answers = Resource::new_blocking(move || search.clone(), search_answers);
    view! {
        <Title text=lang.t("staff-answers-answer-library")/>
        <h1 class="utrecht-heading-1">{lang.t("staff-answers-answer-library")}</h1>
        {saved.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-contact-address-saved")}</p></div> })}
        <form method="get" action="/staff/antwoorden" class="filters" role="search">
            <div>
                <label for="zoek">{lang.t("staff-answers-search-for-an-answer")}</label>
                <input id="zoek" name="zoek" type="search" class="form__input" value=shown/>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-answers-search")}</button>
        </form>
        <FormFeedback error=update_error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match answers.await {
                    Ok(list) if list.is_empty() => view! { <p class="utrecht-paragraph">{lang.t("staff-answers-no-answers-found")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="card-list">
                            {list.into_iter().map(|a| {
                                let id = a.id.to_string();
                                let field = |name: &str| format!("{name}-{id}");
                                view! {
                                    <li class="card">
                                        <h2 class="utrecht-heading-3">{a.question.clone()}</h2>
                                        {a.needs_review.then(|| view! { <p class="notice notice--warning">{format!("{} {}", lang.t("staff-answers-check-this-answer-it-was-due"), a.review_on)}</p> })}
                                        <p class="message__body">{a.answer.clone()}</p>
                                        <p class="card__meta">{format!("{} {} · {} {} · {} {}", lang.t("staff-answers-tags"), a.tags, lang.t("staff-answers-owner"), a.owner.clone().unwrap_or_else(|| "-".into()), lang.t("staff-answers-review-on"), a.review_on)}</p>
                                        <details class="form-details">
                                            <summary>{lang.t("staff-answers-update")}</summary>
                                            <form method="post" action="/api/update_answer" class="form">
                                                <input type="hidden" name="id" value=id.clone()/>
                                                <label for=field("q")>{lang.t("staff-answers-question")}</label>
                                                <input id=field("q") name="question" type="text" maxlength="300" required=true class="form__input" value=a.question.clone()/>
                                                <label for=field("a")>{lang.t("staff-answers-answer-plain-language")}</label>
                                                <textarea id=field("a") name="answer" rows="5" maxlength="5000" required=true class="form__input form__textarea">{a.answer.clone()}</textarea>
                                                <label for=field("t")>{lang.t("staff-answers-tags-2")}</label>
                                                <input id=field("t") name="tags" type="text" maxlength="200" class="form__input" value=a.tags.clone()/>
                                                <label for=field("r")>{lang.t("staff-answers-next-review")}</label>
                                                <input id=field("r") name="review_on" type="date" required=true class="form__input form__input--short"/>
                                                <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-contact-address-save")}</button>
                                            </form>
                                        </details>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <h2 class="utrecht-heading-2">{lang.t("staff-answers-new-answer")}</h2>
        <FormFeedback error=create_error/>
        <form method="post" action="/api/create_answer" class="form">
            <label for="new-question">{lang.t("staff-answers-question")}</label>
            <input id="new-question" name="question" type="text" maxlength="300" required=true class="form__input"/>
            <label for="new-answer">{lang.t("staff-answers-answer-plain-language")}</label>
            <textarea id="new-answer" name="answer" rows="5" maxlength="5000" required=true class="form__input form__textarea"></textarea>
            <label for="new-tags">{lang.t("staff-answers-tags-2")}</label>
            <input id="new-tags" name="tags" type="text" maxlength="200" class="form__input"/>
            <label for="new-review">{lang.t("staff-answers-review-on-2")}</label>
            <input id="new-review" name="review_on" type="date" required=true class="form__input form__input--short"/>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-answers-add-answer")}</button>
        </form>
    }
}
