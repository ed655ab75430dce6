//! Benchmark data: a large invented municipality, the same every time for
//! the same seed, on top of a set-up one (its case types, teams, staff,
//! kinds of callback request and consent purposes). Per resident: 10
//! cases with their status histories, 10 conversations of 5 messages over
//! every channel (one still open), 2 callback requests, 3 consent events
//! and 10 processing-log lines; 100,000 residents make the full size.
//! Nothing is dated past the default retention terms (a year for
//! contacts), as in a municipality whose daily retention run keeps up.
//! Only for development databases: the caller refuses production.

use std::time::Instant;

use rand::{rngs::StdRng, Rng, SeedableRng};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::backend::{
    auth::bsn::Bsn,
    db::{
        self,
        bench_data::{Batch, Reference, Value},
        Db,
    },
    service::statistics,
    Error,
};

/// The full size: a municipality of 100,000 residents.
pub const FULL: u64 = 100_000;
/// Residents generated (and written) together.
const CHUNK: u64 = 1_000;

pub const CASES_PER_RESIDENT: u64 = 10;
pub const CONVERSATIONS_PER_RESIDENT: u64 = 10;
pub const MESSAGES_PER_CONVERSATION: u64 = 5;
pub const CALLBACKS_PER_RESIDENT: u64 = 2;
pub const CONSENT_EVENTS_PER_RESIDENT: u64 = 3;
pub const LOG_LINES_PER_RESIDENT: u64 = 10;

const CHANNELS: [&str; 6] = ["portal", "email", "whatsapp", "sms", "phone", "counter"];
const LEGAL_GROUND: &str = "AVG art. 6 lid 1 sub e (publieke taak)";

