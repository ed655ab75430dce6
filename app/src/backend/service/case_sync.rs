//! Residents' cases from the municipality's ZGW case system: Loket keeps a
//! local copy (the same tables as its own cases), so pages read only that
//! and never wait for the case system. This module owns keeping it
//! current: finding a resident's cases by BSN after a login, fetching a
//! case again when a notification names it, and the reconciliation that
//! fetches the stalest copies and imports, a bounded number per round.
//! Every fetch reads the case as it is now and writes the whole copy in
//! one transaction, so a notification twice, late or out of order
//! changes nothing a second time. Only what a resident may see is
//! copied: case types marked `intern` stay out, and documents only when
//! final and within the configured confidentiality.

use std::{collections::HashMap, sync::Arc, time::Duration};

use time::OffsetDateTime;

use crate::backend::{
    db::{self, case_sync::ImportOutcome, Db},
    effect::{Committed, Effects},
    service::notice::{self, Notice},
    zgw::{resource, Zgw, ZgwError},
    Error,
};
use crate::model::ids::{CaseId, ResidentId};
use crate::model::staff_member::Confidentiality;

/// The copy's settings: where the cases come from and what of them residents see.
pub struct CaseSync {
    pub zgw: Arc<Zgw>,
    /// The most confidential level of a document a resident gets to see.
    pub document_confidentiality: Confidentiality,
    /// What the Notificaties API must send in `Authorization` (the subscription's `auth`).
    pub notification_auth: String,
    /// Where documents sent in a copied case go in the Documenten API;
    /// `None`: they stay in Loket (staff see them there, the case system does not).
    pub uploads: Option<Uploads>,
}

/// How Loket files a document in the Documenten API.
pub struct Uploads {
    /// The municipality's RSIN (`bronorganisatie`).
    pub bronorganisatie: String,
    /// The informatieobjecttype (its URL in the Catalogi API) of documents sent through Loket.
    pub document_type: String,
}

/// A copy older than this is fetched again by the reconciliation; a login
/// after this long looks for new cases.
pub const STALE_AFTER: time::Duration = time::Duration::hours(24);
/// The reconciliation looks for new cases only of residents who logged in this recently.
const ACTIVE_WITHIN: time::Duration = time::Duration::days(90);
/// Per round of the job: what one round fetches at most (the job runs every [`ROUND`]).
const REFRESHES_PER_ROUND: i64 = 20;
const IMPORTS_PER_ROUND: i64 = 5;
pub const ROUND: Duration = Duration::from_secs(30);
/// How long a round's claimed fetches may take before another node may
/// take them over: a round's 20 cases at a few calls each, every call
/// within its timeout.
const LEASE: time::Duration = time::Duration::minutes(15);
/// A fetch that failed this often is dropped (the reconciliation comes back to it).
const MAX_ATTEMPTS: i64 = 8;

fn unavailable(error: ZgwError) -> Error {
    tracing::warn!(error = %error, "the case system failed");
    Error::Internal("the case system failed")
}

/// After a resident logged in: queue finding their cases by BSN, unless
/// that happened within the last day. Effects wake the job.
pub async fn after_login(db: &Db, resident: ResidentId, now: OffsetDateTime) -> Result<Effects, Error> {
    let queued = db::case_sync::queue_import(db, resident, now - STALE_AFTER, now).await?;
    Ok(if queued { Effects::fetch_cases() } else { Effects::none() })
}

/// Where the Notificaties API posts: Loket's public address and this path.
pub const NOTIFICATION_PATH: &str = "/webhooks/zgw";

/// Makes sure the Notificaties API (when one is configured) sends the
/// `zaken` and `documenten` channels to this Loket.
pub async fn subscribe(sync: &CaseSync, public_url: &str) -> Result<(), ZgwError> {
    let callback = format!("{}{NOTIFICATION_PATH}", public_url.trim_end_matches('/'));
    sync.zgw.subscribe(&callback, &sync.notification_auth).await.map(|_| ())
}

