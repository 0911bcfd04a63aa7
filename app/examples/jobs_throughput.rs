//! How many background jobs one process enqueues and completes per second on this machine and
//! database: the queue's own cost, with handlers that do nothing. Run by `bench/jobs.sh`
//! (`cargo run --release -p app --features ssr --example jobs_throughput -- DATABASE_URL [JOBS]`).

// A measuring tool: a failure here should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use app::{
    jobs::{Catalog, NewJob, QueueSettings, Runner},
    services::{Services, Settings},
};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let database_url = args
        .next()
        .expect("usage: jobs_throughput DATABASE_URL [JOBS]");
    let jobs: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let services = Services::start(&Settings {
        database_url: database_url.clone(),
        pool: Default::default(),
        secret_key: (*b"a bench secret that is long enough").into(),
        development: true,
        jobs: QueueSettings::default(),
        mail: app::mail::MailSettings {
            smtp_url: None,
            outbox: std::env::temp_dir().join("hearth-bench-outbox"),
            from: "Hearth <hearth@localhost>".to_owned(),
            site: "http://localhost:3000".to_owned(),
        },
    })
    .await
    .unwrap();
    let queue = services.jobs.clone();

    let started = Instant::now();
    for n in 0..jobs {
        queue
            .enqueue(NewJob::new("bench.nothing", &n).unwrap())
            .await
            .unwrap();
    }
    let enqueueing = started.elapsed();

    // Four at once, as the server runs them by default.
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let runner = Runner {
        queue: queue.clone(),
        context: (),
        catalog: Catalog::default().handle("bench.nothing", |(), _| async { Ok(()) }),
        concurrency: 4,
        drain: Duration::from_secs(10),
    };
    let started = Instant::now();
    let running = tokio::spawn(runner.run(async move {
        let _ = stopped.await;
    }));
    // Done when no job is left to claim and none is running: poll the last one's state.
    let last = queue
        .enqueue(NewJob::new("bench.nothing", &jobs).unwrap())
        .await
        .unwrap()
        .unwrap();
    while queue.status(last).await.unwrap().unwrap().state != "done" {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let completing = started.elapsed();
    let _ = stop.send(());
    running.await.unwrap();
    services.stop().await;

    let engine = database_url.split(':').next().unwrap_or_default();
    let rate = |count: u32, took: Duration| f64::from(count) / took.as_secs_f64();
    println!(
        "{engine:<10} enqueued {jobs} jobs one after another: {:>7.0} jobs/s",
        rate(jobs, enqueueing)
    );
    println!(
        "{engine:<10} completed {} jobs, four at once:        {:>7.0} jobs/s",
        jobs + 1,
        rate(jobs + 1, completing)
    );
}
