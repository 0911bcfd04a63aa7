//! What both sides see of a notification.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// Why someone is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Someone mentioned them in a comment.
    Mentioned,
    /// Someone assigned them a task.
    Assigned,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mentioned => "mentioned",
            Self::Assigned => "assigned",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Mentioned, Self::Assigned]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// One notification, as its person sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: Uuid,
    pub kind: Kind,
    pub task_id: Uuid,
    /// `WEB-42`.
    pub task_reference: String,
    pub task_title: String,
    /// Who did it; `None` once their account is gone.
    pub actor: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub read: bool,
}
