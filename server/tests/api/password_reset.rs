//! A forgotten password: the request that answers the same for every address, the letter, the
//! link that sets a new password once and ends every session, over the API and through the
//! pages without JavaScript.

use http::StatusCode;
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use crate::helpers::{
    Engine, PASSWORD, TestApp, cookie_jar, field_errors, location, number, problem, set_cookies,
};

crate::on_both_engines!(
    a_reset_link_sets_the_password_once_and_ends_every_session,
    the_answer_is_the_same_whether_or_not_the_address_has_an_account,
    an_expired_reset_link_is_refused,
    the_pages_reset_a_password_without_javascript,
);

const NEW_PASSWORD: &str = "willow teapot orbit fennel";

async fn ask_for_reset(app: &TestApp, email: &str) -> crate::http::Response {
    app.post_json("/api/v1/auth/password-reset", json!({ "email": email }))
        .await
}

async fn confirm(app: &TestApp, token: &str, password: &str) -> crate::http::Response {
    app.post_json(
        "/api/v1/auth/password-reset/confirm",
        json!({ "token": token, "password": password }),
    )
    .await
}

/// The token of the newest reset letter to `email` once there are `count` letters to it.
async fn reset_token(app: &TestApp, email: &str, count: usize) -> String {
    let letters = app.letters_to(email, count).await;
    let letter = letters.last().unwrap();
    assert_eq!(letter.subject, "Choose a new password for Hearth");
    TestApp::token_in(letter, "/password-reset/confirm")
}

