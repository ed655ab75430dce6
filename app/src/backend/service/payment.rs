//! Paying a pay to-do: the resident starts a payment at the provider and
//! is sent to its checkout page; the provider's notification settles it
//! (asking the provider for the status, never trusting the notification),
//! and a paid payment is the to-do done. A notification twice, out of
//! order or for a payment already settled changes nothing.

use time::OffsetDateTime;

use crate::backend::{
    db::{self, Db},
    effect::Committed,
    payment::{Checkout, PaymentProvider, PaymentStatus},
    Error,
};
use crate::model::case::{PaymentOutcome, TodoKind};
use crate::model::ids::{PaymentId, ResidentId, TodoId};

/// Where a provider says that a payment changed.
pub const WEBHOOK_PATH: &str = "/webhooks/betaling";

/// Starts paying one of the resident's open pay to-dos; the page to send
/// them to. Someone else's to-do, or one done already, is `NotFound`.
pub async fn start(db: &Db, provider: &dyn PaymentProvider, resident: ResidentId, todo: TodoId, public_url: &str, now: OffsetDateTime) -> Result<String, Error> {
    let row = db::todo::find_open(db, resident, todo, TodoKind::Pay.code()).await?.ok_or(Error::NotFound)?;
    let amount_cents = row.amount_cents.filter(|a| *a > 0).ok_or(Error::NotFound)?;
    let id = PaymentId::new();
    let base = public_url.trim_end_matches('/');
    // What the bank statement says: the case type, never the resident.
    let description = format!("{} ({})", row.type_nl, row.title_nl.chars().take(60).collect::<String>());
    let checkout = Checkout {
        amount_cents,
        description: &description,
        return_url: format!("{base}{}?betaling={id}", crate::path::resident_case(row.case_id)),
        webhook_url: format!("{base}{WEBHOOK_PATH}"),
    };
    let started = provider.start(&checkout).await?;
    let new = db::payment::NewPayment { id, todo_id: todo, resident_id: resident, amount_cents, provider: provider.name(), reference: &started.reference };
    db::payment::insert(db, &new, now).await?;
    Ok(started.checkout_url)
}

/// The provider says payment `reference` changed: asks it where the
/// payment stands and settles ours once. True when this call settled it.
/// An unknown reference is `NotFound`.
pub async fn settle(db: &Db, provider: &dyn PaymentProvider, reference: &str, now: OffsetDateTime) -> Result<Committed<bool>, Error> {
    let payment = db::payment::find_by_reference(db, reference).await?.ok_or(Error::NotFound)?;
    if payment.provider != provider.name() {
        return Err(Error::NotFound);
    }
    let status = provider.status(reference).await?;
    if status == PaymentStatus::Open {
        return Ok(Committed::only(false));
    }
    // Read before the transaction: it holds a connection of its own.
    let todo = db::todo::find_open(db, payment.resident_id, payment.todo_id, TodoKind::Pay.code()).await?;
    let mut tx = db.begin().await?;
    if !db::payment::settle(&mut tx, payment.id, status.code(), now).await? {
        return Ok(Committed::only(false));
    }
    if status == PaymentStatus::Paid {
        match todo {
            Some(todo) => {
                db::todo::mark_done(&mut tx, payment.resident_id, todo.case_id, todo.id, TodoKind::Pay.code(), None, now).await?;
                db::case::touch(&mut tx, todo.case_id, now).await?;
            }
            // Paid twice (a second tab): the to-do was done by the first; staff refund the second.
            None => tracing::warn!(payment = %payment.id, "a payment for a to-do that was paid already"),
        }
    }
    tx.commit().await?;
    Ok(Committed::only(true))
}

/// Where one of the resident's own payments stands, for the page they come back to.
pub async fn outcome(db: &Db, resident: ResidentId, id: PaymentId) -> Result<PaymentOutcome, Error> {
    let payment = db::payment::find_for_resident(db, resident, id).await?.ok_or(Error::NotFound)?;
    Ok(match PaymentStatus::from_code(&payment.status) {
        Some(PaymentStatus::Paid) => PaymentOutcome::Paid,
        Some(PaymentStatus::Open) => PaymentOutcome::Waiting,
        _ => PaymentOutcome::NotPaid,
    })
}
