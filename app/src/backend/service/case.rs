//! Cases as the resident sees them: their overview order, their timeline,
//! and the rule that a resident only ever sees their own; and as staff
//! see them: their teams' case types, within their clearance.

use std::cmp::Reverse;

use crate::backend::{
    auth::session::Staff,
    db,
    db::Db,
    effect::Committed,
    local_time,
    service::{conversation, notice::{self, Notice}, processing_log::{self, Entry}},
    Error,
};
use crate::i18n::Lang;
use crate::model::processing_log::Category;
use crate::model::staff_member::Confidentiality;
use crate::model::appointment::Product;
use crate::model::case::{parse_choices, CaseDetail, CaseSummary, DocumentSummary, MyCases, StaffCaseDetail, StaffTodo, StepState, TimelineStep, TodoKind, TodoSummary};
use crate::model::ids::{CaseId, ResidentId};
use time::OffsetDateTime;

fn summary(row: &db::case::CaseSummaryRow, lang: Lang) -> CaseSummary {
    CaseSummary {
        id: row.id,
        reference: row.reference.clone(),
        case_type: lang.pick(&row.type_nl, &row.type_en).to_string(),
        started_on: row.started_on,
        status: lang.pick(&row.status_nl, &row.status_en).to_string(),
        status_explanation: lang.pick(&row.explanation_nl, &row.explanation_en).to_string(),
        expected_decision_on: row.expected_decision_on,
        closed: row.closed_at.is_some(),
    }
}

/// A to-do as the resident reads it.
fn todo(row: &db::todo::TodoRow, lang: Lang) -> Result<TodoSummary, Error> {
    Ok(TodoSummary {
        id: row.id,
        case_id: row.case_id,
        case_type: lang.pick(&row.type_nl, &row.type_en).to_string(),
        kind: crate::backend::error::decode(&row.kind, TodoKind::from_code, "a to-do has an unknown kind")?,
        title: lang.pick(&row.title_nl, &row.title_en).to_string(),
        description: lang.pick(&row.description_nl, &row.description_en).to_string(),
        due_on: row.due_on,
        choices: parse_choices(&row.choices),
        product: row.product_id,
        amount_cents: row.amount_cents,
    })
}

/// Every to-do of a case as staff follow it: open or done, and how.
async fn staff_todos(db: &Db, case: CaseId, lang: Lang) -> Result<Vec<StaffTodo>, Error> {
    db::todo::list_for_case(db, case)
        .await?
        .iter()
        .map(|row| {
            Ok(StaffTodo {
                todo: todo(row, lang)?,
                done_on: row.done_at.map(|at| at.to_offset(local_time::offset_at(at)).date()),
                answer: row.answer.clone(),
                appointment: row.appointment_starts_at.map(|at| local_time::format_moment(lang, at)),
                reminded: row.reminded_at.is_some(),
            })
        })
        .collect()
}

/// The overview order: open cases by nearest expected decision (cases
/// without one last), then most recently changed; closed cases by most
/// recently closed.
pub fn order(rows: &mut [db::case::CaseSummaryRow]) {
    rows.sort_by_key(|r| {
        (
            r.closed_at.is_some(),
            Reverse(r.closed_at),
            r.expected_decision_on.is_none(),
            r.expected_decision_on,
            Reverse(r.updated_at),
        )
    });
}

/// The resident's own cases, open and closed, in overview order.
pub async fn list_for_resident(db: &Db, resident: ResidentId, lang: Lang) -> Result<MyCases, Error> {
    let mut rows = db::case::list_for_resident(db, resident).await?;
    order(&mut rows);
    let (closed, open): (Vec<_>, Vec<_>) = rows.iter().map(|r| summary(r, lang)).partition(|c| c.closed);
    let todos = db::todo::list_open_for_resident(db, resident).await?.iter().map(|t| todo(t, lang)).collect::<Result<_, _>>()?;
    Ok(MyCases { freshness: None, todos, open, closed })
}

/// `NotFound` unless the case is this resident's: asked before a form is
/// read, so someone else's case never answers anything else.
pub async fn ensure_residents(db: &Db, resident: ResidentId, case: CaseId) -> Result<(), Error> {
    db::case::find_for_resident(db, resident, case).await?.map(|_| ()).ok_or(Error::NotFound)
}

/// One of the resident's own cases with its timeline; anyone else's is `NotFound`.
pub async fn detail_for_resident(db: &Db, resident: ResidentId, case: CaseId, lang: Lang) -> Result<CaseDetail, Error> {
    let row = db::case::find_for_resident(db, resident, case).await?.ok_or(Error::NotFound)?;
    detail(db, &row, lang).await
}

