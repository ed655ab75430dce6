//! Statistics for team leads and administrators. The `statistics` job
//! ([`count`]) keeps figures from what Loket records: contacts per day,
//! team, channel and direction, and per conversation its response and
//! handling time in working minutes and its repeat contacts. The page
//! ([`report`]) reads those figures only, so it stays fast however long
//! the history is. No figure names a resident, so reading them is no
//! processing of personal data and is not logged.
//!
//! Words, as the page explains them:
//! - a *contact* is a message from the resident or to them, on any
//!   channel (an internal note is none); a call and a counter visit are
//!   contacts from the resident;
//! - a resident's *contact moment* is their first message in a
//!   conversation, or one on another channel than their message before,
//!   or more than an hour after it;
//! - a *repeat contact* is a contact moment that comes while the resident
//!   still waits: nobody answered their previous one (a call or counter
//!   visit is answered in itself), or a callback request of the
//!   conversation is open;
//! - *first response time*: from the resident's first message to the
//!   first answer, in working minutes (a call or visit: none);
//! - *handling time*: from the first message to closing, in working minutes.

use std::collections::{BTreeMap, HashMap};

use time::{Date, Duration, OffsetDateTime, Time};

use crate::backend::auth::session::Staff;
use crate::backend::calendar::Calendar;
use crate::backend::db::{
    self,
    statistics::{ChangedRow, FigureMessageRow, FigureRow, Scope, WaitRow},
    Db,
};
use crate::backend::{local_time, service::closed_day, Error};
use crate::i18n::Lang;
use crate::model::conversation::Channel;
use crate::model::ids::{ConversationId, TeamId};
use crate::model::staff_member::Role;
use crate::model::statistics::{CallbackFigures, ChannelTimes, ChannelVolume, Choice, RepeatContact, Statistics, Table, WeekVolume};

/// How far behind the clock the job counts: a transaction still open
/// (it takes seconds at most) is never passed by the mark.
pub const LAG: Duration = Duration::minutes(2);
/// Contacts counted per transaction.
const CONTACTS: i64 = 5_000;
/// Conversations whose figures are made again per transaction.
const CONVERSATIONS: i64 = 500;
/// Messages closer together than this on one channel are one contact moment.
const ONE_MOMENT: Duration = Duration::hours(1);
/// The default period: four weeks up to today.
const DEFAULT_DAYS: i64 = 28;
/// The longest period one page shows.
const MAX_DAYS: i64 = 366;

/// Channels where the resident speaks with someone: answered in the contact itself.
fn answered_in_contact(channel: &str) -> bool {
    channel == Channel::Phone.code() || channel == Channel::Counter.code()
}

/// One batch of the job: the next contacts and changed conversations up
/// to `now - LAG`, in one transaction. True when there is more to do.
/// Two nodes may count the same batch; only one commits (the mark's round).
pub async fn count(db: &Db, now: OffsetDateTime) -> Result<bool, Error> {
    let calendar = closed_day::calendar(db).await?;
    let until = now - LAG;
    let mut tx = db.begin().await?;
    let mark = db::statistics::mark(&mut tx).await?;
    let mut next = mark.clone();

    let contacts = db::statistics::contacts_after(&mut tx, mark.messages_at.zip(mark.messages_id), until, CONTACTS).await?;
    let mut per_day: BTreeMap<(Date, TeamId, &str, &str), i64> = BTreeMap::new();
    for c in &contacts {
        *per_day.entry((local_time::date_of(c.created_at), c.team_id, c.channel.as_str(), c.direction.as_str())).or_default() += 1;
    }
    for ((day, team, channel, direction), n) in per_day {
        db::statistics::add_contacts(&mut tx, day, team, channel, direction, n).await?;
    }
    if let Some(last) = contacts.last() {
        next.messages_at = Some(last.created_at);
        next.messages_id = Some(last.id);
    }

    let changed = db::statistics::changed_after(&mut tx, mark.conversations_at.zip(mark.conversations_id), until, CONVERSATIONS).await?;
    let ids: Vec<ConversationId> = changed.iter().map(|c| c.id).collect();
    let messages = db::statistics::messages_of(&mut tx, &ids).await?;
    let waits = db::statistics::callbacks_of(&mut tx, &ids).await?;
    let mut messages_by: HashMap<ConversationId, Vec<&FigureMessageRow>> = HashMap::new();
    for m in &messages {
        messages_by.entry(m.conversation_id).or_default().push(m);
    }
    let mut waits_by: HashMap<ConversationId, Vec<&WaitRow>> = HashMap::new();
    for w in &waits {
        waits_by.entry(w.conversation_id).or_default().push(w);
    }
    for c in &changed {
        let messages = messages_by.get(&c.id).map(Vec::as_slice).unwrap_or_default();
        let waits = waits_by.get(&c.id).map(Vec::as_slice).unwrap_or_default();
        match (!c.merged).then(|| figure(c, messages, waits, &calendar)).flatten() {
            Some(f) => db::statistics::put_figure(&mut tx, &f).await?,
            None => db::statistics::delete_figure(&mut tx, c.id).await?,
        }
    }
    if let Some(last) = changed.last() {
        next.conversations_at = Some(last.updated_at);
        next.conversations_id = Some(last.id);
    }

    let more = contacts.len() as i64 == CONTACTS || changed.len() as i64 == CONVERSATIONS;
    if contacts.is_empty() && changed.is_empty() {
        return Ok(false);
    }
    if db::statistics::advance_mark(&mut tx, mark.round, &next).await? {
        tx.commit().await?;
    }
    // Otherwise another node counted this batch: dropping `tx` rolls ours back.
    Ok(more)
}