/// Whether a notification's `Authorization` header is the one agreed in the subscription.
pub fn authorized(sync: &CaseSync, header: Option<&str>) -> bool {
    !sync.notification_auth.is_empty() && crate::backend::auth::constant_time_eq(header.unwrap_or_default().as_bytes(), sync.notification_auth.as_bytes())
}

/// A notification from the Notificaties API. A copied case (kanaal
/// `zaken`) is queued to be fetched again, whatever happened to it; a case
/// without a copy only when a role was added or changed (it may be a
/// resident's now); a document (`documenten`) queues the case it is
/// copied in. URLs outside the configured APIs and documents Loket does
/// not have are ignored (a document linked later comes with a
/// `zaakinformatieobject` notification on `zaken`).
pub async fn receive(db: &Db, sync: &CaseSync, notification: &resource::Notificatie, now: OffsetDateTime) -> Result<Effects, Error> {
    let case_url = match notification.kanaal.as_str() {
        "zaken" if sync.zgw.owns(&notification.hoofd_object) => {
            let known = db::case_sync::case_by_url(db, &notification.hoofd_object).await?.is_some();
            // A case Loket has no copy of matters only once someone has a
            // role in it: the other notifications of all the municipality's
            // cases would cost calls for nothing.
            (known || notification.resource == "rol").then(|| notification.hoofd_object.clone())
        }
        "documenten" if sync.zgw.owns(&notification.hoofd_object) => db::case_sync::case_url_of_document(db, &notification.hoofd_object).await?,
        _ => None,
    };
    let Some(case_url) = case_url else { return Ok(Effects::none()) };
    db::case_sync::queue_refresh(db, &case_url, now, now).await?;
    Ok(Effects::fetch_cases())
}

/// What fetching a case did to the copy.
#[derive(Debug, PartialEq, Eq)]
pub enum Fetched {
    /// Written; `changed`: its statuses differ from the copy's before.
    Copied { case: CaseId, changed: bool },
    /// Not for a resident of Loket, or not for residents at all: nothing kept.
    Skipped,
    /// The case system no longer has it (or it is no longer a resident's): the copy is gone or closed.
    Forgotten,
}

/// Whose copy a case is: the first resident of Loket among its natural
/// persons, the initiator (who asked) before anyone else. A case in
/// which a resident only has another role (a neighbour's complaint about
/// them, say) is not theirs to see.
async fn owner(db: &Db, sync: &CaseSync, zaak: &str) -> Result<Option<ResidentId>, Error> {
    let rollen = sync.zgw.rollen(zaak).await.map_err(unavailable)?;
    for rol in rollen.iter().filter(|r| r.omschrijving_generiek.as_deref() == Some("initiator")) {
        if let Some(resident) = db::resident::find_by_bsn(db, rol.bsn().unwrap_or_default()).await? {
            return Ok(Some(resident));
        }
    }
    Ok(None)
}

/// Finds the resident's cases by BSN and copies those they started. One
/// case that fails does not keep the others out; the import then counts
/// as failed (and is tried again) once the rest is copied.
pub async fn import(db: &Db, sync: &CaseSync, resident: ResidentId, bsn: &str, now: OffsetDateTime) -> Result<Committed<usize>, Error> {
    let zaken = sync.zgw.zaken_of(bsn).await.map_err(unavailable)?;
    let mut effects = Effects::none();
    let (mut copied, mut failed) = (0, None);
    for zaak in &zaken {
        let done = match owner(db, sync, &zaak.url).await {
            Ok(Some(owner)) if owner == resident => copy(db, sync, zaak, resident, now).await,
            Ok(_) => continue,
            Err(error) => Err(error),
        };
        match done {
            Ok(done) => {
                copied += usize::from(matches!(done.value, Fetched::Copied { .. }));
                effects = effects.and(done.effects);
            }
            Err(error) => failed = Some(error),
        }
    }
    match failed {
        Some(error) => Err(error),
        None => Ok(Committed::new(copied, effects)),
    }
}

