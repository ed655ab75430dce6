//! SQL for statistics: the figures the `statistics` job keeps
//! (`contact_day`, `conversation_figure`, and per day `figure_day` and
//! `minutes_day`), how far it has counted (`statistics_mark`), what the
//! functional administrator sets (`channel_setting`,
//! `statistics_setting`), and the reads of the statistics pages. The pages read aggregates only: what they count per
//! resident (who uses only non-digital channels) comes back as a number.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseId, CaseTypeId, ConversationId, MessageId, ResidentId, StaffId, TeamId};

/// How far the job has counted.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MarkRow {
    pub round: i64,
    pub messages_at: Option<OffsetDateTime>,
    pub messages_id: Option<MessageId>,
    pub conversations_at: Option<OffsetDateTime>,
    pub conversations_id: Option<ConversationId>,
    /// The settings `figure_day` is summed with (see [`sum_day`]); none yet.
    pub figure_settings: Option<String>,
    /// The first day still summed with the settings before those.
    pub figure_resum_from: Option<Date>,
}

pub async fn mark(tx: &mut Tx) -> Result<MarkRow, sqlx::Error> {
    let sql = "select round, messages_at, messages_id, conversations_at, conversations_id, figure_settings, figure_resum_from from statistics_mark where id = 1";
    on_tx!(tx, conn => sqlx::query_as::<_, MarkRow>(sql).fetch_one(conn).await)
}

/// Moves the mark on, only if nobody else did since `round` was read:
/// false means another node counted this batch, and the caller rolls back.
pub async fn advance_mark(tx: &mut Tx, round: i64, to: &MarkRow) -> Result<bool, sqlx::Error> {
    let sql = "update statistics_mark set round = round + 1, messages_at = $1, messages_id = $2, conversations_at = $3, conversations_id = $4,
                   figure_settings = $5, figure_resum_from = $6
               where id = 1 and round = $7";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(to.messages_at).bind(to.messages_id).bind(to.conversations_at).bind(to.conversations_id).bind(&to.figure_settings).bind(to.figure_resum_from).bind(round)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// A contact to count: a message to or from the resident, with the team
/// its conversation is with, the case type of its case, and for a call
/// when it started and ended.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactRow {
    pub id: MessageId,
    pub created_at: OffsetDateTime,
    pub team_id: TeamId,
    pub case_type_id: Option<CaseTypeId>,
    pub channel: String,
    pub direction: String,
    pub call_started_at: Option<OffsetDateTime>,
    pub call_ended_at: Option<OffsetDateTime>,
}

/// The next `limit` contacts after `after` (in the order of time and id), none later than `until`.
pub async fn contacts_after(tx: &mut Tx, after: Option<(OffsetDateTime, MessageId)>, until: OffsetDateTime, limit: i64) -> Result<Vec<ContactRow>, sqlx::Error> {
    let from = if after.is_some() { "and (m.created_at, m.id) > ($3, $4)" } else { "" };
    let sql = format!(
        "select m.id, m.created_at, c.team_id, k.case_type_id, m.channel, m.direction, p.started_at as call_started_at, p.ended_at as call_ended_at
         from message m join conversation c on c.id = m.conversation_id
         left join service_case k on k.id = c.case_id
         left join phone_call p on m.channel = 'phone' and p.provider_call_id = m.provider_id
         where m.created_at <= $1 and m.direction <> 'note' {from} order by m.created_at, m.id limit $2"
    );
    on_tx!(tx, conn => {
        let query = sqlx::query_as::<_, ContactRow>(&sql).bind(until).bind(limit);
        let query = match after { Some((at, id)) => query.bind(at).bind(id), None => query };
        query.fetch_all(conn).await
    })
}

/// The nil id in `contact_day.case_type_id`: a conversation without a case.
pub const NO_CASE_TYPE: CaseTypeId = CaseTypeId(uuid::Uuid::nil());

