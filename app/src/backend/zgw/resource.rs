//! The ZGW resources Loket reads and writes, as their JSON has them
//! (Zaken API 1.5, Catalogi 1.3, Documenten 1.5, Notificaties 1.0): only
//! the fields Loket uses; unknown fields are ignored.

use serde::{Deserialize, Serialize};
use time::{format_description::well_known::Rfc3339, macros::format_description, Date, OffsetDateTime};

/// One page of a list: `next` is the URL of the following page.
#[derive(Debug, Deserialize)]
pub struct Page<T> {
    pub next: Option<String>,
    pub results: Vec<T>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zaak {
    pub url: String,
    pub identificatie: String,
    pub zaaktype: String,
    pub startdatum: String,
    #[serde(default)]
    pub einddatum: Option<String>,
    #[serde(default)]
    pub einddatum_gepland: Option<String>,
    #[serde(default)]
    pub uiterlijke_einddatum_afdoening: Option<String>,
    #[serde(default)]
    pub vertrouwelijkheidaanduiding: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZaakType {
    pub url: String,
    pub identificatie: String,
    pub omschrijving: String,
    #[serde(default)]
    pub toelichting: Option<String>,
    #[serde(default)]
    pub doel: Option<String>,
    /// ISO 8601 duration, e.g. `P8W`.
    #[serde(default)]
    pub doorlooptijd: Option<String>,
    #[serde(default)]
    pub vertrouwelijkheidaanduiding: Option<String>,
    /// `intern` or `extern`: an internal case type is not shown to residents.
    #[serde(default)]
    pub indicatie_intern_of_extern: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusType {
    pub url: String,
    pub omschrijving: String,
    /// The text that tells the initiator this status was reached.
    #[serde(default)]
    pub statustekst: Option<String>,
    #[serde(default)]
    pub toelichting: Option<String>,
    pub volgnummer: i64,
    #[serde(default)]
    pub is_eindstatus: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub statustype: String,
    pub datum_status_gezet: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rol {
    pub betrokkene_type: String,
    #[serde(default)]
    pub omschrijving_generiek: Option<String>,
    #[serde(default)]
    pub betrokkene_identificatie: Option<serde_json::Value>,
}

impl Rol {
    /// The BSN of a natural person in this role (`inpBsn`), if any.
    pub fn bsn(&self) -> Option<&str> {
        (self.betrokkene_type == "natuurlijk_persoon")
            .then(|| self.betrokkene_identificatie.as_ref()?.get("inpBsn")?.as_str())
            .flatten()
            .filter(|b| !b.is_empty())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZaakInformatieObject {
    pub informatieobject: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InformatieObject {
    pub url: String,
    pub titel: String,
    #[serde(default)]
    pub bestandsnaam: Option<String>,
    #[serde(default)]
    pub formaat: Option<String>,
    #[serde(default)]
    pub bestandsomvang: Option<i64>,
    pub creatiedatum: String,
    #[serde(default)]
    pub vertrouwelijkheidaanduiding: Option<String>,
    /// `in_bewerking`, `ter_vaststelling`, `definitief`, `gearchiveerd`; only final ones reach residents.
    #[serde(default)]
    pub status: Option<String>,
    /// Where the contents are downloaded.
    #[serde(default)]
    pub inhoud: Option<String>,
}

/// A message from the Notificaties API: something happened to `resource_url`,
/// part of `hoofd_object` (a zaak, or the document itself).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notificatie {
    pub kanaal: String,
    pub hoofd_object: String,
    pub resource: String,
    pub resource_url: String,
    pub actie: String,
    pub aanmaakdatum: String,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub kenmerken: serde_json::Map<String, serde_json::Value>,
}

/// What a create answers: the new object's URL.
#[derive(Debug, Deserialize)]
pub struct Created {
    pub url: String,
}

/// A document Loket adds to a case in the Documenten API.
pub struct NewDocument<'a> {
    /// The RSIN of the municipality (`bronorganisatie`).
    pub bronorganisatie: &'a str,
    /// The Catalogi's informatieobjecttype for documents from residents.
    pub document_type: &'a str,
    /// `YYYY-MM-DD`.
    pub created_on: &'a str,
    pub title: &'a str,
    pub author: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub confidentiality: &'a str,
    pub bytes: &'a [u8],
}

/// A subscription at the Notificaties API, as listed there.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Abonnement {
    pub url: String,
    pub callback_url: String,
    pub auth: String,
    #[serde(default)]
    pub kanalen: Vec<Kanaal>,
}

#[derive(Debug, Deserialize)]
pub struct Kanaal {
    pub naam: String,
}

/// `YYYY-MM-DD`, as ZGW writes dates.
pub fn date(text: &str) -> Option<Date> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

/// An RFC 3339 moment, as ZGW writes date-times: in UTC, whole seconds
/// (as Loket stores moments, so SQLite compares them as text correctly).
pub fn moment(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok().map(utc)
}

/// A moment in UTC, to the second.
pub fn utc(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).unwrap_or(at)
}

/// Whole days in an ISO 8601 duration such as `P8W`, `P30D`, `P1M` (a month
/// taken as 30 days); `None` when it is not one of those.
pub fn duration_days(text: &str) -> Option<i64> {
    let rest = text.strip_prefix('P')?;
    let (mut days, mut number) = (0i64, String::new());
    for c in rest.chars() {
        match c {
            '0'..='9' => number.push(c),
            'Y' | 'M' | 'W' | 'D' => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                days += n * match c { 'Y' => 365, 'M' => 30, 'W' => 7, _ => 1 };
            }
            _ => return None,
        }
    }
    number.is_empty().then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_dates_and_the_bsn_of_a_role_read_as_zgw_writes_them() {
        assert_eq!(duration_days("P8W"), Some(56));
        assert_eq!(duration_days("P1M15D"), Some(45));
        assert_eq!(duration_days("PT8H"), None);
        assert_eq!(duration_days("8W"), None);
        assert_eq!(date("2026-12-01"), Some(time::macros::date!(2026-12-01)));
        assert!(moment("2026-12-01T09:30:00Z").is_some() && moment("2026-12-01").is_none());
        assert_eq!(moment("2026-12-01T10:30:00.123456+01:00"), Some(time::macros::datetime!(2026-12-01 09:30 UTC)), "in UTC, whole seconds");
        let person: Rol = serde_json::from_value(serde_json::json!({
            "betrokkeneType": "natuurlijk_persoon", "betrokkeneIdentificatie": {"inpBsn": "999993653"}
        })).unwrap();
        assert_eq!(person.bsn(), Some("999993653"));
        let company: Rol = serde_json::from_value(serde_json::json!({
            "betrokkeneType": "niet_natuurlijk_persoon", "betrokkeneIdentificatie": {"inpBsn": "999993653"}
        })).unwrap();
        assert_eq!(company.bsn(), None);
    }
}