/// A conversation's figures from its messages (in order) and callback
/// requests; none without a message from the resident.
pub fn figure(conversation: &ChangedRow, messages: &[&FigureMessageRow], waits: &[&WaitRow], calendar: &Calendar) -> Option<FigureRow> {
    let start = messages.iter().position(|m| m.direction == "in")?;
    let opened = messages[start];
    let mut first_response = None;
    let (mut contacts, mut repeats, mut overdue) = (0i64, 0i64, 0i64);
    let mut moves = Vec::new();
    let mut last_in: Option<&FigureMessageRow> = None;
    let mut moment_channel = opened.channel.as_str();
    let mut answered = false;
    for m in &messages[start..] {
        if m.direction != "in" {
            answered = true;
            first_response.get_or_insert(m.created_at);
            continue;
        }
        let new_moment = last_in.is_none_or(|prev| prev.channel != m.channel || m.created_at - prev.created_at > ONE_MOMENT);
        if new_moment {
            contacts += 1;
            if last_in.is_some() {
                let waiting_call = waits.iter().find(|w| w.created_at <= m.created_at && w.closed_at.is_none_or(|closed| closed > m.created_at));
                if !answered || waiting_call.is_some() {
                    repeats += 1;
                    if waiting_call.is_some_and(|w| w.due_at < m.created_at) {
                        overdue += 1;
                    }
                    if moment_channel != m.channel {
                        moves.push(format!("{moment_channel}>{}", m.channel));
                    }
                }
            }
            moment_channel = m.channel.as_str();
            answered = answered_in_contact(&m.channel);
            if answered {
                first_response.get_or_insert(m.created_at);
            }
        }
        last_in = Some(m);
    }
    let closed_at = conversation.closed_at;
    Some(FigureRow {
        conversation_id: conversation.id,
        team_id: conversation.team_id,
        channel: opened.channel.clone(),
        opened_at: opened.created_at,
        first_response_minutes: first_response.map(|at| calendar.working_minutes(opened.created_at, at)),
        closed_at,
        handling_minutes: closed_at.map(|at| calendar.working_minutes(opened.created_at, at)),
        contacts,
        repeat_contacts: repeats,
        repeat_overdue_callback: overdue,
        channel_moves: moves.join(" "),
    })
}

/// What the page asks for, as typed in its address (any of it may be missing or wrong).
#[derive(Clone, Debug, Default)]
pub struct Ask {
    pub from: Option<String>,
    pub until: Option<String>,
    pub team: Option<String>,
    pub channel: Option<String>,
}

/// The teams whose figures this staff member may read: an administrator
/// every team, a team lead their own.
async fn teams_of(db: &Db, staff: &Staff, lang: Lang) -> Result<Vec<(TeamId, String)>, Error> {
    let every = staff.roles.contains(&Role::Beheerder);
    Ok(db::team::list(db)
        .await?
        .into_iter()
        .filter(|t| every || staff.in_team(t.id))
        .map(|t| (t.id, lang.pick(&t.name_nl, &t.name_en).to_string()))
        .collect())
}

