//! What both sides see of tasks: status and priority, a task in a list and in full, its
//! history, and the rules for its fields.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::error::Issue;

/// The most characters a task's title may have.
pub const TITLE_MAX_CHARS: usize = 200;
/// The most labels one task may have, and the most characters of one.
pub const MAX_LABELS: usize = 20;
pub const LABEL_MAX_CHARS: usize = 30;

/// The task fields, by their names in the JSON bodies and the forms.
pub mod fields {
    pub const TITLE: &str = "title";
    pub const DESCRIPTION: &str = "description";
    pub const STATUS: &str = "status";
    pub const PRIORITY: &str = "priority";
    pub const ASSIGNEES: &str = "assignee_ids";
    pub const LABELS: &str = "labels";
    pub const START_DATE: &str = "start_date";
    pub const DUE_DATE: &str = "due_date";
    pub const PARENT: &str = "parent_id";
    pub const BLOCKED_BY: &str = "blocked_by_ids";
    pub const VERSION: &str = "version";
}

/// Where a task stands: the board's columns, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Todo,
    InProgress,
    Done,
}

impl Status {
    pub const ALL: [Self; 3] = [Self::Todo, Self::InProgress, Self::Done];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Todo => "todo",
            Self::InProgress => "in_progress",
            Self::Done => "done",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == text.trim())
    }

    /// The column before and after this one on the board.
    pub fn before(self) -> Option<Self> {
        match self {
            Self::Todo => None,
            Self::InProgress => Some(Self::Todo),
            Self::Done => Some(Self::InProgress),
        }
    }

    pub fn after(self) -> Option<Self> {
        match self {
            Self::Todo => Some(Self::InProgress),
            Self::InProgress => Some(Self::Done),
            Self::Done => None,
        }
    }
}

/// How urgent a task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    None,
    Low,
    Medium,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Self; 5] = [
        Self::None,
        Self::Low,
        Self::Medium,
        Self::High,
        Self::Urgent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|priority| priority.as_str() == text.trim())
    }
}

/// Someone a task names (an assignee, its author).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
}

/// Another task, as a link to it shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRef {
    pub id: Uuid,
    /// `WEB-42`.
    pub reference: String,
    pub title: String,
    pub status: Status,
}

/// A task as a list or the board shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskSummary {
    pub id: Uuid,
    pub project_id: Uuid,
    pub number: i64,
    /// `WEB-42`.
    pub reference: String,
    pub title: String,
    pub status: Status,
    pub priority: Priority,
    pub assignees: Vec<Person>,
    pub labels: Vec<String>,
    pub due_date: Option<Date>,
    pub version: i64,
}

/// A task in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub summary: TaskSummary,
    pub workspace_id: Uuid,
    pub project_name: String,
    pub description: String,
    /// The description as it is shown: its Markdown rendered to safe HTML (`crate::markdown`).
    pub description_html: String,
    pub start_date: Option<Date>,
    pub parent: Option<TaskRef>,
    pub subtasks: Vec<TaskRef>,
    pub blocks: Vec<TaskRef>,
    pub blocked_by: Vec<TaskRef>,
    pub created_by: Option<Person>,
    pub updated_by: Option<Person>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A comment on a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: Uuid,
    /// Who wrote it; `None` once their account is gone.
    pub author: Option<Person>,
    pub body: String,
    /// The body as it is shown: its Markdown rendered to safe HTML (`crate::markdown`).
    pub body_html: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// The most characters a comment may have.
pub const COMMENT_MAX_CHARS: usize = 20_000;

/// A comment's text as stored: trimmed, 1 to [`COMMENT_MAX_CHARS`] characters.
pub fn parse_comment(input: &str) -> Result<String, Issue> {
    let body = input.trim();
    if body.is_empty() {
        return Err(Issue::Required);
    }
    if body.chars().count() > COMMENT_MAX_CHARS {
        return Err(Issue::TextTooLong);
    }
    Ok(body.to_owned())
}

/// The people a text mentions: `@` (not inside a word) followed by a member's name (`@Ann Lee`) or by the part of
/// their address before the `@` (`@ann`), in any case, and then something that is not a letter
/// or digit. Where two names fit (`@Ann` and `@Ann Lee`), the longer wins.
pub fn mentioned(text: &str, members: &[(Uuid, String, String)]) -> Vec<Uuid> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        // An address in the text (`mail@ann.org`) mentions nobody.
        if text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest: String = text[at + 1..]
            .chars()
            .take(120)
            .collect::<String>()
            .to_lowercase();
        let mut best: Option<(usize, Uuid)> = None;
        for (id, name, email) in members {
            let local = email.split('@').next().unwrap_or_default();
            for candidate in [name.to_lowercase(), local.to_lowercase()] {
                if candidate.is_empty() || !rest.starts_with(&candidate) {
                    continue;
                }
                let ends = rest[candidate.len()..]
                    .chars()
                    .next()
                    .is_none_or(|next| !next.is_alphanumeric());
                if ends && best.is_none_or(|(length, _)| candidate.len() > length) {
                    best = Some((candidate.len(), *id));
                }
            }
        }
        if let Some((_, id)) = best
            && !found.contains(&id)
        {
            found.push(id);
        }
    }
    found
}

/// One change in a task's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskEvent {
    /// Who changed it; `None` once their account is gone.
    pub actor: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    /// `created`, or the field that changed (`status`, `title`…).
    pub field: String,
    pub old_value: String,
    pub new_value: String,
}

