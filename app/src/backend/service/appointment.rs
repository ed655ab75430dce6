//! Appointments: the resident's upcoming ones, shown in Dutch local time,
//! and cancelling one of their own.

use time::OffsetDateTime;

use crate::backend::{db, db::Db, Error};
use crate::backend::local_time::offset_at;
use crate::i18n::Lang;
use crate::model::{appointment::AppointmentSummary, ids::{AppointmentId, ResidentId}};

/// The resident's upcoming appointments, soonest first.
pub async fn list_upcoming(db: &Db, resident: ResidentId, lang: Lang, now: OffsetDateTime) -> Result<Vec<AppointmentSummary>, Error> {
    let rows = db::appointment::list_upcoming_for_resident(db, resident, now).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let starts = r.starts_at.to_offset(offset_at(r.starts_at));
            let ends = r.ends_at.to_offset(offset_at(r.ends_at));
            AppointmentSummary {
                id: r.id,
                subject: lang.pick(&r.subject_nl, &r.subject_en).to_string(),
                date: starts.date(),
                starts: starts.time(),
                ends: ends.time(),
                place: r.place,
                bring: lang.pick(&r.bring_nl, &r.bring_en).to_string(),
            }
        })
        .collect())
}

/// Cancels one of the resident's own upcoming appointments; anyone else's,
/// a past or an already cancelled one is `NotFound`.
pub async fn cancel(db: &Db, resident: ResidentId, id: AppointmentId, now: OffsetDateTime) -> Result<(), Error> {
    if db::appointment::cancel(db, resident, id, now).await? { Ok(()) } else { Err(Error::NotFound) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    crate::both_dbs!(a_resident_cancels_their_own_appointment_once_and_nobody_elses, |db| {
        let now = datetime!(2026-11-23 09:00 UTC);
        crate::backend::service::seed::demo(&db, now).await.unwrap();
        let jan = db::resident::upsert_by_bsn(&db, "999993653", now).await.unwrap();
        let kees = db::resident::upsert_by_bsn(&db, "999991723", now).await.unwrap();
        let upcoming = list_upcoming(&db, jan, Lang::Nl, now).await.unwrap();
        assert_eq!(upcoming.len(), 1);
        let id = upcoming[0].id;
        assert_eq!(upcoming[0].starts.hour(), 10, "shown in Dutch local time");
        assert!(matches!(cancel(&db, kees, id, now).await, Err(Error::NotFound)));
        cancel(&db, jan, id, now).await.unwrap();
        assert!(matches!(cancel(&db, jan, id, now).await, Err(Error::NotFound)), "cancelling twice changes nothing");
        assert!(list_upcoming(&db, jan, Lang::Nl, now).await.unwrap().is_empty());
    });
}
