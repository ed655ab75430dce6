//! SQL for payments of pay to-dos, and the local test provider's own bookkeeping.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{PaymentId, ResidentId, TodoId};

#[derive(Debug, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: PaymentId,
    pub todo_id: TodoId,
    pub resident_id: ResidentId,
    pub amount_cents: i64,
    pub provider: String,
    pub reference: String,
    pub status: String,
}

const SELECT: &str = "select id, todo_id, resident_id, amount_cents, provider, reference, status from payment";

pub struct NewPayment<'a> {
    pub id: PaymentId,
    pub todo_id: TodoId,
    pub resident_id: ResidentId,
    pub amount_cents: i64,
    pub provider: &'a str,
    pub reference: &'a str,
}

pub async fn insert(db: &Db, new: &NewPayment<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into payment (id, todo_id, resident_id, amount_cents, provider, reference, status, created_at, updated_at)
               values ($1, $2, $3, $4, $5, $6, 'open', $7, $7)";
    on_db!(db, pool => sqlx::query(sql).bind(new.id).bind(new.todo_id).bind(new.resident_id).bind(new.amount_cents)
        .bind(new.provider).bind(new.reference).bind(now).execute(pool).await.map(|_| ()))
}

pub async fn find_by_reference(db: &Db, reference: &str) -> Result<Option<PaymentRow>, sqlx::Error> {
    let sql = format!("{SELECT} where reference = $1");
    on_db!(db, pool => sqlx::query_as::<_, PaymentRow>(&sql).bind(reference).fetch_optional(pool).await)
}

/// One of the resident's own payments.
pub async fn find_for_resident(db: &Db, resident: ResidentId, id: PaymentId) -> Result<Option<PaymentRow>, sqlx::Error> {
    let sql = format!("{SELECT} where id = $1 and resident_id = $2");
    on_db!(db, pool => sqlx::query_as::<_, PaymentRow>(&sql).bind(id).bind(resident).fetch_optional(pool).await)
}

/// Sets an open payment's outcome; false when it was settled before (a
/// notification twice, or two at once): the first one counts.
pub async fn settle(tx: &mut Tx, id: PaymentId, status: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update payment set status = $1, updated_at = $2 where id = $3 and status = 'open'";
    on_tx!(tx, conn => sqlx::query(sql).bind(status).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

// ---------------------------------------------------------------- the local test provider

#[derive(Debug, sqlx::FromRow)]
pub struct TestPaymentRow {
    pub reference: String,
    pub amount_cents: i64,
    pub description: String,
    pub return_url: String,
    pub webhook_url: String,
    pub status: String,
}

pub async fn insert_test(db: &Db, row: &TestPaymentRow, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into test_payment (reference, amount_cents, description, return_url, webhook_url, status, created_at)
               values ($1, $2, $3, $4, $5, $6, $7)";
    on_db!(db, pool => sqlx::query(sql).bind(&row.reference).bind(row.amount_cents).bind(&row.description).bind(&row.return_url)
        .bind(&row.webhook_url).bind(&row.status).bind(now).execute(pool).await.map(|_| ()))
}

pub async fn find_test(db: &Db, reference: &str) -> Result<Option<TestPaymentRow>, sqlx::Error> {
    let sql = "select reference, amount_cents, description, return_url, webhook_url, status from test_payment where reference = $1";
    on_db!(db, pool => sqlx::query_as::<_, TestPaymentRow>(sql).bind(reference).fetch_optional(pool).await)
}

/// The tester's choice on the checkout page; false when it was made before.
pub async fn decide_test(db: &Db, reference: &str, status: &str) -> Result<bool, sqlx::Error> {
    let sql = "update test_payment set status = $1 where reference = $2 and status = 'open'";
    on_db!(db, pool => sqlx::query(sql).bind(status).bind(reference).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// A resident's payments for the download of all their data, oldest first.
#[derive(Debug, sqlx::FromRow)]
pub struct ExportRow {
    pub title_nl: String,
    pub title_en: String,
    pub amount_cents: i64,
    pub status: String,
    pub created_at: OffsetDateTime,
}

pub async fn list_for_export(db: &Db, resident: ResidentId) -> Result<Vec<ExportRow>, sqlx::Error> {
    let sql = "select t.title_nl, t.title_en, p.amount_cents, p.status, p.created_at from payment p join todo t on t.id = p.todo_id
               where p.resident_id = $1 order by p.created_at, p.id";
    on_db!(db, pool => sqlx::query_as::<_, ExportRow>(sql).bind(resident).fetch_all(pool).await)
}
