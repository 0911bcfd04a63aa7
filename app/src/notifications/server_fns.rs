//! The server functions behind `/notifications`.

use leptos::prelude::*;

use super::Notification;
#[cfg(feature = "ssr")]
use crate::{accounts::session, forms::server::Reply, services::Services};
use crate::{error::Error, paging::Page};

/// A page of the signed-in person's notifications, newest first, and how many are unread.
#[server(prefix = "/fn", endpoint = "notifications")]
pub async fn notifications(cursor: Option<String>) -> Result<(Page<Notification>, u32), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let page = services
        .notifications
        .list(
            &current.user,
            cursor.as_deref(),
            crate::paging::DEFAULT_LIMIT,
        )
        .await?;
    let unread = services.notifications.unread(&current.user).await?;
    Ok((page, unread))
}

/// Marks a notification read and opens its task.
#[server(prefix = "/fn", endpoint = "open-notification")]
pub async fn open_notification(id: String) -> Result<uuid::Uuid, Error> {
    let reply = Reply::back_to("/notifications");
    let result = async {
        let current = session::require()?;
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| Error::NotFound)?;
        Services::get()?.notifications.read(&current.user, id).await
    }
    .await;
    reply.finish(result, |task| {
        crate::tasks::server_fns::task_path(&task.to_string())
    })
}

/// Marks every notification read.
#[server(prefix = "/fn", endpoint = "read-all-notifications")]
pub async fn read_all_notifications() -> Result<(), Error> {
    let reply = Reply::back_to("/notifications");
    let result = async {
        let current = session::require()?;
        Services::get()?.notifications.read_all(&current.user).await
    }
    .await;
    reply.finish(result, |()| "/notifications".to_owned())
}

/// Whether the signed-in person asked to be told by e-mail too.
#[server(prefix = "/fn", endpoint = "notification-settings")]
pub async fn notification_settings() -> Result<bool, Error> {
    let current = session::require()?;
    Services::get()?.notifications.by_email(&current.user).await
}

/// Asks for letters about notifications (`by_email` checked) or stops them; back to the
/// settings.
#[server(prefix = "/fn", endpoint = "set-notification-settings")]
pub async fn set_notification_settings(by_email: Option<String>) -> Result<(), Error> {
    let reply = Reply::back_to("/settings").greet(crate::flash::Flash::NotificationsSaved);
    let result = async {
        let current = session::require()?;
        let on = by_email.is_some_and(|value| !value.is_empty());
        Services::get()?
            .notifications
            .set_by_email(&current.user, on)
            .await
    }
    .await;
    reply.finish(result, |()| "/settings#notifications-heading".to_owned())
}
