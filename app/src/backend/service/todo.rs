//! To-dos: what the municipality needs from a resident, and every way one
//! is done. Staff of the case's team ask (a document, an answer, a
//! payment, an appointment, or something the resident arranges); the
//! resident does it on the case page, each kind with its own form that
//! works without JavaScript; staff see when and how. A to-do past its
//! deadline reminds the resident once. Uploads are done in
//! `service::document`, appointments in `service::appointment`.

use time::{Date, OffsetDateTime};

use crate::backend::{
    auth::session::Staff,
    db::{self, Db},
    effect::{Committed, Effects},
    local_time,
    service::{
        case,
        notice::{self, Notice},
        processing_log::{self, Entry, CASE_HANDLING},
    },
    Error,
};
use crate::error::FieldErrorCode;
use crate::model::case::{parse_choices, parse_euros, TodoKind};
use crate::model::ids::{CaseId, ProductId, ResidentId, TodoId};
use crate::model::processing_log::Category;

/// The longest answer a resident can give, and the longest title and text staff can ask.
pub const MAX_ANSWER_CHARS: usize = 2000;
pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 1000;
/// The most choices a question offers.
pub const MAX_CHOICES: usize = 8;

/// The resident's answer to a question to-do of theirs: free text, or
/// exactly one of its choices. Someone else's to-do, or one done already,
/// is `NotFound`.
pub async fn answer(db: &Db, resident: ResidentId, todo: TodoId, answer: &str, now: OffsetDateTime) -> Result<CaseId, Error> {
    let row = db::todo::find_open(db, resident, todo, TodoKind::Answer.code()).await?.ok_or(Error::NotFound)?;
    let answer = answer.trim();
    let offered = parse_choices(&row.choices);
    if answer.is_empty() {
        return Err(Error::field("answer", FieldErrorCode::Missing));
    }
    if answer.chars().count() > MAX_ANSWER_CHARS {
        return Err(Error::field("answer", FieldErrorCode::TooLong));
    }
    if !offered.is_empty() && !offered.iter().any(|c| c == answer) {
        return Err(Error::field("answer", FieldErrorCode::Invalid));
    }
    done(db, resident, &row, TodoKind::Answer, Some(answer), now).await
}

/// The resident confirms they arranged what an "arrange" to-do asked.
pub async fn confirm_arranged(db: &Db, resident: ResidentId, todo: TodoId, now: OffsetDateTime) -> Result<CaseId, Error> {
    let row = db::todo::find_open(db, resident, todo, TodoKind::Arrange.code()).await?.ok_or(Error::NotFound)?;
    done(db, resident, &row, TodoKind::Arrange, None, now).await
}

async fn done(db: &Db, resident: ResidentId, row: &db::todo::TodoRow, kind: TodoKind, answer: Option<&str>, now: OffsetDateTime) -> Result<CaseId, Error> {
    let mut tx = db.begin().await?;
    if !db::todo::mark_done(&mut tx, resident, row.case_id, row.id, kind.code(), answer, now).await? {
        // Done in the meantime (a double submit): the first one counts.
        return Err(Error::NotFound);
    }
    db::case::touch(&mut tx, row.case_id, now).await?;
    tx.commit().await?;
    Ok(row.case_id)
}

/// What a staff member asks of the resident on a case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub due_on: Option<Date>,
    /// A question's choices, one per line (empty: free text).
    pub choices: String,
    /// The product an appointment to-do books.
    pub product: Option<ProductId>,
    /// What a pay to-do asks, as typed ("12,50").
    pub amount: String,
}

