//! Statistics for team leads and administrators. The `statistics` job
//! ([`count`]) keeps figures from what Loket records: contacts per day,
//! team, channel and direction, and per conversation its response and
//! handling time in working minutes and its repeat contacts, and per day
//! the sums of those. The page ([`report`]) reads the sums, so it stays
//! fast however long the history is. A page shows sums only, never one
//! resident's figures (the residents by channel use are grouped in the
//! database, and two numbers come back), so reading them is no view of a
//! resident's data and is not logged.
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
//! - *handling time*: from the first message to closing, in working minutes;
//! - a *matter* is a case, or without one the team the question was
//!   routed to; a resident who begins a new conversation about the same
//!   matter within the repeat window (default 7 days) after their previous
//!   one's last contact *came back*: a repeat contact too, and the previous
//!   one was not resolved at the first contact;
//! - *first-contact resolution*: closed, and the resident did not come
//!   back about the same matter within the window after it closed;
//! - a *service norm* per channel: the first answer within so many
//!   working minutes (of the conversations answered), a call picked up
//!   within so many seconds in the queue, a callback request handled in
//!   its term;
//! - *satisfaction*: the score (1 to 5) residents gave when asked after a
//!   conversation closed (see `satisfaction`), per channel, team and topic.

use std::collections::{BTreeMap, HashMap, HashSet};

use futures_util::TryFutureExt;
use time::{Date, Duration, OffsetDateTime};

use crate::backend::auth::session::Staff;
use crate::backend::calendar::Calendar;
use crate::backend::db::{
    self,
    statistics::{
        CallbackFiguresRow, ChangedRow, ChannelSettingRow, ContactKey, FigureMessageRow, FigureRow, FigureSumRow, Minutes, PercentileRow, Scope, ScoreSumRow, WaitRow,
        NO_CASE_TYPE,
    },
    Db, Tx,
};
use crate::backend::{local_time, service::closed_day, Error};
use crate::i18n::Lang;
use crate::model::conversation::Channel;
use crate::model::ids::{CaseId, CaseTypeId, ConversationId, ResidentId, TeamId};
use crate::model::staff_member::Role;
use crate::model::statistics::{
    CallbackFigures, ChannelCost, ChannelSetting, ChannelTimes, ChannelVolume, Choice, NormFigures, ProductCost, RepeatContact, Saving, ScoreFigures, Statistics,
    Steering, Table, WeekVolume, SHARES,
};

/// Days summed again per batch when the settings changed.
const RESUM_DAYS: i64 = 31;

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
    let settings = Settings::read(db).await?;
    let until = now - LAG;
    let mut tx = db.begin().await?;
    let mark = db::statistics::mark(&mut tx).await?;
    let mut next = mark.clone();

    let contacts = db::statistics::contacts_after(&mut tx, mark.messages_at.zip(mark.messages_id), until, CONTACTS).await?;
    let mut per_day: BTreeMap<ContactKey, (i64, i64)> = BTreeMap::new();
    for c in &contacts {
        let key = ContactKey {
            day: local_time::date_of(c.created_at),
            team: c.team_id,
            case_type: c.case_type_id.unwrap_or(NO_CASE_TYPE),
            channel: c.channel.as_str(),
            direction: c.direction.as_str(),
        };
        let talk = c.call_started_at.zip(c.call_ended_at).map(|(from, to)| (to - from).whole_seconds().max(0)).unwrap_or(0);
        let sum = per_day.entry(key).or_default();
        *sum = (sum.0 + 1, sum.1 + talk);
    }
    for (key, (n, talk)) in &per_day {
        db::statistics::add_contacts(&mut tx, key, *n, *talk).await?;
    }
    if let Some(last) = contacts.last() {
        next.messages_at = Some(last.created_at);
        next.messages_id = Some(last.id);
    }

    let changed = db::statistics::changed_after(&mut tx, mark.conversations_at.zip(mark.conversations_id), until, CONVERSATIONS).await?;
    let (figures, gone) = figures_with_neighbours(&mut tx, &changed, &calendar).await?;
    // The days to sum again: where these figures began before, and now.
    let ids: Vec<ConversationId> = figures.iter().map(|f| f.conversation_id).chain(gone.iter().copied()).collect();
    let mut days: Vec<Date> = db::statistics::opened_at_of(&mut tx, &ids).await?.into_iter().chain(figures.iter().map(|f| f.opened_at)).map(local_time::date_of).collect();
    db::statistics::put_figures(&mut tx, &figures).await?;
    db::statistics::delete_figures(&mut tx, &gone).await?;
    if let Some(last) = changed.last() {
        next.conversations_at = Some(last.updated_at);
        next.conversations_id = Some(last.id);
    }

    // New settings: every day with figures is summed again with them, a
    // month per batch. (Days whose conversations retention removed keep
    // their sums.)
    let summed_with = settings.figure_key();
    let resum_from = if mark.figure_settings.as_deref() != Some(summed_with.as_str()) { Some(Date::MIN) } else { mark.figure_resum_from };
    next.figure_settings = Some(summed_with);
    next.figure_resum_from = None;
    if changed.len() as i64 == CONVERSATIONS {
        // Catching up (the first start, or after a pause): a full batch's
        // neighbours reach back over the whole year, so its days are summed
        // once the conversations are in, from the first day touched.
        let first = db::statistics::opened_between(&mut tx).await?.map(|(first, _)| local_time::date_of(first));
        next.figure_resum_from = days.iter().copied().chain(resum_from).min().zip(first).map(|(from, first)| from.max(first));
        days.clear();
    } else if let Some(from) = resum_from {
        if let Some((first, last)) = db::statistics::opened_between(&mut tx).await? {
            let (from, last) = (from.max(local_time::date_of(first)), local_time::date_of(last));
            let to = last.min(from + Duration::days(RESUM_DAYS - 1));
            days.extend(std::iter::successors(Some(from), |d| d.next_day().filter(|d| *d <= to)));
            next.figure_resum_from = if to < last { to.next_day() } else { None };
        }
    } else if contacts.is_empty() && changed.is_empty() {
        return Ok(false);
    }
    days.sort_unstable();
    days.dedup();
    let (window, norms) = (settings.window_days * 24 * 60, settings.response_norms());
    for day in days {
        let whole = Scope::days(day, day, &[], None);
        db::statistics::sum_day(&mut tx, day, whole.from_at, whole.until_at, window, &norms).await?;
    }

    let more = contacts.len() as i64 == CONTACTS || changed.len() as i64 == CONVERSATIONS || next.figure_resum_from.is_some();
    if db::statistics::advance_mark(&mut tx, mark.round, &next).await? {
        tx.commit().await?;
    }
    // Otherwise another node counted this batch: dropping `tx` rolls ours back.
    Ok(more)
}

