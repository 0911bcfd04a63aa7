//! Tasks: numbered per project ("WEB-42"), with a status (the board's columns), a priority,
//! assignees, labels, dates, a parent, blockers, a version that guards against silent
//! overwrites, and a history of every change.

mod model;
pub mod server_fns;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;

pub use model::{
    COMMENT_MAX_CHARS, Comment, LABEL_MAX_CHARS, MAX_LABELS, Person, Priority, Status,
    TITLE_MAX_CHARS, Task, TaskEvent, TaskFilter, TaskInput, TaskRef, TaskSummary, date_text,
    fields, mentioned, parse_comment, parse_date, parse_labels, parse_title, split_labels,
};
#[cfg(feature = "ssr")]
pub use service::Tasks;
