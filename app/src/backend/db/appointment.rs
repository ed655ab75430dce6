//! SQL for appointments, and for what can be booked where and when
//! (products, locations, opening hours).

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{AppointmentId, CaseId, LocationId, ProductId, ResidentId, StaffId, TeamId};

#[derive(Debug, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: AppointmentId,
    pub resident_id: ResidentId,
    pub case_id: Option<CaseId>,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub place: String,
    pub subject_nl: String,
    pub subject_en: String,
    pub bring_nl: String,
    pub bring_en: String,
    pub product_id: Option<ProductId>,
    pub location_id: Option<LocationId>,
    pub external_ref: Option<String>,
}

const SELECT: &str = "select id, resident_id, case_id, starts_at, ends_at, place, subject_nl, subject_en, bring_nl, bring_en,
                             product_id, location_id, external_ref from appointment";

/// The resident's appointments that are neither cancelled nor over, soonest first.
pub async fn list_upcoming_for_resident(db: &Db, resident: ResidentId, now: OffsetDateTime) -> Result<Vec<AppointmentRow>, sqlx::Error> {
    let sql = format!("{SELECT} where resident_id = $1 and cancelled_at is null and ends_at > $2 order by starts_at, id");
    on_db!(db, pool => sqlx::query_as::<_, AppointmentRow>(&sql).bind(resident).bind(now).fetch_all(pool).await)
}

/// One of the resident's own appointments that is neither cancelled nor over.
pub async fn find_upcoming_for_resident(db: &Db, resident: ResidentId, id: AppointmentId, now: OffsetDateTime) -> Result<Option<AppointmentRow>, sqlx::Error> {
    let sql = format!("{SELECT} where id = $1 and resident_id = $2 and cancelled_at is null and ends_at > $3");
    on_db!(db, pool => sqlx::query_as::<_, AppointmentRow>(&sql).bind(id).bind(resident).bind(now).fetch_optional(pool).await)
}

/// Cancels one of the resident's own upcoming appointments; false when there is no such appointment.
pub async fn cancel(tx: &mut Tx, resident: ResidentId, id: AppointmentId, by: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update appointment set cancelled_at = $1, cancelled_by = $2
               where id = $3 and resident_id = $4 and cancelled_at is null and starts_at > $1";
    on_tx!(tx, conn => sqlx::query(sql).bind(now).bind(by).bind(id).bind(resident).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Moves an upcoming appointment to another time, place and desk; false when it is no longer upcoming.
#[allow(clippy::too_many_arguments)]
pub async fn reschedule(
    tx: &mut Tx,
    resident: ResidentId,
    id: AppointmentId,
    location: LocationId,
    place: &str,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    desk: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let sql = "update appointment set location_id = $1, place = $2, starts_at = $3, ends_at = $4, desk = $5, moved_at = $6
               where id = $7 and resident_id = $8 and cancelled_at is null and starts_at > $6";
    on_tx!(tx, conn => sqlx::query(sql).bind(location).bind(place).bind(starts_at).bind(ends_at).bind(desk).bind(now).bind(id).bind(resident)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub struct NewAppointment<'a> {
    pub id: AppointmentId,
    pub resident_id: ResidentId,
    pub case_id: Option<CaseId>,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub place: &'a str,
    pub subject_nl: &'a str,
    pub subject_en: &'a str,
    pub bring_nl: &'a str,
    pub bring_en: &'a str,
}

pub async fn insert(tx: &mut Tx, new: &NewAppointment<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    insert_booked(tx, new, None, now).await
}

/// Where a booked appointment sits: product, location, desk (or the external system's reference).
pub struct Booking<'a> {
    pub product_id: ProductId,
    pub location_id: LocationId,
    pub desk: Option<i64>,
    pub external_ref: Option<&'a str>,
}

/// Inserts an appointment, booked for a product when `booking` says so. A
/// desk taken at the same time by someone else fails on its unique key.
pub async fn insert_booked(tx: &mut Tx, new: &NewAppointment<'_>, booking: Option<&Booking<'_>>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into appointment (id, resident_id, case_id, starts_at, ends_at, place, subject_nl, subject_en, bring_nl, bring_en,
                                        product_id, location_id, desk, external_ref, created_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.resident_id).bind(new.case_id).bind(new.starts_at).bind(new.ends_at)
        .bind(new.place).bind(new.subject_nl).bind(new.subject_en).bind(new.bring_nl).bind(new.bring_en)
        .bind(booking.map(|b| b.product_id)).bind(booking.map(|b| b.location_id)).bind(booking.and_then(|b| b.desk))
        .bind(booking.and_then(|b| b.external_ref)).bind(now)
        .execute(conn).await.map(|_| ()))
}

// ---------------------------------------------------------------- what can be booked

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductRow {
    pub id: ProductId,
    pub code: String,
    pub name_nl: String,
    pub name_en: String,
    pub minutes: i64,
    pub bring_nl: String,
    pub bring_en: String,
    pub team_id: TeamId,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LocationRow {
    pub id: LocationId,
    pub code: String,
    pub name: String,
    pub address: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HoursRow {
    pub location_id: LocationId,
    /// 1 = Monday ... 7 = Sunday.
    pub weekday: i64,
    /// Minutes after midnight, Dutch local time.
    pub opens: i64,
    pub closes: i64,
    pub desks: i64,
}

const PRODUCT: &str = "select id, code, name_nl, name_en, minutes, bring_nl, bring_en, team_id from appointment_product";

pub async fn list_products(db: &Db) -> Result<Vec<ProductRow>, sqlx::Error> {
    let sql = format!("{PRODUCT} order by name_nl, id");
    on_db!(db, pool => sqlx::query_as::<_, ProductRow>(&sql).fetch_all(pool).await)
}

pub async fn find_product(db: &Db, id: ProductId) -> Result<Option<ProductRow>, sqlx::Error> {
    let sql = format!("{PRODUCT} where id = $1");
    on_db!(db, pool => sqlx::query_as::<_, ProductRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// The locations where a product can be booked, by name.
pub async fn locations_of(db: &Db, product: ProductId) -> Result<Vec<LocationRow>, sqlx::Error> {
    let sql = "select distinct l.id, l.code, l.name, l.address from appointment_location l
               join appointment_hours h on h.location_id = l.id where h.product_id = $1 order by l.name, l.id";
    on_db!(db, pool => sqlx::query_as::<_, LocationRow>(sql).bind(product).fetch_all(pool).await)
}

const HOURS: &str = "select location_id, weekday, opens, closes, desks from appointment_hours where product_id = $1 order by location_id, weekday";

pub async fn hours_of(db: &Db, product: ProductId) -> Result<Vec<HoursRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, HoursRow>(HOURS).bind(product).fetch_all(pool).await)
}

/// The opening hours of a product, read inside a booking's transaction.
pub async fn hours_in(tx: &mut Tx, product: ProductId) -> Result<Vec<HoursRow>, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_as::<_, HoursRow>(HOURS).bind(product).fetch_all(conn).await)
}

/// The start of every desk booked for a product at a location between two instants (one row per desk).
pub async fn booked_between(db: &Db, product: ProductId, location: LocationId, from: OffsetDateTime, to: OffsetDateTime) -> Result<Vec<OffsetDateTime>, sqlx::Error> {
    let sql = "select starts_at from appointment
               where product_id = $1 and location_id = $2 and cancelled_at is null and starts_at >= $3 and starts_at < $4";
    on_db!(db, pool => sqlx::query_scalar::<_, OffsetDateTime>(sql).bind(product).bind(location).bind(from).bind(to).fetch_all(pool).await)
}

/// The desks already taken at one start time.
pub async fn desks_taken(tx: &mut Tx, product: ProductId, location: LocationId, starts_at: OffsetDateTime) -> Result<Vec<i64>, sqlx::Error> {
    let sql = "select desk from appointment
               where product_id = $1 and location_id = $2 and starts_at = $3 and cancelled_at is null and desk is not null";
    on_tx!(tx, conn => sqlx::query_scalar::<_, i64>(sql).bind(product).bind(location).bind(starts_at).fetch_all(conn).await)
}

pub async fn insert_location(tx: &mut Tx, row: &LocationRow, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into appointment_location (id, code, name, address, created_at) values ($1, $2, $3, $4, $5)";
    on_tx!(tx, conn => sqlx::query(sql).bind(row.id).bind(&row.code).bind(&row.name).bind(&row.address).bind(now).execute(conn).await.map(|_| ()))
}

pub async fn insert_product(tx: &mut Tx, row: &ProductRow, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into appointment_product (id, code, name_nl, name_en, minutes, bring_nl, bring_en, team_id, created_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(row.id).bind(&row.code).bind(&row.name_nl).bind(&row.name_en).bind(row.minutes)
        .bind(&row.bring_nl).bind(&row.bring_en).bind(row.team_id).bind(now)
        .execute(conn).await.map(|_| ()))
}

pub async fn insert_hours(tx: &mut Tx, product: ProductId, row: &HoursRow) -> Result<(), sqlx::Error> {
    let sql = "insert into appointment_hours (product_id, location_id, weekday, opens, closes, desks) values ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, conn => sqlx::query(sql).bind(product).bind(row.location_id).bind(row.weekday).bind(row.opens).bind(row.closes).bind(row.desks)
        .execute(conn).await.map(|_| ()))
}