/// A staff member of the case's team asks the resident for something; the
/// resident gets a notice (without content). Logged with its purpose.
/// Staff write in Dutch: the English text is the same until translated.
/// Paying can be asked only when a payment provider is set up (`payments`).
pub async fn create(db: &Db, staff: &Staff, case_id: CaseId, request: &Request, payments: bool, now: OffsetDateTime) -> Result<Committed<TodoId>, Error> {
    let row = case::for_staff(db, staff, case_id).await?;
    if row.closed_at.is_some() {
        return Err(Error::Conflict);
    }
    let kind = TodoKind::from_code(&request.kind).filter(|k| askable(payments).contains(k)).ok_or_else(|| Error::field("kind", FieldErrorCode::Invalid))?;
    let mut errors = Vec::new();
    let title = request.title.trim();
    let description = request.description.trim();
    match title.chars().count() {
        0 => errors.push(("title", FieldErrorCode::Missing)),
        n if n > MAX_TITLE_CHARS => errors.push(("title", FieldErrorCode::TooLong)),
        _ => {}
    }
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        errors.push(("description", FieldErrorCode::TooLong));
    }
    let today = now.to_offset(local_time::offset_at(now)).date();
    match request.due_on {
        None => errors.push(("due_on", FieldErrorCode::Missing)),
        Some(day) if day < today => errors.push(("due_on", FieldErrorCode::Invalid)),
        Some(_) => {}
    }
    let offered = parse_choices(&request.choices);
    if kind == TodoKind::Answer && (offered.len() == 1 || offered.len() > MAX_CHOICES || offered.iter().any(|c| c.chars().count() > MAX_TITLE_CHARS)) {
        errors.push(("choices", FieldErrorCode::Invalid));
    }
    let product = match (kind, request.product) {
        (TodoKind::Appointment, Some(id)) => match db::appointment::find_product(db, id).await? {
            Some(p) => Some(p.id),
            None => {
                errors.push(("product", FieldErrorCode::Invalid));
                None
            }
        },
        (TodoKind::Appointment, None) => {
            errors.push(("product", FieldErrorCode::Missing));
            None
        }
        _ => None,
    };
    let amount_cents = match kind {
        TodoKind::Pay => match parse_euros(&request.amount) {
            Some(cents) if cents <= MAX_AMOUNT_CENTS => Some(cents),
            _ => {
                errors.push(("amount", FieldErrorCode::Invalid));
                None
            }
        },
        _ => None,
    };
    if !errors.is_empty() {
        return Err(Error::Validation(errors.into_iter().map(|(field, code)| crate::error::FieldError { field: field.into(), code }).collect()));
    }
    let stored_choices = if kind == TodoKind::Answer { offered.join("\n") } else { String::new() };
    let id = TodoId::new();
    let mut tx = db.begin().await?;
    let new = db::todo::NewTodo {
        id,
        case_id,
        resident_id: row.resident_id,
        kind: kind.code(),
        title_nl: title,
        title_en: title,
        description_nl: description,
        description_en: description,
        due_on: request.due_on.unwrap_or(today),
        choices: &stored_choices,
        product_id: product,
        amount_cents,
        created_by: Some(staff.id),
    };
    db::todo::insert(&mut tx, &new, now).await?;
    db::case::touch(&mut tx, case_id, now).await?;
    let entry = Entry::change(staff.id, row.resident_id, Category::Case, CASE_HANDLING).object(case_id).team(row.team_id);
    processing_log::record(&mut tx, &entry, now).await?;
    let effects = notice::enqueue(&mut tx, Notice::CaseChanged { resident: row.resident_id }, now).await?;
    tx.commit().await?;
    Ok(Committed::new(id, effects))
}

/// The kinds staff can ask for: paying only with a payment provider.
pub fn askable(payments: bool) -> Vec<TodoKind> {
    TodoKind::ALL.into_iter().filter(|k| payments || *k != TodoKind::Pay).collect()
}

/// The most a pay to-do asks: € 10.000.
pub const MAX_AMOUNT_CENTS: i64 = 1_000_000;

/// The most reminders one round sends.
const REMINDERS_PER_ROUND: i64 = 200;