/// Fetches one case again by its URL and copies it for its owner (see [`owner`]).
pub async fn refresh(db: &Db, sync: &CaseSync, zaak_url: &str, now: OffsetDateTime) -> Result<Committed<Fetched>, Error> {
    let zaak = match sync.zgw.zaak(zaak_url).await {
        Ok(zaak) => zaak,
        Err(ZgwError::Gone(_)) => return forget(db, zaak_url, now).await,
        Err(error) => return Err(unavailable(error)),
    };
    match owner(db, sync, &zaak.url).await? {
        Some(resident) => copy(db, sync, &zaak, resident, now).await,
        None => forget(db, zaak_url, now).await,
    }
}

/// Removes the copy of a case the case system no longer has for a resident of Loket.
async fn forget(db: &Db, zaak_url: &str, now: OffsetDateTime) -> Result<Committed<Fetched>, Error> {
    let Some(case) = db::case_sync::case_by_url(db, zaak_url).await? else { return Ok(Committed::only(Fetched::Skipped)) };
    let mut tx = db.begin().await?;
    db::case_sync::forget_case(&mut tx, case, now).await?;
    tx.commit().await?;
    Ok(Committed::only(Fetched::Forgotten))
}

/// Whether a document goes into the resident's copy: final, and not more confidential than allowed.
/// `intern` is for the municipality's staff only, whatever its place in the order.
fn for_resident(sync: &CaseSync, document: &resource::InformatieObject) -> bool {
    let level = document.vertrouwelijkheidaanduiding.as_deref().and_then(Confidentiality::from_code).unwrap_or(Confidentiality::ZeerGeheim);
    matches!(document.status.as_deref(), Some("definitief" | "gearchiveerd")) && level != Confidentiality::Intern && level <= sync.document_confidentiality
}

