//! What handlers reach through axum's `State`: the services (and, by `FromRef`, the database)
//! and what the HTTP layer itself needs.

use std::sync::Arc;

use app::{db::Database, services::Services};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::{
    config::Config,
    http::{page_cache::PageCache, pwa::ServiceWorker},
};

/// Shared by all requests; cloning copies a few reference-counted handles.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub services: Services,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub service_worker: ServiceWorker,
    pub page_cache: PageCache,
}

impl FromRef<AppState> for Database {
    fn from_ref(state: &AppState) -> Self {
        state.services.db.clone()
    }
}
