//! Contact addresses: where a resident can be reached outside the portal.
//! An e-mail address (for notices and answers) and a phone number (for
//! SMS and WhatsApp) count only once confirmed with a code sent to them;
//! the preferred channel for answers to new questions is one of them.
//!
//! Input is parsed once into [`EmailAddress`] or [`PhoneNumber`]; a value
//! of either type is an address Loket accepts.

use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::backend::{
    channel::{phone, ChannelKind},
    db::{self, Db},
    effect::Committed,
    service::notice::{self, Notice},
    Error,
};
use crate::error::FieldErrorCode;
use crate::i18n::Lang;
pub use crate::model::contact_address::AddressKind;
use crate::model::{contact_address::AddressSetting, conversation::Channel, ids::ResidentId};

/// How long a confirmation code works.
pub const CODE_MINUTES: i64 = 15;
/// Wrong codes allowed before a new one must be asked for.
pub const MAX_CODE_ATTEMPTS: i64 = 5;
/// Codes a resident may ask for per hour (each one sends a message).
pub const MAX_CODES_PER_HOUR: i64 = 5;
/// An address longer than this is refused (RFC 5321's path limit).
pub const MAX_ADDRESS_CHARS: usize = 254;

/// A mail address as Loket accepts it: trimmed, at most
/// [`MAX_ADDRESS_CHARS`], well-formed, with a dot in the domain (no mail
/// to `localhost`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, Error> {
        let address = input.trim();
        if address.is_empty() {
            return Err(Error::field("email", FieldErrorCode::Missing));
        }
        if address.chars().count() > MAX_ADDRESS_CHARS {
            return Err(Error::field("email", FieldErrorCode::TooLong));
        }
        let parsed: lettre::Address = address.parse().map_err(|_| Error::field("email", FieldErrorCode::Invalid))?;
        if !parsed.domain().contains('.') || parsed.domain().ends_with('.') {
            return Err(Error::field("email", FieldErrorCode::Invalid));
        }
        Ok(EmailAddress(parsed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number as Loket accepts it: one a Dutch resident would type, kept in E.164 form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<PhoneNumber, Error> {
        if input.trim().is_empty() {
            return Err(Error::field("phone", FieldErrorCode::Missing));
        }
        phone::normalize(input, false).map(PhoneNumber).ok_or_else(|| Error::field("phone", FieldErrorCode::Invalid))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The resident's address of `kind`: none, waiting for its code, or confirmed.
pub async fn setting(db: &Db, resident: ResidentId, kind: AddressKind) -> Result<AddressSetting, Error> {
    Ok(match db::contact_address::find(db, resident, kind.code()).await? {
        None => AddressSetting::Off,
        Some(row) if row.verified_at.is_some() => AddressSetting::Confirmed { address: row.address },
        Some(row) => AddressSetting::AwaitingCode { address: row.address },
    })
}

fn hash_code(resident: ResidentId, code: &str) -> String {
    let digest = Sha256::digest(format!("{resident}:{code}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Six digits from the operating system's random source (a v4 UUID).
fn new_code() -> String {
    format!("{:06}", uuid::Uuid::new_v4().as_u128() % 1_000_000)
}

/// Sets a new address of `kind` and sends it a code (by mail, or by SMS).
/// Until it is confirmed, nothing else is sent there.
pub async fn request_code(db: &Db, resident: ResidentId, kind: AddressKind, input: &str, lang: Lang, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    let (address, channel) = match kind {
        AddressKind::Phone => (PhoneNumber::parse(input)?.0, ChannelKind::Sms),
        AddressKind::Email => (EmailAddress::parse(input)?.0, ChannelKind::Email),
    };
    if notice::codes_since(db, resident, now - Duration::hours(1)).await? >= MAX_CODES_PER_HOUR {
        return Err(Error::RateLimited);
    }
    let code = new_code();
    let mut tx = db.begin().await?;
    let new = db::contact_address::NewCode {
        resident_id: resident,
        channel: kind.code(),
        address: &address,
        language: lang.code(),
        code_hash: &hash_code(resident, &code),
        code_expires_at: now + Duration::minutes(CODE_MINUTES),
    };
    db::contact_address::set_unverified(&mut tx, &new, now).await?;
    let notice = Notice::VerificationCode { resident, channel, address: &address, language: lang, code: &code, minutes: CODE_MINUTES };
    let effects = notice::enqueue(&mut tx, notice, now).await?;
    tx.commit().await?;
    Ok(Committed::new((), effects))
}

/// Confirms the address of `kind` with the code that was sent to it.
pub async fn confirm_code(db: &Db, resident: ResidentId, kind: AddressKind, input: &str, now: OffsetDateTime) -> Result<(), Error> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        return Err(Error::field("code", FieldErrorCode::Missing));
    }
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::field("code", FieldErrorCode::Invalid));
    }
    let row = db::contact_address::find(db, resident, kind.code()).await?.ok_or(Error::NotFound)?;
    if row.code_hash.is_none() {
        // Already confirmed: a second submit of the same form.
        return if row.verified_at.is_some() { Ok(()) } else { Err(Error::field("code", FieldErrorCode::Expired)) };
    }
    // The attempt is counted before the code is compared, in one statement:
    // parallel guesses cannot all read a count below the limit.
    let Some(expected) = db::contact_address::count_attempt(db, row.id, MAX_CODE_ATTEMPTS, now).await? else {
        return Err(Error::field("code", FieldErrorCode::Expired));
    };
    let given = hash_code(resident, &code);
    if given != expected {
        return Err(Error::field("code", FieldErrorCode::Invalid));
    }
    if !db::contact_address::verify(db, row.id, &given, now).await? {
        return Err(Error::Conflict);
    }
    Ok(())
}

/// Forgets the resident's address of `kind` and drops what was not sent there yet.
pub async fn remove(db: &Db, resident: ResidentId, kind: AddressKind) -> Result<(), Error> {
    match kind {
        AddressKind::Phone => {
            notice::drop_waiting(db, resident, ChannelKind::Sms).await?;
            notice::drop_waiting(db, resident, ChannelKind::WhatsApp).await?;
        }
        AddressKind::Email => notice::drop_waiting(db, resident, ChannelKind::Email).await?,
    }
    db::contact_address::delete(db, resident, kind.code()).await?;
    Ok(())
}

/// The channels besides the portal a resident can get answers on, each
/// with the address they confirmed for it: e-mail, and SMS and WhatsApp
/// on a confirmed phone number.
pub async fn reply_addresses(db: &Db, resident: ResidentId) -> Result<Vec<(Channel, String)>, Error> {
    let mut found = Vec::new();
    for (kind, address) in db::contact_address::verified_of(db, resident).await? {
        match AddressKind::from_code(&kind) {
            Some(AddressKind::Email) => found.push((Channel::Email, address)),
            Some(AddressKind::Phone) => {
                found.push((Channel::Sms, address.clone()));
                found.push((Channel::WhatsApp, address));
            }
            None => return Err(Error::Internal("a contact address of an unknown kind is stored")),
        }
    }
    found.sort_by_key(|(c, _)| Channel::ALL.iter().position(|a| a == c));
    Ok(found)
}

/// The resident's preferred channel for answers to new questions (the portal when none was chosen).
pub async fn preferred_channel(db: &Db, resident: ResidentId) -> Result<Channel, Error> {
    match db::resident::preferred_channel(db, resident).await? {
        None => Ok(Channel::Portal),
        Some(code) => Channel::from_code(&code).ok_or(Error::Internal("an unknown preferred channel is stored")),
    }
}

/// The reply channel and address for a new question: the resident's
/// preferred channel, when they confirmed an address for it.
pub async fn preferred_reply(db: &Db, resident: ResidentId) -> Result<(Channel, Option<String>), Error> {
    let preferred = preferred_channel(db, resident).await?;
    if preferred == Channel::Portal {
        return Ok((Channel::Portal, None));
    }
    Ok(match reply_addresses(db, resident).await?.into_iter().find(|(c, _)| *c == preferred) {
        Some((channel, address)) => (channel, Some(address)),
        None => (Channel::Portal, None),
    })
}

/// The resident's preferred channel for answers to new questions.
pub async fn set_preferred_channel(db: &Db, resident: ResidentId, channel: &str) -> Result<(), Error> {
    let channel = Channel::from_code(channel).ok_or_else(|| Error::field("channel", FieldErrorCode::Invalid))?;
    if channel != Channel::Portal && !reply_addresses(db, resident).await?.iter().any(|(c, _)| *c == channel) {
        return Err(Error::field("channel", FieldErrorCode::Invalid));
    }
    db::resident::set_preferred_channel(db, resident, (channel != Channel::Portal).then_some(channel.code())).await?;
    Ok(())
}

/// Whether someone confirmed this address for this channel (a caller ID
/// that is recognised, which is not the same as verified).
pub async fn is_confirmed(db: &Db, channel: Channel, address: &str) -> Result<bool, Error> {
    let Some(kind) = AddressKind::of(channel) else { return Ok(false) };
    Ok(db::contact_address::is_verified(db, kind.code(), address).await?)
}

/// The resident confirmed an address on this channel: who it is, for a message that arrives from it.
pub async fn resident_with(tx: &mut db::Tx, channel: Channel, address: &str) -> Result<Option<ResidentId>, Error> {
    let Some(kind) = AddressKind::of(channel) else { return Ok(None) };
    Ok(db::contact_address::resident_with_verified(tx, kind.code(), address).await?)
}

/// Whose address this is, and how Loket knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner {
    pub resident: ResidentId,
    /// Staff linked it when they identified the contact; the resident never confirmed it.
    pub linked: bool,
}

/// The resident an arriving message's address belongs to: the one who
/// confirmed it, or else the one staff linked it to (see [`link`]).
pub async fn owner_of(tx: &mut db::Tx, channel: Channel, address: &str) -> Result<Option<Owner>, Error> {
    let Some(kind) = AddressKind::of(channel) else { return Ok(None) };
    if let Some(resident) = db::contact_address::resident_with_verified(tx, kind.code(), address).await? {
        return Ok(Some(Owner { resident, linked: false }));
    }
    Ok(db::contact_address::resident_with_linked(tx, kind.code(), address).await?.map(|resident| Owner { resident, linked: true }))
}

/// Staff identified the contact behind `address` as the resident: the
/// next message from it joins the resident's history. Nothing is sent to
/// it because of this; the resident sees the link and can remove it.
pub(crate) async fn link(tx: &mut db::Tx, resident: ResidentId, channel: Channel, address: &str, staff: crate::model::ids::StaffId, now: OffsetDateTime) -> Result<(), Error> {
    if let Some(kind) = AddressKind::of(channel) {
        db::contact_address::link(tx, resident, kind.code(), address, staff, now).await?;
    }
    Ok(())
}

/// The addresses staff linked to the resident, as the resident and staff see them.
pub async fn linked(db: &Db, resident: ResidentId, lang: Lang) -> Result<Vec<crate::model::contact_address::LinkedAddress>, Error> {
    Ok(db::contact_address::linked_of(db, resident)
        .await?
        .into_iter()
        .map(|row| crate::model::contact_address::LinkedAddress {
            id: row.id,
            kind: AddressKind::from_code(&row.channel).map(|k| k.label(lang).to_string()).unwrap_or_default(),
            address: row.address,
            linked_on: crate::backend::local_time::format_moment(lang, row.created_at),
        })
        .collect())
}

/// The resident removes an address staff linked to them; someone else's is `NotFound`.
pub async fn unlink(db: &Db, resident: ResidentId, id: crate::model::ids::ContactAddressId) -> Result<(), Error> {
    if db::contact_address::unlink(db, resident, id).await? { Ok(()) } else { Err(Error::NotFound) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked() {
        assert_eq!(EmailAddress::parse("  jan@example.nl ").unwrap().as_str(), "jan@example.nl");
        for (input, code) in [
            ("", FieldErrorCode::Missing),
            ("jan", FieldErrorCode::Invalid),
            ("jan@localhost", FieldErrorCode::Invalid),
            ("jan@@example.nl", FieldErrorCode::Invalid),
        ] {
            match EmailAddress::parse(input) {
                Err(Error::Validation(fields)) => assert_eq!(fields[0].code, code, "{input}"),
                other => panic!("{input}: {other:?}"),
            }
        }
        let long = format!("{}@example.nl", "a".repeat(250));
        assert!(matches!(EmailAddress::parse(&long), Err(Error::Validation(f)) if f[0].code == FieldErrorCode::TooLong));
    }

    #[test]
    fn phone_numbers_are_kept_in_one_form() {
        assert_eq!(PhoneNumber::parse("06-12345678").unwrap().as_str(), "+31612345678");
        assert!(matches!(PhoneNumber::parse(" "), Err(Error::Validation(f)) if f[0].code == FieldErrorCode::Missing));
        assert!(matches!(PhoneNumber::parse("12"), Err(Error::Validation(f)) if f[0].code == FieldErrorCode::Invalid));
    }

    crate::both_dbs!(fifty_parallel_guesses_at_a_code_are_at_most_five_evaluated, |db| {
        let now = time::macros::datetime!(2026-11-30 09:00 UTC);
        let resident = ResidentId::new();
        let mut tx = db.begin().await.unwrap();
        db::resident::insert_if_absent(&mut tx, resident, "999993653", now).await.unwrap();
        tx.commit().await.unwrap();
        let _sent = request_code(&db, resident, AddressKind::Phone, "0612345678", Lang::Nl, now).await.unwrap();
        let mut guesses = tokio::task::JoinSet::new();
        for i in 0..50 {
            let db = db.clone();
            guesses.spawn(async move { confirm_code(&db, resident, AddressKind::Phone, &format!("{i:06}"), now).await });
        }
        let mut evaluated = 0;
        while let Some(result) = guesses.join_next().await {
            match result.unwrap() {
                Err(Error::Validation(fields)) if fields[0].code == FieldErrorCode::Invalid => evaluated += 1,
                Err(Error::Validation(fields)) if fields[0].code == FieldErrorCode::Expired => {}
                Ok(()) => evaluated += 1,
                other => panic!("{other:?}"),
            }
        }
        assert!((1..=MAX_CODE_ATTEMPTS).contains(&evaluated), "{evaluated} guesses were compared");
        let row = db::contact_address::find(&db, resident, AddressKind::Phone.code()).await.unwrap().unwrap();
        assert_eq!(row.code_attempts, MAX_CODE_ATTEMPTS);
    });

    #[test]
    fn codes_are_six_digits_and_hashes_depend_on_the_resident() {
        for _ in 0..100 {
            let code = new_code();
            assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
        }
        let a = ResidentId(uuid::Uuid::from_u128(1));
        let b = ResidentId(uuid::Uuid::from_u128(2));
        assert_ne!(hash_code(a, "123456"), hash_code(b, "123456"));
        assert_eq!(hash_code(a, "123456"), hash_code(a, "123456"));
    }
}
