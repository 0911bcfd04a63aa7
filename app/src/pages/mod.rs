//! The routed pages, one module each: those of a feature in a folder named after it
//! (`accounts/`), the rest beside them. Pages sit on top: they use components and features, and
//! nothing but the shell uses them.

pub mod accounts;
pub mod admin;
mod attachments;
mod dev_mailbox;
mod error;
mod home;
mod my_tasks;
mod not_found;
mod notifications;
mod offline;
mod privacy;
pub mod projects;
mod showcase;
mod tasks;
pub mod workspaces;

pub use dev_mailbox::{LetterPage, MailboxPage};
pub use error::ErrorPage;
pub use home::HomePage;
pub use my_tasks::MyTasksPage;
pub use not_found::NotFoundPage;
pub use notifications::NotificationsPage;
pub use offline::OfflinePage;
pub use privacy::{AccountDeletedPage, PrivacyPage};
pub use showcase::{AdminOnlyPage, FailingPage, ShowcasePage};
pub use tasks::TaskPage;