/// The period asked for: both days valid and in order, at most a year;
/// otherwise the four weeks up to today.
fn period(ask: &Ask, today: Date) -> (Date, Date) {
    let day = |s: &Option<String>| s.as_deref().and_then(|s| Date::parse(s.trim(), &time::format_description::well_known::Iso8601::DATE).ok());
    let until = day(&ask.until).unwrap_or(today);
    let from = day(&ask.from).unwrap_or(until - Duration::days(DEFAULT_DAYS - 1));
    let (from, until) = if from <= until { (from, until) } else { (until, from) };
    (from.max(until - Duration::days(MAX_DAYS - 1)), until)
}

/// Nearest-rank percentile `p` (0 to 100) of sorted values.
fn percentile(sorted: &[i64], p: i64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (sorted.len() as i64 * p + 99) / 100;
    Some(sorted[(rank.max(1) - 1) as usize])
}

/// The statistics page: a period, one of the reader's teams or all of them, one channel or all.
pub async fn report(db: &Db, staff: &Staff, ask: &Ask, lang: Lang, now: OffsetDateTime) -> Result<Statistics, Error> {
    let teams = teams_of(db, staff, lang).await?;
    let team = match ask.team.as_deref().filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => Some(t.parse::<TeamId>().ok().filter(|t| teams.iter().any(|(id, _)| id == t)).ok_or(Error::NotFound)?),
    };
    let channel = ask.channel.as_deref().and_then(Channel::from_code);
    let (from, until) = period(ask, local_time::date_of(now));
    let in_scope: Vec<TeamId> = match team {
        Some(t) => vec![t],
        None => teams.iter().map(|(id, _)| *id).collect(),
    };
    let midnight = |d: Date| local_time::instant(d.with_time(Time::MIDNIGHT));
    let scope = Scope {
        from,
        until,
        from_at: midnight(from),
        until_at: midnight(until + Duration::days(1)),
        teams: &in_scope,
        channel: channel.map(Channel::code),
    };
    let channel_label = |code: &str| Channel::from_code(code).map(|c| c.label(lang).to_string()).unwrap_or_else(|| code.to_string());

    // Contacts per channel, and per ISO week for the chart.
    let days = db::statistics::contacts_per_day(db, &scope).await?;
    let mut volume: Vec<ChannelVolume> = Vec::new();
    for c in Channel::ALL {
        let of = |direction: &str| days.iter().filter(|(_, ch, d, _)| ch == c.code() && d == direction).map(|(.., n)| n).sum::<i64>();
        let (inbound, outbound) = (of("in"), of("out"));
        if inbound + outbound > 0 {
            volume.push(ChannelVolume { channel: c.code().to_string(), label: c.label(lang).to_string(), inbound, outbound });
        }
    }
    let mut weeks: BTreeMap<(i32, u8), Vec<i64>> = BTreeMap::new();
    for (day, ch, _, n) in &days {
        let (year, week, _) = day.to_iso_week_date();
        let row = weeks.entry((year, week)).or_insert_with(|| vec![0; volume.len()]);
        if let Some(i) = volume.iter().position(|v| &v.channel == ch) {
            row[i] += n;
        }
    }
    let weeks = weeks.into_iter().map(|((year, week), per_channel)| WeekVolume { week: format!("{year}-W{week:02}"), per_channel }).collect();

    // Times and repeat contact, from the conversations that began in the period.
    let figures = db::statistics::figures(db, &scope).await?;
    let mut times = Vec::new();
    let mut per_channel = Vec::new();
    for c in Channel::ALL {
        let of: Vec<_> = figures.iter().filter(|f| f.channel == c.code()).collect();
        if of.is_empty() {
            continue;
        }
        let sorted = |pick: fn(&&db::statistics::PeriodFigureRow) -> Option<i64>| {
            let mut v: Vec<i64> = of.iter().filter_map(pick).collect();
            v.sort_unstable();
            v
        };
        let response = sorted(|f| f.first_response_minutes);
        let handling = sorted(|f| f.handling_minutes);
        times.push(ChannelTimes {
            channel: c.code().to_string(),
            label: c.label(lang).to_string(),
            conversations: of.len() as i64,
            answered: response.len() as i64,
            first_response_median: percentile(&response, 50),
            first_response_p90: percentile(&response, 90),
            closed: handling.len() as i64,
            handling_median: percentile(&handling, 50),
            handling_p90: percentile(&handling, 90),
        });
        per_channel.push((c.label(lang).to_string(), of.iter().map(|f| f.contacts).sum(), of.iter().map(|f| f.repeat_contacts).sum()));
    }
    let mut moves: BTreeMap<(String, String), i64> = BTreeMap::new();
    for m in figures.iter().flat_map(|f| f.channel_moves.split_whitespace()) {
        if let Some((a, b)) = m.split_once('>') {
            *moves.entry((channel_label(a), channel_label(b))).or_default() += 1;
        }
    }
    let mut moves: Vec<(String, String, i64)> = moves.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    moves.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
    let repeat = RepeatContact {
        contacts: figures.iter().map(|f| f.contacts).sum(),
        repeats: figures.iter().map(|f| f.repeat_contacts).sum(),
        after_overdue_callback: figures.iter().map(|f| f.repeat_overdue_callback).sum(),
        per_channel,
        moves,
    };

    // Callback requests made in the period, per team.
    let team_name = |id: TeamId| teams.iter().find(|(t, _)| *t == id).map(|(_, n)| n.clone()).unwrap_or_default();
    let mut callbacks: Vec<CallbackFigures> = db::statistics::callbacks(db, &scope)
        .await?
        .into_iter()
        .map(|r| CallbackFigures { team: team_name(r.team_id), total: r.total, on_time: r.on_time, reminded: r.reminded, escalated: r.escalated, open: r.open })
        .collect();
    callbacks.sort_by(|a, b| a.team.cmp(&b.team));

    let counted_until = db::statistics::counted_until(db).await?.map(|at| local_time::format_moment(lang, at));
    Ok(Statistics {
        from: from.to_string(),
        until: until.to_string(),
        team,
        channel: channel.map(|c| c.code().to_string()),
        teams: teams.iter().map(|(id, name)| Choice { value: id.to_string(), label: name.clone() }).collect(),
        channels: Channel::ALL.iter().map(|c| Choice { value: c.code().to_string(), label: c.label(lang).to_string() }).collect(),
        volume,
        weeks,
        times,
        repeat,
        callbacks,
        counted_until,
    })
}