/// Whose conversations belong together: one person (a resident, or an
/// unidentified contact's address) about one matter (a case; without
/// one, the team the question was routed to).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Matter<'a> {
    Case(Option<ResidentId>, Option<&'a str>, CaseId),
    Topic(Option<ResidentId>, Option<&'a str>, TeamId),
}

fn matter(c: &ChangedRow) -> Option<Matter<'_>> {
    let contact = if c.resident_id.is_some() { None } else { c.contact.as_deref() };
    if c.resident_id.is_none() && contact.is_none() {
        return None;
    }
    Some(match c.case_id {
        Some(case) => Matter::Case(c.resident_id, contact, case),
        None => Matter::Topic(c.resident_id, contact, c.team_id),
    })
}

/// The figures of the changed conversations and of their neighbours
/// (the same person's conversations about the same matter, which link to
/// them), and the conversations that have no figure (any more).
async fn figures_with_neighbours(tx: &mut Tx, changed: &[ChangedRow], calendar: &Calendar) -> Result<(Vec<FigureRow>, Vec<ConversationId>), Error> {
    let mut residents: Vec<ResidentId> = changed.iter().filter_map(|c| c.resident_id).collect();
    residents.sort_unstable();
    residents.dedup();
    let mut addresses: Vec<&str> = changed.iter().filter(|c| c.resident_id.is_none()).filter_map(|c| c.contact.as_deref()).collect();
    addresses.sort_unstable();
    addresses.dedup();
    let kin = db::statistics::kin_of(tx, &residents, &addresses).await?;
    let matters: HashSet<Matter> = changed.iter().filter(|c| !c.merged).filter_map(matter).collect();
    // Each conversation once: the changed ones as they were read, then their neighbours.
    let mut rows: Vec<&ChangedRow> = changed.iter().collect();
    let mut seen: HashSet<ConversationId> = changed.iter().map(|c| c.id).collect();
    for k in &kin {
        if matter(k).is_some_and(|m| matters.contains(&m)) && seen.insert(k.id) {
            rows.push(k);
        }
    }
    let ids: Vec<ConversationId> = rows.iter().map(|c| c.id).collect();
    let messages = db::statistics::messages_of(tx, &ids).await?;
    let waits = db::statistics::callbacks_of(tx, &ids).await?;
    let mut messages_by: HashMap<ConversationId, Vec<&FigureMessageRow>> = HashMap::new();
    for m in &messages {
        messages_by.entry(m.conversation_id).or_default().push(m);
    }
    let mut waits_by: HashMap<ConversationId, Vec<&WaitRow>> = HashMap::new();
    for w in &waits {
        waits_by.entry(w.conversation_id).or_default().push(w);
    }
    let mut gone = Vec::new();
    // Without a person, a conversation is a matter of its own: no neighbours.
    let mut figures = Vec::new();
    let mut groups: HashMap<Matter, Vec<(FigureRow, Tail)>> = HashMap::new();
    for c in rows {
        let messages = messages_by.get(&c.id).map(Vec::as_slice).unwrap_or_default();
        let waits = waits_by.get(&c.id).map(Vec::as_slice).unwrap_or_default();
        match ((!c.merged).then(|| figure(c, messages, waits, calendar)).flatten(), matter(c)) {
            (Some(f), Some(key)) => groups.entry(key).or_default().push((f, Tail::of(messages, waits))),
            (Some(f), None) => figures.push(f),
            (None, _) => gone.push(c.id),
        }
    }
    for mut group in groups.into_values() {
        link(&mut group);
        figures.extend(group.into_iter().map(|(f, _)| f));
    }
    // In one order on every node: two nodes writing the same rows never wait on each other crosswise.
    figures.sort_by_key(|f| f.conversation_id.0);
    Ok((figures, gone))
}

