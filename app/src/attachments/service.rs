//! What members do with attachments. An upload is streamed to storage as it arrives (never held
//! whole in memory), its type recognised from its first bytes, its size held to the upload limit
//! and to what is left of the workspace's quota; the row is written only once the file is
//! complete, and only if the quota still holds then, so a failed upload leaves nothing behind.
//! Images get a small picture, made by a job ([`THUMBNAIL_JOB`]).

use bytes::{Bytes, BytesMut};
use futures::{Stream, StreamExt as _};
use uuid::Uuid;

use super::{
    Attachment, AttachmentLimits, FILE_FIELD, clean_name,
    store::{self, AttachmentRow, NewAttachment},
};
use crate::{
    accounts::User,
    db::{Database, now},
    error::{Error, FieldError, Issue},
    jobs::{NewJob, Queue},
    paging::{Cursor, MAX_LIMIT, Page, page_of},
    pictures,
    storage::{FileStream, Storage},
    tasks::{Person, Tasks},
    workspaces::WorkspaceRole,
};

/// The job that makes an image attachment's small picture; its payload is the attachment's id.
pub const THUMBNAIL_JOB: &str = "attachments.thumbnail";
/// The job that deletes the files of attachments that are gone.
pub const SWEEP_JOB: &str = "attachments.sweep";
/// How much of an upload is looked at to recognise its type.
const SNIFF_BYTES: usize = 8192;
/// The longest side of a small picture, in pixels.
const THUMBNAIL_SIDE: u32 = 320;
/// Larger images get no small picture (decoding them would take too much memory).
const THUMBNAIL_MAX_SOURCE_BYTES: u64 = 20 * 1000 * 1000;

#[derive(Debug, Clone)]
pub struct Attachments {
    db: Database,
    storage: Storage,
    jobs: Queue,
    tasks: Tasks,
    limits: AttachmentLimits,
}

/// An attachment's file as it is downloaded.
pub struct Download {
    pub attachment: Attachment,
    pub file: FileStream,
}

fn attachment(row: AttachmentRow) -> Attachment {
    Attachment {
        id: row.id,
        task_id: row.task_id,
        name: row.name,
        content_type: row.content_type,
        size: u64::try_from(row.size).unwrap_or_default(),
        uploaded_by: row
            .uploaded_by
            .zip(row.uploader)
            .map(|(id, name)| Person { id, name }),
        created_at: row.created_at,
        has_thumbnail: row.thumbnail_key.is_some(),
    }
}

fn file_problem(issue: Issue) -> Error {
    Error::invalid(FILE_FIELD, issue)
}

fn too_large() -> Error {
    Error::TooLarge(FieldError::new(FILE_FIELD, Issue::FileTooLarge))
}

/// How programs begin that `infer` names only when their headers are whole: DOS and Windows
/// (`MZ`), ELF, and Mach-O (both byte orders, 32 and 64 bits).
const PROGRAM_MAGIC: [&[u8]; 6] = [
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
];

/// The type an upload's first bytes say it is: what `infer` recognises, else plain text when
/// they read as UTF-8 without NULs, else `application/octet-stream`. Programs (executables,
/// libraries, installers) are refused.
pub fn recognise(head: &[u8]) -> Result<&'static str, Issue> {
    if PROGRAM_MAGIC.iter().any(|magic| head.starts_with(magic)) {
        return Err(Issue::FileTypeRefused);
    }
    if let Some(kind) = infer::get(head) {
        if kind.matcher_type() == infer::MatcherType::App {
            return Err(Issue::FileTypeRefused);
        }
        return Ok(kind.mime_type());
    }
    let text = match std::str::from_utf8(head) {
        Ok(_) => true,
        // Cut in the middle of a character at the end of what was looked at.
        Err(error) => error.error_len().is_none() && head.len() >= SNIFF_BYTES,
    };
    if text && !head.contains(&0) {
        Ok("text/plain")
    } else {
        Ok("application/octet-stream")
    }
}

impl Attachments {
    pub fn new(
        db: Database,
        storage: Storage,
        jobs: Queue,
        tasks: Tasks,
        limits: AttachmentLimits,
    ) -> Self {
        Self {
            db,
            storage,
            jobs,
            tasks,
            limits,
        }
    }

    pub fn on(&self, db: Database, jobs: Queue, tasks: Tasks) -> Self {
        Self {
            db,
            jobs,
            tasks,
            ..self.clone()
        }
    }

    pub fn limits(&self) -> AttachmentLimits {
        self.limits
    }

