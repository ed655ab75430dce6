//! SQL for conversations, their messages and message attachments.
//! Internal notes are messages with direction `note`: every query a
//! resident's view runs filters them out here, in SQL.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{AttachmentId, CaseId, ConversationId, MessageId, ResidentId, StaffId, TeamId};

/// The SQL condition that keeps internal notes away from residents.
const VISIBLE: &str = "m.direction <> 'note'";

#[derive(Debug, sqlx::FromRow)]
pub struct ConversationRow {
    pub id: ConversationId,
    pub resident_id: Option<ResidentId>,
    pub subject: String,
    pub case_id: Option<CaseId>,
    pub case_reference: Option<String>,
    pub status: String,
    pub team_id: TeamId,
    pub team_nl: String,
    pub team_en: String,
    pub assignee_id: Option<StaffId>,
    pub assignee_name: Option<String>,
    pub channel: String,
    /// Where replies go on `channel` (an e-mail address or E.164 number).
    pub contact: Option<String>,
    pub result: Option<String>,
    pub updated_at: OffsetDateTime,
    /// Merged into this conversation (its messages are there now).
    pub merged_into: Option<ConversationId>,
    /// The newest message the viewer may see, and the channels used so far.
    pub last_body: Option<String>,
    pub channels: Option<String>,
}

/// The conversation query; `visible` decides which messages count (all for
/// staff, none of the notes for a resident), `rest` adds where and order.
fn query(db: &Db, visible: &str, rest: &str) -> String {
    // The list of channels used: `string_agg` (PostgreSQL) or `group_concat` (SQLite).
    let channels = match db {
        Db::Postgres(_) => format!("(select string_agg(distinct m.channel, ' ') from message m where m.conversation_id = c.id and {visible})"),
        Db::Sqlite(_) => format!(
            "(select group_concat(channel, ' ') from (select distinct m.channel from message m where m.conversation_id = c.id and {visible}))"
        ),
    };
    format!(
        "select c.id, c.resident_id, c.subject, c.case_id, sc.reference as case_reference, c.status,
                c.team_id, t.name_nl as team_nl, t.name_en as team_en, c.assignee_id, s.name as assignee_name,
                c.channel, c.contact, c.result, c.updated_at, c.merged_into,
                (select m.body from message m where m.conversation_id = c.id and {visible}
                 order by m.created_at desc, m.id desc limit 1) as last_body,
                {channels} as channels
         from conversation c
         join team t on t.id = c.team_id
         left join service_case sc on sc.id = c.case_id
         left join staff_member s on s.id = c.assignee_id
         {rest}"
    )
}

