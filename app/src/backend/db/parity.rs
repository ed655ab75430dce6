//! Keeps the two migration folders in step: the same versions and names,
//! and after migrating, the same tables and columns; and lists the
//! schema's foreign keys (what the export's completeness test walks).

use std::{collections::BTreeSet, path::Path};

use crate::backend::db::Db;

/// Migration file names (version and description) in a folder.
pub fn migration_names(dir: &Path) -> std::io::Result<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".sql") {
            names.insert(name);
        }
    }
    Ok(names)
}

/// The migrations present in only one of the two folders; empty when they agree.
pub fn migration_drift(sqlite_dir: &Path, postgres_dir: &Path) -> std::io::Result<Vec<String>> {
    let (a, b) = (migration_names(sqlite_dir)?, migration_names(postgres_dir)?);
    Ok(a.symmetric_difference(&b).cloned().collect())
}

/// Every (table or view, column) pair of the migrated schema, without sqlx's own bookkeeping.
/// The catalogue queries are dialect-specific by nature.
pub async fn columns(db: &Db) -> Result<BTreeSet<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(pool) => {
            sqlx::query_as(
                "select m.name, p.name from sqlite_master m join pragma_table_info(m.name) p
                 where m.type in ('table', 'view') and m.name not like 'sqlite_%' and m.name <> '_sqlx_migrations'",
            )
            .fetch_all(pool)
            .await?
        }
        Db::Postgres(pool) => {
            sqlx::query_as(
                "select table_name::text, column_name::text from information_schema.columns
                 where table_schema = current_schema() and table_name <> '_sqlx_migrations'",
            )
            .fetch_all(pool)
            .await?
        }
    };
    Ok(rows.into_iter().collect())
}

/// Every foreign key of the migrated schema as (table, referenced table).
pub async fn references(db: &Db) -> Result<BTreeSet<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(pool) => {
            sqlx::query_as(
                "select m.name, f.\"table\" from sqlite_master m join pragma_foreign_key_list(m.name) f
                 where m.type = 'table' and m.name not like 'sqlite_%'",
            )
            .fetch_all(pool)
            .await?
        }
        Db::Postgres(pool) => {
            sqlx::query_as(
                "select c.conrelid::regclass::text, c.confrelid::regclass::text from pg_constraint c
                 where c.contype = 'f' and c.connamespace = current_schema()::regnamespace",
            )
            .fetch_all(pool)
            .await?
        }
    };
    Ok(rows.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::db::scratch::ScratchDb;

    fn dirs() -> (std::path::PathBuf, std::path::PathBuf) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
        (root.join("sqlite"), root.join("postgres"))
    }

    #[test]
    fn both_migration_folders_hold_the_same_versions() {
        let (sqlite, postgres) = dirs();
        assert_eq!(migration_drift(&sqlite, &postgres).unwrap(), Vec::<String>::new());
        assert!(!migration_names(&sqlite).unwrap().is_empty());
    }

    #[test]
    fn a_version_in_only_one_folder_is_reported() {
        let (sqlite, _) = dirs();
        let broken = std::env::temp_dir().join(format!("loket-parity-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&broken).unwrap();
        for name in migration_names(&sqlite).unwrap() {
            std::fs::copy(sqlite.join(&name), broken.join(&name)).unwrap();
        }
        std::fs::write(broken.join("29990101000000_only_here.sql"), "select 1;").unwrap();
        let drift = migration_drift(&sqlite, &broken).unwrap();
        std::fs::remove_dir_all(&broken).unwrap();
        assert_eq!(drift, vec!["29990101000000_only_here.sql".to_string()]);
    }

    #[tokio::test]
    async fn both_databases_have_the_same_tables_and_columns_after_migrating() {
        let (sqlite, postgres) = (ScratchDb::sqlite().await, ScratchDb::postgres().await);
        let (a, b) = (columns(&sqlite.db).await.unwrap(), columns(&postgres.db).await.unwrap());
        assert!(a.contains(&("case_type".to_string(), "lead_time_days".to_string())));
        let only_sqlite: Vec<_> = a.difference(&b).collect();
        let only_postgres: Vec<_> = b.difference(&a).collect();
        assert!(only_sqlite.is_empty() && only_postgres.is_empty(), "sqlite only: {only_sqlite:?}, postgres only: {only_postgres:?}");
    }
}
