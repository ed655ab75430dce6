//! Backend failures, and the one place they become an `AppError`.

use crate::error::{AppError, FieldError, IncidentId};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error")]
    Db(#[from] sqlx::Error),
    #[error("migration error")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("conflict")]
    Conflict,
    #[error("too many requests")]
    RateLimited,
    #[error("internal: {0}")]
    Internal(&'static str),
    /// The request's page is gone (the browser left before it was ready):
    /// there is nobody to answer, and it is no fault of Loket's.
    #[error("the request is gone")]
    Gone,
}

impl Error {
    /// A write that lost to another one on a unique key is a `Conflict`
    /// (someone else did it first); every other database error stays one.
    pub fn conflict_on_duplicate(err: sqlx::Error) -> Error {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => Error::Conflict,
            _ => Error::Db(err),
        }
    }

    /// One refused field.
    pub fn field(field: &str, code: crate::error::FieldErrorCode) -> Error {
        Error::Validation(vec![FieldError { field: field.into(), code }])
    }

    /// A required text, trimmed, of at most `max` characters.
    pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, Error> {
        use crate::error::FieldErrorCode;
        let value = value.trim();
        if value.is_empty() {
            return Err(Error::field(field, FieldErrorCode::Missing));
        }
        if value.chars().count() > max {
            return Err(Error::field(field, FieldErrorCode::TooLong));
        }
        Ok(value.to_string())
    }
}

/// The single conversion point: internal failures are logged once, with
/// their cause chain and a fresh incident id; only the id leaves.
impl From<Error> for AppError {
    fn from(err: Error) -> AppError {
        match err {
            Error::NotFound => AppError::NotFound,
            Error::Validation(fields) => AppError::Validation(fields),
            Error::Conflict => AppError::Conflict,
            Error::RateLimited => AppError::RateLimited,
            Error::Gone => {
                tracing::debug!("the browser left before its page was ready");
                AppError::Unavailable
            }
            // Closed: this node is stopping, and a page whose browser left is still loading.
            Error::Db(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)) => {
                tracing::warn!(error = %error_chain(&err), "database unavailable");
                AppError::Unavailable
            }
            Error::Db(_) | Error::Migrate(_) | Error::Internal(_) => {
                let incident_id = IncidentId::new();
                tracing::error!(incident.id = %incident_id, error = %error_chain(&err), "internal error");
                AppError::Internal { incident_id }
            }
        }
    }
}

/// A stored code read back into its type. An unknown value is a fault
/// (logged with an incident id where it reaches a user), never quietly
/// taken for another value.
pub fn decode<T>(code: &str, parse: impl Fn(&str) -> Option<T>, what: &'static str) -> Result<T, Error> {
    parse(code).ok_or(Error::Internal(what))
}

/// An error with all its causes, for the one log line that records it.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_out_of_reach_or_closed_for_a_stop_is_unavailable_not_an_incident() {
        for err in [sqlx::Error::PoolTimedOut, sqlx::Error::PoolClosed] {
            assert!(matches!(AppError::from(Error::Db(err)), AppError::Unavailable));
        }
        assert!(matches!(AppError::from(Error::Db(sqlx::Error::RowNotFound)), AppError::Internal { .. }));
    }
}
