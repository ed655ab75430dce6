//! Loket's own events, published as Notificaties so the municipality's
//! other systems can react: a new contact (`klantcontact` `create`, with
//! its kanaal), a callback request created or closed (`internetaak`
//! `create` / `partial_update`, with its status), a consent changed
//! (`partij` `partial_update`, with the purpose and whether it is
//! granted). Each points at the resource in Loket's Klantinteracties API
//! (`service::klantinteracties`), where a subscriber with a token reads
//! the rest: a notification itself carries no personal data.
//!
//! [`record`] writes the event in the transaction of the change; the
//! publishing job ([`round`]) sends what is due, oldest first, and keeps
//! what the Notificaties API did not take for later (doubling the wait up
//! to an hour). Without a Notificaties API to publish to, events are
//! dropped after a day.

use std::sync::Arc;

use time::{Duration, OffsetDateTime};

use crate::backend::{
    db::{self, Db},
    service::klantinteracties::Api,
    zgw::{resource::Notificatie, Zgw, ZgwError},
    Error,
};
use crate::model::ids::{CallbackId, MessageId, ResidentId};

/// The kanaal Loket publishes on.
pub const KANAAL: &str = "loket";
/// The kenmerken subscribers can filter on.
pub const FILTERS: [&str; 4] = ["kanaal", "status", "doel", "toestemming"];
/// Events sent per round at most.
const BATCH: i64 = 100;
/// How long a node holds the events it claimed.
const LEASE: Duration = Duration::minutes(2);
/// How long events wait for a Notificaties API that is not there.
const KEPT_UNPUBLISHED: Duration = Duration::days(1);

/// Something that happened in Loket that others may want to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// A message (not an internal note) on a conversation channel (`portal`, `email` ...).
    Message { id: MessageId, channel: &'a str },
    /// A callback request was made: a contact (on the portal, or by phone
    /// when staff made it) that led to a task.
    CallbackCreated { id: CallbackId, by_staff: bool },
    /// A callback request was handled or cancelled.
    CallbackClosed { id: CallbackId },
    /// A resident granted or revoked consent for a purpose (its code).
    Consent { resident: ResidentId, purpose: &'a str, granted: bool },
}

/// (resource, id, actie, kenmerken) as the `publication` row holds them.
fn rows(event: &Event<'_>) -> Vec<(&'static str, uuid::Uuid, &'static str, serde_json::Value)> {
    use serde_json::json;
    match *event {
        Event::Message { id, channel } => vec![("klantcontact", id.0, "create", json!({ "kanaal": crate::backend::service::klantinteracties::kanaal(channel) }))],
        Event::CallbackCreated { id, by_staff } => vec![
            ("klantcontact", id.0, "create", json!({ "kanaal": if by_staff { "telefoon" } else { "portaal" } })),
            ("internetaak", id.0, "create", json!({ "status": "te_verwerken" })),
        ],
        Event::CallbackClosed { id } => vec![("internetaak", id.0, "partial_update", json!({ "status": "verwerkt" }))],
        Event::Consent { resident, purpose, granted } => {
            vec![("partij", resident.0, "partial_update", json!({ "doel": purpose, "toestemming": if granted { "verleend" } else { "ingetrokken" } }))]
        }
    }
}

/// Queues the event in the caller's transaction: published after it commits, never for a rollback.
pub async fn record(tx: &mut db::Tx, event: &Event<'_>, now: OffsetDateTime) -> Result<(), Error> {
    for (resource, id, actie, kenmerken) in rows(event) {
        let kenmerken = kenmerken.to_string();
        let new = db::publication::NewPublication { resource, resource_id: id, actie, kenmerken: &kenmerken };
        db::publication::insert(tx, &new, now).await?;
    }
    Ok(())
}

/// Where events go: a Notificaties API, reached with Loket's ZGW client.
pub struct Publisher {
    pub zgw: Arc<Zgw>,
}

/// The notification for an event row: its resource and main object as URLs in Loket's Klantinteracties API.
fn notificatie(api: &Api, row: &db::publication::PublicationRow) -> Notificatie {
    // A task's main object is the contact it came from, which has its uuid.
    let (collection, main) = match row.resource.as_str() {
        "klantcontact" => ("klantcontacten", "klantcontacten"),
        "internetaak" => ("internetaken", "klantcontacten"),
        _ => ("partijen", "partijen"),
    };
    let kenmerken = serde_json::from_str(&row.kenmerken).unwrap_or_default();
    Notificatie {
        kanaal: KANAAL.into(),
        hoofd_object: format!("{}/{main}/{}", api.base, row.resource_id),
        resource: row.resource.clone(),
        resource_url: format!("{}/{collection}/{}", api.base, row.resource_id),
        actie: row.actie.clone(),
        aanmaakdatum: row.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        kenmerken,
    }
}

/// Makes sure the kanaal exists at the Notificaties API.
pub async fn prepare(publisher: &Publisher, public_url: &str) -> Result<(), ZgwError> {
    let documentation = format!("{}{}", public_url.trim_end_matches('/'), crate::backend::service::klantinteracties::BASE_PATH);
    publisher.zgw.ensure_kanaal(KANAAL, &documentation, &FILTERS).await.map(|_| ())
}

/// What a round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub published: usize,
    /// Not taken this time: tried again later.
    pub deferred: usize,
    pub dropped: u64,
}