/// One day's contacts for a team, product, channel and direction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ContactKey<'a> {
    pub day: Date,
    pub team: TeamId,
    pub case_type: CaseTypeId,
    pub channel: &'a str,
    pub direction: &'a str,
}

/// Adds contacts and talk time to a day's count.
pub async fn add_contacts(tx: &mut Tx, key: &ContactKey<'_>, contacts: i64, talk_seconds: i64) -> Result<(), sqlx::Error> {
    let sql = "insert into contact_day (day, team_id, case_type_id, channel, direction, contacts, talk_seconds) values ($1, $2, $3, $4, $5, $6, $7)
               on conflict (day, team_id, case_type_id, channel, direction)
               do update set contacts = contact_day.contacts + excluded.contacts, talk_seconds = contact_day.talk_seconds + excluded.talk_seconds";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(key.day).bind(key.team).bind(key.case_type).bind(key.channel).bind(key.direction).bind(contacts).bind(talk_seconds)
        .execute(conn).await.map(|_| ()))
}

/// A conversation whose figure is made: one that changed, or one of the
/// same person's (its neighbours about the same matter change with it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangedRow {
    pub id: ConversationId,
    pub updated_at: OffsetDateTime,
    pub created_at: OffsetDateTime,
    pub team_id: TeamId,
    pub closed_at: Option<OffsetDateTime>,
    /// Merged into another: its messages moved there, and so does its figure.
    pub merged: bool,
    pub resident_id: Option<ResidentId>,
    /// The address of an unidentified contact.
    pub contact: Option<String>,
    pub case_id: Option<CaseId>,
}

const CHANGED: &str = "select id, updated_at, created_at, team_id, closed_at, merged_into is not null as merged, resident_id, contact, case_id from conversation";

/// The next `limit` conversations changed after `after`, none later than `until`.
pub async fn changed_after(tx: &mut Tx, after: Option<(OffsetDateTime, ConversationId)>, until: OffsetDateTime, limit: i64) -> Result<Vec<ChangedRow>, sqlx::Error> {
    let from = if after.is_some() { "and (updated_at, id) > ($3, $4)" } else { "" };
    let sql = format!("{CHANGED} where updated_at <= $1 {from} order by updated_at, id limit $2");
    on_tx!(tx, conn => {
        let query = sqlx::query_as::<_, ChangedRow>(&sql).bind(until).bind(limit);
        let query = match after { Some((at, id)) => query.bind(at).bind(id), None => query };
        query.fetch_all(conn).await
    })
}

/// The other conversations (not merged) of the residents and unidentified
/// contacts of these: the matter they are about decides which are neighbours.
pub async fn kin_of(tx: &mut Tx, residents: &[ResidentId], contacts: &[&str]) -> Result<Vec<ChangedRow>, sqlx::Error> {
    if residents.is_empty() && contacts.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{CHANGED} where merged_into is null and (resident_id in ({}) or (resident_id is null and contact in ({})))",
        placeholders(1, residents.len().max(1)),
        placeholders(1 + residents.len().max(1), contacts.len().max(1))
    );
    on_tx!(tx, conn => {
        let mut query = sqlx::query_as::<_, ChangedRow>(&sql);
        query = if residents.is_empty() { query.bind(ResidentId(uuid::Uuid::nil())) } else { residents.iter().fold(query, |q, r| q.bind(*r)) };
        query = if contacts.is_empty() { query.bind("") } else { contacts.iter().fold(query, |q, c| q.bind(*c)) };
        query.fetch_all(conn).await
    })
}

