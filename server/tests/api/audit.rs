//! The audit log: every security event names who, whom, from where, with what and in which
//! request; a person reads their own (in the settings and over the API) and no one else's;
//! nothing changes an entry, and only the retention job removes old ones.

use app::audit::{Action, AuditEntry, AuditFilter};
use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Engine, PASSWORD, TestApp};
use crate::http::Response;

crate::on_both_engines!(
    security_events_name_who_where_when_and_which_request,
    a_person_reads_their_own_activity_and_no_one_elses,
    entries_cannot_be_changed_and_only_old_ones_are_purged,
);

const NEW_PASSWORD: &str = "willow teapot orbit fennel";
const AGENT: &str = "AuditTest/1.0 (X11; Linux x86_64)";
const CLIENT: &str = "203.0.113.9";

/// A request from `CLIENT` (behind the trusted proxy the app is told about) with `AGENT`, as
/// request `id`.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    id: &str,
    token: Option<&str>,
    body: Value,
) -> Response {
    let mut request = app
        .client
        .request(method, app.url(path))
        .header("user-agent", AGENT)
        .header("x-request-id", id)
        .header("x-forwarded-for", CLIENT)
        .json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The entries that name `email`'s account, newest first.
async fn entries_about(app: &TestApp, email: &str) -> Vec<AuditEntry> {
    let filter = AuditFilter::default();
    app.services
        .audit
        .list(&filter, 1, 100)
        .await
        .unwrap()
        .entries
        .into_iter()
        .filter(|entry| {
            [&entry.actor, &entry.subject]
                .into_iter()
                .flatten()
                .any(|person| person.email.as_deref() == Some(email))
        })
        .collect()
}

async fn security_events_name_who_where_when_and_which_request(engine: Engine) {
    let app = TestApp::spawn_with(engine, &[("TRUSTED_PROXIES", "127.0.0.1")]).await;
    let register = json!({"email": "ann@example.com", "password": PASSWORD, "name": "Ann Lee"});
    let registered = send(
        &app,
        Method::POST,
        "/api/v1/auth/register",
        "req-register",
        None,
        register,
    )
    .await;
    assert_eq!(registered.status(), StatusCode::CREATED);
    let ann: Value = registered.json().await.unwrap();
    let ann = ann["id"].as_str().unwrap().to_owned();

    let wrong = json!({"email": "ann@example.com", "password": "not it"});
    let failed = send(
        &app,
        Method::POST,
        "/api/v1/auth/login",
        "req-wrong",
        None,
        wrong,
    )
    .await;
    assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    let nobody = json!({"email": "nobody@example.com", "password": "not it"});
    send(
        &app,
        Method::POST,
        "/api/v1/auth/login",
        "req-nobody",
        None,
        nobody,
    )
    .await;
    let right = json!({"email": "ann@example.com", "password": PASSWORD});
    let tokens: Value = send(
        &app,
        Method::POST,
        "/api/v1/auth/login",
        "req-login",
        None,
        right,
    )
    .await
    .json()
    .await
    .unwrap();
    let access = tokens["access_token"].as_str().unwrap();
    let change = json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD});
    let changed = send(
        &app,
        Method::POST,
        "/api/v1/users/me/password",
        "req-password",
        Some(access),
        change,
    )
    .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let refresh = json!({"refresh_token": tokens["refresh_token"]});
    let out = send(
        &app,
        Method::POST,
        "/api/v1/auth/logout",
        "req-logout",
        None,
        refresh,
    )
    .await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);

    let entries = entries_about(&app, "ann@example.com").await;
    let seen: Vec<(&str, &str)> = entries
        .iter()
        .map(|entry| (entry.action.as_str(), entry.request_id.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("logout", "req-logout"),
            ("password.changed", "req-password"),
            ("login.succeeded", "req-login"),
            ("login.failed", "req-wrong"),
            ("account.registered", "req-register"),
        ],
        "newest first"
    );
    for entry in &entries {
        assert_eq!(entry.ip, CLIENT, "{entry:?}");
        assert_eq!(entry.user_agent, AGENT, "{entry:?}");
        assert_eq!(entry.subject.as_ref().unwrap().id.to_string(), ann);
        assert_eq!(
            entry.subject.as_ref().unwrap().name.as_deref(),
            Some("Ann Lee")
        );
        let by_ann = entry.actor.as_ref().map(|actor| actor.id.to_string());
        if entry.action == Action::LoginFailed.code() {
            assert_eq!(by_ann, None, "a failed log-in is nobody's yet");
        } else {
            assert_eq!(by_ann.as_deref(), Some(ann.as_str()));
        }
    }
    // A failed log-in for an address without an account is recorded too, about no one.
    let all = app
        .services
        .audit
        .list(&AuditFilter::default(), 1, 100)
        .await
        .unwrap();
    let anonymous = all
        .entries
        .iter()
        .find(|entry| entry.request_id == "req-nobody")
        .expect("the unknown address's attempt");
    assert_eq!(anonymous.action, "login.failed");
    assert!(anonymous.actor.is_none() && anonymous.subject.is_none());
    assert_eq!(all.total, 6);
}

async fn a_person_reads_their_own_activity_and_no_one_elses(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    app.user("bob@example.com").await;
    // Someone tries Ann's account.
    assert_eq!(
        app.login("ann@example.com", "guess").await.status(),
        StatusCode::UNAUTHORIZED
    );

    let activity: Value = app
        .client
        .get(app.url("/api/v1/users/me/activity"))
        .bearer_auth(&ann.access_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = activity
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["login.failed", "login.succeeded", "account.registered"]
    );
    assert!(!activity.to_string().contains("bob@example.com"));

    // The settings page lists the same, in words.
    let mut browser = app.browser();
    browser.register("Cy", "cy@example.com").await;
    let page = browser.get("/settings").await.text().await.unwrap();
    assert!(page.contains("Security activity"));
    assert!(page.contains("Account created"));
    assert!(!page.contains("Failed sign-in attempt"), "Ann's, not Cy's");
    assert!(!page.contains("ann@example.com"));
}

async fn entries_cannot_be_changed_and_only_old_ones_are_purged(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.user("ann@example.com").await;
    let count = || crate::helpers::number(&app.services, "SELECT COUNT(*) FROM audit_events");
    assert_eq!(count().await, 2);

    // The database itself refuses to change an entry, whoever asks.
    let update = match app.services.db.pool() {
        app::db::Pool::Sqlite(pool) => sqlx::query("UPDATE audit_events SET ip = 'forged'")
            .execute(pool)
            .await
            .map(drop),
        app::db::Pool::Postgres(pool) => sqlx::query("UPDATE audit_events SET ip = 'forged'")
            .execute(pool)
            .await
            .map(drop),
    };
    let refused = update.expect_err("an update must fail");
    assert!(refused.to_string().contains("append-only"), "{refused}");

    // An entry from over a year ago goes with the retention job; the recent ones stay.
    let id = match engine {
        Engine::Sqlite => "randomblob(16)",
        Engine::Postgres => "gen_random_uuid()",
    };
    app.execute_at(
        &format!("INSERT INTO audit_events (id, occurred_at, action) VALUES ({id}, $1, 'logout')"),
        app::db::now() - time::Duration::days(400),
    )
    .await;
    assert_eq!(count().await, 3);
    let purged = app.services.audit.purge().await.unwrap();
    assert_eq!(purged, 1);
    assert_eq!(count().await, 2);
}
