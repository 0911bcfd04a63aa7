//! Personal access tokens: made in the settings without JavaScript, shown once (through a
//! cookie only that page reads, never an address), stored as a hash, accepted as a bearer
//! token within their scope (a read-only one cannot write), and refused once revoked, expired,
//! or their account is disabled; making and revoking them is in the audit log.

use http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{Engine, TestApp, location, number, problem, set_cookies};

crate::on_both_engines!(
    a_token_is_shown_once_and_calls_the_api_within_its_scope,
    a_revoked_expired_or_disabled_token_opens_nothing,
    a_token_form_with_problems_comes_back_with_them,
);

/// Makes a token through the settings form; its secret, as the page that shows it once reads.
async fn make(browser: &mut crate::helpers::Browser<'_>, name: &str, scope: &str) -> String {
    let made = browser
        .form(
            "/fn/create-api-token",
            &format!(
                "name={}&scope={scope}&expires_in_days=30",
                app::forms::encode(name)
            ),
        )
        .await;
    assert_eq!(made.status(), StatusCode::FOUND);
    assert_eq!(location(&made), "/settings/tokens");
    let cookie = set_cookies(&made)
        .into_iter()
        .find(|cookie| cookie.starts_with("hearth_new_token="))
        .expect("the new token rides to the page in its cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Path=/settings/tokens"),
        "{cookie}"
    );
    assert!(
        cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=300"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_owned();
    let secret = pair.trim_start_matches("hearth_new_token=").to_owned();
    assert!(
        secret.starts_with("hearth_pat_") && secret.len() > 40,
        "{secret}"
    );

    let mut once = browser.cookies.clone();
    once.push_str("; ");
    once.push_str(&pair);
    let shown_with = std::mem::replace(&mut browser.cookies, once);
    let page = browser.get("/settings/tokens").await;
    browser.cookies = shown_with;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        set_cookies(&page)
            .iter()
            .any(|cookie| cookie.starts_with("hearth_new_token=;") && cookie.contains("Max-Age=0")),
        "the page that shows it deletes it"
    );
    let page = page.text().await.unwrap();
    assert!(
        page.contains(&format!(r#"value="{secret}""#)),
        "shown to be copied"
    );
    assert!(page.contains("Copy it now: it is not shown again."));
    let again = browser.get("/settings/tokens").await.text().await.unwrap();
    assert!(!again.contains(&secret), "shown once");
    assert!(again.contains(name));
    secret
}

async fn a_token_is_shown_once_and_calls_the_api_within_its_scope(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.user("ann@example.com").await;
    let mut browser = app.browser();
    browser.log_in("ann@example.com").await;
    let settings = browser.get("/settings").await.text().await.unwrap();
    assert!(settings.contains(r#"href="/settings/tokens""#));

    let reader = make(&mut browser, "Dashboard script", "read").await;
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM api_tokens").await,
        1
    );
    let stored = app::with_pool!(&app.services.db, pool => sqlx::query_scalar::<_, Vec<u8>>(
        "SELECT token_hash FROM api_tokens",
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(stored.len(), 32, "only its SHA-256 is kept");
    assert_ne!(stored, reader.as_bytes());

    let me = app
        .call(Method::GET, "/api/v1/users/me", Some(&reader), None)
        .await;
    assert_eq!(me.status(), StatusCode::OK);
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["email"], "ann@example.com");
    let listed = app
        .call(Method::GET, "/api/v1/workspaces", Some(&reader), None)
        .await;
    assert_eq!(listed.status(), StatusCode::OK);
    let write = json!({ "name": "Acme" });
    problem(
        app.call(
            Method::POST,
            "/api/v1/workspaces",
            Some(&reader),
            Some(write.clone()),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM workspaces").await,
        0
    );

    let writer = make(&mut browser, "CI deploys", "read_write").await;
    let made = app
        .call(
            Method::POST,
            "/api/v1/workspaces",
            Some(&writer),
            Some(write),
        )
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let page = browser.get("/settings/tokens").await.text().await.unwrap();
    assert!(page.contains("Read only · Expires"), "{page}");
    assert!(page.contains("Read and write · Expires"));
    assert!(page.contains("Last used"), "a used token says when");

    let actions = app::with_pool!(&app.services.db, pool => sqlx::query_scalar::<_, String>(
        "SELECT action FROM audit_events WHERE action LIKE 'api-token.%'",
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(actions, ["api-token.created", "api-token.created"]);
}

async fn a_revoked_expired_or_disabled_token_opens_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.user("ann@example.com").await;
    app.user("bob@example.com").await;
    let mut ann = app.browser();
    ann.log_in("ann@example.com").await;
    let first = make(&mut ann, "one", "read").await;
    let second = make(&mut ann, "two", "read").await;
    let third = make(&mut ann, "three", "read").await;
    let works = |token: String| {
        let app = &app;
        async move {
            app.call(Method::GET, "/api/v1/users/me", Some(&token), None)
                .await
                .status()
        }
    };
    let id_of = |name: &'static str| {
        let app = &app;
        async move {
            app::with_pool!(&app.services.db, pool => sqlx::query_scalar::<_, uuid::Uuid>(
                "SELECT id FROM api_tokens WHERE name = $1",
            )
            .bind(name)
            .fetch_one(pool)
            .await)
            .unwrap()
        }
    };

    // Someone else cannot revoke it.
    let mut bob = app.browser();
    bob.log_in("bob@example.com").await;
    let refused = bob
        .form(
            "/fn/revoke-api-token",
            &format!("id={}", id_of("one").await),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FOUND);
    assert!(location(&refused).starts_with("/settings/tokens?"));
    assert_eq!(works(first.clone()).await, StatusCode::OK);

    let revoked = ann
        .form(
            "/fn/revoke-api-token",
            &format!("id={}", id_of("one").await),
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::FOUND);
    assert_eq!(location(&revoked), "/settings/tokens");
    assert_eq!(works(first).await, StatusCode::UNAUTHORIZED);

    app.execute_at(
        "UPDATE api_tokens SET expires_at = $1 WHERE name = 'two'",
        time::OffsetDateTime::now_utc() - time::Duration::seconds(1),
    )
    .await;
    assert_eq!(works(second).await, StatusCode::UNAUTHORIZED);

    assert_eq!(works(third.clone()).await, StatusCode::OK);
    app.execute_at(
        "UPDATE users SET disabled_at = $1",
        time::OffsetDateTime::now_utc(),
    )
    .await;
    assert_eq!(works(third).await, StatusCode::UNAUTHORIZED);
    for nonsense in ["hearth_pat_", "hearth_pat_nonsense", "hearth_pat_\u{e9}"] {
        let status = app
            .client
            .get(app.url("/api/v1/users/me"))
            .header("authorization", format!("Bearer {nonsense}"))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{nonsense}");
    }
    let revocations = number(
        &app.services,
        "SELECT COUNT(*) FROM audit_events WHERE action = 'api-token.revoked'",
    )
    .await;
    assert_eq!(revocations, 1);
}

async fn a_token_form_with_problems_comes_back_with_them(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.user("ann@example.com").await;
    let mut browser = app.browser();
    browser.log_in("ann@example.com").await;
    for body in [
        "name=&scope=read&expires_in_days=30",
        "name=x&scope=admin&expires_in_days=30",
        "name=x&scope=read&expires_in_days=31",
        "name=x&scope=read&expires_in_days=soon",
        &format!("name={}&scope=read&expires_in_days=0", "y".repeat(101)),
    ] {
        let answer = browser.form("/fn/create-api-token", body).await;
        assert_eq!(answer.status(), StatusCode::FOUND, "{body}");
        let back = location(&answer);
        assert!(
            back.starts_with("/settings/tokens?") && back.contains("e="),
            "{body}: {back}"
        );
        assert!(
            !set_cookies(&answer)
                .iter()
                .any(|c| c.starts_with("hearth_new_token=")),
            "{body}"
        );
    }
    let back = browser
        .form(
            "/fn/create-api-token",
            "name=&scope=read&expires_in_days=30",
        )
        .await;
    let page = browser.get(&location(&back)).await.text().await.unwrap();
    assert!(page.contains(r#"aria-invalid="true""#));
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM api_tokens").await,
        0
    );
    // Signed out, the page sends to the login.
    let page = app.browser().get("/settings/tokens").await;
    assert!(
        matches!(page.status(), StatusCode::SEE_OTHER | StatusCode::FOUND),
        "{}",
        page.status()
    );
    assert!(location(&page).starts_with("/login"));
}
