//! A person's picture: at most 2 MB of PNG, JPEG or WebP (read as `pictures` reads uploads),
//! cropped to a square, resized and encoded again as a JPEG, stored under a key this code chose.

use bytes::Bytes;
use image::imageops::FilterType;
use uuid::Uuid;

use super::{Accounts, User, rules::fields, store};
use crate::{
    db::now,
    error::{Error, FieldError, Issue},
    pictures,
};

/// The largest picture taken, as uploaded.
pub const MAX_AVATAR_BYTES: usize = 2_000_000;
/// The side of the square stored: enough for a sharp 128 px picture on a dense screen.
const SIDE: u32 = 256;

fn problem(issue: Issue) -> Error {
    Error::Invalid(vec![FieldError::new(fields::FILE, issue)])
}

/// The uploaded bytes as the picture to keep: a `SIDE`-pixel square JPEG; or the problem.
fn reencode(upload: &[u8]) -> Result<Vec<u8>, Error> {
    let image = pictures::decode(upload).map_err(problem)?;
    let square = image.resize_to_fill(SIDE, SIDE, FilterType::Lanczos3);
    pictures::jpeg_on_white(&square, 85).map_err(|error| Error::unexpected(&error))
}

impl Accounts {
    /// Makes `upload` the person's picture (see the module's contract) and deletes the one it
    /// replaces. Too large: `TooLarge` on `file`; not a picture we take: `Invalid` on `file`.
    pub async fn set_avatar(&self, user: &User, upload: Bytes) -> Result<User, Error> {
        if upload.len() > MAX_AVATAR_BYTES {
            return Err(Error::TooLarge(FieldError::new(
                fields::FILE,
                Issue::ImageTooLarge,
            )));
        }
        if upload.is_empty() {
            return Err(problem(Issue::Required));
        }
        let picture = tokio::task::spawn_blocking(move || reencode(&upload))
            .await
            .map_err(|error| Error::unexpected(&error))??;
        let key = format!("avatars/{}/{}.jpg", user.id, Uuid::new_v4().simple());
        self.storage.put(&key, Bytes::from(picture)).await?;
        let before = store::set_avatar_key(&self.db, user.id, Some(&key), now()).await?;
        self.forget(before).await;
        Ok(User {
            avatar_url: Some(crate::storage::public_url(&key)),
            ..user.clone()
        })
    }

    /// Removes the person's picture.
    pub async fn remove_avatar(&self, user: &User) -> Result<User, Error> {
        let before = store::set_avatar_key(&self.db, user.id, None, now()).await?;
        self.forget(before).await;
        Ok(User {
            avatar_url: None,
            ..user.clone()
        })
    }

    /// Deletes a picture no one points at any more. A failure leaves an orphan file, which
    /// harms nobody, rather than failing the change the person made.
    pub(super) async fn forget(&self, key: Option<String>) {
        if let Some(key) = key
            && let Err(error) = self.storage.delete(&key).await
        {
            tracing::warn!(%error, key, "an old picture could not be deleted");
        }
    }
}
