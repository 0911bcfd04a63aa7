//! The migrations, embedded in the binary. `build.rs` lists `migrations/sqlite` and
//! `migrations/postgres`, stops the build unless both hold the same versions under the same
//! names, and writes the list included below; here it becomes sqlx's `Migrator`. (sqlx's
//! `migrate!` macro would embed them too, but it needs the macros feature, which compiles both
//! database drivers once more into the proc-macro.)

use std::{borrow::Cow, future::Future, pin::Pin};

use sqlx::{
    error::BoxDynError,
    migrate::{Migration, MigrationSource, MigrationType, Migrator},
};

use super::{DbError, Engine};

/// One migration file: its version and description (from the name) and its SQL.
#[derive(Debug)]
struct Embedded {
    version: i64,
    description: &'static str,
    sql: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

#[derive(Debug)]
struct EmbeddedSource(&'static [Embedded]);

impl<'s> MigrationSource<'s> for EmbeddedSource {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 's>> {
        let migrations = self
            .0
            .iter()
            .map(|file| {
                Migration::new(
                    file.version,
                    Cow::Borrowed(file.description),
                    MigrationType::Simple,
                    Cow::Borrowed(file.sql),
                    file.sql.starts_with("-- no-transaction"),
                )
            })
            .collect();
        Box::pin(std::future::ready(Ok(migrations)))
    }
}

/// The migrator for `engine`'s migrations.
pub(super) async fn migrator(engine: Engine) -> Result<Migrator, DbError> {
    let files = match engine {
        Engine::Sqlite => SQLITE,
        Engine::Postgres => POSTGRES,
    };
    Migrator::new(EmbeddedSource(files))
        .await
        .map_err(DbError::Migrate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_have_the_same_migrations() {
        let versions = |files: &[Embedded]| -> Vec<(i64, &str)> {
            files
                .iter()
                .map(|file| (file.version, file.description))
                .collect()
        };
        assert_eq!(versions(SQLITE), versions(POSTGRES));
        assert!(!SQLITE.is_empty());
        assert!(
            SQLITE
                .windows(2)
                .all(|pair| pair[0].version < pair[1].version)
        );
    }
}
