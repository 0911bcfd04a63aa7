//! How long one password check takes on this machine: the floor under every login. Run by
//! `bench/login.sh` (`cargo run --release -p app --features ssr --example argon2_verify`).

// A measuring tool: a failure here should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use app::accounts::password::PasswordHasher;

#[tokio::main]
async fn main() {
    let rounds: u32 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let hasher = PasswordHasher::with_concurrency(1).await.unwrap();
    let hash = hasher
        .hash("copper kettle rain lantern".to_owned())
        .await
        .unwrap();
    let mut times = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        hasher
            .verify(Some(&hash), "copper kettle rain lantern".to_owned())
            .await
            .unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "argon2id verify (m=19456 KiB, t=2, p=1), {rounds} rounds: median {median:.1} ms, slowest {worst:.1} ms"
    );
}
