//! The municipality's own closed days (the day after Ascension, a local
//! holiday): the administrator sets them, and every term in working days
//! (callback requests, their reminders) and every free appointment time
//! skips them, as it skips the national public holidays.

use time::{Date, OffsetDateTime};

use crate::backend::{
    auth::session::Staff,
    calendar::Calendar,
    db::{self, Db},
    local_time, Error,
};
use crate::error::FieldErrorCode;
use crate::i18n::{format_date, Lang};
use crate::model::closed_day::ClosedDay;

/// The longest name of a closed day.
pub const MAX_NAME_CHARS: usize = 100;

/// The working calendar with the municipality's closed days in it.
pub async fn calendar(db: &Db) -> Result<Calendar, Error> {
    Ok(Calendar { closed: db::closed_day::days(db).await?, ..Calendar::default() })
}

/// The closed days from today on, as the administrator's page lists them.
pub async fn upcoming(db: &Db, lang: Lang, now: OffsetDateTime) -> Result<Vec<ClosedDay>, Error> {
    let today = local_time::date_of(now);
    Ok(db::closed_day::list_from(db, today)
        .await?
        .into_iter()
        .map(|(day, name)| ClosedDay { day: day.to_string(), written: format_date(lang, day), name })
        .collect())
}

fn parse_day(day: &str) -> Result<Date, Error> {
    Date::parse(day.trim(), time::macros::format_description!("[year]-[month]-[day]")).map_err(|_| Error::field("day", FieldErrorCode::Invalid))
}

/// The administrator closes the municipality on `day` (`YYYY-MM-DD`, today
/// or later) for the reason `name`. A day closed already is a `Conflict`.
pub async fn add(db: &Db, staff: &Staff, day: &str, name: &str, now: OffsetDateTime) -> Result<(), Error> {
    let parsed = if day.trim().is_empty() { Err(Error::field("day", FieldErrorCode::Missing)) } else { parse_day(day) };
    let name = Error::required_text("name", name, MAX_NAME_CHARS);
    let (day, name) = match (parsed, name) {
        (Ok(day), Ok(name)) => (day, name),
        (day, name) => {
            let fields = [day.err(), name.err()].into_iter().flatten().flat_map(|e| match e {
                Error::Validation(fields) => fields,
                _ => Vec::new(),
            });
            return Err(Error::Validation(fields.collect()));
        }
    };
    if day < local_time::date_of(now) {
        return Err(Error::field("day", FieldErrorCode::Invalid));
    }
    if !db::closed_day::insert(db, day, &name, staff.id, now).await? {
        return Err(Error::Conflict);
    }
    Ok(())
}

/// The administrator opens a closed day again; one that is not closed is `NotFound`.
pub async fn remove(db: &Db, day: &str) -> Result<(), Error> {
    if db::closed_day::delete(db, parse_day(day)?).await? { Ok(()) } else { Err(Error::NotFound) }
}