/// Ids bound per statement in an `in (...)` list.
const IDS_AT_ONCE: usize = 500;

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
    let mut rows = Vec::new();
    for chunk in conversations.chunks(IDS_AT_ONCE) {
        let sql = format!(
            "select conversation_id, channel, direction, created_at from message where direction <> 'note' and conversation_id in ({})
             order by conversation_id, created_at, id",
            placeholders(1, chunk.len())
        );
        rows.extend(on_tx!(tx, conn => chunk.iter().fold(sqlx::query_as::<_, FigureMessageRow>(&sql), |q, id| q.bind(*id)).fetch_all(conn).await)?);
    }
    Ok(rows)
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
    let mut rows = Vec::new();
    for chunk in conversations.chunks(IDS_AT_ONCE) {
        let sql = format!("select conversation_id, created_at, due_at, closed_at from callback where conversation_id in ({})", placeholders(1, chunk.len()));
        rows.extend(on_tx!(tx, conn => chunk.iter().fold(sqlx::query_as::<_, WaitRow>(&sql), |q, id| q.bind(*id)).fetch_all(conn).await)?);
    }
    Ok(rows)
}

/// A conversation's figures (see the migration for each column).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FigureRow {
    pub conversation_id: ConversationId,
    pub team_id: TeamId,
    pub resident_id: Option<ResidentId>,
    pub channel: String,
    pub opened_at: OffsetDateTime,
    pub first_response_minutes: Option<i64>,
    pub closed_at: Option<OffsetDateTime>,
    pub handling_minutes: Option<i64>,
    pub contacts: i64,
    pub repeat_contacts: i64,
    pub repeat_overdue_callback: i64,
    pub channel_moves: String,
    pub previous_gap_minutes: Option<i64>,
    pub previous_channel: Option<String>,
    pub previous_overdue: bool,
    pub next_gap_minutes: Option<i64>,
}

/// Figures written per statement (16 values each).
const FIGURES_AT_ONCE: usize = 60;

