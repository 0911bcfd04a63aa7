//! Files attached to tasks: uploaded through a form (with a progress bar where JavaScript runs)
//! or the API, streamed into file storage (`crate::storage`: a folder or an S3-compatible
//! store), recognised by content, held to a size limit and a per-workspace quota, downloaded
//! only as attachments, and, for images, shown by a small picture a job makes.

mod model;
pub mod server_fns;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;

pub use model::{
    Attachment, AttachmentLimits, FILE_FIELD, NAME_MAX_CHARS, clean_name, download_path, size_text,
    thumbnail_path,
};
#[cfg(feature = "ssr")]
pub use service::{Attachments, Download, SWEEP_JOB, THUMBNAIL_JOB, recognise};
