//! Files, through one interface over a local folder (the default, `HEARTH_STORAGE_DIR`) or any
//! S3-compatible store (`HEARTH_STORAGE_URL=s3://bucket/prefix`, credentials and endpoint from
//! the usual `AWS_*` variables), both by the `object_store` crate. Callers name a file by a key
//! they make (`avatars/<user>/<id>.jpg`) and never by what a client sent, so no upload chooses
//! where it lands or how it is served.
//!
//! What may be read back over HTTP, and as what type, is decided here too ([`public_url`],
//! [`served_type`]): only keys this module recognises, each with the type its extension says,
//! which the code that wrote it chose.

use std::{path::PathBuf, sync::Arc};

use bytes::Bytes;
use futures::{StreamExt as _, stream::BoxStream};
use object_store::{ObjectStore, PutPayload, WriteMultipart, local::LocalFileSystem, path::Path};

/// Where files go; the server fills it from its configuration.
#[derive(Clone)]
pub struct StorageSettings {
    /// The local folder, when no URL is given.
    pub dir: PathBuf,
    /// An object store's URL (`s3://bucket/prefix`), with its options (`aws_endpoint`,
    /// `aws_secret_access_key`, …).
    pub url: Option<String>,
    pub options: Vec<(String, String)>,
}

/// Without the options' values: they hold credentials.
impl std::fmt::Debug for StorageSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let options: Vec<&str> = self.options.iter().map(|(key, _)| key.as_str()).collect();
        f.debug_struct("StorageSettings")
            .field("dir", &self.dir)
            .field("url", &self.url)
            .field("options", &options)
            .finish()
    }
}

/// The `AWS_*` variables an S3 store reads its credentials, region and endpoint from, as
/// `object_store` names them (lower case).
pub const S3_VARIABLES: [&str; 9] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT",
    "AWS_ALLOW_HTTP",
    "AWS_VIRTUAL_HOSTED_STYLE_REQUEST",
    "AWS_SKIP_SIGNATURE",
];

/// Whether `url` can name a store (the configuration checks it at start-up).
pub fn check_url(url: &str) -> Result<(), StorageError> {
    let parsed = url::Url::parse(url)?;
    object_store::ObjectStoreScheme::parse(&parsed)
        .map(drop)
        .map_err(|error| StorageError::Store(error.into()))
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("preparing the storage folder {path}: {source}")]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("HEARTH_STORAGE_URL is not a URL: {0}")]
    Url(#[from] url::ParseError),
    #[error("file storage: {0}")]
    Store(#[from] object_store::Error),
    #[error("a file key that cannot be one: {0}")]
    Key(#[from] object_store::path::Error),
}

/// A store that does not answer (or refuses us) is a part Hearth depends on being down: the
/// caller may try again shortly, as when the database is down. Anything else is our fault.
impl From<StorageError> for crate::error::Error {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::Store(_) | StorageError::Folder { .. } => {
                tracing::warn!(%error, "file storage is not answering");
                Self::Unavailable {
                    retry_after: crate::error::UNAVAILABLE_RETRY_SECONDS,
                }
            }
            StorageError::Url(_) | StorageError::Key(_) => Self::unexpected(&error),
        }
    }
}

/// The files. Cloning shares the store.
#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// The path inside the store every key is under (an S3 URL's path; empty for a folder).
    root: Path,
    place: Arc<str>,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Storage")
            .field("place", &self.place)
            .finish()
    }
}

impl Storage {
    pub fn new(settings: &StorageSettings) -> Result<Self, StorageError> {
        if let Some(url) = &settings.url {
            let parsed = url::Url::parse(url)?;
            let (store, root) = object_store::parse_url_opts(&parsed, settings.options.clone())?;
            let place = format!(
                "{}://{}",
                parsed.scheme(),
                parsed.host_str().unwrap_or_default()
            );
            return Ok(Self {
                store: Arc::from(store),
                root,
                place: place.into(),
            });
        }
        std::fs::create_dir_all(&settings.dir).map_err(|source| StorageError::Folder {
            path: settings.dir.clone(),
            source,
        })?;
        Ok(Self {
            store: Arc::new(LocalFileSystem::new_with_prefix(&settings.dir)?),
            root: Path::default(),
            place: settings.dir.display().to_string().into(),
        })
    }