/// Writes figures, many rows per statement.
pub async fn put_figures(tx: &mut Tx, figures: &[FigureRow]) -> Result<(), sqlx::Error> {
    for chunk in figures.chunks(FIGURES_AT_ONCE) {
        let values = (0..chunk.len()).map(|i| format!("({})", placeholders(1 + i * 16, 16))).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "insert into conversation_figure (conversation_id, team_id, resident_id, channel, opened_at, first_response_minutes, closed_at, handling_minutes,
                 contacts, repeat_contacts, repeat_overdue_callback, channel_moves, previous_gap_minutes, previous_channel, previous_overdue, next_gap_minutes)
             values {values}
             on conflict (conversation_id) do update set team_id = excluded.team_id, resident_id = excluded.resident_id, channel = excluded.channel, opened_at = excluded.opened_at,
                 first_response_minutes = excluded.first_response_minutes, closed_at = excluded.closed_at, handling_minutes = excluded.handling_minutes,
                 contacts = excluded.contacts, repeat_contacts = excluded.repeat_contacts,
                 repeat_overdue_callback = excluded.repeat_overdue_callback, channel_moves = excluded.channel_moves,
                 previous_gap_minutes = excluded.previous_gap_minutes, previous_channel = excluded.previous_channel,
                 previous_overdue = excluded.previous_overdue, next_gap_minutes = excluded.next_gap_minutes"
        );
        on_tx!(tx, conn => {
            let mut q = sqlx::query(&sql);
            for f in chunk {
                q = q.bind(f.conversation_id).bind(f.team_id).bind(f.resident_id).bind(&f.channel).bind(f.opened_at).bind(f.first_response_minutes).bind(f.closed_at)
                    .bind(f.handling_minutes).bind(f.contacts).bind(f.repeat_contacts).bind(f.repeat_overdue_callback).bind(&f.channel_moves)
                    .bind(f.previous_gap_minutes).bind(&f.previous_channel).bind(f.previous_overdue).bind(f.next_gap_minutes);
            }
            q.execute(conn).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Conversations without a contact from the resident (or merged into another) have no figure.
pub async fn delete_figures(tx: &mut Tx, conversations: &[ConversationId]) -> Result<(), sqlx::Error> {
    for chunk in conversations.chunks(IDS_AT_ONCE) {
        let sql = format!("delete from conversation_figure where conversation_id in ({})", placeholders(1, chunk.len()));
        on_tx!(tx, conn => chunk.iter().fold(sqlx::query(&sql), |q, id| q.bind(*id)).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

/// When these conversations' figures (those that have one) began.
pub async fn opened_at_of(tx: &mut Tx, conversations: &[ConversationId]) -> Result<Vec<OffsetDateTime>, sqlx::Error> {
    let mut rows = Vec::new();
    for chunk in conversations.chunks(IDS_AT_ONCE) {
        let sql = format!("select opened_at from conversation_figure where conversation_id in ({})", placeholders(1, chunk.len()));
        rows.extend(on_tx!(tx, conn => chunk.iter().fold(sqlx::query_scalar::<_, OffsetDateTime>(&sql), |q, id| q.bind(*id)).fetch_all(conn).await)?);
    }
    Ok(rows)
}

/// The first and last time a figure began: the days there are to sum.
pub async fn opened_between(tx: &mut Tx) -> Result<Option<(OffsetDateTime, OffsetDateTime)>, sqlx::Error> {
    let sql = "select min(opened_at), max(opened_at) from conversation_figure";
    let (first, last) = on_tx!(tx, conn => sqlx::query_as::<_, (Option<OffsetDateTime>, Option<OffsetDateTime>)>(sql).fetch_one(conn).await)?;
    Ok(first.zip(last))
}

/// Sums again the figures that began on one day (the Dutch local `day`,
/// `from_at` to `until_at`) into `figure_day` and `minutes_day`. `window_minutes` is the
/// repeat window; `norms` per channel code the first answer's norm in
/// working minutes: whole numbers Loket holds, written into the statement.
pub async fn sum_day(tx: &mut Tx, day: Date, from_at: OffsetDateTime, until_at: OffsetDateTime, window_minutes: i64, norms: &[(&str, i64)]) -> Result<(), sqlx::Error> {
    let norm: String = norms.iter().map(|(channel, minutes)| format!(" when '{channel}' then {minutes}")).collect();
    let w = window_minutes;
    let sql = format!(
        "insert into figure_day (day, team_id, channel, channel_moves, came_from, conversations, answered, within_norm, closed, resolved_first,
             contacts, repeat_contacts, repeat_overdue_callback, came_back, came_back_overdue)
         select $1, team_id, channel, channel_moves, coalesce(case when previous_gap_minutes <= {w} then previous_channel end, '') as came_from,
                count(*), count(first_response_minutes),
                sum(case when first_response_minutes <= (case channel{norm} else -1 end) then 1 else 0 end),
                count(closed_at),
                sum(case when closed_at is not null and (next_gap_minutes is null or next_gap_minutes > {w}) then 1 else 0 end),
                sum(contacts), sum(repeat_contacts), sum(repeat_overdue_callback),
                sum(case when previous_gap_minutes <= {w} then 1 else 0 end),
                sum(case when previous_gap_minutes <= {w} and previous_overdue then 1 else 0 end)
         from conversation_figure where opened_at >= $2 and opened_at < $3
         group by team_id, channel, channel_moves, came_from"
    );
    on_tx!(tx, conn => {
        sqlx::query("delete from figure_day where day = $1").bind(day).execute(&mut *conn).await?;
        sqlx::query(&sql).bind(day).bind(from_at).bind(until_at).execute(&mut *conn).await?;
        sqlx::query("delete from minutes_day where day = $1").bind(day).execute(&mut *conn).await?;
        for which in [Minutes::FirstResponse, Minutes::Handling] {
            let (measure, column) = which.names();
            let sql = format!(
                "insert into minutes_day (measure, day, team_id, channel, minutes, conversations)
                 select '{measure}', $1, team_id, channel, {column}, count(*) from conversation_figure
                 where opened_at >= $2 and opened_at < $3 and {column} is not null group by team_id, channel, {column}"
            );
            sqlx::query(&sql).bind(day).bind(from_at).bind(until_at).execute(&mut *conn).await?;
        }
        Ok(())
    })
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

impl<'a> Scope<'a> {
    /// Whole Dutch local days, `from` to `until` included.
    pub fn days(from: Date, until: Date, teams: &'a [TeamId], channel: Option<&'a str>) -> Scope<'a> {
        let midnight = |d: Date| crate::backend::local_time::instant(d.with_time(time::Time::MIDNIGHT));
        Scope { from, until, from_at: midnight(from), until_at: midnight(until + time::Duration::days(1)), teams, channel }
    }

    /// ` and team_id in ($3, ...)`, and ` and channel = $n` when one is
    /// chosen: what follows the period (`$1`, `$2`); [`bind_scope!`] binds
    /// it. `table` names whose columns they are (`f.`), or is empty.
    fn narrowing(&self, table: &str, with_channel: bool) -> String {
        let teams = self.teams.len().max(1);
        let channel = match self.channel {
            Some(_) if with_channel => format!(" and {table}channel = ${}", 3 + teams),
            _ => String::new(),
        };
        format!(" and {table}team_id in ({}){channel}", placeholders(3, teams))
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
        scope.narrowing("", true)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, (Date, String, String, i64)>(&sql).bind(scope.from).bind(scope.until), scope, true).fetch_all(pool).await)
}

/// The conversations that began in the period, summed per team, channel,
/// the channels residents moved between within a conversation
/// (`channel_moves`) and the channel they came back from (`came_from`:
/// only when within the repeat window).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FigureSumRow {
    pub team_id: TeamId,
    pub channel: String,
    pub channel_moves: String,
    pub came_from: Option<String>,
    pub conversations: i64,
    /// Answered at all.
    pub answered: i64,
    /// Answered within the channel's service norm.
    pub within_norm: i64,
    pub closed: i64,
    /// Closed, and nobody came back about the same matter within the window.
    pub resolved_first: i64,
    pub contacts: i64,
    pub repeat_contacts: i64,
    pub repeat_overdue_callback: i64,
    /// Began within the window after the resident's previous conversation about the same matter.
    pub came_back: i64,
    /// Of which while a callback request of that one was past its term.
    pub came_back_overdue: i64,
}

/// The days' sums of the period, added up per team, channel, moves and where residents came back from.
pub async fn figure_sums(db: &Db, scope: &Scope<'_>) -> Result<Vec<FigureSumRow>, sqlx::Error> {
    let sql = format!(
        "select team_id, channel, channel_moves, nullif(came_from, '') as came_from,
                cast(sum(conversations) as bigint) as conversations, cast(sum(answered) as bigint) as answered,
                cast(sum(within_norm) as bigint) as within_norm, cast(sum(closed) as bigint) as closed,
                cast(sum(resolved_first) as bigint) as resolved_first, cast(sum(contacts) as bigint) as contacts,
                cast(sum(repeat_contacts) as bigint) as repeat_contacts, cast(sum(repeat_overdue_callback) as bigint) as repeat_overdue_callback,
                cast(sum(came_back) as bigint) as came_back, cast(sum(came_back_overdue) as bigint) as came_back_overdue
         from figure_day where day >= $1 and day <= $2{}
         group by team_id, channel, channel_moves, came_from",
        scope.narrowing("", true)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, FigureSumRow>(&sql).bind(scope.from).bind(scope.until), scope, true).fetch_all(pool).await)
}

/// A duration of the conversation figures.
#[derive(Debug, Clone, Copy)]
pub enum Minutes {
    FirstResponse,
    Handling,
}

impl Minutes {
    /// Its name in `minutes_day.measure`, and its column of `conversation_figure`.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Minutes::FirstResponse => ("first_response", "first_response_minutes"),
            Minutes::Handling => ("handling", "handling_minutes"),
        }
    }
}