/// A task's fields as a request gives them: for a new task, what is left out takes its default;
/// for a change, what is left out stays as it is. Dates and the parent are `Some(None)` to
/// clear them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskInput {
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub assignee_ids: Option<Vec<Uuid>>,
    pub labels: Option<Vec<String>>,
    pub start_date: Option<Option<Date>>,
    pub due_date: Option<Option<Date>>,
    pub parent_id: Option<Option<Uuid>>,
    pub blocked_by_ids: Option<Vec<Uuid>>,
}

/// Which tasks of a project a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskFilter {
    pub status: Option<Status>,
    pub assignee: Option<Uuid>,
    pub label: Option<String>,
}

/// A title as stored: trimmed, inner white space made single spaces, 1 to
/// [`TITLE_MAX_CHARS`] characters.
pub fn parse_title(input: &str) -> Result<String, Issue> {
    let title = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(Issue::Required);
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(Issue::TitleTooLong);
    }
    Ok(title)
}

/// Labels as stored: each trimmed, duplicates (in any case) dropped, empty ones ignored, at
/// most [`MAX_LABELS`] of at most [`LABEL_MAX_CHARS`] characters.
pub fn parse_labels(input: &[String]) -> Result<Vec<String>, Issue> {
    let mut labels: Vec<String> = Vec::new();
    for label in input {
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() {
            continue;
        }
        if label.chars().count() > LABEL_MAX_CHARS {
            return Err(Issue::LabelInvalid);
        }
        if !labels
            .iter()
            .any(|known| known.to_lowercase() == label.to_lowercase())
        {
            labels.push(label);
        }
    }
    if labels.len() > MAX_LABELS {
        return Err(Issue::LabelInvalid);
    }
    Ok(labels)
}

/// Labels typed into one field, separated by commas.
pub fn split_labels(text: &str) -> Vec<String> {
    text.split(',').map(str::to_owned).collect()
}

/// A date typed as `YYYY-MM-DD` (what a date field sends); empty is none.
pub fn parse_date(text: &str) -> Result<Option<Date>, Issue> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut parts = text.splitn(3, '-');
    let mut next = || parts.next().and_then(|part| part.parse::<i32>().ok());
    let (Some(year), Some(month), Some(day)) = (next(), next(), next()) else {
        return Err(Issue::Unreadable);
    };
    let month = u8::try_from(month)
        .ok()
        .and_then(|month| time::Month::try_from(month).ok())
        .ok_or(Issue::Unreadable)?;
    let day = u8::try_from(day).map_err(|_| Issue::Unreadable)?;
    if !(1..=9999).contains(&year) {
        return Err(Issue::Unreadable);
    }
    Date::from_calendar_date(year, month, day)
        .map(Some)
        .map_err(|_| Issue::Unreadable)
}

/// A date as `YYYY-MM-DD`.
pub fn date_text(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_labels_and_dates_are_tidied_and_checked() {
        assert_eq!(
            parse_title("  Fix   the\tlogin "),
            Ok("Fix the login".into())
        );
        assert_eq!(parse_title(" "), Err(Issue::Required));
        assert_eq!(parse_title(&"x".repeat(201)), Err(Issue::TitleTooLong));
        assert_eq!(
            parse_labels(&split_labels(" bug, Bug ,, ux ")),
            Ok(vec!["bug".to_owned(), "ux".to_owned()])
        );
        assert_eq!(parse_labels(&["x".repeat(31)]), Err(Issue::LabelInvalid));
        let many: Vec<String> = (0..21).map(|n| n.to_string()).collect();
        assert_eq!(parse_labels(&many), Err(Issue::LabelInvalid));
        let date = parse_date("2026-12-31").ok().flatten();
        assert_eq!(date.map(date_text), Some("2026-12-31".to_owned()));
        assert_eq!(parse_date(""), Ok(None));
        for bad in [
            "2026-02-30",
            "31.12.2026",
            "2026-13-01",
            "tomorrow",
            "0-01-01",
        ] {
            assert_eq!(parse_date(bad), Err(Issue::Unreadable), "{bad}");
        }
    }

    #[test]
    fn mentions_find_members_by_name_or_address() {
        let ann = Uuid::from_u128(1);
        let annika = Uuid::from_u128(2);
        let bo = Uuid::from_u128(3);
        let members = vec![
            (ann, "Ann".to_owned(), "ann@example.com".to_owned()),
            (
                annika,
                "Ann Lee".to_owned(),
                "annika@example.com".to_owned(),
            ),
            (bo, "Bo Ek".to_owned(), "bo.ek@example.com".to_owned()),
        ];
        assert_eq!(mentioned("@ann lee, can you look?", &members), vec![annika]);
        assert_eq!(
            mentioned("Thanks @Ann! and @bo.ek.", &members),
            vec![ann, bo]
        );
        assert_eq!(
            mentioned("@annabel and mail@ann.org", &members),
            Vec::<Uuid>::new()
        );
        assert_eq!(mentioned("@Bo Ek @Bo Ek", &members), vec![bo]);
        assert_eq!(parse_comment("  "), Err(Issue::Required));
    }

    #[test]
    fn the_board_moves_one_column_at_a_time() {
        assert_eq!(Status::Todo.after(), Some(Status::InProgress));
        assert_eq!(Status::Done.after(), None);
        assert_eq!(Status::Todo.before(), None);
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Priority::parse("urgent"), Some(Priority::Urgent));
    }
}
