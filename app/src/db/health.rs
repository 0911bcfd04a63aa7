//! Whether the database is answering, as last seen.
//!
//! When PostgreSQL stops (or the network to it breaks), each query would wait out the pool's
//! acquire timeout before failing, and requests would pile up for seconds. Instead, the first
//! query that fails to reach the database marks it down; while it is down every query fails at
//! once (the caller answers 503 with `Retry-After`), and one background task pings it until it
//! answers again. A successful `/readyz` ping marks it up as well.

use std::{
    sync::atomic::{AtomicBool, Ordering},
    time::Duration,
};

use super::Database;

/// How often the background probe asks a database that is down.
const PROBE_INTERVAL: Duration = Duration::from_millis(500);
/// How long one probe waits for an answer.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
pub(super) struct Health {
    down: AtomicBool,
}

impl Health {
    pub(super) fn is_down(&self) -> bool {
        self.down.load(Ordering::Acquire)
    }

    pub(super) fn mark_up(&self) {
        if self.down.swap(false, Ordering::AcqRel) {
            tracing::info!("the database answers again");
        }
    }

    /// Marks the database down and, unless a probe is already running, starts one.
    pub(super) fn mark_down(&self, db: Database) {
        if self.down.swap(true, Ordering::AcqRel) {
            return;
        }
        tracing::warn!("the database stopped answering; failing fast until it is back");
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            // No runtime to probe from: let the next query try for real.
            self.down.store(false, Ordering::Release);
            return;
        };
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(PROBE_INTERVAL).await;
                if db.is_closed() {
                    return;
                }
                if let Ok(Ok(())) = tokio::time::timeout(PROBE_TIMEOUT, db.ping()).await {
                    return;
                }
            }
        });
    }
}

impl Database {
    fn is_closed(&self) -> bool {
        match &self.pool {
            super::Pool::Sqlite(pool) => pool.is_closed(),
            super::Pool::Postgres(pool) => pool.is_closed(),
        }
    }
}