    fn path(&self, key: &str) -> Result<Path, StorageError> {
        let key = Path::parse(key)?;
        Ok(self.root.parts().chain(key.parts()).collect())
    }

    /// Stores `bytes` under `key`, whole (a reader never sees half a file).
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StorageError> {
        self.store
            .put(&self.path(key)?, PutPayload::from_bytes(bytes))
            .await?;
        Ok(())
    }

    /// The file under `key`, if there is one.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, StorageError> {
        match self.store.get(&self.path(key)?).await {
            Ok(found) => Ok(Some(found.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// A file to write under `key` part by part, holding at most a few parts in memory however
    /// large it grows; nothing is under the key until it is finished.
    pub async fn writer(&self, key: &str) -> Result<FileWriter, StorageError> {
        let upload = self.store.put_multipart(&self.path(key)?).await?;
        Ok(FileWriter {
            parts: WriteMultipart::new_with_chunk_size(upload, WRITE_PART_BYTES),
        })
    }

    /// The file under `key` as it is read, part by part, with its size; `None` if there is
    /// none.
    pub async fn read(&self, key: &str) -> Result<Option<FileStream>, StorageError> {
        match self.store.get(&self.path(key)?).await {
            Ok(found) => Ok(Some(FileStream {
                size: found.meta.size,
                chunks: found
                    .into_stream()
                    .map(|chunk| chunk.map_err(StorageError::from))
                    .boxed(),
            })),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// Deletes the file under `key`; one that is not there is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.store.delete(&self.path(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(error.into()),
        }
    }
}

/// How much of a file being written is gathered before it is sent on as one part (S3 takes parts
/// of at least 5 MiB).
const WRITE_PART_BYTES: usize = 5 * 1024 * 1024;
/// How many parts may be on their way to the store at once.
const PARTS_IN_FLIGHT: usize = 2;

/// A file being written ([`Storage::writer`]).
pub struct FileWriter {
    parts: WriteMultipart,
}

impl FileWriter {
    /// Adds `chunk` to the file, first waiting while too many parts are still being sent.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), StorageError> {
        self.parts.wait_for_capacity(PARTS_IN_FLIGHT).await?;
        self.parts.write(chunk);
        Ok(())
    }

    /// Completes the file: from now on it is under its key.
    pub async fn finish(self) -> Result<(), StorageError> {
        self.parts.finish().await?;
        Ok(())
    }

    /// Gives the file up: nothing stays under its key.
    pub async fn abort(self) {
        if let Err(error) = self.parts.abort().await {
            tracing::warn!(%error, "a file given up half written could not be cleared away");
        }
    }
}

/// A stored file as it is read.
pub struct FileStream {
    pub size: u64,
    pub chunks: BoxStream<'static, Result<Bytes, StorageError>>,
}

/// Where pictures are served from: `/files/<key>`.
pub const PUBLIC_PREFIX: &str = "/files/";

/// The address a stored picture is served at.
pub fn public_url(key: &str) -> String {
    format!("{PUBLIC_PREFIX}{key}")
}

/// The type a key may be served as, if it may be served at all: pictures (`avatars/…`) in
/// the formats this code writes. Anything else stays unreachable over HTTP.
pub fn served_type(key: &str) -> Option<&'static str> {
    let mut parts = key.split('/');
    let (Some("avatars"), Some(owner), Some(file), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let plain = |part: &str| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let (stem, extension) = file.rsplit_once('.')?;
    if !plain(owner) || !plain(stem) {
        return None;
    }
    match extension {
        "jpg" => Some("image/jpeg"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pictures_this_code_writes_are_served() {
        assert_eq!(served_type("avatars/0a1b-2c/3d4e.jpg"), Some("image/jpeg"));
        for key in [
            "avatars/a/b.html",
            "avatars/a/b.svg",
            "avatars/../b.jpg",
            "avatars/a/../../etc.jpg",
            "avatars/a/b/c.jpg",
            "attachments/a/b.jpg",
            "avatars/a/.jpg",
            "avatars//b.jpg",
            "avatars/a/b.jpg/",
        ] {
            assert_eq!(served_type(key), None, "{key}");
        }
    }

    /// The URL path (`HEARTH_STORAGE_URL`), through a store `object_store` keeps in memory:
    /// the same parsing and prefixing an `s3://bucket/prefix` URL gets.
    #[tokio::test]
    async fn a_store_named_by_url_keeps_its_files_under_the_urls_path() {
        let storage = Storage::new(&StorageSettings {
            dir: PathBuf::from("unused"),
            url: Some("memory:///hearth/files".to_owned()),
            options: Vec::new(),
        })
        .unwrap();
        assert_eq!(storage.root.as_ref(), "hearth/files");
        let key = "avatars/ann/2.jpg";
        storage
            .put(key, Bytes::from_static(b"picture"))
            .await
            .unwrap();
        assert_eq!(
            storage.get(key).await.unwrap().as_deref(),
            Some(&b"picture"[..])
        );
        let listed = storage
            .store
            .head(&Path::from("hearth/files/avatars/ann/2.jpg"))
            .await
            .unwrap();
        assert_eq!(listed.size, 7);
        storage.delete(key).await.unwrap();
        assert_eq!(storage.get(key).await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_file_written_in_parts_appears_whole_when_finished_and_not_at_all_when_given_up() {
        let dir = std::env::temp_dir().join(format!("hearth-storage-{}", uuid::Uuid::new_v4()));
        let storage = Storage::new(&StorageSettings {
            dir: dir.clone(),
            url: None,
            options: Vec::new(),
        })
        .unwrap();
        let key = "attachments/w/1";
        let mut writer = storage.writer(key).await.unwrap();
        let part = vec![7_u8; 1024 * 1024];
        for _ in 0..7 {
            writer.write(&part).await.unwrap();
        }
        assert_eq!(storage.get(key).await.unwrap(), None);
        writer.finish().await.unwrap();
        let read = storage.read(key).await.unwrap().unwrap();
        assert_eq!(read.size, 7 * 1024 * 1024);
        let chunks: Vec<Bytes> = read.chunks.map(|chunk| chunk.unwrap()).collect().await;
        assert_eq!(
            chunks.iter().map(Bytes::len).sum::<usize>(),
            7 * 1024 * 1024
        );
        assert!(chunks.iter().all(|chunk| chunk.iter().all(|&b| b == 7)));

        let mut given_up = storage.writer("attachments/w/2").await.unwrap();
        given_up.write(b"half").await.unwrap();
        given_up.abort().await;
        assert!(storage.read("attachments/w/2").await.unwrap().is_none());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_storage_url_is_checked() {
        assert!(check_url("s3://bucket/prefix").is_ok());
        assert!(check_url("memory:///").is_ok());
        assert!(check_url("not a url").is_err());
        assert!(check_url("ftp://example.com/files").is_err());
    }

    #[tokio::test]
    async fn a_folder_keeps_what_is_put_until_it_is_deleted() {
        let dir = std::env::temp_dir().join(format!("hearth-storage-{}", uuid::Uuid::new_v4()));
        let storage = Storage::new(&StorageSettings {
            dir: dir.clone(),
            url: None,
            options: Vec::new(),
        })
        .unwrap();
        let key = "avatars/ann/1.jpg";
        assert_eq!(storage.get(key).await.unwrap(), None);
        storage
            .put(key, Bytes::from_static(b"picture"))
            .await
            .unwrap();
        assert_eq!(
            storage.get(key).await.unwrap().as_deref(),
            Some(&b"picture"[..])
        );
        assert!(dir.join("avatars/ann/1.jpg").is_file());
        storage.delete(key).await.unwrap();
        storage.delete(key).await.unwrap();
        assert_eq!(storage.get(key).await.unwrap(), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