/// What linking needs of a conversation besides its figure: its last
/// contact, the channel of the resident's last message, its callback requests.
#[derive(Debug, Clone, Default)]
pub struct Tail {
    pub last_contact_at: Option<OffsetDateTime>,
    pub last_channel: Option<String>,
    pub waits: Vec<(OffsetDateTime, OffsetDateTime, Option<OffsetDateTime>)>,
}

impl Tail {
    pub fn of(messages: &[&FigureMessageRow], waits: &[&WaitRow]) -> Tail {
        Tail {
            last_contact_at: messages.last().map(|m| m.created_at),
            last_channel: messages.iter().rev().find(|m| m.direction == "in").map(|m| m.channel.clone()),
            waits: waits.iter().map(|w| (w.created_at, w.due_at, w.closed_at)).collect(),
        }
    }
}

/// Links one person's conversations about one matter, in the order they
/// began: each to the one before (how long after its last contact, from
/// which channel, whether a callback request of it was past its term
/// then) and the one before to it (how long after its closing).
pub fn link(group: &mut [(FigureRow, Tail)]) {
    group.sort_by(|a, b| (a.0.opened_at, a.0.conversation_id).cmp(&(b.0.opened_at, b.0.conversation_id)));
    for (f, _) in group.iter_mut() {
        (f.previous_gap_minutes, f.previous_channel, f.previous_overdue, f.next_gap_minutes) = (None, None, false, None);
    }
    for i in 1..group.len() {
        let (before, after) = group.split_at_mut(i);
        let (previous, tail) = &mut before[i - 1];
        let this = &mut after[0].0;
        let at = this.opened_at;
        let minutes = |d: Duration| d.whole_minutes().max(0);
        this.previous_gap_minutes = tail.last_contact_at.map(|last| minutes(at - last));
        this.previous_channel = tail.last_channel.clone();
        this.previous_overdue = tail.waits.iter().any(|(created, due, closed)| *created <= at && *due < at && closed.is_none_or(|c| c > at));
        previous.next_gap_minutes = previous.closed_at.map(|closed| minutes(at - closed));
    }
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
        resident_id: conversation.resident_id,
        channel: opened.channel.clone(),
        opened_at: opened.created_at,
        first_response_minutes: first_response.map(|at| calendar.working_minutes(opened.created_at, at)),
        closed_at,
        handling_minutes: closed_at.map(|at| calendar.working_minutes(opened.created_at, at)),
        contacts,
        repeat_contacts: repeats,
        repeat_overdue_callback: overdue,
        channel_moves: moves.join(" "),
        previous_gap_minutes: None,
        previous_channel: None,
        previous_overdue: false,
        next_gap_minutes: None,
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

/// The team asked for (one of the reader's; another is `NotFound`), and
/// the teams the figures are narrowed to: that one, or all the reader's.
fn team_asked(ask: &Ask, teams: &[(TeamId, String)]) -> Result<(Option<TeamId>, Vec<TeamId>), Error> {
    let team = match ask.team.as_deref().filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => Some(t.parse::<TeamId>().ok().filter(|t| teams.iter().any(|(id, _)| id == t)).ok_or(Error::NotFound)?),
    };
    let in_scope = match team {
        Some(t) => vec![t],
        None => teams.iter().map(|(id, _)| *id).collect(),
    };
    Ok((team, in_scope))
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

/// What the functional administrator set: per channel its norm and
/// costs, and the repeat window.
#[derive(Debug, Clone)]
pub struct Settings {
    pub channels: Vec<ChannelSettingRow>,
    pub window_days: i64,
}

impl Settings {
    pub async fn read(db: &Db) -> Result<Settings, Error> {
        let (channels, window_days) = tokio::try_join!(db::statistics::channel_settings(db), db::statistics::repeat_window_days(db))?;
        Ok(Settings { channels, window_days })
    }

    pub fn of(&self, channel: Channel) -> Option<&ChannelSettingRow> {
        self.channels.iter().find(|s| s.channel == channel.code())
    }

    /// The channels with a norm for the first answer, in working minutes.
    fn response_norms(&self) -> Vec<(&'static str, i64)> {
        Channel::ALL.into_iter().filter_map(|c| Some((c.code(), self.of(c)?.response_minutes?))).collect()
    }

    /// What the sums of `figure_day` depend on, as the mark keeps it:
    /// the repeat window and each channel's norm for the first answer.
    fn figure_key(&self) -> String {
        let norms = self.response_norms().into_iter().map(|(channel, minutes)| format!(" {channel}={minutes}"));
        format!("window={}{}", self.window_days, norms.collect::<String>())
    }

    /// The phone's norm: seconds in the queue.
    fn queue_norm(&self) -> Option<i64> {
        self.of(Channel::Phone)?.queue_seconds
    }
}

/// A norm in words, as the page and the start page show it.
fn norm_words(lang: Lang, working_minutes: Option<i64>, queue_seconds: Option<i64>) -> String {
    match (lang, working_minutes, queue_seconds) {
        (Lang::Nl, _, Some(s)) => format!("opgenomen binnen {s} seconden"),
        (Lang::En, _, Some(s)) => format!("picked up within {s} seconds"),
        (Lang::Nl, Some(m), _) if m % 60 == 0 => format!("antwoord binnen {} werkuren", m / 60),
        (Lang::En, Some(m), _) if m % 60 == 0 => format!("answered within {} working hours", m / 60),
        (Lang::Nl, Some(m), _) => format!("antwoord binnen {m} werkminuten"),
        (Lang::En, Some(m), _) => format!("answered within {m} working minutes"),
        (Lang::Nl, None, None) => "afgehandeld binnen de termijn".to_string(),
        (Lang::En, None, None) => "handled within their term".to_string(),
    }
}

/// Per team, how each service norm was met: the first answer on each
/// channel with a norm (of the conversations answered), calls picked up
/// (of the calls whose wait is known), callback requests handled in
/// their term (of those handled).
fn norm_figures(
    settings: &Settings,
    sums: &[FigureSumRow],
    calls: &[(TeamId, i64, i64)],
    callbacks: &[CallbackFiguresRow],
    team_name: &dyn Fn(TeamId) -> String,
    lang: Lang,
) -> Vec<NormFigures> {
    let mut rows = Vec::new();
    let mut teams: Vec<TeamId> = sums.iter().map(|f| f.team_id).chain(calls.iter().map(|c| c.0)).chain(callbacks.iter().map(|c| c.team_id)).collect();
    teams.sort_unstable();
    teams.dedup();
    for team in teams {
        for c in Channel::ALL {
            if c == Channel::Phone {
                if let (Some(norm), Some((_, measured, met))) = (settings.queue_norm(), calls.iter().find(|(t, ..)| *t == team)) {
                    rows.push(NormFigures { team: team_name(team), subject: c.label(lang).to_string(), norm: norm_words(lang, None, Some(norm)), measured: *measured, met: *met });
                }
                continue;
            }
            let Some(norm) = settings.of(c).and_then(|s| s.response_minutes) else { continue };
            let of = sums.iter().filter(|f| f.team_id == team && f.channel == c.code());
            let (measured, met) = of.fold((0, 0), |(a, w), f| (a + f.answered, w + f.within_norm));
            if measured > 0 {
                rows.push(NormFigures { team: team_name(team), subject: c.label(lang).to_string(), norm: norm_words(lang, Some(norm), None), measured, met });
            }
        }
        if let Some(r) = callbacks.iter().find(|r| r.team_id == team).filter(|r| r.total > r.open) {
            rows.push(NormFigures { team: team_name(team), subject: lang.t("statistics-callbacks").to_string(), norm: norm_words(lang, None, None), measured: r.total - r.open, met: r.on_time });
        }
    }
    rows.sort_by(|a, b| a.team.cmp(&b.team));
    rows
}

/// Satisfaction scores summed per channel, per team and per topic, in that
/// order, each group by name.
fn score_groups(
    rows: &[ScoreSumRow],
    channel: &dyn Fn(&ScoreSumRow) -> String,
    team: &dyn Fn(&ScoreSumRow) -> String,
    topic: &dyn Fn(&ScoreSumRow) -> String,
    lang: Lang,
) -> Vec<ScoreFigures> {
    let words = match lang {
        Lang::Nl => ["Kanaal", "Team", "Onderwerp"],
        Lang::En => ["Channel", "Team", "Topic"],
    };
    let mut groups = Vec::new();
    for (word, name) in words.into_iter().zip([channel, team, topic]) {
        let mut by: BTreeMap<String, (i64, i64, i64, i64)> = BTreeMap::new();
        for r in rows {
            let sum = by.entry(name(r)).or_default();
            *sum = (sum.0 + r.asked, sum.1 + r.answered, sum.2 + r.score_sum, sum.3 + r.satisfied);
        }
        groups.extend(by.into_iter().map(|(label, (asked, answered, score_sum, satisfied))| ScoreFigures {
            group: format!("{word}: {label}"),
            asked,
            answered,
            average_tenths: (answered > 0).then(|| (score_sum * 10 + answered / 2) / answered),
            satisfied,
        }));
    }
    groups
}

/// The settings, and the scope's calls measured against their queue norm.
async fn settings_and_calls(db: &Db, scope: &Scope<'_>) -> Result<(Settings, Vec<(TeamId, i64, i64)>), Error> {
    let settings = Settings::read(db).await?;
    let calls = db::statistics::calls_within(db, scope, settings.queue_norm().unwrap_or(0)).await?;
    Ok((settings, calls))
}

/// The service norms of today so far, for a team lead's start page:
/// their teams, every channel.
pub async fn norms_today(db: &Db, staff: &Staff, lang: Lang, now: OffsetDateTime) -> Result<Vec<NormFigures>, Error> {
    let teams = teams_of(db, staff, lang).await?;
    let today = local_time::date_of(now);
    let ids: Vec<TeamId> = teams.iter().map(|(id, _)| *id).collect();
    let scope = Scope::days(today, today, &ids, None);
    let ((settings, calls), sums, callbacks) =
        tokio::try_join!(settings_and_calls(db, &scope), db::statistics::figure_sums(db, &scope).err_into(), db::statistics::callbacks(db, &scope).err_into())?;
    let team_name = |id: TeamId| teams.iter().find(|(t, _)| *t == id).map(|(_, n)| n.clone()).unwrap_or_default();
    Ok(norm_figures(&settings, &sums, &calls, &callbacks, &team_name, lang))
}

/// The statistics page: a period, one of the reader's teams or all of them, one channel or all.
pub async fn report(db: &Db, staff: &Staff, ask: &Ask, lang: Lang, now: OffsetDateTime) -> Result<Statistics, Error> {
    let teams = teams_of(db, staff, lang).await?;
    let (team, in_scope) = team_asked(ask, &teams)?;
    let channel = ask.channel.as_deref().and_then(Channel::from_code);
    let (from, until) = period(ask, local_time::date_of(now));
    let scope = Scope::days(from, until, &in_scope, channel.map(Channel::code));
    let channel_label = |code: &str| Channel::from_code(code).map(|c| c.label(lang).to_string()).unwrap_or_else(|| code.to_string());

    // Every statement at once.
    let ((settings, calls), days, sums, response, handling, callback_rows, scores, counted, case_types) = tokio::try_join!(
        settings_and_calls(db, &scope),
        db::statistics::contacts_per_day(db, &scope).err_into(),
        db::statistics::figure_sums(db, &scope).err_into(),
        db::statistics::minutes_percentiles(db, &scope, Minutes::FirstResponse).err_into(),
        db::statistics::minutes_percentiles(db, &scope, Minutes::Handling).err_into(),
        db::statistics::callbacks(db, &scope).err_into(),
        db::statistics::satisfaction_sums(db, &scope).err_into(),
        db::statistics::counted(db).err_into(),
        db::case_type::list_active(db).err_into(),
    )?;

    // Contacts per channel, and per ISO week for the chart.
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

    // Times, resolution, repeat contact and norms, from the conversations that began in the period.
    let team_name = |id: TeamId| teams.iter().find(|(t, _)| *t == id).map(|(_, n)| n.clone()).unwrap_or_default();
    let mut times = Vec::new();
    let mut per_channel = Vec::new();
    for c in Channel::ALL {
        let of: Vec<_> = sums.iter().filter(|f| f.channel == c.code()).collect();
        if of.is_empty() {
            continue;
        }
        let sum = |pick: fn(&db::statistics::FigureSumRow) -> i64| of.iter().map(|f| pick(f)).sum::<i64>();
        let of_channel = |rows: &[PercentileRow]| rows.iter().find(|r| r.channel == c.code()).map(|r| (r.median, r.p90)).unzip();
        let ((response_median, response_p90), (handling_median, handling_p90)) = (of_channel(&response), of_channel(&handling));
        times.push(ChannelTimes {
            channel: c.code().to_string(),
            label: c.label(lang).to_string(),
            conversations: sum(|f| f.conversations),
            answered: sum(|f| f.answered),
            first_response_median: response_median,
            first_response_p90: response_p90,
            closed: sum(|f| f.closed),
            resolved_first: sum(|f| f.resolved_first),
            handling_median,
            handling_p90,
        });
        per_channel.push((c.label(lang).to_string(), sum(|f| f.contacts), sum(|f| f.repeat_contacts + f.came_back)));
    }
    let mut moves: BTreeMap<(String, String), i64> = BTreeMap::new();
    for f in &sums {
        for m in f.channel_moves.split_whitespace() {
            if let Some((a, b)) = m.split_once('>') {
                *moves.entry((channel_label(a), channel_label(b))).or_default() += f.conversations;
            }
        }
        if let Some(from) = f.came_from.as_deref().filter(|from| *from != f.channel && f.came_back > 0) {
            *moves.entry((channel_label(from), channel_label(&f.channel))).or_default() += f.came_back;
        }
    }
    let mut moves: Vec<(String, String, i64)> = moves.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    moves.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
    let repeat = RepeatContact {
        window_days: settings.window_days,
        contacts: sums.iter().map(|f| f.contacts).sum(),
        while_waiting: sums.iter().map(|f| f.repeat_contacts).sum(),
        came_back: sums.iter().map(|f| f.came_back).sum(),
        after_overdue_callback: sums.iter().map(|f| f.repeat_overdue_callback + f.came_back_overdue).sum(),
        per_channel,
        moves,
    };
    let norms = norm_figures(&settings, &sums, &calls, &callback_rows, &team_name, lang);
    let topic_name = |r: &ScoreSumRow| product_name(r.case_type_id, &team_name(r.team_id), &case_types, lang);
    let satisfaction = score_groups(&scores, &|r| channel_label(&r.channel), &|r| team_name(r.team_id), &topic_name, lang);

    // Callback requests made in the period, per team.
    let mut callbacks: Vec<CallbackFigures> = callback_rows
        .into_iter()
        .map(|r| CallbackFigures { team: team_name(r.team_id), total: r.total, on_time: r.on_time, reminded: r.reminded, escalated: r.escalated, open: r.open })
        .collect();
    callbacks.sort_by(|a, b| a.team.cmp(&b.team));

    let counted_until = counted.messages_at.map(|at| local_time::format_moment(lang, at));
    let recounting = counted_until.is_some() && (counted.resumming || counted.figure_settings.as_deref() != Some(settings.figure_key().as_str()));
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
        norms,
        satisfaction,
        callbacks,
        counted_until,
        recounting,
    })
}

