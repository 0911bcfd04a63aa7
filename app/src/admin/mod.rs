//! The admin area: the people with accounts (find, sort, page through; open one; change a role,
//! disable or enable, send the verification link again) and the audit log.
//!
//! Every operation takes the acting person and begins with the one role check
//! (`User::require(Role::Admin)`), so a page that hid its buttons would still be safe: a member
//! calling a server function or an API route gets `Forbidden`, and nothing is read or changed.
//! The last active admin can be neither demoted nor disabled.

mod model;
pub mod server_fns;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;

pub use model::{Account, AccountChange, AccountPage, AccountQuery, AccountSort, audit_filter};
#[cfg(feature = "ssr")]
pub use service::Admin;
