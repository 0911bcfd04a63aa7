//! What both sides see of projects, and the rules for their fields.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::Issue;

/// The most characters a description (of a project or a task) may have.
pub const DESCRIPTION_MAX_CHARS: usize = 20_000;

/// The project fields, by their names in the JSON bodies and the forms.
pub mod fields {
    pub const NAME: &str = "name";
    pub const KEY: &str = "key";
    pub const DESCRIPTION: &str = "description";
}

/// A project as a member of its workspace sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub name: String,
    pub key: String,
    pub description: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub archived_at: Option<OffsetDateTime>,
    /// Tasks not done yet.
    pub open_tasks: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A project to make.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewProject {
    pub name: String,
    pub key: String,
    pub description: String,
}

/// What to change about a project; `None` keeps it. The key never changes: task numbers
/// ("WEB-42") are quoted elsewhere and must keep meaning the same task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectChange {
    pub name: Option<String>,
    pub description: Option<String>,
    pub archived: Option<bool>,
}

/// A project's key as stored: upper case, 2 to 10 letters A–Z and digits, a letter first.
pub fn parse_key(input: &str) -> Result<String, Issue> {
    let key = input.trim().to_ascii_uppercase();
    if key.is_empty() {
        return Err(Issue::Required);
    }
    let mut chars = key.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    let rest_ok = chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !(2..=10).contains(&key.len()) || !first_is_letter || !rest_ok {
        return Err(Issue::KeyInvalid);
    }
    Ok(key)
}

/// A description as stored: trailing white space trimmed, at most
/// [`DESCRIPTION_MAX_CHARS`] characters.
pub fn parse_description(input: &str) -> Result<String, Issue> {
    let text = input.trim_end().trim_start_matches(['\n', '\r']);
    if text.chars().count() > DESCRIPTION_MAX_CHARS {
        return Err(Issue::TextTooLong);
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_short_upper_case_and_starts_with_a_letter() {
        assert_eq!(parse_key(" web "), Ok("WEB".into()));
        assert_eq!(parse_key("Q4"), Ok("Q4".into()));
        assert_eq!(parse_key(""), Err(Issue::Required));
        for bad in ["W", "4WEB", "WEB-1", "ABCDEFGHIJK", "ÄPP"] {
            assert_eq!(parse_key(bad), Err(Issue::KeyInvalid), "{bad}");
        }
    }

    #[test]
    fn a_description_is_bounded() {
        assert_eq!(parse_description("\n\nText  \n"), Ok("Text".into()));
        assert_eq!(
            parse_description(&"x".repeat(DESCRIPTION_MAX_CHARS + 1)),
            Err(Issue::TextTooLong)
        );
    }
}