/// A product or topic by name: the case type's, or for a question
/// without a case the team it went to.
fn product_name(case_type: Option<CaseTypeId>, team: &str, case_types: &[db::case_type::CaseTypeRow], lang: Lang) -> String {
    match case_type {
        Some(id) => case_types
            .iter()
            .find(|t| t.id == id)
            .map(|t| lang.pick(&t.name_nl, &t.name_en).to_string())
            .unwrap_or_else(|| lang.t("statistics-other-case-types").to_string()),
        None => match lang {
            Lang::Nl => format!("Vraag zonder zaak: {team}"),
            Lang::En => format!("Question without a case: {team}"),
        },
    }
}

/// Channels without a digital route: residents who use only these are
/// the minimum service level the municipality keeps.
const OFFLINE: [Channel; 3] = [Channel::Phone, Channel::Counter, Channel::Letter];

/// Channel steering for a period and team (or all the reader's teams):
/// contacts and their cost per product and channel, the saving of moving
/// `share` percent of a non-digital channel's contacts of a product to its
/// cheapest digital channel, and the residents who use only non-digital ones.
pub async fn steering(db: &Db, staff: &Staff, ask: &Ask, share: Option<&str>, lang: Lang, now: OffsetDateTime) -> Result<Steering, Error> {
    let teams = teams_of(db, staff, lang).await?;
    let (team, in_scope) = team_asked(ask, &teams)?;
    let share = share.and_then(|s| s.parse::<i64>().ok()).filter(|s| SHARES.contains(s)).unwrap_or(25);
    let (from, until) = period(ask, local_time::date_of(now));
    let scope = Scope::days(from, until, &in_scope, None);
    let offline: Vec<&'static str> = OFFLINE.iter().map(|c| c.code()).collect();
    let (settings, rows, (residents, offline_only), case_types) = tokio::try_join!(
        Settings::read(db),
        db::statistics::product_contacts(db, &scope).err_into(),
        db::statistics::residents_by_channel_use(db, &scope, &offline).err_into(),
        db::case_type::list_active(db).err_into(),
    )?;
    let team_name = |id: TeamId| teams.iter().find(|(t, _)| *t == id).map(|(_, n)| n.clone()).unwrap_or_default();
    let channels: Vec<Channel> = Channel::ALL.into_iter().filter(|c| rows.iter().any(|r| r.channel == c.code())).collect();
    let product_of = |r: &db::statistics::ProductContactsRow| {
        product_name(Some(r.case_type_id).filter(|t| *t != NO_CASE_TYPE), &team_name(r.team_id), &case_types, lang)
    };
    let mut per_product: BTreeMap<String, Vec<ChannelCost>> = BTreeMap::new();
    for r in &rows {
        let Some(i) = channels.iter().position(|c| c.code() == r.channel) else { continue };
        let costs = per_product.entry(product_of(r)).or_insert_with(|| vec![ChannelCost { contacts: 0, minutes: 0, cents: None }; channels.len()]);
        costs[i].contacts += r.contacts;
        costs[i].minutes += (r.talk_seconds + 59) / 60;
    }
    let mut products: Vec<ProductCost> = per_product
        .into_iter()
        .map(|(product, mut per_channel)| {
            for (c, cost) in channels.iter().zip(per_channel.iter_mut()) {
                cost.cents = settings.of(*c).and_then(|s| price(s, cost.contacts, cost.minutes));
            }
            let saving = saving(&settings, &channels, &per_channel, share, lang);
            ProductCost { product, cents: per_channel.iter().filter_map(|c| c.cents).sum(), per_channel, saving }
        })
        .collect();
    products.sort_by(|a, b| b.cents.cmp(&a.cents).then_with(|| a.product.cmp(&b.product)));
    let may_configure = staff.may(crate::backend::auth::policy::Action::Configure);
    Ok(Steering {
        from: from.to_string(),
        until: until.to_string(),
        team,
        teams: teams.iter().map(|(id, name)| Choice { value: id.to_string(), label: name.clone() }).collect(),
        share,
        channels: channels.iter().map(|c| Choice { value: c.code().to_string(), label: c.label(lang).to_string() }).collect(),
        cents: products.iter().map(|p| p.cents).sum(),
        products,
        residents,
        offline_only,
        settings: Channel::ALL
            .into_iter()
            .filter_map(|c| {
                let s = settings.of(c)?;
                Some(ChannelSetting {
                    channel: c.code().to_string(),
                    label: c.label(lang).to_string(),
                    response_minutes: s.response_minutes,
                    queue_seconds: s.queue_seconds,
                    contact_cents: s.contact_cents,
                    minute_cents: s.minute_cents,
                })
            })
            .collect(),
        window_days: settings.window_days,
        may_configure,
    })
}

