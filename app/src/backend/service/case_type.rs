//! Case types as residents see them.

use crate::backend::{db, db::Db, Error};
use crate::i18n::Lang;
use crate::model::case_type::CaseTypeSummary;

/// Active case types with their texts in `lang`.
pub async fn list_public(db: &Db, lang: Lang) -> Result<Vec<CaseTypeSummary>, Error> {
    let rows = db::case_type::list_active(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| CaseTypeSummary {
            id: r.id,
            code: r.code,
            name: lang.pick(&r.name_nl, &r.name_en).to_string(),
            description: lang.pick(&r.description_nl, &r.description_en).to_string(),
            lead_time_days: r.lead_time_days,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::service::seed;
    use time::macros::datetime;

    crate::both_dbs!(seeded_case_types_are_listed_in_the_chosen_language, |db| {
        seed::demo(&db, datetime!(2026-01-05 09:00 UTC)).await.unwrap();
        let nl = list_public(&db, Lang::Nl).await.unwrap();
        let en = list_public(&db, Lang::En).await.unwrap();
        assert_eq!(nl.len(), en.len());
        let parking_nl = nl.iter().find(|c| c.code == "parkeervergunning").unwrap();
        let parking_en = en.iter().find(|c| c.code == "parkeervergunning").unwrap();
        assert_eq!(parking_nl.name, "Parkeervergunning");
        assert_eq!(parking_en.name, "Parking permit");
        let names: Vec<_> = nl.iter().map(|c| c.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "listed alphabetically");
    });
}
