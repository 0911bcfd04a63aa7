//! The outbox: where letters go without SMTP, one `.eml` file each, named
//! `<Unix milliseconds>-<letter id>.eml` so a listing sorts by time; and reading it back for
//! `/dev/mailbox`, newest first, each letter parsed from its file (mail-parser).

use std::path::Path;

use mail_parser::MessageParser;
use uuid::Uuid;

/// Writes the letter `id` (`raw`, as sent) into `folder`: whole under another name first, then
/// renamed, so no reader sees half a letter.
pub(super) async fn keep(folder: &Path, id: Uuid, raw: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(folder).await?;
    let sent = crate::db::now().unix_timestamp_nanos() / 1_000_000;
    let name = format!("{sent}-{}.eml", id.simple());
    let partial = folder.join(format!(".{name}.partial"));
    tokio::fs::write(&partial, raw).await?;
    tokio::fs::rename(&partial, folder.join(name)).await
}

/// One letter in the outbox, as the mailbox shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The file's name without `.eml`: the letter's address in the mailbox.
    pub id: String,
    pub from: String,
    pub to: String,
    pub subject: String,
    /// RFC 3339, as the letter's `Date` header says.
    pub date: String,
    pub text: String,
    pub html: String,
}

/// Every letter in `folder`, newest first (files that are not letters are passed over).
pub fn letters(folder: &Path) -> Vec<Kept> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            name.strip_suffix(".eml")
                .filter(|id| is_letter_id(id))
                .map(str::to_owned)
        })
        .collect();
    // Named by time first: newest first is the reverse of the names' order.
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.iter().filter_map(|id| letter(folder, id)).collect()
}

/// The letter `id` in `folder`, if there is one.
pub fn letter(folder: &Path, id: &str) -> Option<Kept> {
    if !is_letter_id(id) {
        return None;
    }
    let raw = std::fs::read(folder.join(format!("{id}.eml"))).ok()?;
    let message = MessageParser::default().parse(&raw)?;
    let addresses = |address: Option<&mail_parser::Address<'_>>| {
        address
            .map(|address| {
                address
                    .iter()
                    .filter_map(|one| one.address())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    Some(Kept {
        id: id.to_owned(),
        from: addresses(message.from()),
        to: addresses(message.to()),
        subject: message.subject().unwrap_or_default().to_owned(),
        date: message
            .date()
            .map(|date| date.to_rfc3339())
            .unwrap_or_default(),
        text: message
            .body_text(0)
            .map(|text| text.into_owned())
            .unwrap_or_default(),
        html: message
            .body_html(0)
            .map(|html| html.into_owned())
            .unwrap_or_default(),
    })
}

/// The names [`keep`] gives letters, `<milliseconds>-<32 hex digits>`; nothing else is looked
/// up, so no address can reach outside the folder.
fn is_letter_id(id: &str) -> bool {
    id.split_once('-').is_some_and(|(time, key)| {
        !time.is_empty()
            && time.bytes().all(|byte| byte.is_ascii_digit())
            && key.len() == 32
            && key.bytes().all(|byte| byte.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_letter_id;

    #[test]
    fn only_outbox_names_are_letters() {
        assert!(is_letter_id(
            "1796189791123-0123456789abcdef0123456789abcdef"
        ));
        assert!(!is_letter_id("../etc/passwd"));
        assert!(!is_letter_id("1796189791123-../../secret"));
        assert!(!is_letter_id(
            ".1796189791123-0123456789abcdef0123456789abcdef.eml.partial"
        ));
        assert!(!is_letter_id(""));
    }
}
