//! SQL for routing: `routing_rule` (by position) and `routing_decision`
//! (staff's routing of conversations, the classifier's training data).

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseTypeId, ConversationId, StaffId, TeamId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RuleRow {
    pub id: uuid::Uuid,
    pub position: i64,
    pub channel: Option<String>,
    pub keyword: Option<String>,
    pub case_type_id: Option<CaseTypeId>,
    pub team_id: TeamId,
}

pub async fn rules(db: &Db) -> Result<Vec<RuleRow>, sqlx::Error> {
    let sql = "select id, position, channel, keyword, case_type_id, team_id from routing_rule order by position, id";
    on_db!(db, pool => sqlx::query_as::<_, RuleRow>(sql).fetch_all(pool).await)
}

pub struct NewRule<'a> {
    pub channel: Option<&'a str>,
    pub keyword: Option<&'a str>,
    pub case_type_id: Option<CaseTypeId>,
    pub team_id: TeamId,
}

/// Adds a rule after the others.
pub async fn insert_rule(tx: &mut Tx, new: &NewRule<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into routing_rule (id, position, channel, keyword, case_type_id, team_id, created_at)
               select $1, coalesce(max(position), 0) + 1, $2, $3, $4, $5, $6 from routing_rule";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(uuid::Uuid::new_v4()).bind(new.channel).bind(new.keyword).bind(new.case_type_id).bind(new.team_id).bind(now)
        .execute(conn).await.map(|_| ()))
}

pub async fn delete_rule(db: &Db, id: uuid::Uuid) -> Result<bool, sqlx::Error> {
    on_db!(db, pool => sqlx::query("delete from routing_rule where id = $1").bind(id).execute(pool).await.map(|r| r.rows_affected() == 1))
}

pub struct NewDecision<'a> {
    pub conversation_id: Option<ConversationId>,
    pub text: &'a str,
    pub team_id: TeamId,
    pub suggested_team: Option<TeamId>,
    pub staff_id: Option<StaffId>,
}

pub async fn insert_decision(tx: &mut Tx, new: &NewDecision<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into routing_decision (id, conversation_id, text, team_id, suggested_team, staff_id, created_at) values ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(uuid::Uuid::new_v4()).bind(new.conversation_id).bind(new.text).bind(new.team_id).bind(new.suggested_team).bind(new.staff_id).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// The latest decisions (text and team), the training data.
pub async fn decisions(db: &Db, limit: i64) -> Result<Vec<(String, TeamId)>, sqlx::Error> {
    let sql = "select text, team_id from routing_decision order by created_at desc, id limit $1";
    on_db!(db, pool => sqlx::query_as::<_, (String, TeamId)>(sql).bind(limit).fetch_all(pool).await)
}

/// How many decisions there are and the newest one's time: changes whenever one is added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DecisionsVersion {
    pub count: i64,
    pub newest: Option<OffsetDateTime>,
}

pub async fn decisions_version(db: &Db) -> Result<DecisionsVersion, sqlx::Error> {
    let sql = "select count(*) as count, max(created_at) as newest from routing_decision";
    on_db!(db, pool => sqlx::query_as::<_, DecisionsVersion>(sql).fetch_one(pool).await)
}

/// Moves a conversation to another team.
pub async fn set_team(tx: &mut Tx, conversation: ConversationId, team: TeamId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update conversation set team_id = $1, updated_at = $2 where id = $3";
    on_tx!(tx, conn => sqlx::query(sql).bind(team).bind(now).bind(conversation).execute(conn).await.map(|r| r.rows_affected() == 1))
}
