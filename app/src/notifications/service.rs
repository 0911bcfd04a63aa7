//! Telling people, and what they were told. Only a person reads or marks their own
//! notifications; one about a workspace they have left is no longer shown. Someone who asked
//! for it gets a letter too (through the job queue, so a slow mail server slows no one).

use uuid::Uuid;

use super::{
    Kind, Notification, letters,
    store::{self, NotificationRow},
};
use crate::{
    accounts::User,
    db::{Database, now},
    error::Error,
    jobs::Queue,
    mail,
    paging::{Cursor, MAX_LIMIT, Page, page_of},
};

#[derive(Debug, Clone)]
pub struct Notifications {
    db: Database,
    jobs: Queue,
    /// The site's public address, for the links in letters.
    site: String,
}

impl Notifications {
    pub fn new(db: Database, jobs: Queue, site: String) -> Self {
        Self { db, jobs, site }
    }

    pub fn on(&self, db: Database, jobs: Queue) -> Self {
        Self {
            db,
            jobs,
            site: self.site.clone(),
        }
    }

    /// Whether `actor` asked to be told by e-mail too.
    pub async fn by_email(&self, actor: &User) -> Result<bool, Error> {
        Ok(store::by_email(&self.db, actor.id).await?)
    }

    /// Asks for letters (`on`) or stops them.
    pub async fn set_by_email(&self, actor: &User, on: bool) -> Result<(), Error> {
        Ok(store::set_by_email(&self.db, actor.id, on, now()).await?)
    }

    /// Sends the letter about a notification to each of `people` who asked for letters.
    async fn send_letters(&self, people: &[Uuid], task: Uuid, kind: Kind, actor: Uuid) {
        let mut about = None;
        for person in people {
            let recipient = match store::letter_recipient(&self.db, *person).await {
                Ok(Some(recipient)) => recipient,
                Ok(None) => continue,
                Err(error) => {
                    tracing::error!(%error, %task, "who wants letters could not be read");
                    return;
                }
            };
            if about.is_none() {
                about = match store::letter_subject(&self.db, task, actor).await {
                    Ok(Some(found)) => Some(found),
                    Ok(None) => return,
                    Err(error) => {
                        tracing::error!(%error, %task, "a notification letter's task could not be read");
                        return;
                    }
                };
            }
            let Some((key, number, title, actor_name)) = &about else {
                return;
            };
            let letter = letters::notification(
                mail::Recipient {
                    email: &recipient.email,
                    name: &recipient.name,
                    locale: crate::accounts::locale_of(&recipient.locale),
                },
                &self.site,
                kind,
                actor_name,
                &format!("{key}-{number} {title}"),
                task,
            );
            if let Err(error) = mail::send(&self.jobs, &letter).await {
                tracing::error!(%error, %task, "a notification letter could not be queued");
            }
        }
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
            return;
        }
        self.send_letters(&people, task, kind, actor).await;
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