// ---------------------------------------------------------------- a team's list

#[derive(Debug, sqlx::FromRow)]
pub struct TeamRow {
    pub id: AppointmentId,
    pub resident_id: ResidentId,
    pub resident_name: Option<String>,
    pub case_id: Option<CaseId>,
    pub team_id: TeamId,
    pub product_nl: String,
    pub product_en: String,
    pub location: String,
    pub starts_at: OffsetDateTime,
    pub cancelled_at: Option<OffsetDateTime>,
    pub cancelled_by: Option<String>,
}

const TEAM: &str = "select a.id, a.resident_id, r.name as resident_name, a.case_id, p.team_id, p.name_nl as product_nl, p.name_en as product_en,
                           l.name as location, a.starts_at, a.cancelled_at, a.cancelled_by
                    from appointment a
                    join appointment_product p on p.id = a.product_id
                    join appointment_location l on l.id = a.location_id
                    join resident r on r.id = a.resident_id
                    where p.team_id in (select st.team_id from staff_team st where st.staff_id = $1)";

/// The coming bookings of the staff member's teams, soonest first.
pub async fn upcoming_for_staff(db: &Db, staff: StaffId, now: OffsetDateTime, limit: i64) -> Result<Vec<TeamRow>, sqlx::Error> {
    let sql = format!("{TEAM} and a.cancelled_at is null and a.starts_at > $2 order by a.starts_at, a.id limit $3");
    on_db!(db, pool => sqlx::query_as::<_, TeamRow>(&sql).bind(staff).bind(now).bind(limit).fetch_all(pool).await)
}

/// The bookings of the staff member's teams cancelled since `since`, latest first.
pub async fn cancelled_for_staff(db: &Db, staff: StaffId, since: OffsetDateTime, limit: i64) -> Result<Vec<TeamRow>, sqlx::Error> {
    let sql = format!("{TEAM} and a.cancelled_at >= $2 order by a.cancelled_at desc, a.id limit $3");
    on_db!(db, pool => sqlx::query_as::<_, TeamRow>(&sql).bind(staff).bind(since).bind(limit).fetch_all(pool).await)
}
