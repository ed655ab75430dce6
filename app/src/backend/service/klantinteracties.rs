//! The Klantinteracties API (version 0.9, as Open Klant 2 serves it) over
//! Loket's own records, read-only, for the municipality's other systems
//! (KISS, a case system, the data warehouse). Loket serves rather than
//! pushes: its records stay the only copy, so nothing drifts, nothing
//! needs a retry queue, and a reader gets what is true now. Pushing to an
//! Open Klant would reuse these shapes (the same functions build the
//! bodies) behind an outbox job; nothing here would change.
//!
//! The mapping, with each resource's `uuid` the id of Loket's row:
//! - a resident is a **partij** (persoon) with one **partij-identificator**
//!   (their BSN in the BRP), and their e-mail address and phone number are
//!   **digitale adressen**;
//! - a message (not an internal note) is a **klantcontact** on its
//!   channel, about its conversation's subject; a callback request is one
//!   too (asking for it was the contact) and leads to an **interne taak**;
//! - the resident's part in a contact is its **betrokkene** (rol `klant`,
//!   initiator when the resident wrote) and the conversation's case its
//!   **onderwerpobject** (both have the contact's uuid: one each at most).
//!
//! Each client has a token and its own service account, under which every
//! answer with resident data is written to the processing log (purpose
//! `klantcontact`), so residents see which system read what.

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use time::OffsetDateTime;

use crate::backend::{
    auth::{bsn::Bsn, constant_time_eq},
    db::{self, Db},
    service::processing_log::{self, Entry, CONTACT_HANDLING},
    Error,
};
use crate::model::ids::{ContactAddressId, ResidentId, StaffId};
use crate::model::processing_log::Category;

/// Where the API is served, under Loket's public URL.
pub const BASE_PATH: &str = "/klantinteracties/api/v1";
/// The version of the API these shapes follow (the `API-version` header).
pub const VERSION: &str = "0.9.0";
/// Results per page at most (and by default), as Open Klant.
pub const MAX_PAGE_SIZE: i64 = 100;

/// A system allowed to read, by its token.
pub struct Client {
    pub name: String,
    token: SecretString,
    /// Its service account: who the processing log says read.
    pub staff: StaffId,
}

/// The configured clients; none: the API answers 401 to everyone.
#[derive(Default)]
pub struct Clients(Vec<Client>);

/// A token shorter than this is refused at start-up.
pub const MIN_TOKEN_LENGTH: usize = 32;

/// Makes sure each configured client (`name`, token) has its service
/// account: a staff member without roles, so it can open no page.
pub async fn clients(db: &Db, configured: &[(String, SecretString)], now: OffsetDateTime) -> Result<Clients, Error> {
    let mut clients = Vec::new();
    for (name, token) in configured {
        let subject = format!("loket-api-client:{name}");
        let login = db::staff_member::Login { subject: &subject, name: &format!("Koppeling {name}"), roles: "", email: None, clearance: None };
        let staff = db::staff_member::upsert_by_subject(db, &login, None, now).await?;
        clients.push(Client { name: name.clone(), token: token.clone(), staff });
    }
    Ok(Clients(clients))
}

/// The client whose token the `Authorization` header (`Token <key>`) carries.
pub fn authenticate<'a>(clients: &'a Clients, authorization: Option<&str>) -> Option<&'a Client> {
    let presented = authorization?.strip_prefix("Token ")?.trim();
    clients.0.iter().find(|c| constant_time_eq(presented.as_bytes(), c.token.expose_secret().as_bytes()))
}

/// Where resources' URLs point: `<public URL>/klantinteracties/api/v1`.
#[derive(Clone, Debug)]
pub struct Api {
    pub base: String,
}

impl Api {
    pub fn new(public_url: &str) -> Api {
        Api { base: format!("{}{BASE_PATH}", public_url.trim_end_matches('/')) }
    }

    fn link(&self, collection: &str, uuid: uuid::Uuid) -> Link {
        Link { uuid, url: format!("{}/{collection}/{uuid}", self.base) }
    }
}

/// A page of a list: what is on it and how many there are in all.
pub struct Page<T> {
    pub count: i64,
    pub results: Vec<T>,
}

