//! How many background jobs one process enqueues and completes per second on this machine and
//! database: the queue's own cost, with handlers that do nothing. With `BENCH_SMTP_URL` and
//! `BENCH_MAILDIR` (an SMTP sink writing that Maildir), also how long a letter takes from
//! `mail::send` to the sink, through the server's own `mail.send` job. Run by `bench/jobs.sh`
//! (`cargo run --release -p app --features ssr --example jobs_throughput -- DATABASE_URL [JOBS]`).

// A measuring tool: a failure here should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use app::{
    jobs::{Catalog, NewJob, QueueSettings, Runner},
    mail::{self, Letter},
    services::{Services, Settings, job_catalog},
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
            smtp_url: std::env::var("BENCH_SMTP_URL").ok(),
            outbox: std::env::temp_dir().join("hearth-bench-outbox"),
            from: "Hearth <hearth@localhost>".to_owned(),
            site: "http://localhost:3000".to_owned(),
        },
        storage: app::storage::StorageSettings {
            dir: std::env::temp_dir().join(format!("hearth-storage-{}", uuid::Uuid::new_v4())),
            url: None,
            options: Vec::new(),
        },
        attachments: Default::default(),
        limits: Default::default(),
        audit_retention_days: 365,
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

    let delays = match std::env::var("BENCH_MAILDIR") {
        Ok(maildir) if services.mail.outbox().is_none() => letter_delays(&services, &maildir).await,
        _ => Vec::new(),
    };
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
    if let (Some(median), Some(slowest)) = (delays.get(delays.len() / 2), delays.last()) {
        println!(
            "{engine:<10} a letter from mail::send to the SMTP sink: median {:.1} ms, slowest {:.1} ms ({} letters)",
            median.as_secs_f64() * 1000.0,
            slowest.as_secs_f64() * 1000.0,
            delays.len()
        );
    }
}

/// Sends 20 letters one after another through the server's jobs, each timed from `mail::send`
/// to its file in the sink's Maildir; the delays, sorted.
async fn letter_delays(services: &Services, maildir: &str) -> Vec<Duration> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let runner = Runner {
        queue: services.jobs.clone(),
        context: services.clone(),
        catalog: job_catalog(),
        concurrency: 4,
        drain: Duration::from_secs(10),
    };
    let running = tokio::spawn(runner.run(async move {
        let _ = stopped.await;
    }));
    let arrived = |to: &str| {
        std::fs::read_dir(std::path::Path::new(maildir).join("new"))
            .map(|entries| {
                entries.flatten().any(|entry| {
                    std::fs::read_to_string(entry.path())
                        .is_ok_and(|text| text.lines().any(|line| line == format!("To: {to}")))
                })
            })
            .unwrap_or(false)
    };
    let mut delays = Vec::new();
    for _ in 0..20 {
        let to = format!("{}@example.com", uuid::Uuid::new_v4().simple());
        let letter = Letter {
            to: to.clone(),
            subject: "Timing".to_owned(),
            text: "A letter to time.".to_owned(),
            html: "<p>A letter to time.</p>".to_owned(),
        };
        let sent = Instant::now();
        mail::send(&services.jobs, &letter).await.unwrap();
        while !arrived(&to) {
            assert!(
                sent.elapsed() < Duration::from_secs(30),
                "a letter never arrived"
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        delays.push(sent.elapsed());
    }
    let _ = stop.send(());
    running.await.unwrap();
    delays.sort();
    delays
}
