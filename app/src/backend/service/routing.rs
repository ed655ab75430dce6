//! Routing of new conversations to the right team.
//!
//! Rules first: the first rule (by position) whose channel, keyword and
//! case type all match sends the conversation to its team; without a
//! match it goes to the KCC. On top of the rules, a suggestion learned
//! from staff's own routing decisions: a multinomial naive Bayes text
//! classifier over the words of the subject and first message, trained
//! on the latest decisions, in Rust, no external service. Staff accept or
//! correct it; both are decisions, so corrections feed the next training.

use std::{collections::HashMap, sync::Arc};

use time::OffsetDateTime;

use crate::backend::{
    auth::session::Staff,
    effect::{Committed, Effects},
    live::LiveEvent,
    db::{self, Db},
    service::processing_log::{self, Entry, CONTACT_HANDLING},
    Error,
};
use crate::model::processing_log::Category;
use crate::error::FieldErrorCode;
use crate::i18n::Lang;
use crate::model::conversation::{Channel, Choice};
use crate::model::ids::{CaseTypeId, ConversationId, TeamId};

/// Decisions the classifier trains on, at most (the latest).
pub const TRAINING_LIMIT: i64 = 5000;

/// Words that say nothing about the team (Dutch function words).
const STOP_WORDS: [&str; 40] = [
    "de", "het", "een", "en", "van", "ik", "je", "jij", "u", "mijn", "is", "dat", "die", "in", "op", "te", "voor", "met", "wat", "wanneer",
    "hoe", "kan", "kun", "wil", "graag", "er", "niet", "aan", "om", "ook", "maar", "bij", "nog", "heb", "hebben", "wordt", "zijn", "als", "dan", "over",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
}

/// A multinomial naive Bayes classifier with Laplace smoothing.
#[derive(Debug, Default)]
pub struct Classifier {
    /// Per team: how many examples, the word counts, their total.
    teams: HashMap<TeamId, (usize, HashMap<String, usize>, usize)>,
    vocabulary: usize,
    examples: usize,
}

impl Classifier {
    pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, TeamId)>) -> Classifier {
        let mut c = Classifier::default();
        let mut vocabulary = std::collections::HashSet::new();
        for (text, team) in examples {
            let entry = c.teams.entry(team).or_default();
            entry.0 += 1;
            for w in words(text) {
                *entry.1.entry(w.clone()).or_default() += 1;
                entry.2 += 1;
                vocabulary.insert(w);
            }
            c.examples += 1;
        }
        c.vocabulary = vocabulary.len();
        c
    }

    /// The most likely team and how sure (the posterior probability, 0 to 1); `None` untrained or for text without known words.
    pub fn suggest(&self, text: &str) -> Option<(TeamId, f64)> {
        let tokens: Vec<String> = words(text).collect();
        if self.examples == 0 || tokens.is_empty() {
            return None;
        }
        let v = self.vocabulary.max(1) as f64;
        let scores: Vec<(TeamId, f64)> = self
            .teams
            .iter()
            .map(|(team, (n, counts, total))| {
                let prior = (*n as f64 / self.examples as f64).ln();
                let likelihood: f64 = tokens.iter().map(|w| ((counts.get(w).copied().unwrap_or(0) as f64 + 1.0) / (*total as f64 + v)).ln()).sum();
                (*team, prior + likelihood)
            })
            .collect();
        let best = scores.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
        let sum: f64 = scores.iter().map(|(_, s)| (s - best.1).exp()).sum();
        Some((best.0, 1.0 / sum))
    }
}

/// The team the rules send a new conversation to (the KCC when none matches).
pub async fn route(db: &Db, channel: Channel, text: &str, case_type: Option<CaseTypeId>) -> Result<TeamId, Error> {
    let lower = text.to_lowercase();
    for rule in db::routing::rules(db).await? {
        let channel_ok = rule.channel.as_deref().is_none_or(|c| c == channel.code());
        let keyword_ok = rule.keyword.as_deref().is_none_or(|k| lower.contains(&k.to_lowercase()));
        let case_ok = rule.case_type_id.is_none_or(|c| Some(c) == case_type);
        if channel_ok && keyword_ok && case_ok {
            return Ok(rule.team_id);
        }
    }
    crate::backend::service::team::general(db).await
}

