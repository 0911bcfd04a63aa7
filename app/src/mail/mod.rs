//! E-mail: letters with a plain-text and an HTML body, always delivered by a job (`mail.send`),
//! never inside the request that wants them sent, so a slow or absent mail server never slows a
//! page and a failed delivery is tried again.
//!
//! With `SMTP_URL` set, letters go over SMTP through lettre (`smtps://` for TLS from the first
//! byte, `smtp://…?tls=required` for STARTTLS, plain `smtp://` for a server on the same host).
//! Without it, the development default, each one is written as an `.eml` file to the outbox
//! folder (`HEARTH_OUTBOX_DIR`), where any mail program opens it.
//!
//! Every letter has one layout (`compose.rs`): in the recipient's language, with the product's
//! name and a link back to the site (`HEARTH_PUBLIC_URL`).

mod compose;
pub mod outbox;

pub use compose::{Action, Content, Recipient, compose};

use std::{path::PathBuf, sync::Arc};

use lettre::{
    AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::jobs::{NewJob, Queue};

/// The kind of the job that delivers a letter.
pub const SEND: &str = "mail.send";

/// Where letters go and whom they are from.
#[derive(Clone)]
pub struct MailSettings {
    /// The SMTP server, if any; otherwise letters go to `outbox`.
    pub smtp_url: Option<String>,
    pub outbox: PathBuf,
    /// `Name <address>` or a bare address.
    pub from: String,
    /// The site's public address, which letters link back to (no trailing `/`).
    pub site: String,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The SMTP URL may hold a password.
        f.debug_struct("MailSettings")
            .field("smtp", &self.smtp_url.is_some())
            .field("outbox", &self.outbox)
            .field("from", &self.from)
            .field("site", &self.site)
            .finish()
    }
}

/// One letter to one person, in their language (whoever writes it picks the language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP_URL is not a usable SMTP address: {0}")]
    SmtpUrl(#[source] lettre::transport::smtp::Error),
    #[error("'{address}' is not an e-mail address: {source}")]
    Address {
        address: String,
        #[source]
        source: lettre::address::AddressError,
    },
    #[error("writing the letter: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("the SMTP server did not take the letter: {0}")]
    Smtp(#[source] lettre::transport::smtp::Error),
    #[error("writing the letter to the outbox {path}: {source}")]
    Outbox {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("queueing the letter: {0}")]
    Queue(#[from] crate::db::DbError),
    #[error("a letter that cannot be stored: {0}")]
    Payload(#[from] serde_json::Error),
}

/// A letter as the `mail.send` job carries it: with the id it was queued under, which becomes
/// its Message-ID, so a letter sent twice (a run repeated after a lost lease) is recognisably
/// one letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub id: Uuid,
    pub letter: Letter,
}

/// Delivers letters over SMTP or into the outbox. Cloning shares the SMTP connection pool.
#[derive(Clone)]
pub struct Mailer {
    transport: Arc<Transport>,
    from: Mailbox,
    site: Arc<str>,
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let transport = match &*self.transport {
            Transport::Smtp(_) => "SMTP".to_owned(),
            Transport::Outbox(path) => format!("outbox {}", path.display()),
        };
        f.debug_struct("Mailer")
            .field("transport", &transport)
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Self, MailError> {
        let from = mailbox(&settings.from)?;
        let transport = match &settings.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(MailError::SmtpUrl)?
                    .build(),
            ),
            None => Transport::Outbox(settings.outbox.clone()),
        };
        Ok(Self {
            transport: Arc::new(transport),
            from,
            site: settings.site.trim_end_matches('/').into(),
        })
    }

    /// The site's public address, for the links in letters.
    pub fn site(&self) -> &str {
        &self.site
    }

    /// The outbox folder, when letters go there rather than over SMTP.
    pub fn outbox(&self) -> Option<&std::path::Path> {
        match &*self.transport {
            Transport::Outbox(folder) => Some(folder),
            Transport::Smtp(_) => None,
        }
    }

    /// The letter as it is sent: from the product, both bodies as alternatives.
    pub fn message(&self, envelope: &Envelope) -> Result<Message, MailError> {
        let letter = &envelope.letter;
        let domain = self.from.email.domain();
        Ok(Message::builder()
            .message_id(Some(format!("<{}@{domain}>", envelope.id.simple())))
            .from(self.from.clone())
            .to(mailbox(&letter.to)?)
            .subject(&letter.subject)
            .multipart(MultiPart::alternative_plain_html(
                letter.text.clone(),
                letter.html.clone(),
            ))?)
    }

    /// Sends the letter now (the `mail.send` job calls this; everything else calls [`send`]).
    pub async fn deliver(&self, envelope: &Envelope) -> Result<(), MailError> {
        let message = self.message(envelope)?;
        match &*self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(MailError::Smtp),
            Transport::Outbox(folder) => outbox::keep(folder, envelope.id, &message.formatted())
                .await
                .map_err(|source| MailError::Outbox {
                    path: folder.clone(),
                    source,
                }),
        }
    }
}

/// Whether `url` is an SMTP address lettre can use (the configuration checks it at start-up).
pub fn check_smtp_url(url: &str) -> Result<(), MailError> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map(drop)
        .map_err(MailError::SmtpUrl)
}

/// Whether `address` (`Name <address>` or a bare address) can be a letter's sender.
pub fn check_sender(address: &str) -> Result<(), MailError> {
    mailbox(address).map(drop)
}

/// Queues `letter` for delivery by a job; returns once the job is stored.
pub async fn send(queue: &Queue, letter: &Letter) -> Result<(), MailError> {
    // A letter to an address that cannot take one is refused here, not retried for hours.
    mailbox(&letter.to)?;
    let envelope = Envelope {
        id: Uuid::new_v4(),
        letter: letter.clone(),
    };
    queue.enqueue(NewJob::new(SEND, &envelope)?).await?;
    Ok(())
}

fn mailbox(address: &str) -> Result<Mailbox, MailError> {
    address.parse().map_err(|source| MailError::Address {
        address: address.to_owned(),
        source,
    })
}
