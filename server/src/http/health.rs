//! Probes for orchestrators and load balancers.
//!
//! `/healthz` says the process is up and serving; it never touches the database, so a database
//! outage does not get healthy processes restarted. `/readyz` says whether this instance can do
//! useful work now, and answers within `READINESS_TIMEOUT` even when the database hangs.

use std::time::Duration;

use app::db::Database;
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde_json::json;

const READINESS_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

pub async fn readyz(State(db): State<Database>) -> impl IntoResponse {
    let engine = db.engine().name();
    match tokio::time::timeout(READINESS_TIMEOUT, db.ping()).await {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": engine })),
        ),
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness check: the database did not answer");
            not_ready(engine)
        }
        Err(_) => {
            tracing::warn!(timeout = ?READINESS_TIMEOUT, "readiness check: the database timed out");
            not_ready(engine)
        }
    }
}

fn not_ready(engine: &str) -> (StatusCode, Json<serde_json::Value>) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({ "status": "unavailable", "database": engine })),
    )
}
