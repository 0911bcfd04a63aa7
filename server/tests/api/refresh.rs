//! Refresh tokens under pressure: two refreshes racing with one token (at the same time, not
//! one after the other), a browser's old cookie inside and after the grace window, and a token
//! past its expiry. Time is moved by moving the stored times into the past.

use http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Engine, PASSWORD, TestApp, cookie_jar, problem, refresh_only};

crate::on_both_engines!(
    two_refreshes_racing_with_one_token_never_both_win,
    a_browsers_old_refresh_cookie_is_forgiven_only_within_the_grace_window,
    a_refresh_token_past_its_expiry_is_refused,
);

async fn refresh(app: &TestApp, token: &str) -> crate::http::Response {
    app.post_json("/api/v1/auth/refresh", json!({ "refresh_token": token }))
        .await
}

async fn two_refreshes_racing_with_one_token_never_both_win(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.user("ann@example.com").await;
    for round in 0..5 {
        let tokens: Value = app
            .login("ann@example.com", PASSWORD)
            .await
            .json()
            .await
            .unwrap();
        let token = tokens["refresh_token"].as_str().unwrap();
        let (first, second) = tokio::join!(refresh(&app, token), refresh(&app, token));
        let mut statuses = [first.status(), second.status()];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::UNAUTHORIZED],
            "round {round}: one token, one new pair"
        );
        // The second use is a replay as far as the server can tell: the whole login ends, so
        // the pair the winner got is no good either.
        let winner = if first.status() == StatusCode::OK {
            first
        } else {
            second
        };
        let winner: Value = winner.json().await.unwrap();
        let next = winner["refresh_token"].as_str().unwrap();
        assert_eq!(refresh(&app, next).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            app.me(winner["access_token"].as_str().unwrap())
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
}

async fn a_browsers_old_refresh_cookie_is_forgiven_only_within_the_grace_window(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.register("Ann Lee", "ann@example.com").await;
    let old = refresh_only(&browser.cookies);

    // The access cookie has expired: the first request rotates the pair.
    browser.cookies = old.clone();
    let rotated = browser.get("/dashboard").await;
    assert_eq!(rotated.status(), StatusCode::OK);
    let new = cookie_jar(&rotated);

    // Another tab still sends the old cookie a moment later: forgiven, nothing changes.
    browser.cookies = old.clone();
    let late = browser.get("/dashboard").await;
    assert_eq!(late.status(), StatusCode::OK);
    assert_eq!(
        crate::helpers::session_set_cookies(&late),
        Vec::<String>::new()
    );

    // Half a minute later it is a replay: the login ends, the new cookies with it.
    app.execute_at(
        "UPDATE sessions SET used_at = $1 WHERE used_at IS NOT NULL",
        app::db::now() - time::Duration::seconds(31),
    )
    .await;
    browser.cookies = old;
    let replayed = browser.get("/dashboard").await;
    assert_eq!(replayed.status(), StatusCode::FOUND, "sent to log in");
    browser.cookies = refresh_only(&new);
    assert_eq!(browser.get("/dashboard").await.status(), StatusCode::FOUND);
}

async fn a_refresh_token_past_its_expiry_is_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    app.execute_at(
        "UPDATE sessions SET expires_at = $1",
        app::db::now() - time::Duration::seconds(1),
    )
    .await;
    let refused = problem(
        refresh(&app, &ann.refresh_token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(refused["type"], "urn:hearth:problem:invalid-refresh-token");
}
