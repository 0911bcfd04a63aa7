//! Running jobs: the handlers each kind of job has, the schedules that enqueue jobs by the
//! clock, and the worker loop that claims due jobs and runs them, a few at a time.
//!
//! A handler gets the context the runner was given (the server gives its `Services`) and the
//! job's JSON payload, and says how it went: `Err` with a message makes the job run again after
//! its backoff, or die after its last attempt; so do a panic and running past the queue's
//! `timeout`. While it runs, its lease is renewed; if the process dies without ending it (a
//! crash, `kill -9`), the lease runs out and another worker runs it again, so a handler must be
//! safe to run twice. Jobs still running at a stop's drain deadline are given back at once,
//! their attempt not counted.
//!
//! A schedule enqueues one job of its kind per period, the period's slots counted from the Unix
//! epoch (every hour on the hour, every day at midnight UTC). The slot is the job's unique key,
//! so any number of workers on one database enqueue it once between them.

use std::{
    collections::HashMap,
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex},
    time::Duration,
};

use time::OffsetDateTime;
use tokio::{
    sync::{OwnedSemaphorePermit, Semaphore},
    task::JoinSet,
    time::Instant,
};
use tracing::Instrument as _;
use uuid::Uuid;

use super::queue::{ClaimedJob, Failed, NewJob, Queue, duration_millis, from_millis, millis};
use crate::db::now;

/// What a handler says of a run: `Err` holds why it failed, kept as the job's last error.
pub type JobResult = Result<(), String>;

type Handler<C> =
    Arc<dyn Fn(C, String) -> Pin<Box<dyn Future<Output = JobResult> + Send>> + Send + Sync>;

/// How often the schedules are looked at: a slot's job is enqueued within this of its start.
const SCHEDULE_CHECK: Duration = Duration::from_secs(30);

/// The jobs a runner knows: a handler per kind, and the schedules.
pub struct Catalog<C> {
    handlers: HashMap<&'static str, Handler<C>>,
    schedules: Vec<(&'static str, Duration)>,
}

impl<C> Default for Catalog<C> {
    fn default() -> Self {
        Self {
            handlers: HashMap::new(),
            schedules: Vec::new(),
        }
    }
}

impl<C> Clone for Catalog<C> {
    fn clone(&self) -> Self {
        Self {
            handlers: self.handlers.clone(),
            schedules: self.schedules.clone(),
        }
    }
}

impl<C: Clone + Send + Sync + 'static> Catalog<C> {
    /// Runs jobs of `kind` with `handler`.
    pub fn handle<F, Fut>(mut self, kind: &'static str, handler: F) -> Self
    where
        F: Fn(C, String) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = JobResult> + Send + 'static,
    {
        self.handlers.insert(
            kind,
            Arc::new(move |context, payload| Box::pin(handler(context, payload))),
        );
        self
    }

    /// Enqueues a job of `kind` (with an empty payload) once every `period`.
    pub fn every(mut self, kind: &'static str, period: Duration) -> Self {
        self.schedules
            .push((kind, period.max(Duration::from_secs(1))));
        self
    }

    /// Enqueues the job of each schedule's slot at `at` (a no-op for slots already enqueued).
    pub async fn enqueue_schedules(&self, queue: &Queue, at: OffsetDateTime) {
        let now = millis(at);
        for &(kind, period) in &self.schedules {
            let slot = now - now.rem_euclid(duration_millis(period));
            let job = NewJob::new(kind, &serde_json::json!({})).map(|job| {
                job.at(from_millis(slot))
                    .unique(format!("schedule:{kind}:{slot}"))
            });
            match job {
                Ok(job) => {
                    if let Err(error) = queue.enqueue(job).await {
                        tracing::warn!(%error, kind, "enqueueing a scheduled job failed");
                    }
                }
                Err(error) => tracing::error!(%error, kind, "a scheduled job's payload"),
            }
        }
    }
}

/// Claims due jobs and runs them, at most `concurrency` at once, until told to stop.
pub struct Runner<C> {
    pub queue: Queue,
    pub context: C,
    pub catalog: Catalog<C>,
    pub concurrency: usize,
    /// How long the jobs running when the stop comes may take to finish.
    pub drain: Duration,
}

impl<C: Clone + Send + Sync + 'static> Runner<C> {
    /// Runs until `stop` completes, then waits up to `drain` for the running jobs. Those still
    /// running then are stopped and given back to the queue, to run again elsewhere or later.
    pub async fn run(self, stop: impl Future<Output = ()>) {
        tokio::pin!(stop);
        let permits = Arc::new(Semaphore::new(self.concurrency.max(1)));
        let mut running = JoinSet::new();
        // The jobs being run, to give back any the drain deadline stops.
        let held: Arc<Mutex<HashMap<Uuid, ClaimedJob>>> = Arc::default();
        let poll = self.queue.settings().poll;
        let mut next_schedule_check = Instant::now();
        loop {
            while running.try_join_next().is_some() {}
            if Instant::now() >= next_schedule_check {
                self.catalog.enqueue_schedules(&self.queue, now()).await;
                next_schedule_check = Instant::now() + SCHEDULE_CHECK;
            }
            let permit = tokio::select! {
                biased;
                () = &mut stop => break,
                permit = permits.clone().acquire_owned() => permit,
            };
            let Ok(permit) = permit else { break };
            // Not raced with the stop: a claim dropped half-way could leave its job leased to
            // no one until the lease runs out.
            match self.queue.claim().await {
                Ok(Some(job)) => {
                    let handler = self.catalog.handlers.get(job.kind.as_str()).cloned();
                    let span = tracing::info_span!("job", kind = %job.kind, id = %job.id, attempt = job.attempt);
                    if let Ok(mut held) = held.lock() {
                        held.insert(job.id, job.clone());
                    }
                    let held = held.clone();
                    let id = job.id;
                    let run = run_one(
                        self.queue.clone(),
                        self.context.clone(),
                        handler,
                        job,
                        permit,
                    );
                    running.spawn(
                        async move {
                            run.await;
                            if let Ok(mut held) = held.lock() {
                                held.remove(&id);
                            }
                        }
                        .instrument(span),
                    );
                }
                Ok(None) => {
                    drop(permit);
                    tokio::select! {
                        biased;
                        () = &mut stop => break,
                        () = self.queue.woken_or(poll) => {}
                    }
                }
                Err(error) => {
                    drop(permit);
                    tracing::warn!(%error, "claiming a job failed");
                    tokio::select! {
                        biased;
                        () = &mut stop => break,
                        () = tokio::time::sleep(poll) => {}
                    }
                }
            }
        }

        let drained = tokio::time::timeout(self.drain, async {
            while running.join_next().await.is_some() {}
        })
        .await;
        if drained.is_err() {
            running.abort_all();
            while running.join_next().await.is_some() {}
            // Given back as they were before this claim: the stop, not the job, cut them short.
            let interrupted: Vec<ClaimedJob> = held
                .lock()
                .map(|held| held.values().cloned().collect())
                .unwrap_or_default();
            tracing::warn!(
                jobs = interrupted.len(),
                "jobs still running at the drain deadline were stopped; they run again"
            );
            for job in &interrupted {
                if let Err(error) = self.queue.give_back(job).await {
                    tracing::warn!(%error, id = %job.id, "giving back a stopped job failed; it runs again once its lease runs out");
                }
            }
        }
    }
}