/// The resident's conversations, most recently active first.
pub async fn list_for_resident(db: &Db, resident: ResidentId) -> Result<Vec<ConversationRow>, sqlx::Error> {
    let sql = query(db, VISIBLE, "where c.resident_id = $1 and c.merged_into is null order by c.updated_at desc, c.id");
    on_db!(db, pool => sqlx::query_as::<_, ConversationRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// The resident's conversations that are still open (the overview's), most recently active first.
pub async fn list_open_for_resident(db: &Db, resident: ResidentId) -> Result<Vec<ConversationRow>, sqlx::Error> {
    let sql = query(db, VISIBLE, "where c.resident_id = $1 and c.merged_into is null and c.status <> 'closed' order by c.updated_at desc, c.id");
    on_db!(db, pool => sqlx::query_as::<_, ConversationRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// The conversations linked to a case, most recently active first (notes count: for staff).
pub async fn list_for_case(db: &Db, case: CaseId) -> Result<Vec<ConversationRow>, sqlx::Error> {
    let sql = query(db, "1 = 1", "where c.case_id = $1 order by c.updated_at desc, c.id desc");
    on_db!(db, pool => sqlx::query_as::<_, ConversationRow>(&sql).bind(case).fetch_all(pool).await)
}

/// One conversation, only if it is this resident's.
pub async fn find_for_resident(db: &Db, resident: ResidentId, id: ConversationId) -> Result<Option<ConversationRow>, sqlx::Error> {
    let sql = query(db, VISIBLE, "where c.resident_id = $1 and c.id = $2");
    on_db!(db, pool => sqlx::query_as::<_, ConversationRow>(&sql).bind(resident).bind(id).fetch_optional(pool).await)
}

/// One conversation, for staff.
pub async fn find(db: &Db, id: ConversationId) -> Result<Option<ConversationRow>, sqlx::Error> {
    let sql = query(db, "1 = 1", "where c.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, ConversationRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// What the staff inbox shows: filters that are `None` do not filter.
#[derive(Clone, Debug, Default)]
pub struct InboxFilter {
    pub team: Option<TeamId>,
    /// A status, or `None` for every status except closed.
    pub status: Option<String>,
    /// The channel the conversation is on now (where replies go).
    pub channel: Option<String>,
    pub assignee: Option<StaffId>,
    pub unassigned: bool,
    /// Only what this staff member may see: their teams', or assigned to them.
    pub scope: Option<StaffId>,
    /// The page after this conversation (in the inbox's order).
    pub after: Option<ConversationId>,
}

/// A value the inbox's condition binds: an id or a code.
enum Param {
    Id(uuid::Uuid),
    Text(String),
}

/// The inbox's condition on `c` (conversation) for one filter, and the
/// values it binds in order. Only the filters that are set become SQL, so
/// every combination gets a plan that uses the open-conversation indexes
/// (their condition, `c.status <> 'closed'`, appears as written).
struct InboxWhere {
    sql: Vec<String>,
    params: Vec<Param>,
}

/// Which states a count covers: the open ones, or the closed ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    Yes,
    No,
}

impl InboxWhere {
    fn new(filter: &InboxFilter, with_channel: bool) -> InboxWhere {
        let mut w = InboxWhere { sql: Vec::new(), params: Vec::new() };
        if let Some(team) = filter.team {
            w.push("c.team_id = {}", Param::Id(team.into()));
        }
        match filter.status.as_deref() {
            None => w.sql.push("c.status <> 'closed'".into()),
            Some(status) => w.push("c.status = {}", Param::Text(status.into())),
        }
        if let Some(channel) = filter.channel.as_deref().filter(|_| with_channel) {
            w.push("c.channel = {}", Param::Text(channel.into()));
        }
        if let Some(assignee) = filter.assignee {
            w.push("c.assignee_id = {}", Param::Id(assignee.into()));
        }
        if filter.unassigned {
            w.sql.push("c.assignee_id is null".into());
        }
        if let Some(scope) = filter.scope {
            w.push("(c.assignee_id = {0} or c.team_id in (select st.team_id from staff_team st where st.staff_id = {0}))", Param::Id(scope.into()));
        }
        w
    }

    /// Adds a condition whose `{}` (or `{0}`, each time) is the next parameter.
    fn push(&mut self, condition: &str, value: Param) {
        self.params.push(value);
        let n = format!("${}", self.params.len());
        self.sql.push(condition.replace("{0}", &n).replace("{}", &n));
    }

    fn sql(&self) -> String {
        self.sql.join(" and ")
    }

    /// The number the next parameter gets.
    fn next(&self) -> usize {
        self.params.len() + 1
    }
}

/// Binds an [`InboxWhere`]'s values to a query, in order.
macro_rules! bind_inbox {
    ($query:expr, $where:expr) => {{
        let mut q = $query;
        for value in &$where.params {
            q = match value {
                Param::Id(id) => q.bind(*id),
                Param::Text(text) => q.bind(text.as_str()),
            };
        }
        q
    }};
}

/// The staff inbox: conversations across channels, the longest waiting
/// first; `filter.after` is the last one of the page before.
pub async fn inbox(db: &Db, filter: &InboxFilter, limit: i64) -> Result<Vec<ConversationRow>, sqlx::Error> {
    let mut w = InboxWhere::new(filter, true);
    if let Some(after) = filter.after {
        w.push("(c.updated_at, c.id) > (select p.updated_at, p.id from conversation p where p.id = {})", Param::Id(after.into()));
    }
    let sql = query(db, "1 = 1", &format!("where {} order by c.updated_at, c.id limit ${}", w.sql(), w.next()));
    on_db!(db, pool => bind_inbox!(sqlx::query_as::<_, ConversationRow>(&sql), w).bind(limit).fetch_all(pool).await)
}

/// How many conversations the filter finds per (state, channel), its own
/// state and channel ignored: of the open states (added up from
/// `open_conversation_count`, which triggers keep), or of closed (counted
/// from the conversations), never from the messages.
pub async fn inbox_counts(db: &Db, filter: &InboxFilter, open: Open) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    let filter = InboxFilter { status: (open == Open::No).then(|| "closed".to_string()), ..filter.clone() };
    let w = InboxWhere::new(&filter, false);
    let sql = match open {
        Open::Yes => format!("select c.status, c.channel, cast(sum(c.conversations) as bigint) from open_conversation_count c where {} group by c.status, c.channel", w.sql()),
        Open::No => format!("select c.status, c.channel, count(*) from conversation c where {} group by c.status, c.channel", w.sql()),
    };
    on_db!(db, pool => bind_inbox!(sqlx::query_as::<_, (String, String, i64)>(&sql), w).fetch_all(pool).await)
}

/// Counts for the workspace's navigation: open conversations assigned to
/// `staff`, and open ones of their teams that nobody has taken.
pub async fn counts(db: &Db, staff: StaffId) -> Result<(i64, i64), sqlx::Error> {
    let sql = "select
                 (select cast(coalesce(sum(c.conversations), 0) as bigint) from open_conversation_count c where c.assignee_id = $1),
                 (select cast(coalesce(sum(c.conversations), 0) as bigint) from open_conversation_count c where c.assignee_id is null
                    and c.team_id in (select st.team_id from staff_team st where st.staff_id = $1))";
    on_db!(db, pool => sqlx::query_as::<_, (i64, i64)>(sql).bind(staff).fetch_one(pool).await)
}

/// Open conversations of nobody yet from this contact address, the longest waiting first.
pub async fn unidentified_from(db: &Db, contact: &str, limit: i64) -> Result<Vec<ConversationRow>, sqlx::Error> {
    let sql = query(db, "1 = 1", "where c.resident_id is null and c.contact = $1 and c.status <> 'closed' order by c.updated_at, c.id limit $2");
    on_db!(db, pool => sqlx::query_as::<_, ConversationRow>(&sql).bind(contact).bind(limit).fetch_all(pool).await)
}

pub struct NewConversation<'a> {
    pub id: ConversationId,
    pub resident_id: Option<ResidentId>,
    pub subject: &'a str,
    pub case_id: Option<CaseId>,
    pub status: &'a str,
    pub team_id: TeamId,
    pub channel: &'a str,
    pub contact: Option<&'a str>,
}

pub async fn insert(tx: &mut Tx, new: &NewConversation<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into conversation (id, resident_id, subject, case_id, status, team_id, channel, contact, created_at, updated_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.resident_id).bind(new.subject).bind(new.case_id).bind(new.status).bind(new.team_id).bind(new.channel).bind(new.contact).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// The open conversation that messages from `contact` continue: the most
/// recently active one of this resident (or, for `None`, of nobody yet)
/// that has this contact address.
pub async fn find_open_by_contact(tx: &mut Tx, resident: Option<ResidentId>, contact: &str) -> Result<Option<ConversationId>, sqlx::Error> {
    let sql = "select id from conversation
               where contact = $1 and status <> 'closed'
                 and (resident_id = $2 or ($2 is null and resident_id is null))
               order by updated_at desc, id desc limit 1";
    on_tx!(tx, conn => sqlx::query_scalar::<_, ConversationId>(sql).bind(contact).bind(resident).fetch_optional(conn).await)
}

/// Serialises the arrival of messages from one contact address, so two
/// deliveries at once never open two conversations: PostgreSQL takes a
/// transaction-scoped advisory lock on the address; SQLite takes its one
/// write lock now instead of at the first insert.
pub async fn lock_contact(tx: &mut Tx, contact: &str) -> Result<(), sqlx::Error> {
    match tx {
        Tx::Postgres(tx) => sqlx::query("select pg_advisory_xact_lock(hashtext($1))").bind(contact).execute(&mut **tx).await.map(|_| ()),
        Tx::Sqlite(tx, _) => sqlx::query("update conversation set contact = contact where 1 = 0").execute(&mut **tx).await.map(|_| ()),
    }
}

/// Where replies go from now on: the channel and the address on it.
pub async fn set_reply(tx: &mut Tx, id: ConversationId, channel: &str, contact: Option<&str>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update conversation set channel = $1, contact = $2, updated_at = $3 where id = $4";
    on_tx!(tx, conn => sqlx::query(sql).bind(channel).bind(contact).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Gives every unidentified conversation of `contact` its resident (staff
/// merged the contact into them); how many.
pub async fn claim_contact(db: &Db, contact: &str, resident: ResidentId, now: OffsetDateTime) -> Result<u64, sqlx::Error> {
    let sql = "update conversation set resident_id = $1, updated_at = $2 where contact = $3 and resident_id is null";
    on_db!(db, pool => sqlx::query(sql).bind(resident).bind(now).bind(contact).execute(pool).await.map(|r| r.rows_affected()))
}

/// Sets the status (and the reply channel, when given) after a message; reopens a closed conversation.
pub async fn touch(tx: &mut Tx, id: ConversationId, status: Option<&str>, channel: Option<&str>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "update conversation set status = coalesce($1, status), channel = coalesce($2, channel), updated_at = $3,
                 closed_at = case when $1 is null then closed_at else null end,
                 result = case when $1 is null then result else null end
               where id = $4";
    on_tx!(tx, conn => sqlx::query(sql).bind(status).bind(channel).bind(now).bind(id).execute(conn).await.map(|_| ()))
}

const ASSIGN: &str = "update conversation set assignee_id = $1, updated_at = $2 where id = $3";

pub async fn assign(db: &Db, id: ConversationId, assignee: Option<StaffId>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    on_db!(db, pool => sqlx::query(ASSIGN).bind(assignee).bind(now).bind(id).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// [`assign`] inside the transaction that opens the conversation.
pub async fn assign_in(tx: &mut Tx, id: ConversationId, assignee: Option<StaffId>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query(ASSIGN).bind(assignee).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Moves every message of `from` into `into`, each remembering where it
/// came from, and closes `from` pointing to `into`; false when `from` was
/// merged (or changed hands) meanwhile.
pub async fn merge(tx: &mut Tx, from: ConversationId, into: ConversationId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let close = "update conversation set merged_into = $1, status = 'closed', closed_at = $2, updated_at = $2 where id = $3 and merged_into is null";
    if !on_tx!(tx, conn => sqlx::query(close).bind(into).bind(now).bind(from).execute(conn).await.map(|r| r.rows_affected() == 1))? {
        return Ok(false);
    }
    let moved = "update message set conversation_id = $1, moved_from = $2 where conversation_id = $2";
    on_tx!(tx, conn => sqlx::query(moved).bind(into).bind(from).execute(conn).await.map(|_| ()))?;
    let touch = "update conversation set updated_at = $1 where id = $2";
    on_tx!(tx, conn => sqlx::query(touch).bind(now).bind(into).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Undoes [`merge`]: the messages that came from `from` go back, and
/// `from` is open again, waiting for the municipality. False when it was not merged.
pub async fn unmerge(tx: &mut Tx, from: ConversationId, into: ConversationId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let reopen = "update conversation set merged_into = null, status = 'waiting_for_municipality', closed_at = null, result = null, updated_at = $1
                  where id = $2 and merged_into = $3";
    if !on_tx!(tx, conn => sqlx::query(reopen).bind(now).bind(from).bind(into).execute(conn).await.map(|r| r.rows_affected() == 1))? {
        return Ok(false);
    }
    let back = "update message set conversation_id = $1, moved_from = null where conversation_id = $2 and moved_from = $1";
    on_tx!(tx, conn => sqlx::query(back).bind(from).bind(into).execute(conn).await.map(|_| true))
}

/// Whether other conversations were merged into this one.
pub async fn has_merged_in(db: &Db, id: ConversationId) -> Result<bool, sqlx::Error> {
    let sql = "select count(*) from conversation where merged_into = $1";
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(pool).await.map(|n| n > 0))
}

/// The resident's other conversations `id` could be merged into (not merged themselves), most recent first.
pub async fn merge_candidates(db: &Db, resident: ResidentId, id: ConversationId) -> Result<Vec<(ConversationId, String)>, sqlx::Error> {
    let sql = "select id, subject from conversation where resident_id = $1 and id <> $2 and merged_into is null order by updated_at desc, id limit 50";
    on_db!(db, pool => sqlx::query_as::<_, (ConversationId, String)>(sql).bind(resident).bind(id).fetch_all(pool).await)
}

/// Links the conversation to a case of the same resident; false when that case is not theirs.
pub async fn link_case(tx: &mut Tx, id: ConversationId, case: CaseId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update conversation set case_id = $1, updated_at = $2
               where id = $3 and exists (select 1 from service_case sc where sc.id = $1 and sc.resident_id = conversation.resident_id)";
    on_tx!(tx, conn => sqlx::query(sql).bind(case).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn close(tx: &mut Tx, id: ConversationId, result: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update conversation set status = 'closed', result = $1, closed_at = $2, updated_at = $2 where id = $3 and status <> 'closed'";
    on_tx!(tx, conn => sqlx::query(sql).bind(result).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

// ---------------------------------------------------------------- messages

#[derive(Debug, sqlx::FromRow)]
pub struct MessageRow {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub client_id: uuid::Uuid,
    pub channel: String,
    pub direction: String,
    pub staff_id: Option<StaffId>,
    pub staff_name: Option<String>,
    pub body: String,
    pub created_at: OffsetDateTime,
    pub provider_id: Option<String>,
    pub delivery: Option<String>,
    pub sender_check: Option<String>,
}

const MESSAGE: &str = "select m.id, m.conversation_id, m.client_id, m.channel, m.direction, m.staff_id, s.name as staff_name, m.body, m.created_at,
                              m.provider_id, m.delivery, m.sender_check
                       from message m left join staff_member s on s.id = m.staff_id";

/// The messages of a conversation, oldest first; `with_notes` only for staff.
pub async fn messages(db: &Db, conversation: ConversationId, with_notes: bool) -> Result<Vec<MessageRow>, sqlx::Error> {
    let visible = if with_notes { "1 = 1" } else { VISIBLE };
    let sql = format!("{MESSAGE} where m.conversation_id = $1 and {visible} order by m.created_at, m.id");
    on_db!(db, pool => sqlx::query_as::<_, MessageRow>(&sql).bind(conversation).fetch_all(pool).await)
}

/// Whether this staff member is in a live contact with the resident: an
/// open conversation of theirs assigned to them, or a call they take now.
pub async fn live_contact(db: &Db, staff: StaffId, resident: ResidentId) -> Result<bool, sqlx::Error> {
    let sql = "select count(*) from conversation c where c.resident_id = $1 and c.status <> 'closed'
                 and (c.assignee_id = $2 or exists (select 1 from phone_call p where p.conversation_id = c.id and p.ended_at is null and p.staff_id = $2))";
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(resident).bind(staff).fetch_one(pool).await.map(|n| n > 0))
}

/// The resident's messages across all their conversations, newest first;
/// never a note (one timeline across threads and channels).
pub async fn timeline_for_resident(db: &Db, resident: ResidentId, limit: i64) -> Result<Vec<MessageRow>, sqlx::Error> {
    let sql = format!("{MESSAGE} join conversation c on c.id = m.conversation_id where c.resident_id = $1 and {VISIBLE} order by m.created_at desc, m.id limit $2");
    on_db!(db, pool => sqlx::query_as::<_, MessageRow>(&sql).bind(resident).bind(limit).fetch_all(pool).await)
}

/// One message of one of the resident's conversations; never a note.
pub async fn message_for_resident(db: &Db, resident: ResidentId, message: MessageId) -> Result<Option<MessageRow>, sqlx::Error> {
    let sql = format!("{MESSAGE} join conversation c on c.id = m.conversation_id where m.id = $1 and c.resident_id = $2 and {VISIBLE}");
    on_db!(db, pool => sqlx::query_as::<_, MessageRow>(&sql).bind(message).bind(resident).fetch_optional(pool).await)
}

/// One message, for staff.
pub async fn message(db: &Db, message: MessageId) -> Result<Option<MessageRow>, sqlx::Error> {
    let sql = format!("{MESSAGE} where m.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, MessageRow>(&sql).bind(message).fetch_optional(pool).await)
}

/// The message a client already sent with this id (a retry or a double submit).
pub async fn message_by_client_id(db: &Db, client_id: uuid::Uuid) -> Result<Option<MessageRow>, sqlx::Error> {
    let sql = format!("{MESSAGE} where m.client_id = $1");
    on_db!(db, pool => sqlx::query_as::<_, MessageRow>(&sql).bind(client_id).fetch_optional(pool).await)
}

pub struct NewMessage<'a> {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub client_id: uuid::Uuid,
    pub channel: &'a str,
    pub direction: &'a str,
    pub staff_id: Option<StaffId>,
    pub body: &'a str,
    /// Inbound on a provider's channel: the provider's id of the message.
    pub provider_id: Option<&'a str>,
    pub delivery: Option<&'a str>,
    /// `unverified` or `recognised`: see `SenderCheck`.
    pub sender_check: Option<&'a str>,
}

/// Adds a message; false when a message with this client id (or provider
/// id on its channel) exists already: nothing is added.
pub async fn insert_message(tx: &mut Tx, new: &NewMessage<'_>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into message (id, conversation_id, client_id, channel, direction, staff_id, body, created_at, provider_id, delivery, sender_check)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict do nothing";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.conversation_id).bind(new.client_id).bind(new.channel).bind(new.direction).bind(new.staff_id).bind(new.body).bind(now)
        .bind(new.provider_id).bind(new.delivery).bind(new.sender_check)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// The message a provider knows by this id on this channel.
pub async fn message_by_provider_id(db: &Db, channel: &str, provider_id: &str) -> Result<Option<MessageRow>, sqlx::Error> {
    let sql = format!("{MESSAGE} where m.channel = $1 and m.provider_id = $2");
    on_db!(db, pool => sqlx::query_as::<_, MessageRow>(&sql).bind(channel).bind(provider_id).fetch_optional(pool).await)
}

/// SQL rank of a delivery stage, matching `Delivery::rank`.
const DELIVERY_RANK: &str = "coalesce(case delivery when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 when 'failed' then 4 end, -1)";

/// Moves an outbound message's delivery forward to `delivery` (of rank
/// `rank`), never back; true when it moved. By our id, after sending, with
/// the provider's id, or by the provider's id from a status callback.
pub async fn advance_delivery(
    db: &Db,
    by: DeliveryKey<'_>,
    delivery: &str,
    rank: u8,
    provider_id: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let rank = i64::from(rank);
    match by {
        DeliveryKey::Message(id) => {
            let sql = format!("update message set delivery = $1, provider_id = coalesce($2, provider_id) where id = $3 and {DELIVERY_RANK} < $4");
            on_db!(db, pool => sqlx::query(&sql).bind(delivery).bind(provider_id).bind(id).bind(rank).execute(pool).await.map(|r| r.rows_affected() == 1))
        }
        DeliveryKey::Provider { channel, provider_id: pid } => {
            let sql = format!("update message set delivery = $1 where channel = $2 and provider_id = $3 and direction = 'out' and {DELIVERY_RANK} < $4");
            on_db!(db, pool => sqlx::query(&sql).bind(delivery).bind(channel).bind(pid).bind(rank).execute(pool).await.map(|r| r.rows_affected() == 1))
        }
    }
}

/// Which outbound message a delivery report is about.
#[derive(Clone, Copy, Debug)]
pub enum DeliveryKey<'a> {
    Message(MessageId),
    Provider { channel: &'a str, provider_id: &'a str },
}

/// When the resident last wrote in this conversation on `channel`, and the provider's id of that message.
pub async fn last_inbound(db: &Db, conversation: ConversationId, channel: &str) -> Result<Option<(OffsetDateTime, Option<String>)>, sqlx::Error> {
    let sql = "select created_at, provider_id from message where conversation_id = $1 and channel = $2 and direction = 'in'
               order by created_at desc, id desc limit 1";
    on_db!(db, pool => sqlx::query_as::<_, (OffsetDateTime, Option<String>)>(sql).bind(conversation).bind(channel).fetch_optional(pool).await)
}

// ---------------------------------------------------------------- attachments

#[derive(Debug, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: AttachmentId,
    pub message_id: MessageId,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
}

pub struct NewAttachment<'a> {
    pub id: AttachmentId,
    pub message_id: MessageId,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
}

pub async fn insert_attachment(tx: &mut Tx, new: &NewAttachment<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into message_attachment (id, message_id, file_name, content_type, size_bytes, storage_key, created_at)
               values ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.message_id).bind(new.file_name).bind(new.content_type).bind(new.size_bytes).bind(new.storage_key).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// The attachments of a conversation's messages; `with_notes` only for staff.
pub async fn attachments(db: &Db, conversation: ConversationId, with_notes: bool) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    let visible = if with_notes { "1 = 1" } else { VISIBLE };
    let sql = format!(
        "select a.id, a.message_id, a.file_name, a.content_type, a.size_bytes, a.storage_key
         from message_attachment a join message m on m.id = a.message_id
         where m.conversation_id = $1 and {visible} order by a.created_at, a.id"
    );
    on_db!(db, pool => sqlx::query_as::<_, AttachmentRow>(&sql).bind(conversation).fetch_all(pool).await)
}

/// One attachment of one of the resident's conversations, never of a note.
pub async fn attachment_for_resident(db: &Db, resident: ResidentId, conversation: ConversationId, id: AttachmentId) -> Result<Option<AttachmentRow>, sqlx::Error> {
    let sql = format!(
        "select a.id, a.message_id, a.file_name, a.content_type, a.size_bytes, a.storage_key
         from message_attachment a join message m on m.id = a.message_id join conversation c on c.id = m.conversation_id
         where a.id = $1 and c.id = $2 and c.resident_id = $3 and {VISIBLE}"
    );
    on_db!(db, pool => sqlx::query_as::<_, AttachmentRow>(&sql).bind(id).bind(conversation).bind(resident).fetch_optional(pool).await)
}

/// One attachment of a conversation, for staff.
pub async fn attachment(db: &Db, conversation: ConversationId, id: AttachmentId) -> Result<Option<AttachmentRow>, sqlx::Error> {
    let sql = "select a.id, a.message_id, a.file_name, a.content_type, a.size_bytes, a.storage_key
               from message_attachment a join message m on m.id = a.message_id
               where a.id = $1 and m.conversation_id = $2";
    on_db!(db, pool => sqlx::query_as::<_, AttachmentRow>(sql).bind(id).bind(conversation).fetch_optional(pool).await)
}

// ---------------------------------------------------------------- hand-over

pub async fn insert_handover(tx: &mut Tx, token_hash: &str, conversation: ConversationId, expires_at: OffsetDateTime, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into handover (token_hash, conversation_id, expires_at, created_at) values ($1, $2, $3, $4)";
    on_tx!(tx, conn => sqlx::query(sql).bind(token_hash).bind(conversation).bind(expires_at).bind(now).execute(conn).await.map(|_| ()))
}

/// Uses a hand-over token: its conversation, once, before it expires.
pub async fn use_handover(tx: &mut Tx, token_hash: &str, now: OffsetDateTime) -> Result<Option<ConversationId>, sqlx::Error> {
    let sql = "update handover set used_at = $1 where token_hash = $2 and used_at is null and expires_at > $1 returning conversation_id";
    on_tx!(tx, conn => sqlx::query_scalar::<_, ConversationId>(sql).bind(now).bind(token_hash).fetch_optional(conn).await)
}

/// A conversation as its resident sees it (without notes), whoever it
/// belongs to: what a hand-over link shows before it is taken over.
pub async fn find_as_resident(db: &Db, id: ConversationId) -> Result<Option<ConversationRow>, sqlx::Error> {
    let sql = query(db, VISIBLE, "where c.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, ConversationRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// The conversation of an unused, unexpired hand-over link, without using it.
pub async fn find_handover(db: &Db, token_hash: &str, now: OffsetDateTime) -> Result<Option<ConversationId>, sqlx::Error> {
    let sql = "select conversation_id from handover where token_hash = $1 and used_at is null and expires_at > $2";
    on_db!(db, pool => sqlx::query_scalar::<_, ConversationId>(sql).bind(token_hash).bind(now).fetch_optional(pool).await)
}

/// Where a conversation's answers go: its channel and contact address.
pub async fn reply_of(tx: &mut Tx, id: ConversationId) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    let sql = "select channel, contact from conversation where id = $1";
    on_tx!(tx, conn => sqlx::query_as::<_, (String, Option<String>)>(sql).bind(id).fetch_optional(conn).await)
}

/// Gives an unidentified conversation its resident; true when it is (now) theirs.
pub async fn claim_for_resident(tx: &mut Tx, id: ConversationId, resident: ResidentId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update conversation set resident_id = $1, updated_at = $2 where id = $3 and (resident_id is null or resident_id = $1)";
    on_tx!(tx, conn => sqlx::query(sql).bind(resident).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}