    /// Attaches the file that `chunks` brings, named `name`, to the task (members and above).
    /// The caller keeps the stream: on a problem, it may read what is left of the request.
    /// An empty file: `Required`; larger than the limit: `TooLarge` (`FileTooLarge`); beyond
    /// the quota: `QuotaExceeded`; a program: `FileTypeRefused`; all on `file`.
    pub async fn upload<S>(
        &self,
        actor: &User,
        task: Uuid,
        name: &str,
        chunks: &mut S,
    ) -> Result<Attachment, Error>
    where
        S: Stream<Item = Result<Bytes, Error>> + Unpin + Send,
    {
        let project = self
            .tasks
            .require(actor, task, WorkspaceRole::Member)
            .await?;
        let workspace = project.workspace_id;
        let quota = i64::try_from(self.limits.workspace_quota_bytes).unwrap_or(i64::MAX);
        let room = u64::try_from(quota - store::usage(&self.db, workspace).await?).unwrap_or(0);
        if room == 0 {
            return Err(file_problem(Issue::QuotaExceeded));
        }
        let mut head = BytesMut::new();
        let mut ended = false;
        while head.len() < SNIFF_BYTES {
            match chunks.next().await.transpose()? {
                Some(chunk) => head.extend_from_slice(&chunk),
                None => {
                    ended = true;
                    break;
                }
            }
        }
        if head.is_empty() {
            return Err(file_problem(Issue::Required));
        }
        let content_type = recognise(&head).map_err(file_problem)?;
        let id = Uuid::new_v4();
        let key = format!("attachments/{workspace}/{}", id.simple());
        let mut writer = self.storage.writer(&key).await?;
        let mut size = 0_u64;
        let mut next = Some(head.freeze());
        let written: Result<(), Error> = async {
            loop {
                let chunk = match next.take() {
                    Some(chunk) => chunk,
                    None if ended => break,
                    None => match chunks.next().await.transpose()? {
                        Some(chunk) => chunk,
                        None => break,
                    },
                };
                size += chunk.len() as u64;
                if size > self.limits.max_bytes {
                    return Err(too_large());
                }
                if size > room {
                    return Err(file_problem(Issue::QuotaExceeded));
                }
                writer.write(&chunk).await?;
            }
            Ok(())
        }
        .await;
        if let Err(error) = written {
            writer.abort().await;
            return Err(error);
        }
        writer.finish().await?;
        let name = clean_name(name);
        let at = now();
        let stored = store::insert(
            &self.db,
            NewAttachment {
                id,
                workspace,
                task,
                uploaded_by: actor.id,
                name: &name,
                content_type,
                size: i64::try_from(size).unwrap_or(i64::MAX),
                storage_key: &key,
                at,
            },
            quota,
        )
        .await;
        if !matches!(stored, Ok(true)) {
            self.forget(&key).await;
            stored?;
            return Err(file_problem(Issue::QuotaExceeded));
        }
        if pictures::is_decodable(content_type) {
            let job = NewJob::new(THUMBNAIL_JOB, &id).map_err(|error| Error::unexpected(&error))?;
            if let Err(error) = self.jobs.enqueue(job).await {
                tracing::warn!(%error, %id, "an attachment's small picture was not asked for");
            }
        }
        Ok(Attachment {
            id,
            task_id: task,
            name,
            content_type: content_type.to_owned(),
            size,
            uploaded_by: Some(Person {
                id: actor.id,
                name: actor.name.clone(),
            }),
            created_at: at,
            has_thumbnail: false,
        })
    }

    /// How many more bytes the task's workspace may take, for someone who may attach files to
    /// it (members and above).
    pub async fn room(&self, actor: &User, task: Uuid) -> Result<u64, Error> {
        let project = self
            .tasks
            .require(actor, task, WorkspaceRole::Member)
            .await?;
        let used = store::usage(&self.db, project.workspace_id).await?;
        Ok(self
            .limits
            .workspace_quota_bytes
            .saturating_sub(u64::try_from(used).unwrap_or(0)))
    }

