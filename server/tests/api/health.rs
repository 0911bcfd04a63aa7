//! The probes, and what callers get while the database is out of reach.

use std::time::{Duration, Instant};

use http::StatusCode;
use serde_json::Value;
use sqlx::Connection;

use crate::{
    cable::Cable,
    helpers::{Engine, PASSWORD, TestApp, TestDatabase, postgres_admin_url, problem},
};

crate::on_both_engines!(
    healthz_answers_without_the_database,
    readyz_follows_the_database,
    a_database_that_cannot_answer_gets_a_503_with_retry_after,
);

async fn healthz_answers_without_the_database(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.services.db.close().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        serde_json::json!({ "status": "ok" })
    );
}

async fn readyz_follows_the_database(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    let ready: Value = ready.json().await.unwrap();
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["database"], engine.name());

    app.services.db.close().await;
    let unavailable = app
        .client
        .get(app.url("/readyz"))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect("readyz must answer promptly when the database is gone");
    assert_eq!(unavailable.status(), 503);
    assert_eq!(
        unavailable.json::<Value>().await.unwrap()["status"],
        "unavailable"
    );
}

/// PostgreSQL stops answering (the connection to it is cut): callers get a 503 problem with
/// `Retry-After`, and once the database is known to be down, at once rather than after the
/// pool's wait for a connection; when it is back, so is everything, without a restart. SQLite
/// cannot go away, but it can be too busy: a write lock held elsewhere past the busy timeout is
/// the same 503.
async fn a_database_that_cannot_answer_gets_a_503_with_retry_after(engine: Engine) {
    match engine {
        Engine::Postgres => postgres_outage().await,
        Engine::Sqlite => sqlite_held_lock().await,
    }
}

async fn postgres_outage() {
    let admin_url = postgres_admin_url();
    let server: std::net::SocketAddr = admin_url
        .split('@')
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .parse()
        .unwrap();
    let cable = Cable::to(server).await;
    let database = TestDatabase::create(Engine::Postgres)
        .await
        .via(&server.to_string(), &cable.address.to_string());
    let app = TestApp::spawn_on(Engine::Postgres, database, &[]).await;
    let ann = app.user("ann@example.com").await;

    cable.cut();

    // The first request finds out (within the pool's acquire timeout) ...
    let first = app.me(&ann.access_token).await;
    assert_eq!(first.headers()["retry-after"], "5");
    let body = problem(first, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(body["type"], "urn:hearth:problem:unavailable");
    // ... the next ones do not wait for a connection that will not come.
    let started = Instant::now();
    let again = app.me(&ann.access_token).await;
    assert_eq!(again.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the second answer waited {:?}",
        started.elapsed()
    );
    let login = app.login("ann@example.com", PASSWORD).await;
    problem(login, StatusCode::SERVICE_UNAVAILABLE).await;

    cable.mend().await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let response = app.me(&ann.access_token).await;
        if response.status() == StatusCode::OK {
            break;
        }
        assert!(Instant::now() < deadline, "not back: {}", response.status());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        app.login("ann@example.com", PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn sqlite_held_lock() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    app.user("ann@example.com").await;
    let mut other_writer = sqlx::SqliteConnection::connect(app.database_url())
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other_writer)
        .await
        .unwrap();

    // Logging in writes a session: it waits out the busy timeout, then gives up cleanly.
    let login = app.login("ann@example.com", PASSWORD).await;
    assert_eq!(login.headers()["retry-after"], "5");
    let body = problem(login, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(body["type"], "urn:hearth:problem:unavailable");

    sqlx::query("ROLLBACK")
        .execute(&mut other_writer)
        .await
        .unwrap();
    assert_eq!(
        app.login("ann@example.com", PASSWORD).await.status(),
        StatusCode::OK
    );
}
