//! What a person can do about their own data: download all of it, and delete their account.
//!
//! Both walk every feature's [`PersonalData`](crate::personal_data::PersonalData) hook. Deleting
//! needs the password, erases what each feature holds (pictures, sessions…), then the account;
//! the audit log keeps its entries about them, naming only the account's id, which names no one
//! once the account is gone. `/privacy` explains what is kept and why.

pub mod server_fns;
#[cfg(feature = "ssr")]
mod service;

#[cfg(feature = "ssr")]
pub use service::{EXPORT_FORMAT, Privacy};
