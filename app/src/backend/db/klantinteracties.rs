//! SQL for the Klantinteracties API: Loket's contacts as klantcontacten
//! (a message that is not an internal note, or a callback request, whose
//! asking is itself a contact), callback requests as interne taken, and
//! residents' addresses as digitale adressen. Reads only.

use time::OffsetDateTime;

use crate::backend::db::{on_db, Db};
use crate::model::ids::{ContactAddressId, ResidentId};

/// A contact: a message or a callback request, with its conversation's case.
#[derive(Debug, sqlx::FromRow)]
pub struct ContactRow {
    pub id: uuid::Uuid,
    /// `message` or `callback`.
    pub kind: String,
    pub resident_id: Option<ResidentId>,
    /// A conversation channel code (`portal`, `email`, `phone` ...).
    pub channel: String,
    /// `in` (from the resident) or `out`.
    pub direction: String,
    pub subject: String,
    pub body: String,
    pub case_reference: Option<String>,
    /// Set for a case copied from the ZGW case system.
    pub case_zgw_url: Option<String>,
    pub created_at: OffsetDateTime,
}

const MESSAGES: &str = "select m.id, 'message' as kind, c.resident_id, m.channel, m.direction, c.subject, m.body,
            s.reference as case_reference, s.zgw_url as case_zgw_url, m.created_at
     from message m join conversation c on c.id = m.conversation_id left join service_case s on s.id = c.case_id
     where m.direction <> 'note'";

const CALLBACKS: &str = "select b.id, 'callback' as kind, b.resident_id,
            case when b.created_by is null then 'portal' else 'phone' end as channel, 'in' as direction,
            t.name_nl as subject, b.question as body, s.reference as case_reference, s.zgw_url as case_zgw_url, b.created_at
     from callback b join callback_type t on t.id = b.callback_type_id
     left join conversation c on c.id = b.conversation_id left join service_case s on s.id = c.case_id
     where 1 = 1";

/// One contact by its id: a message (not a note) or a callback request.
pub async fn contact(db: &Db, id: uuid::Uuid) -> Result<Option<ContactRow>, sqlx::Error> {
    let sql = format!("{MESSAGES} and m.id = $1 union all {CALLBACKS} and b.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, ContactRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// A resident's contacts, newest first: a page of them and how many there are in all.
pub async fn contacts_of(db: &Db, resident: ResidentId, limit: i64, offset: i64) -> Result<(Vec<ContactRow>, i64), sqlx::Error> {
    let sql = format!(
        "select * from ({MESSAGES} and c.resident_id = $1 union all {CALLBACKS} and b.resident_id = $1) contact
         order by created_at desc, id desc limit $2 offset $3"
    );
    let count = "select (select count(*) from message m join conversation c on c.id = m.conversation_id
                         where c.resident_id = $1 and m.direction <> 'note')
                      + (select count(*) from callback where resident_id = $1)";
    on_db!(db, pool => {
        let rows = sqlx::query_as::<_, ContactRow>(&sql).bind(resident).bind(limit).bind(offset).fetch_all(pool).await?;
        let count = sqlx::query_scalar::<_, i64>(count).bind(resident).fetch_one(pool).await?;
        Ok((rows, count))
    })
}

/// The ids of all a resident's contacts, oldest first.
pub async fn contact_ids_of(db: &Db, resident: ResidentId) -> Result<Vec<uuid::Uuid>, sqlx::Error> {
    let sql = "select id from (select m.id, m.created_at from message m join conversation c on c.id = m.conversation_id
                                where c.resident_id = $1 and m.direction <> 'note'
                               union all select id, created_at from callback where resident_id = $1) contact
               order by created_at, id";
    on_db!(db, pool => sqlx::query_scalar::<_, uuid::Uuid>(sql).bind(resident).fetch_all(pool).await)
}

/// A callback request as an interne taak.
#[derive(Debug, sqlx::FromRow)]
pub struct TaskRow {
    pub id: uuid::Uuid,
    pub resident_id: Option<ResidentId>,
    pub type_name: String,
    pub question: String,
    /// `open`, `handled` or `cancelled`.
    pub status: String,
    pub created_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
}

const TASKS: &str = "select b.id, b.resident_id, t.name_nl as type_name, b.question, b.status, b.created_at, b.closed_at
     from callback b join callback_type t on t.id = b.callback_type_id";

pub async fn task(db: &Db, id: uuid::Uuid) -> Result<Option<TaskRow>, sqlx::Error> {
    let sql = format!("{TASKS} where b.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, TaskRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// Callback requests, newest first, only open ones or only closed ones
/// when `open` says: a page of them and how many there are in all.
pub async fn tasks(db: &Db, open: Option<bool>, limit: i64, offset: i64) -> Result<(Vec<TaskRow>, i64), sqlx::Error> {
    let filter = match open {
        None => "1 = 1",
        Some(true) => "b.status = 'open'",
        Some(false) => "b.status <> 'open'",
    };
    let sql = format!("{TASKS} where {filter} order by b.created_at desc, b.id desc limit $1 offset $2");
    let count = format!("select count(*) from callback b where {filter}");
    on_db!(db, pool => {
        let rows = sqlx::query_as::<_, TaskRow>(&sql).bind(limit).bind(offset).fetch_all(pool).await?;
        let count = sqlx::query_scalar::<_, i64>(&count).fetch_one(pool).await?;
        Ok((rows, count))
    })
}

/// A resident's address as a digitaal adres.
#[derive(Debug, sqlx::FromRow)]
pub struct AddressRow {
    pub id: ContactAddressId,
    pub resident_id: ResidentId,
    /// `email` or `phone`.
    pub channel: String,
    pub address: String,
    pub verified_at: Option<OffsetDateTime>,
}

const ADDRESSES: &str = "select id, resident_id, channel, address, verified_at from contact_address";

pub async fn address(db: &Db, id: ContactAddressId) -> Result<Option<AddressRow>, sqlx::Error> {
    let sql = format!("{ADDRESSES} where id = $1");
    on_db!(db, pool => sqlx::query_as::<_, AddressRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// A resident's addresses, e-mail first.
pub async fn addresses_of(db: &Db, resident: ResidentId) -> Result<Vec<AddressRow>, sqlx::Error> {
    let sql = format!("{ADDRESSES} where resident_id = $1 order by channel, id");
    on_db!(db, pool => sqlx::query_as::<_, AddressRow>(&sql).bind(resident).fetch_all(pool).await)
}
