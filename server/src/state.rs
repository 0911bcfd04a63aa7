//! What every handler can reach.

use std::sync::Arc;

use app::{
    accounts::{Accounts, session::SessionCookies},
    db::Database,
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::{config::Config, http::ServiceWorker};

/// Shared by all requests; cloning copies a few reference-counted handles.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Database,
    pub accounts: Accounts,
    pub session_cookies: SessionCookies,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub service_worker: ServiceWorker,
}
