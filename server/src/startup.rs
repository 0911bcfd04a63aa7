//! Start-up: build the services, bind the listener, and serve until told to stop.

use std::{future::Future, net::SocketAddr, sync::Arc};

use anyhow::Context;
use app::services::Services;
use axum::Router;
use tokio::net::TcpListener;

use crate::{
    config::Config,
    http::{self, page_cache::PageCache, pwa::ServiceWorker},
    state::AppState,
};

/// A server that is migrated, connected and bound, but not yet serving.
pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    router: Router,
    services: Services,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let services = Services::start(&config.services())
            .await
            .with_context(|| format!("starting with the database at {}", config.database_url))?;

        let listener = TcpListener::bind(config.leptos.site_addr)
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {} (LEPTOS_SITE_ADDR)",
                    config.leptos.site_addr
                )
            })?;
        let address = listener.local_addr()?;
        let mut leptos_options = config.leptos.clone();
        leptos_options.site_addr = address;

        let service_worker = ServiceWorker::new(&leptos_options)
            .context("reading the bundle's file names for the service worker")?;
        let state = AppState {
            services: services.clone(),
            page_cache: PageCache::new(config.page_cache_bytes),
            config: Arc::new(config),
            leptos_options,
            service_worker,
        };
        Ok(Self {
            listener,
            address,
            router: http::router(state),
            services,
        })
    }

    /// The address actually bound (useful when the configured port was 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Serves until `shutdown` completes, then lets in-flight requests finish and closes the
    /// database pool.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await?;
        self.services.stop().await;
        Ok(())
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM (what container runtimes send).
pub async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT received, finishing in-flight requests"),
        () = terminate => tracing::info!("SIGTERM received, finishing in-flight requests"),
    }
}
