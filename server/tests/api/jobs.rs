//! The background job queue against the real database, on both engines: a job runs once and
//! is done; a failing one runs again after a growing wait and is dead after its last attempt;
//! one whose worker stopped runs again once its lease runs out, and the stopped worker can no
//! longer end it; two workers never hold one job; a schedule's slot is enqueued once however
//! many workers enqueue it; a stop waits for running jobs up to its deadline; and the session
//! purge keeps exactly the sessions that still work.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use app::{
    accounts::NewAccount,
    db::Pool,
    jobs::{Catalog, NewJob, Queue, QueueSettings, Runner},
    services::{Services, Settings, job_catalog},
};
use serde_json::json;
use tokio::{sync::oneshot, task::JoinHandle};
use uuid::Uuid;

use crate::helpers::{Engine, NAME, PASSWORD, TestDatabase, number, service_settings};

crate::on_both_engines!(
    an_enqueued_job_runs_once_and_is_done,
    a_failing_job_waits_longer_each_time_then_dies_after_its_last_attempt,
    a_job_whose_worker_stopped_runs_again_once_its_lease_runs_out,
    two_workers_never_hold_the_same_job,
    a_schedule_slot_is_enqueued_once_by_any_number_of_workers,
    a_stop_waits_for_running_jobs_up_to_its_deadline,
    a_run_that_panics_or_hangs_fails,
    the_session_purge_keeps_the_sessions_that_still_work,
);

/// Short waits, so the tests see retries and expired leases within seconds (a lease long
/// enough that a busy machine still renews it in time).
fn quick() -> QueueSettings {
    QueueSettings {
        lease: Duration::from_secs(2),
        backoff: Duration::from_millis(100),
        max_backoff: Duration::from_secs(2),
        poll: Duration::from_millis(50),
        timeout: Duration::from_millis(500),
    }
}

async fn services_on(database: &TestDatabase) -> Services {
    Services::start(&Settings {
        jobs: quick(),
        ..service_settings(&database.url)
    })
    .await
    .unwrap()
}

/// What the test handlers saw: each run's payload and when it started.
type Runs = Arc<Mutex<Vec<(String, Instant)>>>;

fn runs_of(runs: &Runs) -> Vec<String> {
    runs.lock()
        .unwrap()
        .iter()
        .map(|(payload, _)| payload.clone())
        .collect()
}

/// A runner on its own task, until `stop`.
struct Running {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Running {
    fn start<C: Clone + Send + Sync + 'static>(
        queue: &Queue,
        context: C,
        catalog: Catalog<C>,
        drain: Duration,
    ) -> Self {
        let (stop, stopped) = oneshot::channel::<()>();
        let runner = Runner {
            queue: queue.clone(),
            context,
            catalog,
            concurrency: 4,
            drain,
        };
        let task = tokio::spawn(runner.run(async move {
            let _ = stopped.await;
        }));
        Self { stop, task }
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        self.task.await.unwrap();
    }
}

/// A catalog whose `test.record` jobs record their payload, and whose `test.fail` jobs record
/// it and fail.
fn recording(runs: &Runs) -> (Runs, Catalog<Runs>) {
    let catalog = Catalog::default()
        .handle("test.record", |runs: Runs, payload| async move {
            runs.lock().unwrap().push((payload, Instant::now()));
            Ok(())
        })
        .handle("test.fail", |runs: Runs, payload| async move {
            let attempt = {
                let mut runs = runs.lock().unwrap();
                runs.push((payload, Instant::now()));
                runs.len()
            };
            Err(format!("the printer is on fire (run {attempt})"))
        });
    (runs.clone(), catalog)
}