async fn a_reset_link_sets_the_password_once_and_ends_every_session(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    let phone = app.user("ann@example.com").await;
    let laptop = app.user_logged_in("ann@example.com").await;

    assert_eq!(
        ask_for_reset(&app, "Ann@Example.com ").await.status(),
        StatusCode::ACCEPTED
    );
    // The verification letter, then the reset letter.
    let token = reset_token(&app, "ann@example.com", 2).await;

    // A password the rules refuse changes nothing and leaves the link good.
    let weak = problem(
        confirm(&app, &token, "ann@example.com").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field_errors(&weak)[0].0, "password", "{weak}");
    let short = problem(
        confirm(&app, &token, "short").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_errors(&short),
        [(
            "password".to_owned(),
            "Use at least 10 characters.".to_owned()
        )]
    );
    assert_eq!(app.me(&phone.access_token).await.status(), StatusCode::OK);

    assert_eq!(
        confirm(&app, &token, NEW_PASSWORD).await.status(),
        StatusCode::NO_CONTENT
    );

    // Every session has ended: access tokens and refresh tokens alike.
    for access in [&phone.access_token, &laptop] {
        problem(app.me(access).await, StatusCode::UNAUTHORIZED).await;
    }
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            json!({"refresh_token": phone.refresh_token}),
        )
        .await;
    problem(refresh, StatusCode::UNAUTHORIZED).await;
    // The old password is gone, the new one works, and the link showed the address is theirs.
    problem(
        app.login("ann@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let tokens: Value = app
        .login("ann@example.com", NEW_PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let me: Value = app
        .me(tokens["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(me["email_verified_at"], Value::Null, "{me}");

    // Once only.
    let again = problem(
        confirm(&app, &token, "another fine lantern").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        field_errors(&again)[0]
            .1
            .starts_with("This link was used already."),
        "{again}"
    );
    problem(
        app.login("ann@example.com", "another fine lantern").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

async fn the_answer_is_the_same_whether_or_not_the_address_has_an_account(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    app.register("ann@example.com").await;
    app.letters_to("ann@example.com", 1).await;
    let queued = "SELECT count(*) FROM jobs WHERE kind = 'accounts.password-reset'";

    // Same status, same body; each request does the same work: it queues one job, and the
    // job decides whether there is anyone to write to.
    let mut answers = Vec::new();
    for (email, jobs) in [("nobody@example.com", 1), ("ann@example.com", 2)] {
        let response = ask_for_reset(&app, email).await;
        answers.push((response.status(), response.text().await.unwrap()));
        assert_eq!(number(&app.services, queued).await, jobs, "{email}");
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, StatusCode::ACCEPTED);

    // Only the account gets a letter (the worker took the jobs in order: the first is done).
    reset_token(&app, "ann@example.com", 2).await;
    assert!(app.letters_to_now("nobody@example.com").is_empty());

    // Asked again within the minute: the same answer, no second letter.
    assert_eq!(
        ask_for_reset(&app, "ann@example.com").await.status(),
        StatusCode::ACCEPTED
    );
    let done =
        "SELECT count(*) FROM jobs WHERE kind = 'accounts.password-reset' AND state = 'done'";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while number(&app.services, done).await < 3 {
        assert!(
            std::time::Instant::now() < deadline,
            "the third reset job did not run"
        );
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(app.letters_to_now("ann@example.com").len(), 2);

    // Only what cannot be an address is refused, next to the field.
    for (body, message) in [
        (json!({}), "This field is required."),
        (
            json!({"email": "ann at example"}),
            "Enter an e-mail address like name@example.com.",
        ),
    ] {
        let refused = app.post_json("/api/v1/auth/password-reset", body).await;
        let refused = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(
            field_errors(&refused),
            [("email".to_owned(), message.to_owned())]
        );
    }
}

async fn an_expired_reset_link_is_refused(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    app.register("ann@example.com").await;
    ask_for_reset(&app, "ann@example.com").await;
    let token = reset_token(&app, "ann@example.com", 2).await;
    // An hour and a second later.
    let past = OffsetDateTime::now_utc() - Duration::seconds(1);
    app.execute_at(
        "UPDATE one_time_tokens SET expires_at = $1 WHERE purpose = 'reset-password'",
        past,
    )
    .await;
    let expired = problem(
        confirm(&app, &token, NEW_PASSWORD).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_errors(&expired),
        [(
            "token".to_owned(),
            "This link has expired. Ask for a new one.".to_owned()
        )]
    );
    assert_eq!(
        app.login("ann@example.com", PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn the_pages_reset_a_password_without_javascript(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    // Signed in elsewhere: this session must end.
    let mut elsewhere = app.browser();
    elsewhere.register("Ann Lee", "ann@example.com").await;
    assert_eq!(elsewhere.get("/dashboard").await.status(), StatusCode::OK);

    let browser = app.browser();
    let login = browser.get("/login").await.text().await.unwrap();
    assert!(
        login.contains(r#"href="/password-reset""#),
        "no link from the login page"
    );
    let page = browser.get("/password-reset").await.text().await.unwrap();
    assert!(page.contains(r#"action="/fn/request-password-reset""#));

    let refused = browser
        .form("/fn/request-password-reset", "email=ann+at+example")
        .await;
    assert_eq!(
        location(&refused),
        "/password-reset?email=ann%20at%20example&e=email%3Aemail-invalid"
    );
    let shown = browser.get(&location(&refused)).await.text().await.unwrap();
    assert!(shown.contains("Enter an e-mail address like name@example.com."));

    let sent = browser
        .form("/fn/request-password-reset", "email=ann%40example.com")
        .await;
    assert_eq!(sent.status(), StatusCode::FOUND);
    assert_eq!(location(&sent), "/password-reset?sent=ann%40example.com");
    let shown = browser.get(&location(&sent)).await.text().await.unwrap();
    assert!(shown.contains(
        "If an account uses ann@example.com, a link to choose a new password is on its way."
    ));

    let token = reset_token(&app, "ann@example.com", 2).await;
    let page = browser
        .get(&format!("/password-reset/confirm?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"action="/fn/reset-password""#), "no form");
    assert!(page.contains(&format!(r#"name="token" value="{token}""#)));
    assert!(page.contains(r#"autocomplete="new-password""#));

    let weak = browser
        .form(
            "/fn/reset-password",
            &format!("token={token}&password=short"),
        )
        .await;
    assert_eq!(
        location(&weak),
        format!("/password-reset/confirm?token={token}&e=password%3Apassword-too-short")
    );
    let shown = browser.get(&location(&weak)).await.text().await.unwrap();
    assert!(shown.contains("Use at least 10 characters."));

    let done = browser
        .form(
            "/fn/reset-password",
            &format!(
                "token={token}&password={}",
                app::forms::encode(NEW_PASSWORD)
            ),
        )
        .await;
    assert_eq!(done.status(), StatusCode::FOUND);
    assert_eq!(location(&done), "/login");
    assert!(
        set_cookies(&done)
            .iter()
            .any(|c| c.starts_with("hearth_flash=password-reset"))
    );
    let mut login = app.browser();
    login.cookies = cookie_jar(&done);
    let shown = login.get("/login").await.text().await.unwrap();
    assert!(shown.contains("Your password is changed and every session has ended."));

    // The other browser is signed out.
    let ended = elsewhere.get("/dashboard").await;
    assert_eq!(
        ended.status(),
        StatusCode::FOUND,
        "still signed in elsewhere"
    );
    assert!(
        location(&ended).starts_with("/login"),
        "{}",
        location(&ended)
    );

    // The used link's page says so and links to a new one, with no form.
    let used = browser
        .form(
            "/fn/reset-password",
            &format!(
                "token={token}&password={}",
                app::forms::encode(NEW_PASSWORD)
            ),
        )
        .await;
    let page = browser.get(&location(&used)).await.text().await.unwrap();
    assert!(page.contains("This link was used already."));
    assert!(!page.contains(r#"action="/fn/reset-password""#));
    assert!(page.contains(r#"href="/password-reset""#));
}