/// The classifier of one database, kept between views and trained again
/// only when the decisions changed (on any node: their count and the
/// newest time say so). One per application, in its state.
#[derive(Default)]
pub struct Model {
    trained: std::sync::Mutex<Option<(db::routing::DecisionsVersion, Arc<Classifier>)>>,
}

impl Model {
    /// The classifier for the decisions as they are now.
    pub async fn classifier(&self, db: &Db) -> Result<Arc<Classifier>, Error> {
        let version = db::routing::decisions_version(db).await?;
        if let Some((seen, classifier)) = self.trained.lock().expect("routing model poisoned").as_ref() {
            if *seen == version {
                return Ok(classifier.clone());
            }
        }
        let history = db::routing::decisions(db, TRAINING_LIMIT).await?;
        let classifier = Arc::new(Classifier::train(history.iter().map(|(t, team)| (t.as_str(), *team))));
        *self.trained.lock().expect("routing model poisoned") = Some((version, classifier.clone()));
        Ok(classifier)
    }
}

/// A suggestion for a text: team, its name and how sure, from the latest decisions.
pub async fn suggest(db: &Db, model: &Model, text: &str, lang: Lang) -> Result<Option<(TeamId, String, u8)>, Error> {
    let classifier = model.classifier(db).await?;
    let Some((team, confidence)) = classifier.suggest(text) else { return Ok(None) };
    let name = db::team::list(db).await?.into_iter().find(|t| t.id == team).map(|t| lang.pick(&t.name_nl, &t.name_en).to_string()).unwrap_or_default();
    Ok(Some((team, name, (confidence * 100.0).round() as u8)))
}

/// The text a conversation is routed on: its subject and first message.
pub async fn text_of(db: &Db, conversation: ConversationId) -> Result<String, Error> {
    let row = db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    let first = db::conversation::messages(db, conversation, false).await?.into_iter().next().map(|m| m.body).unwrap_or_default();
    Ok(format!("{}\n{first}", row.subject))
}

/// Staff send the conversation to a team (accepting or correcting the
/// suggestion); the decision is kept to train the next suggestion.
pub async fn decide(db: &Db, model: &Model, staff: &Staff, conversation: ConversationId, team: TeamId, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    // Only a conversation of the staff member's own queue is theirs to send on.
    let row = db::conversation::find(db, conversation).await?.filter(|row| staff.handles(row.team_id, row.assignee_id)).ok_or(Error::NotFound)?;
    if !db::team::list(db).await?.iter().any(|t| t.id == team) {
        return Err(Error::field("team", FieldErrorCode::Invalid));
    }
    let text = text_of(db, conversation).await?;
    let suggested = suggest(db, model, &text, Lang::Nl).await?.map(|(t, ..)| t);
    let mut tx = db.begin().await?;
    db::routing::set_team(&mut tx, conversation, team, now).await?;
    let decision = db::routing::NewDecision { conversation_id: Some(conversation), text: &text, team_id: team, suggested_team: suggested, staff_id: Some(staff.id) };
    db::routing::insert_decision(&mut tx, &decision, now).await?;
    if let Some(resident) = row.resident_id {
        let entry = Entry::change(staff.id, resident, Category::Conversation, CONTACT_HANDLING).object(conversation).team(row.team_id);
        processing_log::record(&mut tx, &entry, now).await?;
    }
    tx.commit().await?;
    Ok(Committed::new((), Effects::announce(LiveEvent::Conversation { conversation })))
}

/// The case types a rule can name, as choices.
pub async fn case_types(db: &Db, lang: Lang) -> Result<Vec<Choice>, Error> {
    Ok(db::case_type::list_active(db)
        .await?
        .into_iter()
        .map(|c| Choice { value: c.id.to_string(), label: lang.pick(&c.name_nl, &c.name_en).to_string() })
        .collect())
}