/// Waits up to ten seconds for `done` to hold.
async fn eventually<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done().await {
        assert!(Instant::now() < deadline, "still waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn state_of(queue: &Queue, id: Uuid) -> String {
    queue.status(id).await.unwrap().unwrap().state
}

async fn an_enqueued_job_runs_once_and_is_done(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let services = services_on(&database).await;
    let queue = &services.jobs;
    let (runs, catalog) = recording(&Runs::default());

    let job = NewJob::new("test.record", &json!({"to": "ann@example.com"}))
        .unwrap()
        .unique("welcome:ann");
    let id = queue.enqueue(job.clone()).await.unwrap().unwrap();
    assert_eq!(
        queue.enqueue(job).await.unwrap(),
        None,
        "a second job with the same unique key was added"
    );
    let runner = Running::start(queue, runs.clone(), catalog, Duration::from_secs(5));
    eventually("the job to be done", || async {
        state_of(queue, id).await == "done"
    })
    .await;
    runner.stop().await;

    assert_eq!(runs_of(&runs), [r#"{"to":"ann@example.com"}"#]);
    assert_eq!(queue.status(id).await.unwrap().unwrap().attempts, 1);
    services.stop().await;
}

async fn a_failing_job_waits_longer_each_time_then_dies_after_its_last_attempt(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let services = services_on(&database).await;
    let queue = &services.jobs;
    let (runs, catalog) = recording(&Runs::default());

    let job = NewJob::new("test.fail", &json!({})).unwrap().attempts(3);
    let id = queue.enqueue(job).await.unwrap().unwrap();
    let runner = Running::start(queue, runs.clone(), catalog, Duration::from_secs(5));
    eventually("the job to die", || async {
        state_of(queue, id).await == "dead"
    })
    .await;
    runner.stop().await;

    let status = queue.status(id).await.unwrap().unwrap();
    assert_eq!(status.attempts, 3);
    assert_eq!(
        status.last_error.as_deref(),
        Some("the printer is on fire (run 3)")
    );
    let started: Vec<Instant> = runs.lock().unwrap().iter().map(|(_, at)| *at).collect();
    assert_eq!(started.len(), 3, "a dead job ran again, or a run was lost");
    // The backoff: 100 ms after the first failure, twice that after the second.
    let first_wait = started[1] - started[0];
    let second_wait = started[2] - started[1];
    assert!(first_wait >= Duration::from_millis(100), "{first_wait:?}");
    assert!(second_wait >= Duration::from_millis(200), "{second_wait:?}");
    services.stop().await;
}

async fn a_job_whose_worker_stopped_runs_again_once_its_lease_runs_out(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let services = services_on(&database).await;
    let queue = &services.jobs;
    let (runs, catalog) = recording(&Runs::default());
    let id = queue
        .enqueue(NewJob::new("test.record", &json!({"n": 1})).unwrap())
        .await
        .unwrap()
        .unwrap();

    // A worker claims it and is never heard of again (killed mid-run).
    let lost = queue.claim().await.unwrap().unwrap();
    assert_eq!(lost.id, id);
    assert!(
        queue.claim().await.unwrap().is_none(),
        "a job under a live lease was handed out again"
    );

    let runner = Running::start(queue, runs.clone(), catalog, Duration::from_secs(5));
    eventually("the job to run again and be done", || async {
        state_of(queue, id).await == "done"
    })
    .await;
    runner.stop().await;
    assert_eq!(runs_of(&runs), [r#"{"n":1}"#]);
    assert_eq!(queue.status(id).await.unwrap().unwrap().attempts, 2);

    // The lost worker comes back: it can no longer end a job that someone else ended.
    assert!(!queue.complete(&lost).await.unwrap());
    assert_eq!(
        queue.fail(&lost, "late").await.unwrap(),
        app::jobs::Failed::LeaseLost
    );
    assert_eq!(state_of(queue, id).await, "done");
    services.stop().await;
}

async fn two_workers_never_hold_the_same_job(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let first = services_on(&database).await;
    // Another server on the same database: a pool of its own.
    let second = services_on(&database).await;
    for n in 0..40 {
        first
            .jobs
            .enqueue(NewJob::new("test.record", &json!({ "n": n })).unwrap())
            .await
            .unwrap();
    }

    let drain = |queue: Queue| {
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Some(job) = queue.claim().await.unwrap() {
                held.push(job.id);
                assert!(queue.complete(&job).await.unwrap());
            }
            held
        })
    };
    let workers = [
        drain(first.jobs.clone()),
        drain(first.jobs.clone()),
        drain(second.jobs.clone()),
        drain(second.jobs.clone()),
    ];
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.unwrap());
    }
    let claimed = all.len();
    all.sort();
    all.dedup();
    assert_eq!(claimed, 40, "a job was claimed twice or not at all");
    assert_eq!(all.len(), 40);
    assert_eq!(
        number(
            &first,
            "SELECT COUNT(*) FROM jobs WHERE state = 'done' AND attempts = 1"
        )
        .await,
        40
    );
    first.stop().await;
    second.stop().await;
}

async fn a_schedule_slot_is_enqueued_once_by_any_number_of_workers(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let first = services_on(&database).await;
    let second = services_on(&database).await;
    let catalog = Catalog::<()>::default().every("test.hourly", Duration::from_secs(60 * 60));

    // Any moment within one hour: 10:00:00, 10:20:00, 10:40:00 (UTC, 2026-12-02).
    let hour = time::OffsetDateTime::from_unix_timestamp(1_796_205_600).unwrap();
    for minutes in [0, 20, 40] {
        let at = hour + time::Duration::minutes(minutes);
        catalog.enqueue_schedules(&first.jobs, at).await;
        catalog.enqueue_schedules(&second.jobs, at).await;
    }

    assert_eq!(
        number(
            &first,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'test.hourly'"
        )
        .await,
        1
    );
    // Due at the start of the hour it stands for; the next hour is another slot.
    let run_at = number(&first, "SELECT run_at FROM jobs").await;
    assert_eq!(i128::from(run_at) * 1_000_000, hour.unix_timestamp_nanos());
    catalog
        .enqueue_schedules(&second.jobs, hour + time::Duration::hours(1))
        .await;
    assert_eq!(
        number(
            &first,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'test.hourly'"
        )
        .await,
        2
    );
    first.stop().await;
    second.stop().await;
}

async fn a_stop_waits_for_running_jobs_up_to_its_deadline(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let services = services_on(&database).await;
    let queue = &services.jobs;
    let started = Arc::new(Mutex::new(0_u32));
    let catalog = Catalog::default().handle(
        "test.slow",
        |started: Arc<Mutex<u32>>, payload: String| async move {
            *started.lock().unwrap() += 1;
            let millis: u64 = payload.parse().unwrap();
            tokio::time::sleep(Duration::from_millis(millis)).await;
            Ok(())
        },
    );
    let slow = |millis: u64| NewJob::new("test.slow", &millis).unwrap();

    // A job that ends within the deadline is let finish.
    let short = queue.enqueue(slow(400)).await.unwrap().unwrap();
    let runner = Running::start(
        queue,
        started.clone(),
        catalog.clone(),
        Duration::from_secs(5),
    );
    eventually("the job to start", || async {
        *started.lock().unwrap() == 1
    })
    .await;
    runner.stop().await;
    assert_eq!(state_of(queue, short).await, "done");

    // One that would not is stopped at the deadline and given back, its attempt not counted.
    let long = queue.enqueue(slow(60_000)).await.unwrap().unwrap();
    let runner = Running::start(
        queue,
        started.clone(),
        catalog.clone(),
        Duration::from_millis(200),
    );
    eventually("the long job to start", || async {
        *started.lock().unwrap() == 2
    })
    .await;
    let stopping = Instant::now();
    runner.stop().await;
    assert!(
        stopping.elapsed() < Duration::from_secs(5),
        "the stop waited past its deadline"
    );
    let given_back = queue.status(long).await.unwrap().unwrap();
    assert_eq!(
        (given_back.state.as_str(), given_back.attempts),
        ("queued", 0)
    );
    services.stop().await;
}

async fn the_session_purge_keeps_the_sessions_that_still_work(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let services = services_on(&database).await;
    let accounts = &services.accounts;
    let device = app::accounts::Device::default();
    accounts
        .register(
            NewAccount {
                email: "ann@example.com".into(),
                password: PASSWORD.into(),
                name: NAME.into(),
                ..Default::default()
            },
            &device,
        )
        .await
        .unwrap();
    let login = || accounts.login("ann@example.com", PASSWORD, &device);
    let (_, kept) = login().await.unwrap();
    let (_, logged_out) = login().await.unwrap();
    let (_, expired) = login().await.unwrap();
    // Refreshing leaves a used token behind in a live login, which replay detection needs.
    let kept = accounts
        .refresh(&kept.refresh_token, &Default::default())
        .await
        .unwrap();
    accounts
        .logout(&logged_out.refresh_token, &device)
        .await
        .unwrap();
    let (_, expired_family) = accounts.authenticate(&expired.access_token).await.unwrap();
    let past = app::db::now() - time::Duration::days(1);
    let expire = "UPDATE sessions SET expires_at = $1 WHERE family_id = $2";
    match services.db.pool() {
        Pool::Sqlite(pool) => sqlx::query(expire)
            .bind(past)
            .bind(expired_family)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()),
        Pool::Postgres(pool) => sqlx::query(expire)
            .bind(past)
            .bind(expired_family)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()),
    }
    .unwrap();
    assert_eq!(number(&services, "SELECT COUNT(*) FROM sessions").await, 4);

    // The job itself, through the server's catalog.
    let id = services
        .jobs
        .enqueue(NewJob::new("accounts.purge-sessions", &json!({})).unwrap())
        .await
        .unwrap()
        .unwrap();
    let runner = Running::start(
        &services.jobs,
        services.clone(),
        job_catalog(),
        Duration::from_secs(5),
    );
    eventually("the purge to be done", || async {
        state_of(&services.jobs, id).await == "done"
    })
    .await;
    runner.stop().await;

    assert_eq!(
        number(&services, "SELECT COUNT(*) FROM sessions").await,
        2,
        "the kept login's two tokens (used and current) should be all that is left"
    );
    assert!(accounts.authenticate(&kept.access_token).await.is_ok());
    let refreshed = accounts
        .refresh(&kept.refresh_token, &Default::default())
        .await;
    assert!(
        refreshed.is_ok(),
        "the kept login's refresh token stopped working"
    );
    services.stop().await;
}