/// Which page (from 1) of how many results.
#[derive(Clone, Copy, Debug)]
pub struct Paging {
    pub page: i64,
    pub page_size: i64,
}

impl Paging {
    /// From the `page` and `pageSize` parameters; out of range is a field error.
    pub fn new(page: Option<i64>, page_size: Option<i64>) -> Result<Paging, Error> {
        let page = page.unwrap_or(1);
        let page_size = page_size.unwrap_or(MAX_PAGE_SIZE);
        if page < 1 {
            return Err(Error::field("page", crate::error::FieldErrorCode::Invalid));
        }
        if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
            return Err(Error::field("pageSize", crate::error::FieldErrorCode::Invalid));
        }
        Ok(Paging { page, page_size })
    }

    fn offset(self) -> i64 {
        (self.page - 1).saturating_mul(self.page_size)
    }
}

// ---------------------------------------------------------------- shapes

/// A reference to another resource (the API's `...ForeignKey`).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Link {
    pub uuid: uuid::Uuid,
    pub url: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Partij {
    pub uuid: uuid::Uuid,
    pub url: String,
    pub betrokkenen: Vec<Link>,
    pub categorie_relaties: Vec<Link>,
    pub digitale_adressen: Vec<Link>,
    pub voorkeurs_digitaal_adres: Option<Link>,
    pub vertegenwoordigden: Vec<Link>,
    pub rekeningnummers: Vec<Link>,
    pub voorkeurs_rekeningnummer: Option<Link>,
    pub partij_identificatoren: Vec<PartijIdentificator>,
    pub soort_partij: &'static str,
    pub indicatie_geheimhouding: Option<bool>,
    pub voorkeurstaal: &'static str,
    pub indicatie_actief: bool,
    pub bezoekadres: Option<()>,
    pub correspondentieadres: Option<()>,
    pub partij_identificatie: Persoon,
    /// With `expand=digitaleAdressen`: the addresses themselves.
    #[serde(rename = "_expand", skip_serializing_if = "Option::is_none")]
    pub expand: Option<PartijExpansion>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartijExpansion {
    pub digitale_adressen: Vec<DigitaalAdres>,
}

/// The `expand` of a partij: only its addresses (`digitaleAdressen`); any other name is a field error.
pub fn expands_addresses(names: &str) -> Result<bool, Error> {
    let mut addresses = false;
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match name {
            "digitaleAdressen" => addresses = true,
            _ => return Err(Error::field("expand", crate::error::FieldErrorCode::Invalid)),
        }
    }
    Ok(addresses)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Persoon {
    pub contactnaam: Option<()>,
    pub volledige_naam: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartijIdentificator {
    pub uuid: uuid::Uuid,
    pub url: String,
    pub identificeerde_partij: Link,
    pub partij_identificator: Identificator,
    pub sub_identificator_van: Option<Link>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identificator {
    pub code_objecttype: &'static str,
    pub code_soort_object_id: &'static str,
    pub object_id: String,
    pub code_register: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Klantcontact {
    pub uuid: uuid::Uuid,
    pub url: String,
    pub ging_over_onderwerpobjecten: Vec<Link>,
    pub had_betrokken_actoren: Vec<()>,
    pub omvatte_bijlagen: Vec<Link>,
    pub had_betrokkenen: Vec<Link>,
    pub leidde_tot_interne_taken: Vec<Link>,
    pub kanaal: &'static str,
    pub onderwerp: String,
    pub inhoud: String,
    pub indicatie_contact_gelukt: Option<bool>,
    pub taal: &'static str,
    pub vertrouwelijk: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub plaatsgevonden_op: OffsetDateTime,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Betrokkene {
    pub uuid: uuid::Uuid,
    pub url: String,
    pub was_partij: Option<Link>,
    pub had_klantcontact: Link,
    pub digitale_adressen: Vec<Link>,
    pub volledige_naam: String,
    pub rol: &'static str,
    pub initiator: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Onderwerpobject {
    pub uuid: uuid::Uuid,
    pub url: String,
    pub klantcontact: Option<Link>,
    pub was_klantcontact: Option<Link>,
    pub onderwerpobjectidentificator: Onderwerpobjectidentificator,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Onderwerpobjectidentificator {
    pub object_id: String,
    pub code_objecttype: &'static str,
    pub code_register: &'static str,
    pub code_soort_object_id: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InterneTaak {
    pub uuid: uuid::Uuid,
    pub url: String,
    pub gevraagde_handeling: String,
    pub aanleidinggevend_klantcontact: Link,
    pub toelichting: String,
    pub status: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub toegewezen_op: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub afgehandeld_op: Option<OffsetDateTime>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DigitaalAdres {
    pub uuid: uuid::Uuid,
    pub url: String,
    pub verstrekt_door_betrokkene: Option<Link>,
    pub verstrekt_door_partij: Option<Link>,
    pub adres: String,
    pub soort_digitaal_adres: &'static str,
    pub omschrijving: &'static str,
    pub verificatie_datum: Option<String>,
}

// ---------------------------------------------------------------- mapping

/// The API's kanaal for a conversation channel.
pub fn kanaal(channel: &str) -> &'static str {
    match channel {
        "portal" => "portaal",
        "email" => "e-mail",
        "whatsapp" => "whatsapp",
        "sms" => "sms",
        "phone" => "telefoon",
        "counter" => "balie",
        "letter" => "brief",
        _ => "overig",
    }
}

/// At most `max` characters (the API's length limits count characters).
fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

fn klantcontact(api: &Api, row: &db::klantinteracties::ContactRow) -> Klantcontact {
    let me = api.link("klantcontacten", row.id);
    Klantcontact {
        uuid: row.id,
        url: me.url,
        ging_over_onderwerpobjecten: row.case_reference.iter().map(|_| api.link("onderwerpobjecten", row.id)).collect(),
        had_betrokken_actoren: Vec::new(),
        omvatte_bijlagen: Vec::new(),
        had_betrokkenen: row.resident_id.iter().map(|_| api.link("betrokkenen", row.id)).collect(),
        leidde_tot_interne_taken: if row.kind == "callback" { vec![api.link("internetaken", row.id)] } else { Vec::new() },
        kanaal: kanaal(&row.channel),
        onderwerp: cut(&row.subject, 200),
        inhoud: cut(&row.body, 1000),
        indicatie_contact_gelukt: Some(true),
        taal: "nld",
        // Residents write about themselves: never for everyone's eyes.
        vertrouwelijk: true,
        plaatsgevonden_op: row.created_at,
    }
}

fn interne_taak(api: &Api, row: &db::klantinteracties::TaskRow) -> InterneTaak {
    InterneTaak {
        uuid: row.id,
        url: api.link("internetaken", row.id).url,
        gevraagde_handeling: cut(&format!("Terugbellen: {}", row.type_name), 200),
        aanleidinggevend_klantcontact: api.link("klantcontacten", row.id),
        toelichting: cut(&row.question, 1000),
        status: if row.status == "open" { "te_verwerken" } else { "verwerkt" },
        toegewezen_op: row.created_at,
        afgehandeld_op: row.closed_at,
    }
}

fn digitaal_adres(api: &Api, row: &db::klantinteracties::AddressRow) -> DigitaalAdres {
    let (soort, omschrijving) = if row.channel == "email" { ("email", "e-mail") } else { ("telefoonnummer", "mobiel") };
    DigitaalAdres {
        uuid: row.id.0,
        url: api.link("digitaleadressen", row.id.0).url,
        verstrekt_door_betrokkene: None,
        verstrekt_door_partij: Some(api.link("partijen", row.resident_id.0)),
        adres: cut(&row.address, 80),
        soort_digitaal_adres: soort,
        omschrijving,
        verificatie_datum: row.verified_at.map(|at| at.date().to_string()),
    }
}

fn identificator(api: &Api, resident: ResidentId, bsn: &str) -> PartijIdentificator {
    PartijIdentificator {
        uuid: resident.0,
        url: api.link("partij-identificatoren", resident.0).url,
        identificeerde_partij: api.link("partijen", resident.0),
        partij_identificator: Identificator {
            code_objecttype: "natuurlijk_persoon",
            code_soort_object_id: "bsn",
            object_id: bsn.to_string(),
            code_register: "brp",
        },
        sub_identificator_van: None,
    }
}

// ---------------------------------------------------------------- reads

fn log(client: &Client, resident: ResidentId, category: Category, object: uuid::Uuid) -> Entry<'static> {
    Entry::read(client.staff, resident, category, CONTACT_HANDLING).object(object)
}

/// A resident as a partij, with their contacts and addresses (the
/// addresses themselves too with `with_addresses`).
pub async fn partij(db: &Db, api: &Api, client: &Client, id: ResidentId, with_addresses: bool, now: OffsetDateTime) -> Result<Partij, Error> {
    let profile = db::resident::profile(db, id).await?.ok_or(Error::NotFound)?;
    let contacts = db::klantinteracties::contact_ids_of(db, id).await?;
    let addresses = db::klantinteracties::addresses_of(db, id).await?;
    processing_log::record_reads(db, &[log(client, id, Category::Identity, id.0)], now).await?;
    Ok(Partij {
        uuid: id.0,
        url: api.link("partijen", id.0).url,
        betrokkenen: contacts.into_iter().map(|c| api.link("betrokkenen", c)).collect(),
        categorie_relaties: Vec::new(),
        digitale_adressen: addresses.iter().map(|a| api.link("digitaleadressen", a.id.0)).collect(),
        voorkeurs_digitaal_adres: None,
        vertegenwoordigden: Vec::new(),
        rekeningnummers: Vec::new(),
        voorkeurs_rekeningnummer: None,
        partij_identificatoren: vec![identificator(api, id, &profile.bsn)],
        soort_partij: "persoon",
        indicatie_geheimhouding: None,
        voorkeurstaal: "nld",
        indicatie_actief: true,
        bezoekadres: None,
        correspondentieadres: None,
        partij_identificatie: Persoon { contactnaam: None, volledige_naam: profile.name.unwrap_or_default() },
        expand: with_addresses.then(|| PartijExpansion { digitale_adressen: addresses.iter().map(|a| digitaal_adres(api, a)).collect() }),
    })
}

/// The partij with this BSN: a list of one, or of none (a BSN Loket does
/// not know, or not a valid BSN at all).
pub async fn partijen_by_bsn(db: &Db, api: &Api, client: &Client, bsn: &str, with_addresses: bool, now: OffsetDateTime) -> Result<Page<Partij>, Error> {
    let Some(id) = resident_by_bsn(db, bsn).await? else { return Ok(Page { count: 0, results: Vec::new() }) };
    Ok(Page { count: 1, results: vec![partij(db, api, client, id, with_addresses, now).await?] })
}

/// The resident with this BSN; `None` for one Loket does not know, or not a valid BSN at all.
pub async fn resident_by_bsn(db: &Db, bsn: &str) -> Result<Option<ResidentId>, Error> {
    let Ok(bsn) = Bsn::parse(bsn) else { return Ok(None) };
    Ok(db::resident::find_by_bsn(db, bsn.expose()).await?)
}

pub async fn partij_identificator(db: &Db, api: &Api, client: &Client, id: ResidentId, now: OffsetDateTime) -> Result<PartijIdentificator, Error> {
    let bsn = db::resident::find_bsn(db, id).await?.ok_or(Error::NotFound)?;
    processing_log::record_reads(db, &[log(client, id, Category::Identity, id.0)], now).await?;
    Ok(identificator(api, id, &bsn))
}

/// Which related resources a contact answer includes (`expand`), under `_expand`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Expand {
    pub betrokkenen: bool,
    pub onderwerpobjecten: bool,
    pub interne_taken: bool,
    pub bijlagen: bool,
}

impl Expand {
    /// From the `expand` parameter (names separated by commas); a name
    /// Loket does not expand is a field error, not silently left out.
    pub fn parse(names: &str) -> Result<Expand, Error> {
        let mut expand = Expand::default();
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "hadBetrokkenen" => expand.betrokkenen = true,
                "gingOverOnderwerpobjecten" => expand.onderwerpobjecten = true,
                "leiddeTotInterneTaken" => expand.interne_taken = true,
                "omvatteBijlagen" => expand.bijlagen = true,
                _ => return Err(Error::field("expand", crate::error::FieldErrorCode::Invalid)),
            }
        }
        Ok(expand)
    }

    fn any(self) -> bool {
        self != Expand::default()
    }
}

/// A contact with what `expand` asked for.
#[derive(Debug, Serialize)]
pub struct ExpandedKlantcontact {
    #[serde(flatten)]
    pub klantcontact: Klantcontact,
    #[serde(rename = "_expand", skip_serializing_if = "Option::is_none")]
    pub expand: Option<KlantcontactExpansion>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KlantcontactExpansion {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub had_betrokkenen: Option<Vec<Betrokkene>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ging_over_onderwerpobjecten: Option<Vec<Onderwerpobject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leidde_tot_interne_taken: Option<Vec<InterneTaak>>,
    /// Loket's attachments are not served as bijlagen: always empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omvatte_bijlagen: Option<Vec<()>>,
}

fn betrokkene_of(api: &Api, row: &db::klantinteracties::ContactRow, resident: ResidentId, name: &str) -> Betrokkene {
    Betrokkene {
        uuid: row.id,
        url: api.link("betrokkenen", row.id).url,
        was_partij: Some(api.link("partijen", resident.0)),
        had_klantcontact: api.link("klantcontacten", row.id),
        digitale_adressen: Vec::new(),
        volledige_naam: name.to_string(),
        rol: "klant",
        initiator: row.direction == "in",
    }
}

fn onderwerpobject_of(api: &Api, row: &db::klantinteracties::ContactRow, reference: &str) -> Onderwerpobject {
    let from_zgw = row.case_zgw_url.is_some();
    Onderwerpobject {
        uuid: row.id,
        url: api.link("onderwerpobjecten", row.id).url,
        klantcontact: Some(api.link("klantcontacten", row.id)),
        was_klantcontact: None,
        onderwerpobjectidentificator: Onderwerpobjectidentificator {
            object_id: reference.to_string(),
            // As KISS and Open Zaak name a ZGW case; Loket's own cases by their reference.
            code_objecttype: if from_zgw { "zgw-Zaak" } else { "zaak" },
            code_register: if from_zgw { "openzaak" } else { "loket" },
            code_soort_object_id: "zaaknummer",
        },
    }
}

/// Contacts as answers, each with what `expand` asked for (the name of
/// each resident read once, a callback request's task read with it).
async fn expanded(db: &Db, api: &Api, rows: &[db::klantinteracties::ContactRow], expand: Expand) -> Result<Vec<ExpandedKlantcontact>, Error> {
    let mut names: std::collections::HashMap<ResidentId, String> = std::collections::HashMap::new();
    let mut answers = Vec::with_capacity(rows.len());
    for row in rows {
        let mut expansion = None;
        if expand.any() {
            let mut found = KlantcontactExpansion::default();
            if expand.betrokkenen {
                let mut betrokkenen = Vec::new();
                if let Some(resident) = row.resident_id {
                    let name = match names.entry(resident) {
                        std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
                        std::collections::hash_map::Entry::Vacant(new) => new.insert(db::resident::profile(db, resident).await?.and_then(|p| p.name).unwrap_or_default()),
                    };
                    betrokkenen.push(betrokkene_of(api, row, resident, name));
                }
                found.had_betrokkenen = Some(betrokkenen);
            }
            if expand.onderwerpobjecten {
                found.ging_over_onderwerpobjecten = Some(row.case_reference.iter().map(|r| onderwerpobject_of(api, row, r)).collect());
            }
            if expand.interne_taken {
                let task = match row.kind.as_str() {
                    "callback" => db::klantinteracties::task(db, row.id).await?,
                    _ => None,
                };
                found.leidde_tot_interne_taken = Some(task.iter().map(|t| interne_taak(api, t)).collect());
            }
            if expand.bijlagen {
                found.omvatte_bijlagen = Some(Vec::new());
            }
            expansion = Some(found);
        }
        answers.push(ExpandedKlantcontact { klantcontact: klantcontact(api, row), expand: expansion });
    }
    Ok(answers)
}

pub async fn klantcontact_by_id(db: &Db, api: &Api, client: &Client, id: uuid::Uuid, expand: Expand, now: OffsetDateTime) -> Result<ExpandedKlantcontact, Error> {
    let row = db::klantinteracties::contact(db, id).await?.ok_or(Error::NotFound)?;
    if let Some(resident) = row.resident_id {
        processing_log::record_reads(db, &[log(client, resident, Category::Conversation, id)], now).await?;
    }
    let mut answer = expanded(db, api, std::slice::from_ref(&row), expand).await?;
    answer.pop().ok_or(Error::Internal("an expanded contact"))
}

/// A resident's contacts, newest first; a resident Loket does not know has none.
pub async fn klantcontacten_of(
    db: &Db,
    api: &Api,
    client: &Client,
    resident: ResidentId,
    paging: Paging,
    expand: Expand,
    now: OffsetDateTime,
) -> Result<Page<ExpandedKlantcontact>, Error> {
    let (rows, count) = db::klantinteracties::contacts_of(db, resident, paging.page_size, paging.offset()).await?;
    if !rows.is_empty() {
        processing_log::record_reads(db, &[log(client, resident, Category::Conversation, resident.0)], now).await?;
    }
    Ok(Page { count, results: expanded(db, api, &rows, expand).await? })
}

/// The resident's part in a contact; a contact of nobody known has none.
pub async fn betrokkene(db: &Db, api: &Api, client: &Client, id: uuid::Uuid, now: OffsetDateTime) -> Result<Betrokkene, Error> {
    let row = db::klantinteracties::contact(db, id).await?.ok_or(Error::NotFound)?;
    let resident = row.resident_id.ok_or(Error::NotFound)?;
    let profile = db::resident::profile(db, resident).await?.ok_or(Error::NotFound)?;
    processing_log::record_reads(db, &[log(client, resident, Category::Conversation, id)], now).await?;
    Ok(betrokkene_of(api, &row, resident, &profile.name.unwrap_or_default()))
}

/// The case a contact was about.
pub async fn onderwerpobject(db: &Db, api: &Api, client: &Client, id: uuid::Uuid, now: OffsetDateTime) -> Result<Onderwerpobject, Error> {
    let row = db::klantinteracties::contact(db, id).await?.ok_or(Error::NotFound)?;
    let reference = row.case_reference.clone().ok_or(Error::NotFound)?;
    if let Some(resident) = row.resident_id {
        processing_log::record_reads(db, &[log(client, resident, Category::Case, id)], now).await?;
    }
    Ok(onderwerpobject_of(api, &row, &reference))
}

pub async fn interne_taak_by_id(db: &Db, api: &Api, client: &Client, id: uuid::Uuid, now: OffsetDateTime) -> Result<InterneTaak, Error> {
    let row = db::klantinteracties::task(db, id).await?.ok_or(Error::NotFound)?;
    if let Some(resident) = row.resident_id {
        processing_log::record_reads(db, &[log(client, resident, Category::Callback, id)], now).await?;
    }
    Ok(interne_taak(api, &row))
}

/// Which interne taken a list shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct TaskFilter {
    /// `te_verwerken` (open) or `verwerkt` (handled or cancelled).
    pub open: Option<bool>,
    /// Only the task of this klantcontact.
    pub contact: Option<uuid::Uuid>,
}

/// The status filter's values, as the API writes them.
pub fn task_status(code: &str) -> Result<bool, Error> {
    match code {
        "te_verwerken" => Ok(true),
        "verwerkt" => Ok(false),
        _ => Err(Error::field("status", crate::error::FieldErrorCode::Invalid)),
    }
}

/// Callback requests as interne taken, newest first; every resident on the page is logged once.
pub async fn interne_taken(db: &Db, api: &Api, client: &Client, filter: TaskFilter, paging: Paging, now: OffsetDateTime) -> Result<Page<InterneTaak>, Error> {
    let (rows, count) = match filter.contact {
        // A task's klantcontact has the task's uuid: at most one.
        Some(contact) => {
            let row = db::klantinteracties::task(db, contact).await?.filter(|row| filter.open.is_none_or(|open| (row.status == "open") == open));
            let rows: Vec<_> = row.into_iter().filter(|_| paging.page == 1).collect();
            let count = rows.len() as i64;
            (rows, count)
        }
        None => db::klantinteracties::tasks(db, filter.open, paging.page_size, paging.offset()).await?,
    };
    let mut seen = std::collections::HashSet::new();
    let entries: Vec<Entry> = rows
        .iter()
        .filter_map(|row| row.resident_id.filter(|r| seen.insert(*r)).map(|r| log(client, r, Category::Callback, row.id)))
        .collect();
    processing_log::record_reads(db, &entries, now).await?;
    Ok(Page { count, results: rows.iter().map(|row| interne_taak(api, row)).collect() })
}

pub async fn digitaal_adres_by_id(db: &Db, api: &Api, client: &Client, id: ContactAddressId, now: OffsetDateTime) -> Result<DigitaalAdres, Error> {
    let row = db::klantinteracties::address(db, id).await?.ok_or(Error::NotFound)?;
    processing_log::record_reads(db, &[log(client, row.resident_id, Category::Identity, id.0)], now).await?;
    Ok(digitaal_adres(api, &row))
}

/// A resident's addresses (one page: a resident has two at most).
pub async fn digitale_adressen_of(db: &Db, api: &Api, client: &Client, resident: ResidentId, paging: Paging, now: OffsetDateTime) -> Result<Page<DigitaalAdres>, Error> {
    let rows = db::klantinteracties::addresses_of(db, resident).await?;
    let count = rows.len() as i64;
    let rows: Vec<_> = rows.into_iter().skip(paging.offset() as usize).take(paging.page_size as usize).collect();
    if !rows.is_empty() {
        processing_log::record_reads(db, &[log(client, resident, Category::Identity, resident.0)], now).await?;
    }
    Ok(Page { count, results: rows.iter().map(|row| digitaal_adres(api, row)).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_configured_token_after_the_word_token_lets_in() {
        let token = "k".repeat(MIN_TOKEN_LENGTH);
        let clients = Clients(vec![Client { name: "kiss".into(), token: token.clone().into(), staff: StaffId(uuid::Uuid::from_u128(7)) }]);
        assert_eq!(authenticate(&clients, Some(&format!("Token {token}"))).map(|c| c.name.as_str()), Some("kiss"));
        for refused in [None, Some(token.as_str()), Some(&*format!("Bearer {token}")), Some(&*format!("Token {token}x")), Some("Token ")] {
            assert!(authenticate(&clients, refused).is_none(), "{refused:?}");
        }
        assert!(authenticate(&Clients::default(), Some(&format!("Token {token}"))).is_none());
    }

    #[test]
    fn texts_are_cut_to_the_api_limits_by_characters() {
        assert_eq!(cut("ééé", 2), "éé");
        assert_eq!(kanaal("counter"), "balie");
        assert_eq!(kanaal("pigeon"), "overig");
    }

    #[test]
    fn expand_names_the_related_resources_and_refuses_what_loket_does_not_expand() {
        assert_eq!(Expand::parse("").unwrap(), Expand::default());
        let all = Expand::parse("hadBetrokkenen, gingOverOnderwerpobjecten,leiddeTotInterneTaken,omvatteBijlagen").unwrap();
        assert!(all.betrokkenen && all.onderwerpobjecten && all.interne_taken && all.bijlagen);
        assert!(Expand::parse("hadBetrokkenen.wasPartij").is_err());
    }

    #[test]
    fn pages_count_from_one_and_hold_a_hundred_at_most() {
        assert!(Paging::new(Some(0), None).is_err());
        assert!(Paging::new(None, Some(101)).is_err());
        assert!(Paging::new(None, Some(0)).is_err());
        let paging = Paging::new(Some(3), Some(20)).unwrap();
        assert_eq!(paging.offset(), 40);
        assert_eq!(Paging::new(None, None).unwrap().page_size, MAX_PAGE_SIZE);
    }
}