/// The wait after `attempts` failed tries: doubling from 30 seconds to an hour.
fn retry_after(attempts: i64) -> Duration {
    Duration::seconds(30i64.saturating_mul(1 << attempts.clamp(1, 8).saturating_sub(1)).min(3600))
}

/// Publishes the events that are due, oldest first. Once the Notificaties
/// API fails, the rest of the batch waits too (it would fail the same way).
pub async fn round(db: &Db, publisher: Option<&Publisher>, public_url: &str, now: OffsetDateTime) -> Result<Round, Error> {
    let Some(publisher) = publisher else {
        return Ok(Round { dropped: db::publication::drop_before(db, now - KEPT_UNPUBLISHED).await?, ..Round::default() });
    };
    let api = Api::new(public_url);
    let claimed = db::publication::claim(db, now, now + LEASE, BATCH).await?;
    let mut round = Round::default();
    // After a refusal: when the rest of the batch is tried again.
    let mut again: Option<OffsetDateTime> = None;
    for row in &claimed {
        if let Some(at) = again {
            db::publication::retry_at(db, row.id, at, false).await?;
            round.deferred += 1;
            continue;
        }
        match publisher.zgw.publish(&notificatie(&api, row)).await {
            Ok(_) => {
                db::publication::delete(db, row.id).await?;
                round.published += 1;
            }
            Err(error) => {
                let attempts = row.attempts + 1;
                tracing::warn!(error = %error, resource = %row.resource, attempts, "the Notificaties API did not take an event; trying again later");
                let at = now + retry_after(attempts);
                db::publication::retry_at(db, row.id, at, true).await?;
                round.deferred += 1;
                again = Some(at);
            }
        }
    }
    Ok(round)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notification_points_into_the_klantinteracties_api_and_carries_no_personal_data() {
        let resident = ResidentId(uuid::Uuid::from_u128(5));
        let [(resource, id, actie, kenmerken)] = rows(&Event::Consent { resident, purpose: "onderzoek", granted: false }).try_into().unwrap();
        let row = db::publication::PublicationRow {
            id: uuid::Uuid::from_u128(1),
            resource: resource.into(),
            resource_id: id,
            actie: actie.into(),
            kenmerken: kenmerken.to_string(),
            created_at: time::macros::datetime!(2026-12-07 10:00 UTC),
            attempts: 1,
        };
        let n = notificatie(&Api::new("https://loket.example.nl/"), &row);
        let partij = format!("https://loket.example.nl/klantinteracties/api/v1/partijen/{}", resident.0);
        assert_eq!((n.kanaal.as_str(), n.resource.as_str(), n.actie.as_str()), ("loket", "partij", "partial_update"));
        assert_eq!((n.hoofd_object.as_str(), n.resource_url.as_str()), (partij.as_str(), partij.as_str()));
        assert_eq!(n.aanmaakdatum, "2026-12-07T10:00:00Z");
        assert_eq!(serde_json::Value::Object(n.kenmerken), serde_json::json!({"doel": "onderzoek", "toestemming": "ingetrokken"}));

        let callback = CallbackId(uuid::Uuid::from_u128(9));
        let made = rows(&Event::CallbackCreated { id: callback, by_staff: true });
        assert_eq!(made.iter().map(|r| (r.0, r.2)).collect::<Vec<_>>(), [("klantcontact", "create"), ("internetaak", "create")]);
        let task = db::publication::PublicationRow { resource: "internetaak".into(), resource_id: callback.0, ..row };
        let n = notificatie(&Api::new("https://loket.example.nl"), &task);
        assert!(n.hoofd_object.ends_with(&format!("/klantcontacten/{}", callback.0)) && n.resource_url.ends_with(&format!("/internetaken/{}", callback.0)));
    }

    #[test]
    fn a_refused_event_waits_longer_each_time_up_to_an_hour() {
        assert_eq!(retry_after(1), Duration::seconds(30));
        assert_eq!(retry_after(3), Duration::seconds(120));
        assert_eq!(retry_after(40), Duration::hours(1));
    }
}