/// The median and 90th percentile per channel of a measure's minutes,
/// over the conversations that began in the period.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PercentileRow {
    pub channel: String,
    pub median: i64,
    pub p90: i64,
}

/// Percentiles of the nearest rank, read off `minutes_day`: per channel
/// the fewest minutes that at least half (nine in ten) of its
/// conversations took. The rows are summed per (channel, minutes) and run
/// through in order of minutes in the database, so one row per channel
/// comes back instead of the whole spread.
pub async fn minutes_percentiles(db: &Db, scope: &Scope<'_>, which: Minutes) -> Result<Vec<PercentileRow>, sqlx::Error> {
    let (measure, _) = which.names();
    let rank = |p: i64| format!("cast(min(case when seen * 100 >= total * {p} then minutes end) as bigint)");
    let sql = format!(
        "with spread as (
             select channel, minutes, sum(conversations) as n from minutes_day
             where measure = '{measure}' and day >= $1 and day <= $2{} group by channel, minutes
         ), running as (
             select channel, minutes, sum(n) over (partition by channel order by minutes) as seen, sum(n) over (partition by channel) as total
             from spread
         )
         select channel, {} as median, {} as p90 from running group by channel",
        scope.narrowing("", true),
        rank(50),
        rank(90),
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, PercentileRow>(&sql).bind(scope.from).bind(scope.until), scope, true).fetch_all(pool).await)
}