/// What contacts and talk minutes on a channel cost; `None` without a price.
fn price(setting: &ChannelSettingRow, contacts: i64, minutes: i64) -> Option<i64> {
    if setting.contact_cents.is_none() && setting.minute_cents.is_none() {
        return None;
    }
    Some(contacts * setting.contact_cents.unwrap_or(0) + minutes * setting.minute_cents.unwrap_or(0))
}

/// The largest saving of moving `share` percent of one non-digital
/// channel's contacts to the cheapest digital channel with a price, at
/// each channel's cost per contact (talk time included).
fn saving(settings: &Settings, channels: &[Channel], costs: &[ChannelCost], share: i64, lang: Lang) -> Option<Saving> {
    let cheapest = Channel::ALL
        .into_iter()
        .filter(|c| !OFFLINE.contains(c))
        .filter_map(|c| Some((c, settings.of(c)?.contact_cents?)))
        .min_by_key(|(_, cents)| *cents)?;
    channels
        .iter()
        .zip(costs)
        .filter(|(c, cost)| OFFLINE.contains(c) && cost.contacts > 0)
        .filter_map(|(c, cost)| {
            let moved = cost.contacts * share / 100;
            let per_contact = cost.cents? as f64 / cost.contacts as f64;
            let cents = (moved as f64 * (per_contact - cheapest.1 as f64)).round() as i64;
            (moved > 0 && cents > 0).then(|| Saving { from: c.label(lang).to_string(), to: cheapest.0.label(lang).to_string(), contacts: moved, cents })
        })
        .max_by_key(|s| s.cents)
}

