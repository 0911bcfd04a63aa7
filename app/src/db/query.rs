//! What every store uses to talk to either engine:
//!
//! - [`with_pool!`](crate::with_pool) runs one body on whichever pool the `Database` holds (the
//!   SQL is the same on both when it uses `$n` parameters and types with one Rust type on each);
//! - [`row!`](crate::row) declares a struct read from a query's columns by name, on both engines;
//! - [`ConflictOn::conflict_on`] turns a unique-constraint violation, whichever engine raised it,
//!   into a conflict on the field that holds the value;
//! - [`now`] is the current time as the database keeps it.

use std::borrow::Cow;

use time::OffsetDateTime;

use super::DbError;
use crate::error::{Error, FieldError, Issue};

/// Runs `$body` with `$pool` bound to the SQLite or the PostgreSQL pool of `$db: &Database`.
/// The body evaluates to `Result<T, sqlx::Error>` (it may use `?` and `return`); the macro to
/// `Result<T, DbError>`. While the database is known to be down it fails at once, without
/// waiting for a connection.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {{
        let db: &$crate::db::Database = $db;
        match db.ensure_reachable() {
            ::std::result::Result::Err(error) => ::std::result::Result::Err(error),
            ::std::result::Result::Ok(()) => {
                let result = match db.pool() {
                    $crate::db::Pool::Sqlite($pool) => {
                        async {
                            let result: ::std::result::Result<_, ::sqlx::Error> = $body;
                            result
                        }
                        .await
                    }
                    $crate::db::Pool::Postgres($pool) => {
                        async {
                            let result: ::std::result::Result<_, ::sqlx::Error> = $body;
                            result
                        }
                        .await
                    }
                };
                db.observe(result)
            }
        }
    }};
}

/// Declares a struct that a query reads by column name on both engines (`query_as`):
///
/// ```ignore
/// app::row! {
///     pub struct ProjectRow { pub id: Uuid, pub name: String, pub created_at: OffsetDateTime }
/// }
/// ```
///
/// (sqlx's derive would do the same, but it compiles both database drivers a second time into
/// the proc-macro, which costs every build minutes on two cores.)
#[macro_export]
macro_rules! row {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $($(#[$field_meta:meta])* $field_vis:vis $field:ident : $ty:ty),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $($(#[$field_meta])* $field_vis $field: $ty),*
        }

        impl<'r> ::sqlx::FromRow<'r, ::sqlx::sqlite::SqliteRow> for $name {
            fn from_row(row: &'r ::sqlx::sqlite::SqliteRow) -> ::std::result::Result<Self, ::sqlx::Error> {
                use ::sqlx::Row as _;
                ::std::result::Result::Ok(Self { $($field: row.try_get(stringify!($field))?),* })
            }
        }

        impl<'r> ::sqlx::FromRow<'r, ::sqlx::postgres::PgRow> for $name {
            fn from_row(row: &'r ::sqlx::postgres::PgRow) -> ::std::result::Result<Self, ::sqlx::Error> {
                use ::sqlx::Row as _;
                ::std::result::Result::Ok(Self { $($field: row.try_get(stringify!($field))?),* })
            }
        }
    };
}

/// Turns a unique-constraint violation into a conflict on a named field.
pub trait ConflictOn<T> {
    /// `Err(Error::Conflict)` on `field` with `issue` if the statement broke a unique
    /// constraint; any other database error converts as usual.
    fn conflict_on(self, field: impl Into<Cow<'static, str>>, issue: Issue) -> Result<T, Error>;
}

impl<T> ConflictOn<T> for Result<T, DbError> {
    fn conflict_on(self, field: impl Into<Cow<'static, str>>, issue: Issue) -> Result<T, Error> {
        self.map_err(|error| {
            if error.is_unique_violation() {
                Error::Conflict(FieldError::new(field, issue))
            } else {
                error.into()
            }
        })
    }
}

/// Now, in whole microseconds: PostgreSQL keeps no more, so a value reads back as it was
/// written on both engines.
///
/// SQLite keeps times as RFC 3339 text and compares them as text, and sqlx writes the fraction
/// of a second without its trailing zeros (`.12Z` for `.120000Z`), which would sort after
/// `.123Z`. So the last of the six digits is never a zero here (a time that would end in one
/// is a microsecond later): every time this makes is written with all six, and times sort in
/// the order they happened on both engines.
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    let mut micros = now.nanosecond() / 1_000;
    if micros.is_multiple_of(10) {
        micros += 1;
    }
    now.replace_nanosecond(micros * 1_000).unwrap_or(now)
}

/// The database could not be reached or the connection broke: it is down, not busy.
pub(super) fn is_connection_failure(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut => true,
        // PostgreSQL: class 08 (connection exception), 57P01-57P03 (shutting down, starting up).
        sqlx::Error::Database(error) => error
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P0")),
        _ => false,
    }
}

/// Worth trying again soon: the database is down, or too busy to take the statement now
/// (SQLite's `SQLITE_BUSY` and `SQLITE_LOCKED` after the busy timeout; PostgreSQL's "too many
/// connections").
pub(super) fn is_transient(error: &sqlx::Error) -> bool {
    if is_connection_failure(error) || matches!(error, sqlx::Error::PoolClosed) {
        return true;
    }
    let sqlx::Error::Database(error) = error else {
        return false;
    };
    let Some(code) = error.code() else {
        return false;
    };
    if code == "53300" {
        return true;
    }
    // SQLite's extended result codes keep the primary code in the low byte.
    code.parse::<i32>()
        .is_ok_and(|code| matches!(code & 0xff, 5 | 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_connections_and_timeouts_are_transient_and_mistakes_are_not() {
        let refused = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert!(is_connection_failure(&refused));
        assert!(is_transient(&refused));
        assert!(is_transient(&sqlx::Error::PoolTimedOut));
        assert!(is_transient(&sqlx::Error::PoolClosed));
        assert!(!is_connection_failure(&sqlx::Error::PoolClosed));
        assert!(!is_transient(&sqlx::Error::RowNotFound));
        assert!(!is_transient(&sqlx::Error::ColumnNotFound("x".into())));
    }

    #[test]
    fn now_keeps_whole_microseconds() {
        assert_eq!(now().nanosecond() % 1_000, 0);
    }

    #[test]
    fn every_time_now_makes_is_written_at_one_width_so_sqlite_sorts_it() {
        use time::format_description::well_known::Rfc3339;
        for _ in 0..2_000 {
            let text = now().format(&Rfc3339).unwrap_or_default();
            assert_eq!(text.len(), "2026-12-02T14:10:05.123457Z".len(), "{text}");
        }
    }
}
