//! What waits for a staff member: the counts in the workspace's
//! navigation (computed again whenever a conversation or callback request
//! changes, for the live counts) and the start page that says what to do
//! now: their own queue, then what passed its term, then what is new for
//! their teams. Every resident a list shows is logged, as the inbox is.

use time::OffsetDateTime;

use crate::backend::auth::policy::{self, Action, CurrentUser, Verdict};
use crate::backend::auth::session::{Principal, Staff};
use crate::backend::{
    db::{self, Db},
    service::{callback, conversation, processing_log, staff_member, statistics},
    Error,
};
use crate::i18n::Lang;
use crate::model::staff_member::StaffProfile;
use crate::model::workload::{NavLink, Tally, Today, Workload};

/// How many of each kind the start page lists.
const LISTED: i64 = 8;

/// The navigation's counts, as they are now.
pub async fn counts(db: &Db, staff: &Staff, now: OffsetDateTime) -> Result<Workload, Error> {
    let (my_conversations, unassigned) =
        if staff.may(Action::WorkConversations) { db::conversation::counts(db, staff.id).await? } else { (0, 0) };
    let (my_callbacks, overdue, escalated) = if staff.may(Action::WorkCallbacks) {
        let (mine, _team, overdue, escalated) = db::callback::counts(db, staff.id, now).await?;
        (mine, overdue, escalated)
    } else {
        (0, 0, 0)
    };
    Ok(Workload { my_conversations, unassigned, my_callbacks, overdue, escalated })
}

/// The workspace's places in order: address, key of the name, count,
/// key of the group. Only those the policy allows are shown.
const PLACES: [(&str, &str, Option<Tally>, &str); 20] = [
    ("/staff", "workload-start", None, "workload-group-work"),
    ("/staff/gesprekken?assignee=me", "workload-my-conversations", Some(Tally::MyConversations), "workload-group-work"),
    ("/staff/gesprekken?assignee=none", "workload-unassigned", Some(Tally::Unassigned), "workload-group-work"),
    ("/staff/gesprekken", "staff-conversations-inbox-all-channels", None, "workload-group-work"),
    ("/staff/telefoon", "staff-calls-calls-in-progress", None, "workload-group-work"),
    ("/staff/terugbellen", "workload-my-callbacks", Some(Tally::MyCallbacks), "workload-group-callbacks"),
    ("/staff/terugbellen?lijst=te-laat", "workload-overdue", Some(Tally::Overdue), "workload-group-callbacks"),
    ("/staff/terugbellen?lijst=opgeschaald", "workload-escalated", Some(Tally::Escalated), "workload-group-callbacks"),
    ("/staff/inwoners", "staff-residents-find-a-resident", None, "workload-group-look-up"),
    ("/staff/zaken", "staff-cases-open-cases", None, "workload-group-look-up"),
    ("/staff/afspraken", "staff-appointments-title", None, "workload-group-look-up"),
    ("/staff/antwoorden", "staff-answers-answer-library", None, "workload-group-look-up"),
    ("/staff/statistieken", "statistics-title", None, "workload-group-look-up"),
    ("/staff/verwerkingen", "staff-processing-log-title", None, "workload-group-privacy"),
    ("/staff/privacyverzoeken", "staff-privacy-requests-title", None, "workload-group-privacy"),
    ("/staff/bewaartermijnen", "staff-retention-title", None, "workload-group-privacy"),
    ("/staff/terugbellen/soorten", "staff-home-kinds-of-callback-requests-administration", None, "workload-group-administration"),
    ("/staff/routering", "staff-home-routing-administration", None, "workload-group-administration"),
    ("/staff/toestemmingen", "staff-home-consent-purposes-administration", None, "workload-group-administration"),
    ("/staff/sluitingsdagen", "staff-closed-days-title", None, "workload-group-administration"),
];

/// The places this staff member may use: the policy table decides, so a
/// link is shown exactly when following it is allowed.
pub fn places(staff: &Staff, lang: Lang) -> Vec<NavLink> {
    let user = CurrentUser { principal: Principal::Staff(staff.clone()), seconds_left: 0 };
    PLACES
        .iter()
        .filter(|(href, ..)| policy::verdict(href.split('?').next().unwrap_or(href), Some(&user)) == Verdict::Allowed)
        .map(|(href, key, tally, group)| NavLink { href: href.to_string(), label: lang.t(key).to_string(), tally: *tally, group: lang.t(group).to_string() })
        .collect()
}

/// Who is signed in, in the page's language (for the frame).
pub async fn profile(db: &Db, staff: &Staff, lang: Lang) -> Result<StaffProfile, Error> {
    staff_member::profile(db, staff, lang).await
}

/// The start page: what to do now.
pub async fn today(db: &Db, staff: &Staff, lang: Lang, now: OffsetDateTime) -> Result<Today, Error> {
    let load = counts(db, staff, now).await?;
    let conversations = staff.may(Action::WorkConversations);
    let callbacks = staff.may(Action::WorkCallbacks);
    let queue = |assignee: Option<_>, unassigned: bool| db::conversation::InboxFilter { assignee, unassigned, scope: Some(staff.id), ..Default::default() };
    let (mine, new) = if conversations {
        (db::conversation::inbox(db, &queue(Some(staff.id), false), LISTED).await?, db::conversation::inbox(db, &queue(None, true), LISTED).await?)
    } else {
        (Vec::new(), Vec::new())
    };
    processing_log::record_listing(db, staff.id, mine.iter().chain(&new).map(|r| (r.resident_id, r.team_id)), processing_log::CONTACT_HANDLING, now).await?;
    let summaries = |rows: &[db::conversation::ConversationRow]| rows.iter().map(|r| conversation::summary(r, lang, true)).collect::<Result<Vec<_>, _>>();
    let (my_callbacks, overdue) = if callbacks {
        (
            callback::most_urgent(db, staff, callback::List::Mine(staff.id), LISTED, lang, now).await?,
            callback::most_urgent(db, staff, callback::List::Overdue, LISTED, lang, now).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    // Team leads see the norms of their teams; an administrator (every team) reads them on the statistics page.
    let norms = if staff.may(Action::ReadStatistics) && conversations { Some(statistics::norms_today(db, staff, lang, now).await?) } else { None };
    Ok(Today {
        norms,
        my_conversations: summaries(&mine)?,
        my_callbacks,
        overdue,
        new_for_team: summaries(&new)?,
        works_contacts: conversations || callbacks,
        load,
    })
}