/// Reads everything a case's copy holds from the case system, then writes it in one transaction.
async fn copy(db: &Db, sync: &CaseSync, zaak: &resource::Zaak, resident: ResidentId, now: OffsetDateTime) -> Result<Committed<Fetched>, Error> {
    let zgw = &sync.zgw;
    let zaaktype = zgw.zaaktype(&zaak.zaaktype).await.map_err(unavailable)?;
    if zaaktype.indicatie_intern_of_extern.as_deref() == Some("intern") {
        return forget(db, &zaak.url, now).await.map(|_| Committed::only(Fetched::Skipped));
    }
    let (statustypen, statussen, links) =
        tokio::try_join!(zgw.statustypen(&zaaktype.url), zgw.statussen(&zaak.url), zgw.zaakinformatieobjecten(&zaak.url)).map_err(unavailable)?;
    let mut documents = Vec::new();
    for link in &links {
        match zgw.informatieobject(&link.informatieobject).await {
            Ok(document) if for_resident(sync, &document) => documents.push(document),
            Ok(_) => {}
            // Unlinked or removed between the two reads: it is not there.
            // Kept in another Documenten API than the configured one: not fetched.
            Err(ZgwError::Gone(_) | ZgwError::Foreign(_)) => {}
            Err(error) => return Err(unavailable(error)),
        }
    }
    let Some(started_on) = resource::date(&zaak.startdatum) else { return Err(unavailable(ZgwError::Unreadable("case start date"))) };
    // A status type reached twice (the case went back) counts from its latest time.
    let mut reached: HashMap<&str, OffsetDateTime> = HashMap::new();
    for status in &statussen {
        let Some(at) = resource::moment(&status.datum_status_gezet) else { return Err(unavailable(ZgwError::Unreadable("status date"))) };
        let entry = reached.entry(status.statustype.as_str()).or_insert(at);
        *entry = (*entry).max(at);
    }
    let Some(changed_at) = reached.values().copied().max() else {
        // Registered, not yet at a first step: nothing to show until it is (a notification follows).
        return Ok(Committed::only(Fetched::Skipped));
    };
    // Dutch local midnight of the end date, in UTC like every stored moment.
    let closed_at = zaak.einddatum.as_deref().and_then(resource::date).map(|d| {
        let noon = d.midnight().assume_utc() + time::Duration::hours(12);
        resource::utc(d.midnight().assume_offset(crate::backend::local_time::offset_at(noon)))
    });
    let team = db::team::general(db).await?.ok_or(Error::Internal("no general team to handle copied case types"))?;
    let code = format!("zgw-{}", zaaktype.url.trim_end_matches('/').rsplit('/').next().unwrap_or_default());
    let description = zaaktype.toelichting.clone().or(zaaktype.doel.clone()).unwrap_or_default();

    let type_level = zaaktype.vertrouwelijkheidaanduiding.as_deref().and_then(Confidentiality::from_code).unwrap_or(Confidentiality::Zaakvertrouwelijk);
    let case_level = zaak.vertrouwelijkheidaanduiding.as_deref().and_then(Confidentiality::from_code).filter(|level| *level > type_level);

    let mut tx = db.begin().await?;
    let case_type = db::case_sync::put_case_type(
        &mut tx,
        &db::case_sync::CopiedCaseType {
            zgw_url: &zaaktype.url,
            code: &code,
            name: &zaaktype.omschrijving,
            description: &description,
            lead_time_days: zaaktype.doorlooptijd.as_deref().and_then(resource::duration_days).unwrap_or(0),
            team_id: team,
            confidentiality: type_level.code(),
        },
        now,
    )
    .await?;
    let mut status_types = HashMap::new();
    for st in &statustypen {
        let explanation = st.statustekst.as_deref().or(st.toelichting.as_deref()).unwrap_or_default();
        let copied = db::case_sync::CopiedStatusType { zgw_url: &st.url, sequence: st.volgnummer, name: &st.omschrijving, explanation, is_final: st.is_eindstatus };
        status_types.insert(st.url.as_str(), db::case_sync::put_status_type(&mut tx, case_type, &copied).await?);
    }
    let before = db::case_sync::statuses_of(&mut tx, &zaak.url).await?;
    let case = db::case_sync::put_case(
        &mut tx,
        &db::case_sync::CopiedCase {
            zgw_url: &zaak.url,
            reference: &zaak.identificatie,
            case_type_id: case_type,
            resident_id: resident,
            started_on,
            expected_decision_on: zaak.einddatum_gepland.as_deref().or(zaak.uiterlijke_einddatum_afdoening.as_deref()).and_then(resource::date),
            closed_at,
            changed_at,
            confidentiality: case_level.map(Confidentiality::code),
        },
        now,
    )
    .await?;
    let mut statuses: Vec<_> = reached.iter().filter_map(|(url, at)| Some((*status_types.get(url)?, *at))).collect();
    statuses.sort_by_key(|(id, at)| (*at, id.0));
    db::case_sync::put_statuses(&mut tx, case, &statuses).await?;
    let copied_documents: Vec<_> = documents
        .iter()
        .map(|d| db::case_sync::CopiedDocument {
            zgw_url: &d.url,
            title: &d.titel,
            file_name: d.bestandsnaam.as_deref().filter(|n| !n.is_empty()).unwrap_or(&d.titel),
            content_type: d.formaat.as_deref().filter(|f| f.contains('/')).unwrap_or("application/octet-stream"),
            size_bytes: d.bestandsomvang.unwrap_or(0),
            created_at: resource::date(&d.creatiedatum).map(|d| d.midnight().assume_utc()).unwrap_or(now),
        })
        .collect();
    db::case_sync::put_documents(&mut tx, case, &copied_documents).await?;
    let after = db::case_sync::statuses_of(&mut tx, &zaak.url).await?;
    // The resident hears of a new step, not of the first copy.
    let changed = before.is_some_and(|before| Some(before) != after);
    let effects = if changed { notice::enqueue(&mut tx, Notice::CaseChanged { resident }, now).await? } else { Effects::none() };
    tx.commit().await?;
    Ok(Committed::new(Fetched::Copied { case, changed }, effects))
}