/// The rules as the administrator sees them.
pub async fn rules(db: &Db, lang: Lang) -> Result<Vec<(String, String)>, Error> {
    let teams = db::team::list(db).await?;
    let case_types = db::case_type::list_active(db).await?;
    Ok(db::routing::rules(db)
        .await?
        .into_iter()
        .map(|r| {
            let mut parts = Vec::new();
            if let Some(c) = r.channel.as_deref().and_then(Channel::from_code) {
                parts.push(format!("{} {}", lang.t("routing-channel"), c.label(lang)));
            }
            if let Some(k) = &r.keyword {
                parts.push(format!("{} \u{201c}{k}\u{201d}", lang.t("routing-contains")));
            }
            if let Some(ct) = r.case_type_id.and_then(|id| case_types.iter().find(|c| c.id == id)) {
                parts.push(format!("{} {}", lang.t("routing-case-type"), lang.pick(&ct.name_nl, &ct.name_en)));
            }
            let team = teams.iter().find(|t| t.id == r.team_id).map(|t| lang.pick(&t.name_nl, &t.name_en).to_string()).unwrap_or_default();
            (r.id.to_string(), format!("{} → {team}", parts.join(", ")))
        })
        .collect())
}

/// Adds a rule (at least a channel, a keyword or a case type).
pub async fn add_rule(db: &Db, channel: &str, keyword: &str, case_type: Option<CaseTypeId>, team: TeamId, now: OffsetDateTime) -> Result<(), Error> {
    let channel = match channel {
        "" => None,
        code => Some(Channel::from_code(code).ok_or_else(|| Error::field("channel", FieldErrorCode::Invalid))?.code()),
    };
    let keyword = keyword.trim();
    if keyword.chars().count() > 100 {
        return Err(Error::field("keyword", FieldErrorCode::TooLong));
    }
    let keyword = (!keyword.is_empty()).then_some(keyword);
    if channel.is_none() && keyword.is_none() && case_type.is_none() {
        return Err(Error::field("keyword", FieldErrorCode::Missing));
    }
    if !db::team::list(db).await?.iter().any(|t| t.id == team) {
        return Err(Error::field("team", FieldErrorCode::Invalid));
    }
    let mut tx = db.begin().await?;
    db::routing::insert_rule(&mut tx, &db::routing::NewRule { channel, keyword, case_type_id: case_type, team_id: team }, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_rule(db: &Db, id: uuid::Uuid) -> Result<(), Error> {
    if !db::routing::delete_rule(db, id).await? {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// The teams, for the routing choices.
pub async fn teams(db: &Db, lang: Lang) -> Result<Vec<Choice>, Error> {
    Ok(db::team::list(db).await?.into_iter().map(|t| Choice { value: t.id.to_string(), label: lang.pick(&t.name_nl, &t.name_en).to_string() }).collect())
}

/// A routed history for demos and tests: `n` questions for the five demo
/// teams, made from each team's own phrases (deterministic for a seed),
/// with words any team's questions share.
pub fn example_history(n: usize, seed: u64) -> Vec<(String, &'static str)> {
    const TEAMS: [(&str, [&str; 8]); 5] = [
        ("burgerzaken", ["paspoort", "identiteitskaart", "rijbewijs", "verhuizing doorgeven", "uittreksel", "geboorteaangifte", "naamswijziging", "afspraak balie"]),
        ("parkeren", ["parkeervergunning", "bezoekersvergunning", "kenteken", "parkeerboete", "parkeerplaats", "laadpaal", "invalidenparkeerkaart", "parkeerzone"]),
        ("werk-en-inkomen", ["bijstand", "uitkering", "schulden", "toeslag", "bijzondere bijstand", "inkomen", "betaling", "re-integratie"]),
        ("vergunningen", ["dakkapel", "bouwvergunning", "omgevingsvergunning", "kapvergunning", "evenement", "terras", "verbouwing", "aanbouw"]),
        ("kcc", ["openingstijden", "grofvuil", "afvalcontainer", "straatverlichting", "lantaarnpaal", "stoeptegel", "klacht", "contactgegevens"]),
    ];
    const SHARED: [&str; 10] = ["vraag", "informatie", "wanneer", "hoelang", "aanvraag", "status", "kosten", "formulier", "brief", "week"];
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let (team, phrases) = TEAMS[(next() % 5) as usize];
            let mut text = Vec::new();
            text.push(phrases[(next() % 8) as usize]);
            for _ in 0..(2 + next() % 3) {
                text.push(SHARED[(next() % 10) as usize]);
            }
            // Often a phrase of another team too: people mention more than one thing.
            if next() % 3 == 0 {
                text.push(TEAMS[(next() % 5) as usize].1[(next() % 8) as usize]);
            }
            (text.join(" "), team)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::both_dbs!(the_classifier_is_kept_until_a_decision_is_added, |db| {
        let now = time::macros::datetime!(2026-11-23 09:00 UTC);
        crate::backend::service::seed::demo(&db, now).await.unwrap();
        let model = Model::default();
        let first = model.classifier(&db).await.unwrap();
        assert!(Arc::ptr_eq(&first, &model.classifier(&db).await.unwrap()), "the same decisions: not trained again");
        let team = db::team::list(&db).await.unwrap()[0].id;
        let mut tx = db.begin().await.unwrap();
        let decision = db::routing::NewDecision { conversation_id: None, text: "paspoort kwijt", team_id: team, suggested_team: None, staff_id: None };
        db::routing::insert_decision(&mut tx, &decision, now).await.unwrap();
        tx.commit().await.unwrap();
        let after = model.classifier(&db).await.unwrap();
        assert!(!Arc::ptr_eq(&first, &after), "a new decision: trained again");
        assert_eq!(after.examples, first.examples + 1);
    });

    fn team(n: u128) -> TeamId {
        TeamId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn learns_from_examples_and_is_surer_with_clear_words() {
        let c = Classifier::train([("paspoort verlopen", team(1)), ("parkeervergunning kenteken", team(2)), ("paspoort ophalen balie", team(1))]);
        let (t, confidence) = c.suggest("Mijn paspoort is verlopen").unwrap();
        assert_eq!(t, team(1));
        assert!(confidence > 0.5 && confidence <= 1.0, "{confidence}");
        assert_eq!(c.suggest("de het een").map(|s| s.0), None, "no words that count");
        assert_eq!(Classifier::default().suggest("paspoort"), None, "untrained");
    }

    #[test]
    fn held_out_accuracy_beats_the_majority_and_grows_with_history() {
        let history = example_history(1000, 42);
        let ids: HashMap<&str, TeamId> = ["burgerzaken", "parkeren", "werk-en-inkomen", "vergunningen", "kcc"].iter().enumerate().map(|(i, s)| (*s, team(i as u128 + 1))).collect();
        let (train, test) = history.split_at(800);
        let accuracy = |n: usize| {
            let c = Classifier::train(train.iter().take(n).map(|(t, s)| (t.as_str(), ids[s])));
            let right = test.iter().filter(|(t, s)| c.suggest(t).map(|x| x.0) == Some(ids[s])).count();
            right as f64 / test.len() as f64
        };
        let (few, all) = (accuracy(20), accuracy(800));
        let majority = {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for (_, s) in test {
                *counts.entry(s).or_default() += 1;
            }
            *counts.values().max().unwrap() as f64 / test.len() as f64
        };
        println!("routing classifier, 200 held-out questions: {:.1}% after 20 decisions, {:.1}% after 800 (majority class {:.1}%)", few * 100.0, all * 100.0, majority * 100.0);
        assert!(all > 0.75, "{all}");
        assert!(all > majority + 0.5);
        assert!(all >= few, "more history does not make it worse: {few} -> {all}");
    }
}