/// Minutes as a CSV cell: whole minutes, empty when there are none.
fn minutes(m: Option<i64>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

/// One of the page's tables as CSV, with the page's column names.
pub fn csv(s: &Statistics, table: Table, lang: Lang) -> String {
    let t = |key| lang.t(key);
    let n = |v: i64| v.to_string();
    match table {
        Table::Contacts => crate::backend::csv::table(
            &[t("statistics-channel"), t("statistics-inbound"), t("statistics-outbound"), t("statistics-total")],
            s.volume.iter().map(|v| vec![v.label.clone(), n(v.inbound), n(v.outbound), n(v.total())]),
        ),
        Table::Weeks => {
            let mut header = vec![t("statistics-week")];
            header.extend(s.volume.iter().map(|v| v.label.as_str()));
            crate::backend::csv::table(&header, s.weeks.iter().map(|w| std::iter::once(w.week.clone()).chain(w.per_channel.iter().map(|c| n(*c))).collect::<Vec<_>>()))
        }
        Table::Times => crate::backend::csv::table(
            &[
                t("statistics-channel"),
                t("statistics-conversations"),
                t("statistics-answered"),
                t("statistics-first-response-median"),
                t("statistics-first-response-p90"),
                t("statistics-closed"),
                t("statistics-handling-median"),
                t("statistics-handling-p90"),
            ],
            s.times.iter().map(|r| {
                vec![
                    r.label.clone(),
                    n(r.conversations),
                    n(r.answered),
                    minutes(r.first_response_median),
                    minutes(r.first_response_p90),
                    n(r.closed),
                    minutes(r.handling_median),
                    minutes(r.handling_p90),
                ]
            }),
        ),
        Table::Repeat => crate::backend::csv::table(
            &[t("statistics-began-on"), t("statistics-contact-moments"), t("statistics-repeats")],
            s.repeat.per_channel.iter().map(|(label, contacts, repeats)| vec![label.clone(), n(*contacts), n(*repeats)]),
        ),
        Table::Callbacks => crate::backend::csv::table(
            &[t("statistics-team"), t("statistics-callbacks-total"), t("statistics-on-time"), t("statistics-reminded"), t("statistics-escalated"), t("statistics-still-open")],
            s.callbacks.iter().map(|c| vec![c.team.clone(), n(c.total), n(c.on_time), n(c.reminded), n(c.escalated), n(c.open)]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn message(channel: &str, direction: &str, at: OffsetDateTime) -> FigureMessageRow {
        FigureMessageRow { conversation_id: ConversationId(uuid::Uuid::nil()), channel: channel.into(), direction: direction.into(), created_at: at }
    }

    fn conversation(closed_at: Option<OffsetDateTime>) -> ChangedRow {
        ChangedRow { id: ConversationId(uuid::Uuid::nil()), updated_at: datetime!(2026-11-30 12:00 UTC), team_id: TeamId(uuid::Uuid::nil()), closed_at, merged: false }
    }

    #[test]
    fn asking_again_before_an_answer_is_a_repeat_and_an_answer_ends_the_wait() {
        let messages = [
            // Friday 27 November 16:00 local, WhatsApp; again ten minutes later (the same moment).
            message("whatsapp", "in", datetime!(2026-11-27 15:00 UTC)),
            message("whatsapp", "in", datetime!(2026-11-27 15:10 UTC)),
            // Saturday by e-mail, still unanswered: a repeat that moved channel.
            message("email", "in", datetime!(2026-11-28 10:00 UTC)),
            // Monday 09:00 local the answer; an internal note is no contact (not listed).
            message("email", "out", datetime!(2026-11-30 08:00 UTC)),
            // Monday afternoon the resident writes back: a reply, no repeat.
            message("email", "in", datetime!(2026-11-30 13:00 UTC)),
        ];
        let refs: Vec<&FigureMessageRow> = messages.iter().collect();
        let f = figure(&conversation(Some(datetime!(2026-11-30 14:00 UTC))), &refs, &[], &Calendar::default()).unwrap();
        assert_eq!((f.contacts, f.repeat_contacts, f.repeat_overdue_callback), (3, 1, 0));
        assert_eq!(f.channel_moves, "whatsapp>email");
        assert_eq!(f.channel, "whatsapp");
        // One working hour on Friday, half an hour on Monday.
        assert_eq!(f.first_response_minutes, Some(90));
        // To Monday 15:00 local: 60 on Friday + 390 on Monday.
        assert_eq!(f.handling_minutes, Some(450));
    }

    #[test]
    fn calling_again_while_a_callback_request_is_past_its_term_is_a_repeat_it_caused() {
        let messages = [message("phone", "in", datetime!(2026-11-23 09:00 UTC)), message("phone", "in", datetime!(2026-11-26 09:00 UTC))];
        let refs: Vec<&FigureMessageRow> = messages.iter().collect();
        let wait = WaitRow {
            conversation_id: ConversationId(uuid::Uuid::nil()),
            created_at: datetime!(2026-11-23 09:05 UTC),
            due_at: datetime!(2026-11-25 09:05 UTC),
            closed_at: None,
        };
        let f = figure(&conversation(None), &refs, &[&wait], &Calendar::default()).unwrap();
        assert_eq!((f.contacts, f.repeat_contacts, f.repeat_overdue_callback), (2, 1, 1));
        // A call is answered in itself; an open conversation has no handling time.
        assert_eq!((f.first_response_minutes, f.handling_minutes), (Some(0), None));
        // Without the callback request the second call is a new question, answered in the call.
        let f = figure(&conversation(None), &refs, &[], &Calendar::default()).unwrap();
        assert_eq!(f.repeat_contacts, 0);
    }

    #[test]
    fn a_conversation_the_resident_never_wrote_in_has_no_figure() {
        let messages = [message("email", "out", datetime!(2026-11-23 09:00 UTC))];
        let refs: Vec<&FigureMessageRow> = messages.iter().collect();
        assert!(figure(&conversation(None), &refs, &[], &Calendar::default()).is_none());
    }

    #[test]
    fn the_period_defaults_to_four_weeks_and_never_exceeds_a_year() {
        let today = time::macros::date!(2026 - 12 - 02);
        let ask = |from: &str, until: &str| Ask { from: Some(from.into()), until: Some(until.into()), ..Ask::default() };
        assert_eq!(period(&Ask::default(), today), (time::macros::date!(2026 - 11 - 05), today));
        assert_eq!(period(&ask("2026-11-30", "2026-11-01"), today), (time::macros::date!(2026 - 11 - 01), time::macros::date!(2026 - 11 - 30)));
        assert_eq!(period(&ask("2020-01-01", "2026-12-01"), today).0, time::macros::date!(2025 - 12 - 01));
        assert_eq!(period(&ask("nonsense", "2026-11-28"), today), (time::macros::date!(2026 - 11 - 01), time::macros::date!(2026 - 11 - 28)));
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[1, 2, 3, 4], 50), Some(2));
        assert_eq!(percentile(&(1..=10).collect::<Vec<_>>(), 90), Some(9));
    }
}
