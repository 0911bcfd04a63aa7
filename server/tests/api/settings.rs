//! A person's own account: the sessions they hold, listed with their devices and ended one at a
//! time or all but this one, over the API and from `/settings` without JavaScript.

use http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Engine, PASSWORD, TestApp, cookie_jar, location, problem, set_cookies};

crate::on_both_engines!(
    the_sessions_list_names_each_device_and_address,
    ending_a_session_stops_its_tokens_at_once,
    ending_every_other_session_keeps_this_one,
    the_settings_page_lists_the_sessions_and_ends_them_without_javascript,
);

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/// Logs Ann in from a device with `user_agent`; the token pair.
async fn log_in_from(app: &TestApp, user_agent: &str) -> Value {
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("user-agent", user_agent)
        .json(&json!({"email": "ann@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn access(tokens: &Value) -> &str {
    tokens["access_token"].as_str().unwrap()
}

async fn sessions(app: &TestApp, access_token: &str) -> Vec<Value> {
    let response = app
        .client
        .get(app.url("/api/v1/users/me/sessions"))
        .bearer_auth(access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn end(app: &TestApp, access_token: &str, id: &str) -> crate::http::Response {
    app.client
        .request(
            http::Method::DELETE,
            app.url(&format!("/api/v1/users/me/sessions/{id}")),
        )
        .bearer_auth(access_token)
        .send()
        .await
        .unwrap()
}

async fn the_sessions_list_names_each_device_and_address(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.register("ann@example.com").await;
    let laptop = log_in_from(&app, FIREFOX).await;
    let phone = log_in_from(&app, SAFARI).await;

    let list = sessions(&app, access(&laptop)).await;
    assert_eq!(list.len(), 2, "{list:?}");
    let current: Vec<&Value> = list.iter().filter(|s| s["current"] == true).collect();
    assert_eq!(current.len(), 1, "{list:?}");
    assert_eq!(current[0]["browser"], "Firefox");
    assert_eq!(current[0]["os"], "Linux");
    assert_eq!(current[0]["ip"], "127.0.0.1");
    assert_eq!(current[0]["started_at"], current[0]["last_active_at"]);
    let other = list.iter().find(|s| s["current"] == false).unwrap();
    assert_eq!(other["browser"], "Safari");
    assert_eq!(other["os"], "iPhone");

    // A refresh keeps the session (its id and start) and moves its last activity.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let refreshed = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .header("user-agent", SAFARI)
        .json(&json!({"refresh_token": phone["refresh_token"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), StatusCode::OK);
    let after = sessions(&app, access(&laptop)).await;
    assert_eq!(after.len(), 2, "{after:?}");
    let moved = after.iter().find(|s| s["id"] == other["id"]).unwrap();
    assert_eq!(moved["started_at"], other["started_at"]);
    assert_ne!(moved["last_active_at"], other["last_active_at"]);
    // Most recently active first.
    assert_eq!(after[0]["id"], other["id"]);

    let anonymous = app.get("/api/v1/users/me/sessions").await;
    problem(anonymous, StatusCode::UNAUTHORIZED).await;
}

async fn ending_a_session_stops_its_tokens_at_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.register("ann@example.com").await;
    let laptop = log_in_from(&app, FIREFOX).await;
    let lost_phone = log_in_from(&app, SAFARI).await;
    let bob = app.user("bob@example.com").await;
    let bobs = sessions(&app, &bob.access_token).await;

    let list = sessions(&app, access(&laptop)).await;
    let phone_id = list.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Someone else's session, or something that is no id, is not found; nothing changes.
    for id in [
        bobs[0]["id"].as_str().unwrap(),
        "not-an-id",
        "00000000-0000-0000-0000-000000000000",
    ] {
        problem(end(&app, access(&laptop), id).await, StatusCode::NOT_FOUND).await;
    }
    assert_eq!(app.me(&bob.access_token).await.status(), StatusCode::OK);
    assert_eq!(app.me(access(&lost_phone)).await.status(), StatusCode::OK);

    assert_eq!(
        end(&app, access(&laptop), &phone_id).await.status(),
        StatusCode::NO_CONTENT
    );
    problem(app.me(access(&lost_phone)).await, StatusCode::UNAUTHORIZED).await;
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            json!({"refresh_token": lost_phone["refresh_token"]}),
        )
        .await;
    problem(refresh, StatusCode::UNAUTHORIZED).await;
    assert_eq!(app.me(access(&laptop)).await.status(), StatusCode::OK);
    assert_eq!(sessions(&app, access(&laptop)).await.len(), 1);
    // Once ended, it is gone.
    problem(
        end(&app, access(&laptop), &phone_id).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

async fn ending_every_other_session_keeps_this_one(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.register("ann@example.com").await;
    let laptop = log_in_from(&app, FIREFOX).await;
    let phone = log_in_from(&app, SAFARI).await;
    let tablet = log_in_from(&app, SAFARI).await;
    let bob = app.user("bob@example.com").await;

    let response = app
        .client
        .request(http::Method::DELETE, app.url("/api/v1/users/me/sessions"))
        .bearer_auth(access(&laptop))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    for ended in [&phone, &tablet] {
        problem(app.me(access(ended)).await, StatusCode::UNAUTHORIZED).await;
    }
    let left = sessions(&app, access(&laptop)).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["current"], true);
    // Nobody else's.
    assert_eq!(app.me(&bob.access_token).await.status(), StatusCode::OK);
}

async fn the_settings_page_lists_the_sessions_and_ends_them_without_javascript(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.register("Ann Lee", "ann@example.com").await;
    let phone = log_in_from(&app, SAFARI).await;
    let laptop = log_in_from(&app, FIREFOX).await;

    let page = browser.get("/settings").await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Safari on iPhone"), "no phone");
    assert!(page.contains("Firefox on Linux"), "no laptop");
    assert!(page.contains("This browser"));
    assert!(page.contains("IP address 127.0.0.1"));
    assert_eq!(
        page.matches(r#"action="/fn/end-session""#).count(),
        2,
        "one button per other session"
    );
    assert!(page.contains("aria-label=\"End session: Safari on iPhone, last active"));

    let list = sessions(&app, access(&laptop)).await;
    let phone_id = list.iter().find(|s| s["browser"] == "Safari").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let ended = browser
        .form("/fn/end-session", &format!("id={phone_id}"))
        .await;
    assert_eq!(ended.status(), StatusCode::FOUND);
    assert_eq!(location(&ended), "/settings");
    assert!(
        set_cookies(&ended)
            .iter()
            .any(|c| c.starts_with("hearth_flash=session-ended"))
    );
    problem(app.me(access(&phone)).await, StatusCode::UNAUTHORIZED).await;

    // An id that is not one of this person's: back to the settings with the reason.
    let unknown = browser.form("/fn/end-session", "id=nonsense").await;
    assert_eq!(location(&unknown), "/settings?notice=not-found");

    let others = browser.form("/fn/end-other-sessions", "").await;
    assert_eq!(location(&others), "/settings");
    problem(app.me(access(&laptop)).await, StatusCode::UNAUTHORIZED).await;
    browser.cookies = format!(
        "{}; {}",
        browser
            .cookies
            .split("; ")
            .filter(|c| !c.starts_with("hearth_flash="))
            .collect::<Vec<_>>()
            .join("; "),
        cookie_jar(&others)
    );
    let page = browser.get("/settings").await.text().await.unwrap();
    assert!(page.contains("Every other session has ended."), "no toast");
    assert!(page.contains("This is your only session."));
    assert!(!page.contains(r#"action="/fn/end-session""#));

    // Signed out, the page sends you to log in.
    let anonymous = app.browser().get("/settings").await;
    assert_eq!(anonymous.status(), StatusCode::FOUND);
    assert_eq!(location(&anonymous), "/login?next=%2Fsettings");
}
