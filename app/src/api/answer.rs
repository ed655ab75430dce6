//! Server functions of the answer library (staff only).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::answer::Answer;
use crate::model::ids::AnswerId;

#[server(endpoint = "search_answers")]
pub async fn search_answers(query: String) -> Result<Vec<Answer>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::UseAnswers)?;
        Ok(backend::service::answer::search(&state.db, &query, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

#[server(endpoint = "get_answer")]
pub async fn get_answer(id: AnswerId) -> Result<Answer, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::UseAnswers)?;
        Ok(backend::service::answer::find(&state.db, id, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// `review_on` is `YYYY-MM-DD` (a date input), after today.
#[server(endpoint = "create_answer")]
pub async fn create_answer(question: String, answer: String, tags: String, review_on: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::EditAnswers)?;
        backend::service::answer::create(&state.db, staff.id, &question, &answer, &tags, &review_on, state.clock.now()).await?;
        leptos_axum::redirect("/staff/antwoorden?opgeslagen=1");
        Ok(())
    })
    .await
}

#[server(endpoint = "update_answer")]
pub async fn update_answer(id: AnswerId, question: String, answer: String, tags: String, review_on: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::EditAnswers)?;
        backend::service::answer::update(&state.db, staff.id, id, &question, &answer, &tags, &review_on, state.clock.now()).await?;
        leptos_axum::redirect("/staff/antwoorden?opgeslagen=1");
        Ok(())
    })
    .await
}
