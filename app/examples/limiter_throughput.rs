//! How many checks per second the rate limiter answers on this machine: in this process
//! (governor) and, given a URL, in Redis (one Lua script per check). 64 tasks check at once,
//! over 10,000 client addresses, under a limit that is never reached, so every check does the
//! whole work. Run by `bench/limits.sh`
//! (`cargo run --release -p app --features ssr --example limiter_throughput -- [REDIS_URL]`).

// A measuring tool: a failure here should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{sync::Arc, time::Instant};

use app::limits::{Limit, LimitSettings, Limiter, Rate};

const TASKS: usize = 64;
const ADDRESSES: usize = 10_000;

#[tokio::main]
async fn main() {
    let redis_url = std::env::args().nth(1);
    let checks: usize = if redis_url.is_some() {
        200_000
    } else {
        4_000_000
    };
    let settings = LimitSettings {
        rates: vec![(Limit::ApiPerAddress, Rate::parse("1000000000/1s").unwrap())],
        redis_prefix: format!("hearth-bench-{}", std::process::id()),
        redis_url: redis_url.clone(),
    };
    let limiter = Limiter::new(&settings).await.unwrap();
    let addresses: Arc<Vec<String>> = Arc::new(
        (0..ADDRESSES)
            .map(|n| format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255))
            .collect(),
    );

    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let limiter = limiter.clone();
            let addresses = Arc::clone(&addresses);
            tokio::spawn(async move {
                for n in 0..checks / TASKS {
                    let address = &addresses[(task * 7919 + n) % ADDRESSES];
                    limiter.check(Limit::ApiPerAddress, address).await.unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed();
    let counters = if redis_url.is_some() {
        "in Redis"
    } else {
        "in process"
    };
    println!(
        "rate limiter, counters {counters}: {checks} checks in {:.2} s = {:.0} checks/s",
        elapsed.as_secs_f64(),
        checks as f64 / elapsed.as_secs_f64(),
    );
}
