//! The staff workspace view of one conversation: the thread with notes,
//! who the resident is (masked), the colleagues and cases to choose from,
//! where the answer goes, whether a call is on, and the routing
//! suggestion (from the classifier the application keeps, not trained
//! again on every view). Opening it is logged with its purpose.

use time::OffsetDateTime;

use crate::backend::{
    auth::session::Staff,
    channel::{phone, whatsapp},
    db::{self, Db},
    service::{conversation, phone_call, routing, satisfaction},
    Error,
};
use crate::i18n::Lang;
use crate::model::conversation::{Channel, Choice, ConversationDetail, StaffConversation};
use crate::model::ids::ConversationId;
use crate::model::processing_log::Category;
use crate::model::staff_member::Confidentiality;

/// A conversation as staff see it, notes included; the view is logged with its purpose.
pub async fn detail_for_staff(db: &Db, model: &routing::Model, staff: &Staff, id: ConversationId, lang: Lang, now: OffsetDateTime) -> Result<StaffConversation, Error> {
    let row = conversation::for_staff(db, staff, id).await?;
    conversation::log_view(db, staff.id, &row, Category::Conversation, now).await?;
    let rows = db::conversation::messages(db, id, true).await?;
    let attachments = db::conversation::attachments(db, id, true).await?;
    let team = lang.pick(&row.team_nl, &row.team_en).to_string();
    let resident = match row.resident_id {
        Some(resident) => match db::resident::find_bsn(db, resident).await? {
            Some(bsn) => format!("{} *****{}", lang.t("workspace-resident-with-bsn"), &bsn[bsn.len().saturating_sub(4)..]),
            None => lang.t("conversation-resident").to_string(),
        },
        None => lang.t("workspace-not-identified-yet").to_string(),
    };
    let colleagues = db::staff_member::list(db).await?.into_iter().map(|s| Choice { value: s.id.to_string(), label: s.name }).collect();
    let cases = match row.resident_id {
        Some(resident) => db::case::list_for_resident(db, resident)
            .await?
            .into_iter()
            // Only cases within the agent's clearance are named.
            .filter(|c| staff.cleared_for(Confidentiality::from_code(&c.confidentiality).unwrap_or(Confidentiality::ZeerGeheim)))
            .map(|c| Choice { value: c.id.to_string(), label: format!("{} · {}", c.reference, lang.pick(&c.type_nl, &c.type_en)) })
            .collect(),
        None => Vec::new(),
    };
    let merged_into = match row.merged_into {
        Some(into) => db::conversation::find(db, into).await?.map(|r| r.subject),
        None => None,
    };
    let merge_choices = match (row.resident_id, row.merged_into) {
        (Some(resident), None) => db::conversation::merge_candidates(db, resident, id)
            .await?
            .into_iter()
            .map(|(id, subject)| Choice { value: id.to_string(), label: subject })
            .collect(),
        _ => Vec::new(),
    };
    let reply_channel = conversation::reply_channel(&row)?;
    let template_only = reply_channel == Channel::WhatsApp
        && !whatsapp::window_open(db::conversation::last_inbound(db, id, Channel::WhatsApp.code()).await?.map(|(at, _)| at), now);
    let reply_address = match (reply_channel, row.contact.as_deref()) {
        (Channel::Email, Some(address)) => Some(masked_email(address)),
        (Channel::Sms | Channel::WhatsApp, Some(number)) => Some(phone::masked(number)),
        _ => None,
    };
    Ok(StaffConversation {
        detail: ConversationDetail {
            summary: conversation::summary(&row, lang, true)?,
            case_id: row.case_id,
            messages: conversation::messages(rows, attachments, &team, lang, crate::path::staff_attachment, true)?,
            reply_channel,
            reply_options: Vec::new(),
            continued_in: row.merged_into,
            satisfaction: satisfaction::of_conversation(db, id, now).await?,
        },
        team_id: row.team_id,
        assignee: row.assignee_id,
        result: row.result.clone(),
        resident,
        resident_id: row.resident_id,
        colleagues,
        cases,
        reply_address,
        template_only,
        unidentified: row.resident_id.is_none(),
        call_since: phone_call::on_since(db, id, lang).await?,
        suggestion: routing::suggest(db, model, &routing::text_of(db, id).await?, lang).await?,
        teams: routing::teams(db, lang).await?,
        merge_choices,
        merged_into,
    })
}

/// `j***@example.nl`: enough for staff to recognise, not to copy.
fn masked_email(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".into(),
    }
}
