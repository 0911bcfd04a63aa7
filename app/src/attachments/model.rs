//! What both sides see of an attachment, and the rules for its name and size.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::tasks::Person;

/// The form's and the multipart body's field that carries the file.
pub const FILE_FIELD: &str = "file";
/// The most characters of an uploaded name that are kept.
pub const NAME_MAX_CHARS: usize = 200;

/// How large files may be: one upload, and all of one workspace's attachments together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentLimits {
    pub max_bytes: u64,
    pub workspace_quota_bytes: u64,
}

impl Default for AttachmentLimits {
    fn default() -> Self {
        Self {
            max_bytes: 25 * 1000 * 1000,
            workspace_quota_bytes: 1000 * 1000 * 1000,
        }
    }
}

/// A file attached to a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: Uuid,
    pub task_id: Uuid,
    /// The name it was uploaded with (cleaned: see [`clean_name`]).
    pub name: String,
    /// What its content was recognised as.
    pub content_type: String,
    pub size: u64,
    /// Who uploaded it; `None` once their account is gone.
    pub uploaded_by: Option<Person>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Whether a small picture of it has been made (images only, shortly after the upload).
    pub has_thumbnail: bool,
}

impl Attachment {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

/// Where a signed-in person downloads an attachment from the pages.
pub fn download_path(id: Uuid) -> String {
    format!("/attachments/{id}")
}

/// Where its small picture is.
pub fn thumbnail_path(id: Uuid) -> String {
    format!("/attachments/{id}/thumbnail")
}

/// The name to keep for an upload: its last path part (browsers on some systems send a whole
/// path), without control characters, at most [`NAME_MAX_CHARS`]; `file` if nothing is left.
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(NAME_MAX_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "file".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// A size for people: `512 B`, `1.5 KB`, `25 MB` (powers of 1000, as file managers show).
pub fn size_text(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if value < 10.0 && value.fract() >= 0.05 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uploaded_name_is_cleaned() {
        assert_eq!(clean_name("report.pdf"), "report.pdf");
        assert_eq!(clean_name("C:\\Users\\ann\\plan v2.xlsx"), "plan v2.xlsx");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\r\nc.txt"), "abc.txt");
        assert_eq!(clean_name(""), "file");
        assert_eq!(clean_name("dir/"), "file");
        assert_eq!(clean_name(".."), "file");
        assert_eq!(clean_name(&"x".repeat(500)).chars().count(), NAME_MAX_CHARS);
        assert_eq!(clean_name("Ünïcödé 文件.png"), "Ünïcödé 文件.png");
    }

    #[test]
    fn sizes_read_as_file_managers_show_them() {
        assert_eq!(size_text(0), "0 B");
        assert_eq!(size_text(999), "999 B");
        assert_eq!(size_text(1500), "1.5 KB");
        assert_eq!(size_text(25_000_000), "25 MB");
        assert_eq!(size_text(1_000_000_000), "1 GB");
        assert_eq!(size_text(123_456_789), "123 MB");
    }
}