/// Reminds each resident once of every open to-do whose deadline passed
/// (Dutch local date): one notice per to-do, claimed by a conditional
/// update so two nodes never send it twice.
pub async fn remind_overdue(db: &Db, now: OffsetDateTime) -> Result<Committed<usize>, Error> {
    let today = now.to_offset(local_time::offset_at(now)).date();
    let mut effects = Effects::none();
    let mut sent = 0;
    for (todo, resident) in db::todo::list_overdue(db, today, REMINDERS_PER_ROUND).await? {
        let mut tx = db.begin().await?;
        if !db::todo::mark_reminded(&mut tx, todo, now).await? {
            continue;
        }
        effects = effects.and(notice::enqueue(&mut tx, Notice::TodoOverdue { resident }, now).await?);
        tx.commit().await?;
        sent += 1;
    }
    Ok(Committed::new(sent, effects))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::service::{case, seed, staff_member};
    use crate::i18n::Lang;
    use time::macros::{date, datetime};

    const NOW: OffsetDateTime = datetime!(2026-12-07 09:00 UTC);

    async fn staff(db: &Db, subject: &str) -> Staff {
        let id = db::staff_member::find_by_subject(db, subject).await.unwrap().unwrap();
        staff_member::current(db, id).await.unwrap().unwrap()
    }

    async fn jan_and_parking_case(db: &Db) -> (ResidentId, CaseId) {
        seed::demo(db, NOW).await.unwrap();
        let jan = db::resident::find_by_bsn(db, "999993653").await.unwrap().unwrap();
        let case = case::list_for_resident(db, jan, Lang::Nl).await.unwrap().open.into_iter().find(|c| c.case_type == "Parkeervergunning").unwrap().id;
        (jan, case)
    }

    fn question(choices: &str) -> Request {
        Request { kind: "answer".into(), title: "Heb je een eigen oprit?".into(), due_on: Some(date!(2026 - 12 - 18)), choices: choices.into(), ..Request::default() }
    }

    crate::both_dbs!(staff_ask_a_question_and_the_resident_answers_it_once_with_one_of_its_choices, |db| {
        let (jan, case_id) = jan_and_parking_case(&db).await;
        let ahmed = staff(&db, "medewerker-ahmed").await;
        let todo = create(&db, &ahmed, case_id, &question("Ja\n\nNee\n"), false, NOW).await.unwrap().value;
        let open = case::detail_for_resident(&db, jan, case_id, Lang::Nl).await.unwrap().todos;
        let asked = open.iter().find(|t| t.id == todo).unwrap();
        assert_eq!(asked.choices, ["Ja", "Nee"], "blank lines are no choice");
        let kees = db::resident::find_by_bsn(&db, "999991723").await.unwrap().unwrap();
        assert!(matches!(answer(&db, kees, todo, "Ja", NOW).await, Err(Error::NotFound)), "someone else's to-do");
        assert!(matches!(answer(&db, jan, todo, "Misschien", NOW).await, Err(Error::Validation(_))), "not one of the choices");
        assert!(matches!(answer(&db, jan, todo, "   ", NOW).await, Err(Error::Validation(_))));
        assert!(matches!(confirm_arranged(&db, jan, todo, NOW).await, Err(Error::NotFound)), "a question is answered, not confirmed");
        assert_eq!(answer(&db, jan, todo, " Nee ", NOW).await.unwrap(), case_id);
        assert!(matches!(answer(&db, jan, todo, "Ja", NOW).await, Err(Error::NotFound)), "the first answer counts");
        let seen = case::detail_for_staff(&db, &ahmed, case_id, Lang::Nl, false, NOW).await.unwrap();
        let done = seen.todos.iter().find(|t| t.todo.id == todo).unwrap();
        assert_eq!(done.answer.as_deref(), Some("Nee"));
        assert_eq!(done.done_on, Some(date!(2026 - 12 - 07)));
        assert!(!seen.products.is_empty(), "staff can ask for an appointment");
    });

    crate::both_dbs!(an_arrange_todo_is_done_when_the_resident_confirms_it, |db| {
        let (jan, case_id) = jan_and_parking_case(&db).await;
        let ahmed = staff(&db, "medewerker-ahmed").await;
        let request = Request { kind: "arrange".into(), title: "Zet je auto op je eigen terrein".into(), due_on: Some(date!(2026 - 12 - 18)), ..Request::default() };
        let todo = create(&db, &ahmed, case_id, &request, false, NOW).await.unwrap().value;
        confirm_arranged(&db, jan, todo, NOW).await.unwrap();
        assert!(case::list_for_resident(&db, jan, Lang::Nl).await.unwrap().todos.iter().all(|t| t.id != todo), "gone from the overview");
        assert!(matches!(confirm_arranged(&db, jan, todo, NOW).await, Err(Error::NotFound)));
    });

    crate::both_dbs!(only_the_cases_team_asks_and_a_request_is_checked_before_anything_is_stored, |db| {
        let (jan, case_id) = jan_and_parking_case(&db).await;
        let sanne = staff(&db, "medewerker-sanne").await;
        assert!(matches!(create(&db, &sanne, case_id, &question(""), false, NOW).await, Err(Error::NotFound)), "KCC does not handle parking cases");
        let ahmed = staff(&db, "medewerker-ahmed").await;
        let field_codes = |result: Result<Committed<TodoId>, Error>| match result {
            Err(Error::Validation(fields)) => fields.into_iter().map(|f| f.field).collect::<Vec<_>>(),
            other => panic!("expected a validation error, got {:?}", other.map(|c| c.value)),
        };
        let empty = Request { kind: "answer".into(), ..Request::default() };
        assert_eq!(field_codes(create(&db, &ahmed, case_id, &empty, false, NOW).await), ["title", "due_on"]);
        let yesterday = Request { due_on: Some(date!(2026 - 12 - 06)), ..question("Alleen dit") };
        assert_eq!(field_codes(create(&db, &ahmed, case_id, &yesterday, false, NOW).await), ["due_on", "choices"]);
        let appointment = Request { kind: "appointment".into(), ..question("") };
        assert_eq!(field_codes(create(&db, &ahmed, case_id, &appointment, false, NOW).await), ["product"]);
        let paying = Request { kind: "pay".into(), ..question("") };
        assert!(matches!(create(&db, &ahmed, case_id, &paying, false, NOW).await, Err(Error::Validation(_))), "paying needs a payment provider first");
        assert_eq!(field_codes(create(&db, &ahmed, case_id, &paying, true, NOW).await), ["amount"], "and an amount");
        assert_eq!(db::todo::list_open_for_resident(&db, jan).await.unwrap().len(), 0, "nothing was stored");
    });

    crate::both_dbs!(a_todo_past_its_date_reminds_the_resident_once, |db| {
        let (jan, case_id) = jan_and_parking_case(&db).await;
        let ahmed = staff(&db, "medewerker-ahmed").await;
        let todo = create(&db, &ahmed, case_id, &question(""), false, NOW).await.unwrap().value;
        // 23:00 on the 18th in Amsterdam: only Fatima's bank statements (due the 16th) are late.
        assert_eq!(remind_overdue(&db, datetime!(2026-12-18 22:00 UTC)).await.unwrap().value, 1);
        let after = datetime!(2026-12-19 08:00 UTC);
        let overdue: Vec<_> = db::todo::list_overdue(&db, date!(2026 - 12 - 19), 10).await.unwrap();
        assert_eq!(overdue, [(todo, jan)], "the reminded one is not due again");
        assert_eq!(remind_overdue(&db, after).await.unwrap().value, 1);
        assert_eq!(remind_overdue(&db, after + time::Duration::days(1)).await.unwrap().value, 0, "never twice");
        let seen = case::detail_for_staff(&db, &ahmed, case_id, Lang::Nl, false, after).await.unwrap();
        assert!(seen.todos.iter().find(|t| t.todo.id == todo).unwrap().reminded, "staff see the reminder went out");
    });
}