async fn run_one<C: Send + 'static>(
    queue: Queue,
    context: C,
    handler: Option<Handler<C>>,
    job: ClaimedJob,
    _permit: OwnedSemaphorePermit,
) {
    // Claimed once more than it may run: it was stopped before ending on every attempt.
    if job.attempt > job.max_attempts {
        end_failed(&queue, &job, "stopped before it ended, on every attempt").await;
        return;
    }
    let Some(handler) = handler else {
        let error = format!("no handler for jobs of kind {}", job.kind);
        end_failed(&queue, &job, &error).await;
        return;
    };
    let settings = queue.settings();
    // The lease is renewed every third of its length; once no renewal has worked for a whole
    // lease, another worker may hold the job, and this run stops.
    let keep_lease = async {
        let mut renewed = Instant::now();
        loop {
            tokio::time::sleep(settings.lease / 3).await;
            match queue.extend(&job).await {
                Ok(true) => renewed = Instant::now(),
                Ok(false) => return,
                Err(error) => {
                    tracing::warn!(%error, "renewing a job's lease failed");
                    if renewed.elapsed() >= settings.lease {
                        return;
                    }
                }
            }
        }
    };
    // On a task of its own, so that a panic in the handler ends the run as a failure.
    let mut run = tokio::spawn(handler(context, job.payload.clone()));
    let outcome = tokio::select! {
        ran = &mut run => Some(match ran {
            Ok(outcome) => outcome,
            Err(error) if error.is_panic() => Err("its handler panicked".to_owned()),
            Err(_) => Err("its handler was cancelled".to_owned()),
        }),
        () = tokio::time::sleep(settings.timeout) => {
            Some(Err(format!("it ran longer than {:?}", settings.timeout)))
        }
        () = keep_lease => None,
    };
    run.abort();
    match outcome {
        Some(Ok(())) => match queue.complete(&job).await {
            Ok(true) => tracing::debug!("job done"),
            Ok(false) => tracing::warn!("job done after its lease was lost"),
            Err(error) => tracing::warn!(%error, "recording a job as done failed"),
        },
        Some(Err(error)) => end_failed(&queue, &job, &error).await,
        None => {
            tracing::warn!(
                "a job's lease was lost while it ran; it was stopped and left to its new holder"
            )
        }
    }
}

async fn end_failed(queue: &Queue, job: &ClaimedJob, error: &str) {
    match queue.fail(job, error).await {
        Ok(Failed::Retrying(at)) => {
            tracing::warn!(error, retry_at = %at, "job failed; it runs again")
        }
        Ok(Failed::Dead) => tracing::error!(error, "job failed on its last attempt; it is dead"),
        Ok(Failed::LeaseLost) => tracing::warn!(error, "job failed after its lease was lost"),
        Err(db) => tracing::warn!(error, %db, "recording a job's failure failed"),
    }
}