async fn detail(db: &Db, row: &db::case::CaseSummaryRow, lang: Lang) -> Result<CaseDetail, Error> {
    let (case, resident) = (row.id, row.resident_id);
    let steps = db::case::timeline(db, case).await?;
    let current = steps.iter().rposition(|s| s.reached_at.is_some());
    let timeline = steps
        .iter()
        .enumerate()
        .map(|(i, s)| TimelineStep {
            name: lang.pick(&s.name_nl, &s.name_en).to_string(),
            explanation: lang.pick(&s.explanation_nl, &s.explanation_en).to_string(),
            reached_on: s.reached_at.map(|t| t.date()),
            state: match (s.reached_at, Some(i) == current) {
                (Some(_), true) => StepState::Current,
                (Some(_), false) => StepState::Done,
                (None, _) => StepState::Upcoming,
            },
        })
        .collect();
    let todos = db::todo::list_open_for_case(db, resident, case).await?.iter().map(|t| todo(t, lang)).collect::<Result<_, _>>()?;
    let documents = db::document::list_for_resident_case(db, resident, case)
        .await?
        .into_iter()
        .map(|d| DocumentSummary {
            id: d.id,
            title: d.title,
            file_name: d.file_name,
            size_bytes: d.size_bytes,
            added_on: d.created_at.date(),
            from_resident: d.added_by == "resident",
        })
        .collect();
    Ok(CaseDetail { summary: summary(row, lang), timeline, todos, documents })
}

pub use crate::backend::service::processing_log::CASE_HANDLING;

/// Whether a staff member may see this case: one of their teams' case
/// types, at a confidentiality level within their clearance.
pub fn visible_to(staff: &Staff, row: &db::case::CaseSummaryRow) -> bool {
    let level = Confidentiality::from_code(&row.confidentiality).unwrap_or(Confidentiality::ZeerGeheim);
    staff.cleared_for(level) && staff.in_team(row.team_id)
}

/// A case this staff member may see; any other is `NotFound`.
pub async fn for_staff(db: &Db, staff: &Staff, case: CaseId) -> Result<db::case::CaseSummaryRow, Error> {
    db::case::find(db, case).await?.filter(|row| visible_to(staff, row)).ok_or(Error::NotFound)
}

/// The levels a clearance covers, as the case query takes them.
fn cleared(staff: &Staff) -> String {
    format!(",{},", staff.clearance.up_to().join(","))
}

/// The open cases of the staff member's teams within their clearance, for
/// their worklist; the residents they show are logged.
pub async fn list_open_for_staff(db: &Db, staff: &Staff, lang: Lang, now: OffsetDateTime) -> Result<Vec<CaseSummary>, Error> {
    let rows = db::case::list_open_for_staff(db, staff.id, &cleared(staff), 500).await?;
    let entries: Vec<Entry> = rows.iter().map(|r| Entry::read(staff.id, r.resident_id, Category::Listing, CASE_HANDLING).object(r.id).team(r.team_id)).collect();
    processing_log::record_reads(db, &entries, now).await?;
    Ok(rows.iter().map(|r| summary(r, lang)).collect())
}

/// A resident's cases and open to-dos for the 360-degree view: every team's,
/// but only within the agent's clearance (a case above it is left out, to-dos included).
pub async fn for_client_view(db: &Db, staff: &Staff, resident: ResidentId, lang: Lang) -> Result<(Vec<CaseSummary>, Vec<TodoSummary>), Error> {
    let mut rows = db::case::list_for_resident(db, resident).await?;
    rows.retain(|r| staff.cleared_for(Confidentiality::from_code(&r.confidentiality).unwrap_or(Confidentiality::ZeerGeheim)));
    order(&mut rows);
    let visible: Vec<CaseId> = rows.iter().map(|r| r.id).collect();
    let todos = db::todo::list_open_for_resident(db, resident)
        .await?
        .iter()
        .filter(|t| visible.contains(&t.case_id))
        .map(|t| todo(t, lang))
        .collect::<Result<_, _>>()?;
    Ok((rows.iter().map(|r| summary(r, lang)).collect(), todos))
}

/// A case as staff see it; the view is logged with its purpose. `payments`:
/// whether paying online is set up, so staff can ask for a payment.
pub async fn detail_for_staff(db: &Db, staff: &Staff, case: CaseId, lang: Lang, payments: bool, now: OffsetDateTime) -> Result<StaffCaseDetail, Error> {
    let row = for_staff(db, staff, case).await?;
    let entry = Entry::read(staff.id, row.resident_id, Category::Case, CASE_HANDLING).object(row.id).team(row.team_id);
    processing_log::record_reads(db, &[entry], now).await?;
    let case = detail(db, &row, lang).await?;
    // A copy's status is set in the case system, never here.
    let from_case_system = row.zgw_url.is_some();
    let next = case.timeline.iter().position(|s| s.state == StepState::Upcoming).filter(|_| !from_case_system);
    let next_status = next.map(|i| case.timeline[i].name.clone());
    let todos = staff_todos(db, row.id, lang).await?;
    let products = db::appointment::list_products(db)
        .await?
        .iter()
        .map(|p| Product { id: p.id, name: lang.pick(&p.name_nl, &p.name_en).to_string(), minutes: p.minutes })
        .collect();
    let contacts = db::conversation::list_for_case(db, row.id).await?.iter().map(|c| conversation::summary(c, lang, true)).collect::<Result<_, _>>()?;
    Ok(StaffCaseDetail { case, next_status, from_case_system, next_sequence: next.map(|i| i as i64 + 1), todos, products, payments, contacts })
}

