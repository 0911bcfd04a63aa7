//! Notifications: what a person is told about, stored as it happens (someone mentioned them in
//! a comment, or assigned them a task) and listed on `/notifications` until they read it. A
//! later issue delivers them live; each already names the task it is about.

#[cfg(feature = "ssr")]
mod letters;
mod model;
pub mod server_fns;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;

pub use model::{Kind, Notification};
#[cfg(feature = "ssr")]
pub use service::Notifications;