    /// A page of the task's attachments, oldest first (whoever may read the task).
    pub async fn list(
        &self,
        actor: &User,
        task: Uuid,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<Attachment>, Error> {
        self.tasks
            .require(actor, task, WorkspaceRole::Viewer)
            .await?;
        let after = Cursor::parse(cursor)?;
        let limit = limit.clamp(1, MAX_LIMIT);
        let rows = store::of_task(&self.db, task, after.0.as_ref(), i64::from(limit) + 1).await?;
        Ok(page_of(
            rows.into_iter().map(attachment).collect(),
            limit,
            |a| (a.created_at, a.id),
        ))
    }

    /// The attachment, if `actor` may read its task (the row too, for its keys).
    async fn readable(
        &self,
        actor: &User,
        id: Uuid,
        needed: WorkspaceRole,
    ) -> Result<AttachmentRow, Error> {
        let row = store::get(&self.db, id).await?.ok_or(Error::NotFound)?;
        self.tasks.require(actor, row.task_id, needed).await?;
        Ok(row)
    }

    pub async fn get(&self, actor: &User, id: Uuid) -> Result<Attachment, Error> {
        Ok(attachment(
            self.readable(actor, id, WorkspaceRole::Viewer).await?,
        ))
    }

    /// The attachment's file, to download.
    pub async fn download(&self, actor: &User, id: Uuid) -> Result<Download, Error> {
        let row = self.readable(actor, id, WorkspaceRole::Viewer).await?;
        let file = self
            .storage
            .read(&row.storage_key)
            .await?
            .ok_or(Error::NotFound)?;
        Ok(Download {
            attachment: attachment(row),
            file,
        })
    }

    /// The attachment's small picture (a JPEG), once it is made.
    pub async fn thumbnail(&self, actor: &User, id: Uuid) -> Result<Bytes, Error> {
        let row = self.readable(actor, id, WorkspaceRole::Viewer).await?;
        let key = row.thumbnail_key.ok_or(Error::NotFound)?;
        self.storage.get(&key).await?.ok_or(Error::NotFound)
    }

    /// Removes the attachment and its files (members and above); the task it was on.
    pub async fn delete(&self, actor: &User, id: Uuid) -> Result<Uuid, Error> {
        let row = self.readable(actor, id, WorkspaceRole::Member).await?;
        store::delete(&self.db, id).await?;
        self.sweep().await?;
        Ok(row.task_id)
    }

    /// Makes the small picture of an image attachment (the job's work). An attachment that is
    /// gone, is no image we read, or cannot be decoded gets none; that is no failure.
    pub async fn make_thumbnail(&self, id: Uuid) -> Result<(), Error> {
        let Some(row) = store::get(&self.db, id).await? else {
            return Ok(());
        };
        if !pictures::is_decodable(&row.content_type)
            || u64::try_from(row.size).unwrap_or(u64::MAX) > THUMBNAIL_MAX_SOURCE_BYTES
        {
            return Ok(());
        }
        let Some(original) = self.storage.get(&row.storage_key).await? else {
            return Ok(());
        };
        let made = tokio::task::spawn_blocking(move || {
            let image = pictures::decode(&original).ok()?;
            let small = if image.width() <= THUMBNAIL_SIDE && image.height() <= THUMBNAIL_SIDE {
                image
            } else {
                image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE)
            };
            pictures::jpeg_on_white(&small, 80).ok()
        })
        .await
        .map_err(|error| Error::unexpected(&error))?;
        let Some(small) = made else {
            tracing::info!(%id, "an attached image could not be read; it gets no small picture");
            return Ok(());
        };
        let key = format!("thumbnails/{}/{}.jpg", row.workspace_id, id.simple());
        self.storage.put(&key, Bytes::from(small)).await?;
        if !store::set_thumbnail(&self.db, id, &key).await? {
            self.forget(&key).await;
        }
        Ok(())
    }

    /// Deletes the files of attachments that are gone (however they went: the attachment, its
    /// task, project or workspace deleted); how many.
    pub async fn sweep(&self) -> Result<usize, Error> {
        let mut swept = 0;
        loop {
            let keys = store::garbage(&self.db, 200).await?;
            if keys.is_empty() {
                return Ok(swept);
            }
            for key in keys {
                self.storage.delete(&key).await?;
                store::collected(&self.db, &key).await?;
                swept += 1;
            }
        }
    }

    /// Deletes a file no row points at; a failure leaves an orphan, which harms nobody.
    async fn forget(&self, key: &str) {
        if let Err(error) = self.storage.delete(key).await {
            tracing::warn!(%error, key, "a file no attachment points at could not be deleted");
        }
    }
}

impl crate::personal_data::PersonalData for Attachments {
    fn section(&self) -> &'static str {
        "attachments"
    }

    fn export(&self, person: Uuid) -> crate::personal_data::Pending<'_, serde_json::Value> {
        Box::pin(async move {
            let rows = store::uploaded_by(&self.db, person).await?;
            Ok(serde_json::Value::Array(
                rows.into_iter()
                    .map(|(key, number, name, content_type, size, at)| {
                        serde_json::json!({
                            "task": format!("{key}-{number}"),
                            "name": name,
                            "content_type": content_type,
                            "size": size,
                            "uploaded_at": at.format(&time::format_description::well_known::Rfc3339).ok(),
                        })
                    })
                    .collect(),
            ))
        })
    }

    /// Files belong to the workspace's work, as comments do: they stay, no longer naming the
    /// person (the row's uploader is cleared with the account).
    fn erase(&self, _person: Uuid) -> crate::personal_data::Pending<'_, ()> {
        Box::pin(async { Ok(()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uploads_type_comes_from_its_content() {
        assert_eq!(recognise(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok("image/png"));
        assert_eq!(recognise(b"%PDF-1.7\n"), Ok("application/pdf"));
        assert_eq!(
            recognise("plain words, ünïcödé".as_bytes()),
            Ok("text/plain")
        );
        assert_eq!(recognise(b"bin\0ary"), Ok("application/octet-stream"));
        assert_eq!(
            recognise(b"MZ\x90\0\x03\0\0\0"),
            Err(Issue::FileTypeRefused)
        );
        assert_eq!(
            recognise(b"\x7fELF\x02\x01\x01\0"),
            Err(Issue::FileTypeRefused)
        );
        // A long text cut in the middle of a character is still text.
        let mut text = "é".repeat(SNIFF_BYTES / 2).into_bytes();
        text.push(0xC3);
        assert_eq!(recognise(&text), Ok("text/plain"));
    }
}
