//! SQL for statistics: the figures the `statistics` job keeps
//! (`contact_day`, `conversation_figure`), how far it has counted
//! (`statistics_mark`), and the reads of the statistics page. Nothing here
//! names a resident: the figures are counts and durations.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{ConversationId, MessageId, TeamId};

/// How far the job has counted.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MarkRow {
    pub round: i64,
    pub messages_at: Option<OffsetDateTime>,
    pub messages_id: Option<MessageId>,
    pub conversations_at: Option<OffsetDateTime>,
    pub conversations_id: Option<ConversationId>,
}

pub async fn mark(tx: &mut Tx) -> Result<MarkRow, sqlx::Error> {
    let sql = "select round, messages_at, messages_id, conversations_at, conversations_id from statistics_mark where id = 1";
    on_tx!(tx, conn => sqlx::query_as::<_, MarkRow>(sql).fetch_one(conn).await)
}

/// Moves the mark on, only if nobody else did since `round` was read:
/// false means another node counted this batch, and the caller rolls back.
pub async fn advance_mark(tx: &mut Tx, round: i64, to: &MarkRow) -> Result<bool, sqlx::Error> {
    let sql = "update statistics_mark set round = round + 1, messages_at = $1, messages_id = $2, conversations_at = $3, conversations_id = $4
               where id = 1 and round = $5";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(to.messages_at).bind(to.messages_id).bind(to.conversations_at).bind(to.conversations_id).bind(round)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// A contact to count: a message to or from the resident, with the team
/// its conversation is with.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactRow {
    pub id: MessageId,
    pub created_at: OffsetDateTime,
    pub team_id: TeamId,
    pub channel: String,
    pub direction: String,
}

/// The next `limit` contacts after `after` (in the order of time and id), none later than `until`.
pub async fn contacts_after(tx: &mut Tx, after: Option<(OffsetDateTime, MessageId)>, until: OffsetDateTime, limit: i64) -> Result<Vec<ContactRow>, sqlx::Error> {
    let from = if after.is_some() { "and (m.created_at, m.id) > ($3, $4)" } else { "" };
    let sql = format!(
        "select m.id, m.created_at, c.team_id, m.channel, m.direction from message m join conversation c on c.id = m.conversation_id
         where m.created_at <= $1 and m.direction <> 'note' {from} order by m.created_at, m.id limit $2"
    );
    on_tx!(tx, conn => {
        let query = sqlx::query_as::<_, ContactRow>(&sql).bind(until).bind(limit);
        let query = match after { Some((at, id)) => query.bind(at).bind(id), None => query };
        query.fetch_all(conn).await
    })
}

/// Adds `contacts` to a day's count for a team, channel and direction.
pub async fn add_contacts(tx: &mut Tx, day: Date, team: TeamId, channel: &str, direction: &str, contacts: i64) -> Result<(), sqlx::Error> {
    let sql = "insert into contact_day (day, team_id, channel, direction, contacts) values ($1, $2, $3, $4, $5)
               on conflict (day, team_id, channel, direction) do update set contacts = contact_day.contacts + excluded.contacts";
    on_tx!(tx, conn => sqlx::query(sql).bind(day).bind(team).bind(channel).bind(direction).bind(contacts).execute(conn).await.map(|_| ()))
}

/// A conversation that changed: its figure is made again.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangedRow {
    pub id: ConversationId,
    pub updated_at: OffsetDateTime,
    pub team_id: TeamId,
    pub closed_at: Option<OffsetDateTime>,
    /// Merged into another: its messages moved there, and so does its figure.
    pub merged: bool,
}

/// The next `limit` conversations changed after `after`, none later than `until`.
pub async fn changed_after(tx: &mut Tx, after: Option<(OffsetDateTime, ConversationId)>, until: OffsetDateTime, limit: i64) -> Result<Vec<ChangedRow>, sqlx::Error> {
    let from = if after.is_some() { "and (updated_at, id) > ($3, $4)" } else { "" };
    let sql = format!(
        "select id, updated_at, team_id, closed_at, merged_into is not null as merged from conversation
         where updated_at <= $1 {from} order by updated_at, id limit $2"
    );
    on_tx!(tx, conn => {
        let query = sqlx::query_as::<_, ChangedRow>(&sql).bind(until).bind(limit);
        let query = match after { Some((at, id)) => query.bind(at).bind(id), None => query };
        query.fetch_all(conn).await
    })
}

