//! Telling people, and what they were told. Only a person reads or marks their own
//! notifications; one about a workspace they have left is no longer shown.

use uuid::Uuid;

use super::{
    Kind, Notification,
    store::{self, NotificationRow},
};
use crate::{
    accounts::User,
    db::{Database, now},
    error::Error,
    paging::{Cursor, MAX_LIMIT, Page, page_of},
};

#[derive(Debug, Clone)]
pub struct Notifications {
    db: Database,
}

impl Notifications {
    pub fn new(db: Database) -> Self {
        Self { db }
    }

    pub fn on(&self, db: Database) -> Self {
        Self { db }
    }

    /// Tells each of `people` (but never the one who did it) that `actor` did `kind` on the
    /// task. A failure is logged and does not undo what the actor did.
    pub async fn tell(
        &self,
        people: &[Uuid],
        workspace: Uuid,
        task: Uuid,
        kind: Kind,
        actor: Uuid,
    ) {
        let mut people: Vec<Uuid> = people
            .iter()
            .copied()
            .filter(|person| *person != actor)
            .collect();
        people.sort();
        people.dedup();
        if people.is_empty() {
            return;
        }
        if let Err(error) = store::insert(
            &self.db,
            &people,
            workspace,
            task,
            kind.as_str(),
            actor,
            now(),
        )
        .await
        {
            tracing::error!(%error, %task, "notifications could not be stored");
        }
    }

    /// A page of `actor`'s notifications, newest first.
    pub async fn list(
        &self,
        actor: &User,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<Notification>, Error> {
        let Cursor(after) = Cursor::<(time::OffsetDateTime, Uuid)>::parse(cursor)?;
        let limit = limit.clamp(1, MAX_LIMIT);
        let rows = store::of_user(&self.db, actor.id, after.as_ref(), i64::from(limit) + 1).await?;
        let page = page_of(rows, limit, |row| (row.created_at, row.id));
        Ok(Page {
            items: page
                .items
                .into_iter()
                .map(Notification::try_from)
                .collect::<Result<_, _>>()?,
            next_cursor: page.next_cursor,
        })
    }

    /// How many of `actor`'s notifications are unread.
    pub async fn unread(&self, actor: &User) -> Result<u32, Error> {
        Ok(u32::try_from(store::unread_count(&self.db, actor.id).await?).unwrap_or(u32::MAX))
    }

    /// Marks one of `actor`'s notifications read; the task it is about (`NotFound` for one that
    /// is not theirs).
    pub async fn read(&self, actor: &User, id: Uuid) -> Result<Uuid, Error> {
        store::mark_read(&self.db, actor.id, Some(id), now())
            .await?
            .ok_or(Error::NotFound)
    }

    /// Marks all of `actor`'s notifications read.
    pub async fn read_all(&self, actor: &User) -> Result<(), Error> {
        store::mark_read(&self.db, actor.id, None, now()).await?;
        Ok(())
    }
}

impl TryFrom<NotificationRow> for Notification {
    type Error = Error;

    fn try_from(row: NotificationRow) -> Result<Self, Error> {
        Ok(Self {
            id: row.id,
            kind: Kind::parse(&row.kind)
                .ok_or_else(|| Error::unexpected(format!("unknown notification {:?}", row.kind)))?,
            task_id: row.task_id,
            task_reference: format!("{}-{}", row.project_key, row.number),
            task_title: row.title,
            actor: row.actor,
            created_at: row.created_at,
            read: row.read_at.is_some(),
        })
    }
}

/// What a person was told is theirs to download, and goes with their account (the database
/// deletes it with them).
impl crate::personal_data::PersonalData for Notifications {
    fn section(&self) -> &'static str {
        "notifications"
    }

    fn export(&self, person: Uuid) -> crate::personal_data::Pending<'_, serde_json::Value> {
        Box::pin(async move {
            let mut all = Vec::new();
            let mut after = None;
            loop {
                let rows = store::of_user(&self.db, person, after.as_ref(), 500).await?;
                let done = rows.len() < 500;
                after = rows.last().map(|row| (row.created_at, row.id));
                all.extend(rows.into_iter().map(|row| {
                    serde_json::json!({
                        "kind": row.kind,
                        "task": format!("{}-{}", row.project_key, row.number),
                        "by": row.actor,
                        "read": row.read_at.is_some(),
                    })
                }));
                if done {
                    break;
                }
            }
            Ok(serde_json::Value::Array(all))
        })
    }

    fn erase(&self, _person: Uuid) -> crate::personal_data::Pending<'_, ()> {
        Box::pin(async { Ok(()) })
    }
}