/// What the functional administrator types for a channel, as typed.
#[derive(Clone, Debug, Default)]
pub struct ChannelForm {
    pub channel: String,
    /// Working hours, e.g. "17" or "4"; empty: no norm.
    pub response_hours: String,
    /// Seconds (phone only); empty: no norm.
    pub queue_seconds: String,
    /// Euros, e.g. "4,50"; empty: no price.
    pub contact_euros: String,
    pub minute_euros: String,
}

/// Euros as typed ("4,50", "4.50", "4") in cents; empty is none.
fn cents_of(field: &'static str, typed: &str) -> Result<Option<i64>, Error> {
    let typed = typed.trim().trim_start_matches('€').trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let invalid = || Error::field(field, crate::error::FieldErrorCode::Invalid);
    let (whole, part) = typed.split_once([',', '.']).unwrap_or((typed, ""));
    if whole.is_empty() || part.len() > 2 || !whole.chars().chain(part.chars()).all(|c| c.is_ascii_digit()) || whole.len() > 6 {
        return Err(invalid());
    }
    let part = format!("{part:0<2}");
    Ok(Some(whole.parse::<i64>().map_err(|_| invalid())? * 100 + part.parse::<i64>().map_err(|_| invalid())?))
}

/// A whole number in `range` as typed; empty is none.
fn number_of(field: &'static str, typed: &str, range: std::ops::RangeInclusive<i64>) -> Result<Option<i64>, Error> {
    match typed.trim() {
        "" => Ok(None),
        t => t.parse::<i64>().ok().filter(|n| range.contains(n)).map(Some).ok_or_else(|| Error::field(field, crate::error::FieldErrorCode::Invalid)),
    }
}

