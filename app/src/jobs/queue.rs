//! The queue: what enqueues a job, and what a worker does with one (claim it, keep its lease,
//! end it). Every change is one statement, committed before the call returns: an enqueue that
//! returned is in the database, whatever happens to the process next.

use std::{sync::Arc, time::Duration};

use serde::Serialize;
use time::OffsetDateTime;
use tokio::sync::Notify;
use uuid::Uuid;

use super::store;
use crate::db::{Database, DbError, now};

/// How the queue times its work; [`QueueSettings::default`] is what the server uses.
#[derive(Debug, Clone, Copy)]
pub struct QueueSettings {
    /// How long a claimed job stays its worker's without a sign of life. The worker renews it
    /// every third of this while the job runs; a job whose worker died runs again after it.
    pub lease: Duration,
    /// The wait before the second attempt; each later one waits twice as long as the last...
    pub backoff: Duration,
    /// ...up to this.
    pub max_backoff: Duration,
    /// How often an idle worker looks for due jobs (jobs enqueued by this process wake it at
    /// once; this finds the others', and retries coming due).
    pub poll: Duration,
    /// How long one run may take before it counts as failed (and is stopped).
    pub timeout: Duration,
}

impl QueueSettings {
    /// The wait after the `attempt`th run failed: `backoff` doubled for each run before it,
    /// capped at `max_backoff`.
    pub fn backoff_after(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(30);
        self.backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff)
    }
}

impl Default for QueueSettings {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(60),
            backoff: Duration::from_secs(10),
            max_backoff: Duration::from_secs(60 * 60),
            poll: Duration::from_secs(2),
            timeout: Duration::from_secs(10 * 60),
        }
    }
}

/// A job to add to the queue.
#[derive(Debug, Clone)]
pub struct NewJob {
    kind: &'static str,
    payload: String,
    run_at: Option<OffsetDateTime>,
    max_attempts: u16,
    unique_key: Option<String>,
}

impl NewJob {
    /// Attempts a job gets unless it says otherwise.
    pub const DEFAULT_ATTEMPTS: u16 = 8;

    /// A job of `kind` (the name its handler is registered under) with `payload`, due now.
    pub fn new(kind: &'static str, payload: &impl Serialize) -> Result<Self, serde_json::Error> {
        Ok(Self {
            kind,
            payload: serde_json::to_string(payload)?,
            run_at: None,
            max_attempts: Self::DEFAULT_ATTEMPTS,
            unique_key: None,
        })
    }

    /// Not before `at`.
    pub fn at(mut self, at: OffsetDateTime) -> Self {
        self.run_at = Some(at);
        self
    }

    /// At most `attempts` runs (one at least) before it is dead.
    pub fn attempts(mut self, attempts: u16) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Added only if no job with `key` exists (however it ended, until it is purged).
    pub fn unique(mut self, key: impl Into<String>) -> Self {
        self.unique_key = Some(key.into());
        self
    }
}

/// A job a worker holds: it runs it, then ends it through the queue.
#[derive(Debug, Clone)]
pub struct ClaimedJob {
    pub id: Uuid,
    pub kind: String,
    pub payload: String,
    /// This run's number, from 1.
    pub attempt: u32,
    pub max_attempts: u32,
    lease: Uuid,
}

/// How a failed run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// It runs again, not before this.
    Retrying(OffsetDateTime),
    /// That was its last attempt.
    Dead,
    /// Its lease had run out and someone else holds the job now.
    LeaseLost,
}

/// Where a job stands, as tests and operators ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStatus {
    pub state: String,
    pub attempts: u32,
    pub run_at: OffsetDateTime,
    pub last_error: Option<String>,
}

/// The job queue over the application database. Cloning shares the wake-up signal, so a job
/// enqueued through any clone (on any of the server's runtimes) wakes the process's workers.
#[derive(Debug, Clone)]
pub struct Queue {
    db: Database,
    settings: QueueSettings,
    wake: Arc<Notify>,
}

impl Queue {
    pub fn new(db: Database, settings: QueueSettings) -> Self {
        Self {
            db,
            settings,
            wake: Arc::new(Notify::new()),
        }
    }

    /// The same queue over another pool of the same database.
    pub fn on(&self, db: Database) -> Self {
        Self {
            db,
            settings: self.settings,
            wake: self.wake.clone(),
        }
    }

    pub fn settings(&self) -> QueueSettings {
        self.settings
    }

    /// Adds `job`: its id, or `None` when its unique key was taken.
    pub async fn enqueue(&self, job: NewJob) -> Result<Option<Uuid>, DbError> {
        let now = now();
        let id = Uuid::new_v4();
        let inserted = store::insert(
            &self.db,
            store::Insert {
                id,
                kind: job.kind,
                payload: &job.payload,
                max_attempts: i32::from(job.max_attempts),
                run_at: millis(job.run_at.unwrap_or(now)),
                unique_key: job.unique_key.as_deref(),
                now: millis(now),
            },
        )
        .await?;
        if inserted {
            self.wake.notify_one();
        }
        Ok(inserted.then_some(id))
    }

