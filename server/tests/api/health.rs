use std::time::Duration;

use serde_json::Value;

use crate::helpers::{Engine, TestApp};

crate::on_both_engines!(
    healthz_answers_without_the_database,
    readyz_follows_the_database
);

async fn healthz_answers_without_the_database(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.db.close().await;

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
    assert_eq!(ready.json::<Value>().await.unwrap()["status"], "ready");

    app.db.close().await;
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