/// Sets a channel's norm and prices (the functional administrator).
pub async fn set_channel(db: &Db, staff: &Staff, form: &ChannelForm, now: OffsetDateTime) -> Result<(), Error> {
    let channel = Channel::from_code(&form.channel).ok_or(Error::NotFound)?;
    let answered_in_contact = matches!(channel, Channel::Phone | Channel::Counter);
    let row = ChannelSettingRow {
        channel: channel.code().to_string(),
        response_minutes: if answered_in_contact { None } else { number_of("response_hours", &form.response_hours, 1..=400)?.map(|h| h * 60) },
        queue_seconds: if channel == Channel::Phone { number_of("queue_seconds", &form.queue_seconds, 1..=3600)? } else { None },
        contact_cents: cents_of("contact_euros", &form.contact_euros)?,
        minute_cents: if answered_in_contact { cents_of("minute_euros", &form.minute_euros)? } else { None },
    };
    db::statistics::put_channel_setting(db, &row, staff.id, now).await?;
    Ok(())
}

/// Sets the repeat window: 1 to 90 days.
pub async fn set_window(db: &Db, staff: &Staff, days: &str, now: OffsetDateTime) -> Result<(), Error> {
    let days = number_of("days", days, 1..=90)?.ok_or_else(|| Error::field("days", crate::error::FieldErrorCode::Missing))?;
    db::statistics::set_repeat_window_days(db, days, staff.id, now).await?;
    Ok(())
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
                t("statistics-resolved-first"),
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
                    n(r.resolved_first),
                    minutes(r.handling_median),
                    minutes(r.handling_p90),
                ]
            }),
        ),
        Table::Repeat => crate::backend::csv::table(
            &[t("statistics-began-on"), t("statistics-contact-moments"), t("statistics-repeats")],
            s.repeat.per_channel.iter().map(|(label, contacts, repeats)| vec![label.clone(), n(*contacts), n(*repeats)]),
        ),
        Table::Norms => crate::backend::csv::table(
            &[t("statistics-team"), t("statistics-norm-subject"), t("statistics-norm"), t("statistics-norm-measured"), t("statistics-norm-met")],
            s.norms.iter().map(|r| vec![r.team.clone(), r.subject.clone(), r.norm.clone(), n(r.measured), n(r.met)]),
        ),
        Table::Satisfaction => crate::backend::csv::table(
            &[t("statistics-satisfaction-group"), t("statistics-asked"), t("statistics-scored"), t("statistics-average"), t("statistics-satisfied")],
            s.satisfaction.iter().map(|r| vec![r.group.clone(), n(r.asked), n(r.answered), r.average(lang == Lang::Nl), n(r.satisfied)]),
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
        ChangedRow {
            id: ConversationId(uuid::Uuid::nil()),
            updated_at: datetime!(2026-11-30 12:00 UTC),
            created_at: datetime!(2026-11-23 08:00 UTC),
            team_id: TeamId(uuid::Uuid::nil()),
            closed_at,
            merged: false,
            resident_id: None,
            contact: None,
            case_id: None,
        }
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
    fn euros_are_read_as_typed() {
        assert_eq!(cents_of("x", "4,50").unwrap(), Some(450));
        assert_eq!(cents_of("x", "€ 4.5").unwrap(), Some(450));
        assert_eq!(cents_of("x", "12").unwrap(), Some(1200));
        assert_eq!(cents_of("x", " ").unwrap(), None);
        for wrong in ["4,505", "-3", "vier", ",50", "1e3"] {
            assert!(cents_of("x", wrong).is_err(), "{wrong}");
        }
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

    fn opened(id: u128, at: OffsetDateTime, closed_at: Option<OffsetDateTime>) -> FigureRow {
        let c = ChangedRow { id: ConversationId(uuid::Uuid::from_u128(id)), closed_at, ..conversation(None) };
        let messages = [message("whatsapp", "in", at)];
        let refs: Vec<&FigureMessageRow> = messages.iter().collect();
        figure(&c, &refs, &[], &Calendar::default()).unwrap()
    }

    #[test]
    fn coming_back_about_the_same_matter_links_both_conversations() {
        // Closed Monday; the resident calls on Wednesday, two days after the last answer.
        let first = opened(1, datetime!(2026-11-23 09:00 UTC), Some(datetime!(2026-11-23 11:00 UTC)));
        let second = opened(2, datetime!(2026-11-25 10:00 UTC), None);
        let wait = (datetime!(2026-11-23 09:30 UTC), datetime!(2026-11-24 09:30 UTC), None);
        let tail = Tail { last_contact_at: Some(datetime!(2026-11-23 10:00 UTC)), last_channel: Some("whatsapp".into()), waits: vec![wait] };
        // Given in the wrong order: linking sorts by when they began.
        let mut group = vec![(second, Tail::default()), (first, tail)];
        link(&mut group);
        let (first, second) = (&group[0].0, &group[1].0);
        assert_eq!(second.previous_gap_minutes, Some(2 * 24 * 60));
        assert_eq!(second.previous_channel.as_deref(), Some("whatsapp"));
        // The callback request was due Tuesday and still open: past its term.
        assert!(second.previous_overdue);
        // Closed at 11:00 Monday; the next began Wednesday 10:00.
        assert_eq!(first.next_gap_minutes, Some(2 * 24 * 60 - 60));
        assert_eq!((first.previous_gap_minutes, second.next_gap_minutes), (None, None));
    }
}
