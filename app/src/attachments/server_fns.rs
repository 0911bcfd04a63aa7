//! The server functions behind a task's attachments on its page: the list (with the limits a
//! form shows) and deleting one. Uploads do not come through here: a file is streamed by the
//! server's own upload route (`POST /tasks/:id/attachments`), which a server function's body
//! decoding would hold whole in memory.

use leptos::prelude::*;

use super::{Attachment, AttachmentLimits};
#[cfg(feature = "ssr")]
use crate::{
    accounts::session, flash::Flash, forms::server::Reply, services::Services,
    tasks::server_fns::task_path,
};
use crate::{error::Error, paging::Page};

/// Where a task's upload form posts.
pub fn upload_path(task: &str) -> String {
    format!("{}/attachments", crate::tasks::server_fns::task_path(task))
}

/// A page of the task's attachments (after `cursor`), the limits uploads are held to, and, for
/// those who may add and delete them, how many bytes the workspace has left.
#[server(prefix = "/fn", endpoint = "task-attachments")]
pub async fn task_attachments(
    task: String,
    cursor: Option<String>,
) -> Result<(Page<Attachment>, AttachmentLimits, Option<u64>), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let task = uuid::Uuid::parse_str(task.trim()).map_err(|_| Error::NotFound)?;
    let page = services
        .attachments
        .list(
            &current.user,
            task,
            cursor.as_deref(),
            crate::paging::MAX_LIMIT,
        )
        .await?;
    let room = match services.attachments.room(&current.user, task).await {
        Ok(room) => Some(room),
        Err(Error::Forbidden) => None,
        Err(error) => return Err(error),
    };
    Ok((page, services.attachments.limits(), room))
}

/// Deletes an attachment; back to its task.
#[server(prefix = "/fn", endpoint = "delete-attachment")]
pub async fn delete_attachment(task: String, id: String) -> Result<(), Error> {
    let back = format!("{}#attachments", task_path(&task));
    let reply = Reply::back_to(task_path(&task)).greet(Flash::AttachmentDeleted);
    let result = async {
        let current = session::require()?;
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| Error::NotFound)?;
        Services::get()?
            .attachments
            .delete(&current.user, id)
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| back.clone())
}