/// `$first, $first+1, ...` for `count` values.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

/// One message of a conversation, as a figure needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FigureMessageRow {
    pub conversation_id: ConversationId,
    pub channel: String,
    pub direction: String,
    pub created_at: OffsetDateTime,
}

/// The messages to and from the resident of these conversations, each conversation's in order.
pub async fn messages_of(tx: &mut Tx, conversations: &[ConversationId]) -> Result<Vec<FigureMessageRow>, sqlx::Error> {
    if conversations.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "select conversation_id, channel, direction, created_at from message where direction <> 'note' and conversation_id in ({})
         order by conversation_id, created_at, id",
        placeholders(1, conversations.len())
    );
    on_tx!(tx, conn => {
        let mut query = sqlx::query_as::<_, FigureMessageRow>(&sql);
        for id in conversations { query = query.bind(*id); }
        query.fetch_all(conn).await
    })
}

/// A callback request of a conversation: when it was due and when it ended.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WaitRow {
    pub conversation_id: ConversationId,
    pub created_at: OffsetDateTime,
    pub due_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
}

/// The callback requests of these conversations.
pub async fn callbacks_of(tx: &mut Tx, conversations: &[ConversationId]) -> Result<Vec<WaitRow>, sqlx::Error> {
    if conversations.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("select conversation_id, created_at, due_at, closed_at from callback where conversation_id in ({})", placeholders(1, conversations.len()));
    on_tx!(tx, conn => {
        let mut query = sqlx::query_as::<_, WaitRow>(&sql);
        for id in conversations { query = query.bind(*id); }
        query.fetch_all(conn).await
    })
}

/// A conversation's figures (see the migration for each column).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FigureRow {
    pub conversation_id: ConversationId,
    pub team_id: TeamId,
    pub channel: String,
    pub opened_at: OffsetDateTime,
    pub first_response_minutes: Option<i64>,
    pub closed_at: Option<OffsetDateTime>,
    pub handling_minutes: Option<i64>,
    pub contacts: i64,
    pub repeat_contacts: i64,
    pub repeat_overdue_callback: i64,
    pub channel_moves: String,
}

pub async fn put_figure(tx: &mut Tx, f: &FigureRow) -> Result<(), sqlx::Error> {
    let sql = "insert into conversation_figure (conversation_id, team_id, channel, opened_at, first_response_minutes, closed_at, handling_minutes,
                   contacts, repeat_contacts, repeat_overdue_callback, channel_moves)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
               on conflict (conversation_id) do update set team_id = excluded.team_id, channel = excluded.channel, opened_at = excluded.opened_at,
                   first_response_minutes = excluded.first_response_minutes, closed_at = excluded.closed_at, handling_minutes = excluded.handling_minutes,
                   contacts = excluded.contacts, repeat_contacts = excluded.repeat_contacts,
                   repeat_overdue_callback = excluded.repeat_overdue_callback, channel_moves = excluded.channel_moves";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(f.conversation_id).bind(f.team_id).bind(&f.channel).bind(f.opened_at).bind(f.first_response_minutes).bind(f.closed_at)
        .bind(f.handling_minutes).bind(f.contacts).bind(f.repeat_contacts).bind(f.repeat_overdue_callback).bind(&f.channel_moves)
        .execute(conn).await.map(|_| ()))
}

/// A conversation without a contact from the resident (or merged into another) has no figure.
pub async fn delete_figure(tx: &mut Tx, conversation: ConversationId) -> Result<(), sqlx::Error> {
    let sql = "delete from conversation_figure where conversation_id = $1";
    on_tx!(tx, conn => sqlx::query(sql).bind(conversation).execute(conn).await.map(|_| ()))
}

/// What the statistics page asks: a period, and the teams and channel it is narrowed to.
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    pub from: Date,
    /// The last day included.
    pub until: Date,
    /// Start of `from` and end of `until` in Dutch local time, as instants.
    pub from_at: OffsetDateTime,
    pub until_at: OffsetDateTime,
    pub teams: &'a [TeamId],
    pub channel: Option<&'a str>,
}