/// Moves a case to its next status `to` (closing it at the final one),
/// logged with its purpose; the resident gets a notice. Moving to the
/// status the case is at already does nothing (a double submit); another
/// step than the next one, or losing a race to a colleague, is a `Conflict`.
pub async fn advance(db: &Db, staff: &Staff, case: CaseId, to: i64, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    let row = for_staff(db, staff, case).await?;
    if row.zgw_url.is_some() {
        // Set in the case system; the copy follows it.
        return Err(Error::Conflict);
    }
    let mut tx = db.begin().await?;
    let current = db::case::current_sequence(&mut tx, case).await?.unwrap_or(0);
    if current == to {
        // The same move again (a double submit): it happened once.
        return Ok(Committed::only(()));
    }
    let Some((sequence, is_final)) = db::case::next_status(&mut tx, case).await? else {
        return Err(Error::Conflict);
    };
    if sequence != to {
        // The page showed another step than the case is at now.
        return Err(Error::Conflict);
    }
    let case_type = db::case::case_type_of(&mut tx, case).await?;
    // Two moves at once: the step's unique key lets one in, the other is a conflict.
    db::case::insert_status(&mut tx, case, case_type, sequence, now).await.map_err(Error::conflict_on_duplicate)?;
    if is_final {
        db::case::close(&mut tx, case, now).await?;
    }
    db::case::touch(&mut tx, case, now).await?;
    let entry = Entry::change(staff.id, row.resident_id, Category::Case, CASE_HANDLING).object(case).team(row.team_id);
    processing_log::record(&mut tx, &entry, now).await?;
    let effects = notice::enqueue(&mut tx, Notice::CaseChanged { resident: row.resident_id }, now).await?;
    tx.commit().await?;
    Ok(Committed::new((), effects))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::service::seed;
    use time::macros::datetime;

    async fn resident_with_bsn(db: &Db, bsn: &str) -> ResidentId {
        db::resident::upsert_by_bsn(db, bsn, datetime!(2026-11-23 09:00 UTC)).await.unwrap()
    }

    crate::both_dbs!(the_overview_shows_open_cases_by_nearest_decision_and_closed_ones_apart, |db| {
        seed::demo(&db, datetime!(2026-11-23 09:00 UTC)).await.unwrap();
        let jan = resident_with_bsn(&db, "999993653").await;
        let cases = list_for_resident(&db, jan, Lang::Nl).await.unwrap();
        let open: Vec<_> = cases.open.iter().map(|c| c.case_type.as_str()).collect();
        assert_eq!(open, ["Omgevingsvergunning", "Parkeervergunning"], "nearest expected decision first");
        assert_eq!(cases.closed.len(), 1);
        assert_eq!(cases.closed[0].case_type, "Melding openbare ruimte");
        assert_eq!(cases.open[1].status, "In behandeling");
    });

    crate::both_dbs!(a_resident_never_sees_another_residents_case, |db| {
        seed::demo(&db, datetime!(2026-11-23 09:00 UTC)).await.unwrap();
        let jan = resident_with_bsn(&db, "999993653").await;
        let fatima = resident_with_bsn(&db, "999990019").await;
        let fatimas = list_for_resident(&db, fatima, Lang::Nl).await.unwrap();
        let foreign = fatimas.open[0].id;
        assert!(matches!(detail_for_resident(&db, jan, foreign, Lang::Nl).await, Err(Error::NotFound)));
        assert!(matches!(detail_for_resident(&db, jan, CaseId::new(), Lang::Nl).await, Err(Error::NotFound)));
        assert!(detail_for_resident(&db, fatima, foreign, Lang::Nl).await.is_ok());
    });

    crate::both_dbs!(the_timeline_marks_done_current_and_upcoming_steps, |db| {
        seed::demo(&db, datetime!(2026-11-23 09:00 UTC)).await.unwrap();
        let jan = resident_with_bsn(&db, "999993653").await;
        let parking = list_for_resident(&db, jan, Lang::En).await.unwrap().open.into_iter().find(|c| c.case_type == "Parking permit").unwrap();
        let detail = detail_for_resident(&db, jan, parking.id, Lang::En).await.unwrap();
        let states: Vec<_> = detail.timeline.iter().map(|s| s.state).collect();
        assert_eq!(states, [StepState::Done, StepState::Current, StepState::Upcoming, StepState::Upcoming]);
        assert!(detail.timeline[0].reached_on.is_some() && detail.timeline[2].reached_on.is_none());
        assert_eq!(detail.timeline[1].name, "Being processed");
    });

    crate::both_dbs!(a_resident_without_cases_gets_an_empty_overview, |db| {
        seed::demo(&db, datetime!(2026-11-23 09:00 UTC)).await.unwrap();
        let kees = resident_with_bsn(&db, "999991723").await;
        assert_eq!(list_for_resident(&db, kees, Lang::Nl).await.unwrap(), MyCases::default());
    });
}
