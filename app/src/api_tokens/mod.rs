//! Personal access tokens: what a person gives a program (a script, CI, an integration) to call
//! the API as them, created and revoked in the settings (`/settings/tokens`), presented as
//! `Authorization: Bearer hearth_pat_…`, limited to reading or allowed to write, and expiring.

mod model;
pub mod server_fns;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;

pub use model::{
    ApiToken, DEFAULT_LIFETIME, LIFETIMES, MAX_TOKENS, NAME_MAX_CHARS, Scope, TOKEN_PREFIX, fields,
    parse_lifetime, parse_name,
};
#[cfg(feature = "ssr")]
pub use service::{ApiTokens, NewApiToken};