/// Calls in the period whose wait in the queue is known, per team: how
/// many, and how many waited at most `norm_seconds`.
pub async fn calls_within(db: &Db, scope: &Scope<'_>, norm_seconds: i64) -> Result<Vec<(TeamId, i64, i64)>, sqlx::Error> {
    let sql = format!(
        "select c.team_id, cast(count(*) as bigint), cast(sum(case when p.queued_seconds <= {norm_seconds} then 1 else 0 end) as bigint)
         from phone_call p join conversation c on c.id = p.conversation_id
         where p.started_at >= $1 and p.started_at < $2{} and p.queued_seconds is not null group by c.team_id",
        scope.narrowing("c.", false)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, (TeamId, i64, i64)>(&sql).bind(scope.from_at).bind(scope.until_at), scope, false).fetch_all(pool).await)
}

/// Contacts and talk time in the period per product (case type, or
/// [`NO_CASE_TYPE`]), team and channel.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductContactsRow {
    pub case_type_id: CaseTypeId,
    pub team_id: TeamId,
    pub channel: String,
    pub contacts: i64,
    pub talk_seconds: i64,
}

pub async fn product_contacts(db: &Db, scope: &Scope<'_>) -> Result<Vec<ProductContactsRow>, sqlx::Error> {
    let sql = format!(
        "select case_type_id, team_id, channel, cast(sum(contacts) as bigint) as contacts, cast(sum(talk_seconds) as bigint) as talk_seconds
         from contact_day where day >= $1 and day <= $2{} group by case_type_id, team_id, channel",
        scope.narrowing("", true)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, ProductContactsRow>(&sql).bind(scope.from).bind(scope.until), scope, true).fetch_all(pool).await)
}

/// Residents who began a conversation in the period: all of them, and
/// those who began every one on one of `offline` (phone, counter, letter).
pub async fn residents_by_channel_use(db: &Db, scope: &Scope<'_>, offline: &[&'static str]) -> Result<(i64, i64), sqlx::Error> {
    let offline = offline.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "select cast(count(*) as bigint), cast(coalesce(sum(only_offline), 0) as bigint) from (
             select case when sum(case when channel in ({offline}) then 0 else 1 end) = 0 then 1 else 0 end as only_offline
             from conversation_figure where opened_at >= $1 and opened_at < $2{} and resident_id is not null group by resident_id) per_resident",
        scope.narrowing("", true)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, (i64, i64)>(&sql).bind(scope.from_at).bind(scope.until_at), scope, true).fetch_one(pool).await)
}