    /// The next due job, now this worker's, if there is one.
    pub async fn claim(&self) -> Result<Option<ClaimedJob>, DbError> {
        let lease = Uuid::new_v4();
        let now = millis(now());
        let row = store::claim(
            &self.db,
            lease,
            now + duration_millis(self.settings.lease),
            now,
        )
        .await?;
        Ok(row.map(|row| ClaimedJob {
            id: row.id,
            kind: row.kind,
            payload: row.payload,
            attempt: u32::try_from(row.attempts).unwrap_or(0),
            max_attempts: u32::try_from(row.max_attempts).unwrap_or(1),
            lease,
        }))
    }

    /// Renews `job`'s lease; `false` when it is no longer this worker's.
    pub async fn extend(&self, job: &ClaimedJob) -> Result<bool, DbError> {
        let until = millis(now()) + duration_millis(self.settings.lease);
        store::extend(&self.db, job.id, job.lease, until).await
    }

    /// `job` ran to its end; `false` when its lease had been lost.
    pub async fn complete(&self, job: &ClaimedJob) -> Result<bool, DbError> {
        let now = millis(now());
        store::release(&self.db, job.id, job.lease, "done", None, None, Some(now)).await
    }

    /// `job` failed with `error`: it runs again after its backoff, or is dead after its last
    /// attempt.
    pub async fn fail(&self, job: &ClaimedJob, error: &str) -> Result<Failed, DbError> {
        let now = now();
        if job.attempt >= job.max_attempts {
            let ended = millis(now);
            let released = store::release(
                &self.db,
                job.id,
                job.lease,
                "dead",
                None,
                Some(error),
                Some(ended),
            )
            .await?;
            return Ok(if released {
                Failed::Dead
            } else {
                Failed::LeaseLost
            });
        }
        let retry_at = now + self.settings.backoff_after(job.attempt);
        let released = store::release(
            &self.db,
            job.id,
            job.lease,
            "queued",
            // Rounded up: not a millisecond before the wait is over.
            Some(millis(retry_at + Duration::from_nanos(999_999))),
            Some(error),
            None,
        )
        .await?;
        Ok(if released {
            Failed::Retrying(retry_at)
        } else {
            Failed::LeaseLost
        })
    }

    /// Returns `job` to the queue, due now and its attempt not counted: its run was stopped
    /// from outside (the server's drain deadline), not failed.
    pub async fn give_back(&self, job: &ClaimedJob) -> Result<bool, DbError> {
        store::give_back(&self.db, job.id, job.lease, millis(now())).await
    }

    pub async fn status(&self, id: Uuid) -> Result<Option<JobStatus>, DbError> {
        Ok(store::status(&self.db, id).await?.map(|row| JobStatus {
            state: row.state,
            attempts: u32::try_from(row.attempts).unwrap_or(0),
            run_at: from_millis(row.run_at),
            last_error: row.last_error,
        }))
    }

    /// Deletes jobs done before `done_before` and dead before `dead_before`; how many.
    pub async fn purge(
        &self,
        done_before: OffsetDateTime,
        dead_before: OffsetDateTime,
    ) -> Result<u64, DbError> {
        let done = store::delete_finished(&self.db, "done", millis(done_before)).await?;
        let dead = store::delete_finished(&self.db, "dead", millis(dead_before)).await?;
        Ok(done + dead)
    }

    /// Waits until a job is enqueued in this process or `timeout` passes.
    pub async fn woken_or(&self, timeout: Duration) {
        let _ = tokio::time::timeout(timeout, self.wake.notified()).await;
    }
}

/// Unix milliseconds, as the table keeps times.
pub fn millis(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// The time `millis` (Unix milliseconds) stands for.
pub(super) fn from_millis(millis: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(super) fn duration_millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_from_the_base_up_to_the_cap() {
        let settings = QueueSettings {
            backoff: Duration::from_secs(10),
            max_backoff: Duration::from_secs(60),
            ..QueueSettings::default()
        };
        let backoff = |attempt| settings.backoff_after(attempt);
        assert_eq!(backoff(1), Duration::from_secs(10));
        assert_eq!(backoff(2), Duration::from_secs(20));
        assert_eq!(backoff(3), Duration::from_secs(40));
        assert_eq!(backoff(4), Duration::from_secs(60));
        assert_eq!(backoff(40), Duration::from_secs(60));
    }

    #[test]
    fn times_round_trip_through_milliseconds() {
        let at = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        assert_eq!(from_millis(millis(at)), at);
    }
}
