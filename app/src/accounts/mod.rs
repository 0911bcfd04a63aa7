//! Accounts: people, their passwords and their sessions. The first feature, and the shape every
//! later one copies (see "Adding a feature" in `docs/architecture.md`):
//!
//! - `model.rs`: the types both sides see;
//! - `rules.rs`: the field names, and the parsers the forms and the service share;
//! - `server_fns.rs`: the server functions the pages call (their bodies compile for the server);
//! - `session.rs`: the signed-in person of a page or request, and the session cookies;
//! - server only: `service.rs` (what can be done, for REST handlers and server functions alike)
//!   with `verification.rs`, `reset.rs` and `profile.rs` (verifying an address, a forgotten
//!   password, changing one's name, password or address) and `avatar.rs` (one's picture),
//!   `store.rs` (the SQL), `password.rs` and `tokens.rs` (argon2id, access and refresh tokens),
//!   `one_time.rs` (the single-use tokens links in letters carry) and `letters.rs` (those
//!   letters).
//!
//! Elsewhere, in the same place for every feature: the pages in `pages/accounts/`, the REST
//! handlers in `server/src/api/accounts.rs`, the tests in `server/tests/api/accounts.rs` (the
//! API), `server/tests/api/sessions.rs` (the forms) and `end2end/tests/auth.spec.ts`.

mod model;
pub mod rules;
pub mod server_fns;
pub mod session;

#[cfg(feature = "ssr")]
mod avatar;
#[cfg(feature = "ssr")]
mod leaving;
#[cfg(feature = "ssr")]
mod letters;
#[cfg(feature = "ssr")]
pub mod one_time;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
mod profile;
#[cfg(feature = "ssr")]
mod reset;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub mod tokens;
#[cfg(feature = "ssr")]
mod verification;

#[cfg(feature = "ssr")]
pub use avatar::MAX_AVATAR_BYTES;
#[cfg(feature = "ssr")]
pub use letters::locale_of;
pub use model::{Role, SessionSummary, SignedIn, User};
#[cfg(feature = "ssr")]
pub use reset::{RESET_JOB, ResetRequest};
#[cfg(feature = "ssr")]
pub use service::{
    Accounts, BrowserRefresh, Collaborators, Device, NewAccount, REFRESH_LIFETIME, Tokens,
};
#[cfg(feature = "ssr")]
pub use verification::RESEND_AFTER;