/// The next attempt after `attempts` failed ones: 1, 2, 4 ... minutes, at most an hour.
fn retry_at(now: OffsetDateTime, attempts: i64) -> OffsetDateTime {
    now + time::Duration::minutes((1i64 << attempts.clamp(1, 7).saturating_sub(1)).min(60))
}

/// One round of the job: due imports, due refreshes, then the
/// reconciliation queues the stalest copies and imports (a bounded number
/// each round, so the case system is never flooded; it resumes where the
/// data says, so a restart loses nothing).
pub async fn round(db: &Db, sync: &CaseSync, now: OffsetDateTime) -> Result<Effects, Error> {
    let mut effects = Effects::none();
    let lease = now + LEASE;
    for (resident, bsn, attempts) in db::case_sync::claim_imports(db, now, lease, IMPORTS_PER_ROUND).await? {
        let outcome = match import(db, sync, resident, &bsn, now).await {
            Ok(done) => {
                effects = effects.and(done.effects);
                ImportOutcome::Imported { at: now }
            }
            Err(error) => {
                tracing::warn!(error = %crate::backend::error::error_chain(&error), attempts, "finding a resident's cases failed");
                ImportOutcome::Failed { at: now, retry_at: (attempts < MAX_ATTEMPTS).then(|| retry_at(now, attempts)) }
            }
        };
        db::case_sync::finish_import(db, resident, lease, outcome).await?;
    }
    let token = uuid::Uuid::new_v4();
    for (url, attempts) in db::case_sync::claim_refreshes(db, now, lease, token, REFRESHES_PER_ROUND).await? {
        match refresh(db, sync, &url, now).await {
            Ok(done) => {
                effects = effects.and(done.effects);
                db::case_sync::finish_refresh(db, &url, token).await?;
            }
            Err(error) => {
                tracing::warn!(error = %crate::backend::error::error_chain(&error), attempts, "fetching a case failed");
                if attempts >= MAX_ATTEMPTS {
                    // The reconciliation tries it again tomorrow.
                    db::case_sync::postpone(db, &url, now).await?;
                    db::case_sync::finish_refresh(db, &url, token).await?;
                } else {
                    db::case_sync::retry_refresh(db, &url, token, retry_at(now, attempts)).await?;
                }
            }
        }
    }
    for url in db::case_sync::stalest_cases(db, now - STALE_AFTER, REFRESHES_PER_ROUND).await? {
        db::case_sync::queue_stale(db, &url, now).await?;
    }
    for resident in db::case_sync::stalest_imports(db, now - STALE_AFTER, now - ACTIVE_WITHIN, IMPORTS_PER_ROUND).await? {
        db::case_sync::queue_import(db, resident, now - STALE_AFTER, now).await?;
    }
    Ok(effects)
}

/// How current the resident's copy is, for their overview.
pub async fn freshness(db: &Db, resident: ResidentId, lang: crate::i18n::Lang) -> Result<crate::model::case::Freshness, Error> {
    let row = db::case_sync::import_of(db, resident).await?;
    Ok(crate::model::case::Freshness {
        as_of: row.as_ref().and_then(|r| r.imported_at).map(|at| crate::backend::local_time::format_moment(lang, at)),
        fetching: row.as_ref().is_some_and(|r| r.due_at.is_some() && r.imported_at.is_none() && r.failed_at.is_none()),
        failed: row.as_ref().is_some_and(|r| r.failed_at.is_some() && r.failed_at > r.imported_at),
    })
}
