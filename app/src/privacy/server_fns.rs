//! The settings' "Delete my account" form. (Downloading one's data is a file, which the server
//! sends itself: `POST /settings/export`.)

use leptos::prelude::*;

use crate::error::Error;
#[cfg(feature = "ssr")]
use crate::{accounts::session, forms::server::Reply, services::Services};

/// The field the deletion form's password is posted in (the settings page has other password
/// fields).
pub const PASSWORD_FIELD: &str = "delete_password";

/// Deletes the signed-in person's account, given their password, and signs the browser out;
/// the browser goes on to `/account-deleted`.
#[server(prefix = "/fn", endpoint = "delete-account")]
pub async fn delete_account(delete_password: String) -> Result<(), Error> {
    let reply = Reply::back_to("/settings");
    let result = async {
        let current = session::require()?;
        let services = Services::get()?;
        services
            .privacy
            .delete_account(
                &current.user,
                &delete_password,
                PASSWORD_FIELD,
                &session::device(),
            )
            .await?;
        crate::cookies::set(services.cookies.clear());
        Ok(())
    }
    .await;
    reply.finish(result, |()| "/account-deleted".to_owned())
}