async fn a_run_that_panics_or_hangs_fails(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let services = services_on(&database).await;
    let queue = &services.jobs;
    let catalog = Catalog::default()
        .handle("test.panic", |(): (), _| async move {
            let nothing: Option<u8> = None;
            #[allow(clippy::unnecessary_literal_unwrap)]
            nothing.expect("a handler that panics");
            Ok(())
        })
        .handle("test.hang", |(): (), _| async move {
            tokio::time::sleep(Duration::from_secs(600)).await;
            Ok(())
        });
    let once = |kind| NewJob::new(kind, &json!({})).unwrap().attempts(1);
    let panics = queue.enqueue(once("test.panic")).await.unwrap().unwrap();
    let hangs = queue.enqueue(once("test.hang")).await.unwrap().unwrap();

    let runner = Running::start(queue, (), catalog, Duration::from_secs(5));
    eventually("both jobs to die", || async {
        state_of(queue, panics).await == "dead" && state_of(queue, hangs).await == "dead"
    })
    .await;
    runner.stop().await;

    let error = |id| async move { queue.status(id).await.unwrap().unwrap().last_error };
    assert_eq!(error(panics).await.as_deref(), Some("its handler panicked"));
    assert_eq!(
        error(hangs).await.as_deref(),
        Some("it ran longer than 500ms")
    );
    services.stop().await;
}