/// Satisfaction scores of the questions asked in the period, per team,
/// channel and topic (the case type; none: the team).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ScoreSumRow {
    pub team_id: TeamId,
    pub channel: String,
    pub case_type_id: Option<CaseTypeId>,
    pub asked: i64,
    pub answered: i64,
    pub score_sum: i64,
    /// Scored 4 or 5.
    pub satisfied: i64,
}

pub async fn satisfaction_sums(db: &Db, scope: &Scope<'_>) -> Result<Vec<ScoreSumRow>, sqlx::Error> {
    let sql = format!(
        "select team_id, channel, case_type_id, cast(count(*) as bigint) as asked, cast(count(score) as bigint) as answered,
                cast(coalesce(sum(score), 0) as bigint) as score_sum, cast(sum(case when score >= 4 then 1 else 0 end) as bigint) as satisfied
         from satisfaction where asked_at >= $1 and asked_at < $2{} group by team_id, channel, case_type_id",
        scope.narrowing("", true)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, ScoreSumRow>(&sql).bind(scope.from_at).bind(scope.until_at), scope, true).fetch_all(pool).await)
}

/// What the functional administrator sets per channel (see the migration).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChannelSettingRow {
    pub channel: String,
    pub response_minutes: Option<i64>,
    pub queue_seconds: Option<i64>,
    pub contact_cents: Option<i64>,
    pub minute_cents: Option<i64>,
}

pub async fn channel_settings(db: &Db) -> Result<Vec<ChannelSettingRow>, sqlx::Error> {
    let sql = "select channel, response_minutes, queue_seconds, contact_cents, minute_cents from channel_setting order by channel";
    on_db!(db, pool => sqlx::query_as::<_, ChannelSettingRow>(sql).fetch_all(pool).await)
}

pub async fn put_channel_setting(db: &Db, row: &ChannelSettingRow, staff: StaffId, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into channel_setting (channel, response_minutes, queue_seconds, contact_cents, minute_cents, updated_by, updated_at)
               values ($1, $2, $3, $4, $5, $6, $7)
               on conflict (channel) do update set response_minutes = excluded.response_minutes, queue_seconds = excluded.queue_seconds,
                   contact_cents = excluded.contact_cents, minute_cents = excluded.minute_cents, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
    on_db!(db, pool => sqlx::query(sql)
        .bind(&row.channel).bind(row.response_minutes).bind(row.queue_seconds).bind(row.contact_cents).bind(row.minute_cents).bind(staff).bind(now)
        .execute(pool).await.map(|_| ()))
}

pub async fn repeat_window_days(db: &Db) -> Result<i64, sqlx::Error> {
    let sql = "select repeat_window_days from statistics_setting where id = 1";
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await)
}

pub async fn set_repeat_window_days(db: &Db, days: i64, staff: StaffId, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "update statistics_setting set repeat_window_days = $1, updated_by = $2, updated_at = $3 where id = 1";
    on_db!(db, pool => sqlx::query(sql).bind(days).bind(staff).bind(now).execute(pool).await.map(|_| ()))
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
        scope.narrowing("", false)
    );
    on_db!(db, pool => bind_scope!(sqlx::query_as::<_, CallbackFiguresRow>(&sql).bind(scope.from_at).bind(scope.until_at), scope, false).fetch_all(pool).await)
}

/// How far the figures are, as the page tells it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CountedRow {
    /// Up to when contacts are counted (none before the job's first batch).
    pub messages_at: Option<OffsetDateTime>,
    /// The settings the day sums are made with.
    pub figure_settings: Option<String>,
    /// Some days are still summed with the settings before those.
    pub resumming: bool,
}

pub async fn counted(db: &Db) -> Result<CountedRow, sqlx::Error> {
    let sql = "select messages_at, figure_settings, figure_resum_from is not null as resumming from statistics_mark where id = 1";
    on_db!(db, pool => sqlx::query_as::<_, CountedRow>(sql).fetch_one(pool).await)
}
