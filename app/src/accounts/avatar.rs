//! A person's picture: at most 2 MB of PNG, JPEG or WebP, recognised by its content (never by
//! its name or the type the client claims), decoded within limits, cropped to a square, resized
//! and encoded again as a JPEG. No uploaded byte is ever served as it came: what is stored and
//! served is the image this code encoded, under a key it chose.

use std::io::Cursor;

use bytes::Bytes;
use image::{ImageFormat, ImageReader, Limits, imageops::FilterType};
use uuid::Uuid;

use super::{Accounts, User, rules::fields, store};
use crate::{
    db::now,
    error::{Error, FieldError, Issue},
};

/// The largest picture taken, as uploaded.
pub const MAX_AVATAR_BYTES: usize = 2_000_000;
/// The side of the square stored: enough for a sharp 128 px picture on a dense screen.
const SIDE: u32 = 256;
/// Larger images are refused before they are decoded (a small file can claim huge sides).
const MAX_SIDE: u32 = 8192;

fn problem(issue: Issue) -> Error {
    Error::Invalid(vec![FieldError::new(fields::FILE, issue)])
}

/// The uploaded bytes as the picture to keep: a `SIDE`-pixel square JPEG; or the problem.
fn reencode(upload: &[u8]) -> Result<Vec<u8>, Error> {
    let mut reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| problem(Issue::ImageUnsupported))?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)
    ) {
        return Err(problem(Issue::ImageUnsupported));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let image = reader
        .decode()
        .map_err(|_| problem(Issue::ImageUnreadable))?;
    let square = image
        .resize_to_fill(SIDE, SIDE, FilterType::Lanczos3)
        .to_rgba8();
    // JPEG has no transparency: see-through parts go on white.
    let flat = image::RgbImage::from_fn(SIDE, SIDE, |x, y| {
        let [r, g, b, a] = square.get_pixel(x, y).0;
        let over_white = |channel: u8| {
            let alpha = u16::from(a);
            ((u16::from(channel) * alpha + 255 * (255 - alpha)) / 255) as u8
        };
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&flat)
        .map_err(|error| Error::unexpected(&error))?;
    Ok(out)
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