impl Scope<'_> {
    /// ` and team_id in ($3, ...)`, and ` and channel = $n` when one is
    /// chosen: what follows the period (`$1`, `$2`); [`bind_scope!`] binds it.
    fn narrowing(&self, with_channel: bool) -> String {
        let teams = self.teams.len().max(1);
        let channel = match self.channel {
            Some(_) if with_channel => format!(" and channel = ${}", 3 + teams),
            _ => String::new(),
        };
        format!(" and team_id in ({}){channel}", placeholders(3, teams))
    }
}

/// Binds what [`Scope::narrowing`] wrote, after the period: the teams
/// (no team at all matches nothing), then the channel if it was written.
macro_rules! bind_scope {
    ($query:expr, $scope:expr, $with_channel:expr) => {{
        let mut q = $query;
        q = if $scope.teams.is_empty() { q.bind(TeamId(uuid::Uuid::nil())) } else { $scope.teams.iter().fold(q, |q, t| q.bind(*t)) };
        match $scope.channel {
            Some(c) if $with_channel => q.bind(c),
            _ => q,
        }
    }};
}

/// Contacts per day, channel and direction.
pub async fn contacts_per_day(db: &Db, scope: &Scope<'_>) -> Result<Vec<(Date, String, String, i64)>, sqlx::Error> {
    let sql = format!(
        "select day, channel, direction, cast(sum(contacts) as bigint) from contact_day where day >= $1 and day <= $2{}
         group by day, channel, direction order by day, channel, direction",
        scope.narrowing(true)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, (Date, String, String, i64)>(&sql).bind(scope.from).bind(scope.until), scope, true).fetch_all(pool).await)
}

/// The figures of the conversations that began in the period.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PeriodFigureRow {
    pub channel: String,
    pub first_response_minutes: Option<i64>,
    pub handling_minutes: Option<i64>,
    pub contacts: i64,
    pub repeat_contacts: i64,
    pub repeat_overdue_callback: i64,
    pub channel_moves: String,
}

pub async fn figures(db: &Db, scope: &Scope<'_>) -> Result<Vec<PeriodFigureRow>, sqlx::Error> {
    let sql = format!(
        "select channel, first_response_minutes, handling_minutes, contacts, repeat_contacts, repeat_overdue_callback, channel_moves
         from conversation_figure where opened_at >= $1 and opened_at < $2{}",
        scope.narrowing(true)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, PeriodFigureRow>(&sql).bind(scope.from_at).bind(scope.until_at), scope, true).fetch_all(pool).await)
}

/// Callback requests made in the period, per team: how many, handled by
/// their term, reminded, escalated, still open.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CallbackFiguresRow {
    pub team_id: TeamId,
    pub total: i64,
    pub on_time: i64,
    pub reminded: i64,
    pub escalated: i64,
    pub open: i64,
}

pub async fn callbacks(db: &Db, scope: &Scope<'_>) -> Result<Vec<CallbackFiguresRow>, sqlx::Error> {
    let sql = format!(
        "select team_id, cast(count(*) as bigint) as total,
                cast(sum(case when closed_at is not null and closed_at <= due_at then 1 else 0 end) as bigint) as on_time,
                cast(sum(case when reminders > 0 then 1 else 0 end) as bigint) as reminded,
                cast(sum(case when escalated_at is not null then 1 else 0 end) as bigint) as escalated,
                cast(sum(case when status = 'open' then 1 else 0 end) as bigint) as open
         from callback where created_at >= $1 and created_at < $2{} group by team_id",
        scope.narrowing(false)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, CallbackFiguresRow>(&sql).bind(scope.from_at).bind(scope.until_at), scope, false).fetch_all(pool).await)
}

/// Up to when contacts are counted (none before the job's first batch).
pub async fn counted_until(db: &Db) -> Result<Option<OffsetDateTime>, sqlx::Error> {
    let sql = "select messages_at from statistics_mark where id = 1";
    on_db!(db, pool => sqlx::query_scalar::<_, Option<OffsetDateTime>>(sql).fetch_one(pool).await)
}