/// Rows written per table, and how long it took.
#[derive(Debug, Default)]
pub struct Report {
    pub tables: Vec<(&'static str, u64)>,
    /// The whole run.
    pub seconds: f64,
    /// Of which counting the statistics' figures.
    pub statistics_seconds: f64,
}

/// Fills `db` with `residents` invented residents and all that is theirs.
/// `progress` hears how many residents are done.
pub async fn generate(db: &Db, residents: u64, seed: u64, now: OffsetDateTime, mut progress: impl FnMut(u64)) -> Result<Report, Error> {
    let reference = db::bench_data::reference(db).await?;
    if reference.case_types.is_empty() || reference.teams.is_empty() || reference.staff.is_empty() || reference.callback_types.is_empty() || reference.consent.is_empty() {
        return Err(Error::Internal("no municipality to build on: run `loket init` (or use the demo) first"));
    }
    // Made once: the first generated resident is there already.
    if db::resident::find_by_bsn(db, &Bsns::default().take()).await?.is_some() {
        return Err(Error::Conflict);
    }
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(seed);
    let mut bsns = Bsns::default();
    let mut counts: Vec<(&'static str, u64)> = Vec::new();
    let mut first = 0;
    while first < residents {
        let last = (first + CHUNK).min(residents);
        let batches = chunk(&mut rng, &mut bsns, &reference, first..last, now);
        for batch in &batches {
            db::bench_data::write(db, batch).await?;
            match counts.iter_mut().find(|(t, _)| *t == batch.table) {
                Some((_, n)) => *n += batch.rows.len() as u64,
                None => counts.push((batch.table, batch.rows.len() as u64)),
            }
        }
        progress(last);
        first = last;
    }
    let generated = started.elapsed().as_secs_f64();
    // The statistics' figures, as the job counts them at the first start
    // (here, so that a benchmark does not measure the job catching up).
    while statistics::count(db, now + statistics::LAG).await? {}
    let statistics = started.elapsed().as_secs_f64() - generated;
    db::bench_data::analyze(db).await?;
    Ok(Report { tables: counts, seconds: started.elapsed().as_secs_f64(), statistics_seconds: statistics })
}

/// Valid BSNs (the 11-test) in order from 200,000,000: never a demo resident's.
#[derive(Default)]
pub struct Bsns {
    next: u64,
}

impl Bsns {
    pub fn take(&mut self) -> String {
        loop {
            let candidate = format!("{:09}", 200_000_000 + self.next);
            self.next += 1;
            if Bsn::parse(&candidate).is_ok() {
                return candidate;
            }
        }
    }
}

fn id(rng: &mut StdRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.r#gen()).into_uuid()
}

fn pick<T: Copy>(rng: &mut StdRng, list: &[T]) -> T {
    list[rng.gen_range(0..list.len())]
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn opt_moment(at: Option<OffsetDateTime>) -> Value {
    at.map_or(Value::Null, Value::Moment)
}

/// Every row of residents `range`, per table in the order foreign keys need.
fn chunk(rng: &mut StdRng, bsns: &mut Bsns, reference: &Reference, range: std::ops::Range<u64>, now: OffsetDateTime) -> Vec<Batch> {
    let batch = |table, columns| Batch { table, columns, rows: Vec::new() };
    let mut resident = batch("resident", &["id", "bsn", "created_at", "name", "birth_date", "postal_code", "house_number"]);
    let mut case = batch("service_case", &["id", "reference", "case_type_id", "resident_id", "started_on", "expected_decision_on", "closed_at", "created_at", "updated_at"]);
    let mut status = batch("case_status", &["id", "case_id", "status_type_id", "reached_at"]);
    let mut conversation = batch("conversation", &["id", "resident_id", "subject", "status", "team_id", "channel", "created_at", "updated_at", "closed_at", "result"]);
    let mut message = batch("message", &["id", "conversation_id", "client_id", "channel", "direction", "staff_id", "body", "created_at"]);
    let mut callback = batch(
        "callback",
        &["id", "client_id", "callback_type_id", "resident_id", "phone", "preferred_time", "question", "answers", "team_id", "status", "due_at", "reminders", "result", "created_at", "updated_at", "closed_at"],
    );
    let mut consent = batch("consent_event", &["id", "resident_id", "purpose_id", "text_id", "sequence", "granted", "channel", "at"]);
    let mut log = batch("processing_log", &["id", "at", "staff_id", "staff_role", "team_id", "resident_id", "category", "operation", "purpose", "legal_ground"]);
    let ago = |rng: &mut StdRng, days: i64| now - Duration::days(rng.gen_range(1..days)) - Duration::minutes(rng.gen_range(0..1440));
    for n in range {
        let rid = id(rng);
        let joined = ago(rng, 3000);
        let born = time::Date::from_calendar_date(rng.gen_range(1930..2008), time::Month::January, 1).unwrap_or(time::Date::MIN) + Duration::days(rng.gen_range(0..365));
        let letters: String = (0..2).map(|_| char::from(b'A' + rng.gen_range(0..26u8))).collect();
        resident.rows.push(vec![
            Value::Id(rid),
            text(bsns.take()),
            Value::Moment(joined),
            text(format!("Inwoner {n}")),
            Value::Day(born),
            text(format!("{} {letters}", rng.gen_range(1000..10_000))),
            text(rng.gen_range(1..300).to_string()),
        ]);
        for c in 0..CASES_PER_RESIDENT {
            let cid = id(rng);
            let (case_type, steps) = &reference.case_types[rng.gen_range(0..reference.case_types.len())];
            let started = ago(rng, 1500);
            let closed = rng.gen_bool(0.7);
            let reached = if closed { steps.len() } else { rng.gen_range(1..=steps.len().max(2) - 1).min(steps.len()) };
            let mut at = started;
            for step in &steps[..reached] {
                status.rows.push(vec![Value::Id(id(rng)), Value::Id(cid), Value::Id(*step), Value::Moment(at)]);
                at += Duration::days(rng.gen_range(1..20));
            }
            let last = at - Duration::days(1);
            case.rows.push(vec![
                Value::Id(cid),
                text(format!("B-{n:06}-{c}")),
                Value::Id(*case_type),
                Value::Id(rid),
                Value::Day(started.date()),
                Value::Null,
                opt_moment(closed.then_some(last)),
                Value::Moment(started),
                Value::Moment(last),
            ]);
        }
        for c in 0..CONVERSATIONS_PER_RESIDENT {
            let conversation_id = id(rng);
            let channel = pick(rng, &CHANNELS);
            let open = c == 0;
            // Within the year: a municipality whose retention runs daily keeps no closed contact longer.
            let mut at = ago(rng, 330);
            let created = at;
            for m in 0..MESSAGES_PER_CONVERSATION {
                let inbound = m % 2 == 0;
                message.rows.push(vec![
                    Value::Id(id(rng)),
                    Value::Id(conversation_id),
                    Value::Id(id(rng)),
                    text(channel),
                    text(if inbound { "in" } else { "out" }),
                    if inbound { Value::Null } else { Value::Id(pick(rng, &reference.staff)) },
                    text(if inbound { format!("Vraag {m} van inwoner {n} over onderwerp {c}.") } else { format!("Antwoord {m} van de gemeente.") }),
                    Value::Moment(at),
                ]);
                at += Duration::minutes(rng.gen_range(5..3000));
            }
            conversation.rows.push(vec![
                Value::Id(conversation_id),
                Value::Id(rid),
                text(format!("Vraag over onderwerp {c}")),
                text(if open { "open" } else { "closed" }),
                Value::Id(pick(rng, &reference.teams)),
                text(channel),
                Value::Moment(created),
                Value::Moment(at),
                opt_moment((!open).then_some(at)),
                if open { Value::Null } else { text("Beantwoord") },
            ]);
        }
        for c in 0..CALLBACKS_PER_RESIDENT {
            let (kind, team) = pick(rng, &reference.callback_types);
            let created = ago(rng, 330);
            let handled = c > 0 || rng.gen_bool(0.9);
            callback.rows.push(vec![
                Value::Id(id(rng)),
                Value::Id(id(rng)),
                Value::Id(kind),
                Value::Id(rid),
                text(format!("06{:08}", rng.gen_range(0..100_000_000u64))),
                text("ochtend"),
                text("Kunt u mij terugbellen over mijn vraag?"),
                text("[]"),
                Value::Id(team),
                text(if handled { "handled" } else { "open" }),
                Value::Moment(if handled { created + Duration::days(2) } else { now + Duration::days(rng.gen_range(1..3)) }),
                Value::Int(0),
                if handled { text("Gebeld en geholpen") } else { Value::Null },
                Value::Moment(created),
                Value::Moment(created + Duration::days(1)),
                opt_moment(handled.then_some(created + Duration::days(1))),
            ]);
        }
        let (purpose, version) = pick(rng, &reference.consent);
        let mut at = ago(rng, 900);
        for sequence in 1..=CONSENT_EVENTS_PER_RESIDENT as i64 {
            consent.rows.push(vec![Value::Id(id(rng)), Value::Id(rid), Value::Id(purpose), Value::Id(version), Value::Int(sequence), Value::Bool(sequence % 2 == 1), text("portal"), Value::Moment(at)]);
            at += Duration::days(rng.gen_range(1..100));
        }
        for _ in 0..LOG_LINES_PER_RESIDENT {
            log.rows.push(vec![
                Value::Id(id(rng)),
                Value::Moment(ago(rng, 700)),
                Value::Id(pick(rng, &reference.staff)),
                text("kcc"),
                Value::Id(pick(rng, &reference.teams)),
                Value::Id(rid),
                text(pick(rng, &["klantbeeld", "gesprek", "overzicht", "zaak"])),
                text("read"),
                text("klantcontact"),
                text(LEGAL_GROUND),
            ]);
        }
    }
    vec![resident, case, status, conversation, message, callback, consent, log]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsns_pass_the_eleven_test_and_never_repeat() {
        let mut bsns = Bsns::default();
        let taken: Vec<String> = (0..1000).map(|_| bsns.take()).collect();
        assert!(taken.iter().all(|b| Bsn::parse(b).is_ok()), "{taken:?}");
        let unique: std::collections::HashSet<_> = taken.iter().collect();
        assert_eq!(unique.len(), taken.len());
    }

    #[test]
    fn the_same_seed_gives_the_same_rows() {
        let reference = Reference {
            case_types: vec![(Uuid::nil(), vec![Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)])],
            teams: vec![Uuid::from_u128(4)],
            staff: vec![Uuid::from_u128(5)],
            callback_types: vec![(Uuid::from_u128(6), Uuid::from_u128(4))],
            consent: vec![(Uuid::from_u128(7), Uuid::from_u128(8))],
        };
        let now = time::macros::datetime!(2026-12-01 12:00 UTC);
        let render = |seed| {
            let batches = chunk(&mut StdRng::seed_from_u64(seed), &mut Bsns::default(), &reference, 0..3, now);
            format!("{:?}", batches.iter().map(|b| &b.rows).collect::<Vec<_>>())
        };
        assert_eq!(render(7), render(7));
        assert_ne!(render(7), render(8));
        let batches = chunk(&mut StdRng::seed_from_u64(1), &mut Bsns::default(), &reference, 0..3, now);
        let rows = |table: &str| batches.iter().find(|b| b.table == table).map_or(0, |b| b.rows.len() as u64);
        assert_eq!(rows("service_case"), 3 * CASES_PER_RESIDENT);
        assert_eq!(rows("message"), 3 * CONVERSATIONS_PER_RESIDENT * MESSAGES_PER_CONVERSATION);
        assert_eq!(rows("callback"), 3 * CALLBACKS_PER_RESIDENT);
    }
}
