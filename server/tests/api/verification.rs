//! Verifying an address: the letter registration sends (through the app's own job worker, into
//! its outbox), the link's token over the API and through the page's form, sending it again,
//! and every way a token can be wrong.

use http::StatusCode;
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use crate::helpers::{
    Engine, PASSWORD, TestApp, cookie_jar, field_errors, location, number, problem, set_cookies,
};

crate::on_both_engines!(
    registering_sends_a_link_in_the_persons_language_that_verifies_the_address_once,
    a_wrong_token_is_answered_on_the_token_field,
    an_expired_link_is_refused_and_a_new_one_can_be_asked_for_once_a_minute,
    the_banner_asks_an_unverified_person_and_the_page_verifies_without_javascript,
    the_purge_removes_used_and_expired_tokens_and_keeps_live_ones,
);

async fn me(app: &TestApp, access_token: &str) -> Value {
    let response = app.me(access_token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn verify(app: &TestApp, token: &str) -> crate::http::Response {
    app.post_json("/api/v1/auth/verify-email", json!({ "token": token }))
        .await
}

async fn registering_sends_a_link_in_the_persons_language_that_verifies_the_address_once(
    engine: Engine,
) {
    let app = TestApp::with_jobs(engine).await;
    let registered = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("accept-language", "fr-CH, fr;q=0.9, en;q=0.5")
        .json(&json!({"email": "zoe@example.com", "password": PASSWORD, "name": "Zoé"}))
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status(), StatusCode::CREATED);
    let registered: Value = registered.json().await.unwrap();
    assert_eq!(registered["email_verified_at"], Value::Null, "{registered}");

    let letters = app.letters_to("zoe@example.com", 1).await;
    let letter = &letters[0];
    assert_eq!(letter.subject, "Confirmez votre adresse e-mail pour Hearth");
    assert!(letter.text.starts_with("Bonjour Zoé,"), "{}", letter.text);
    assert!(
        letter.html.contains("Confirmer mon adresse"),
        "{}",
        letter.html
    );
    let token = TestApp::token_in(letter, "/verify-email");
    assert_eq!(token.len(), 43, "256 bits, base64url: {token}");

    let user = app.user_logged_in("zoe@example.com").await;
    assert_eq!(me(&app, &user).await["email_verified_at"], Value::Null);

    assert_eq!(verify(&app, &token).await.status(), StatusCode::NO_CONTENT);
    let verified = me(&app, &user).await["email_verified_at"].clone();
    let at = OffsetDateTime::parse(
        verified.as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(
        (OffsetDateTime::now_utc() - at).abs() < Duration::minutes(1),
        "{verified}"
    );

    // The same link again: used, and the verification stands as it was.
    let again = problem(verify(&app, &token).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        field_errors(&again),
        [(
            "token".to_owned(),
            "This link was used already. Each link works once; ask for a new one if you need it."
                .to_owned()
        )]
    );
    assert_eq!(me(&app, &user).await["email_verified_at"], verified);

    // Verified: asking again sends nothing.
    let resend = app
        .client
        .post(app.url("/api/v1/auth/verify-email/resend"))
        .bearer_auth(&user)
        .send()
        .await
        .unwrap();
    assert_eq!(resend.status(), StatusCode::ACCEPTED);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.letters_to("zoe@example.com", 1).await.len(), 1);
}

async fn a_wrong_token_is_answered_on_the_token_field(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    app.register("ann@example.com").await;
    let token = TestApp::token_in(
        &app.letters_to("ann@example.com", 1).await[0],
        "/verify-email",
    );

    let cases = [
        (json!({}), "This field is required."),
        (json!({"token": ""}), "This field is required."),
        (
            json!({"token": "not-a-token"}),
            "This link is not valid. Copy the whole address from the letter, or ask for a new link.",
        ),
        // Cut short, as a mail program might wrap it.
        (
            json!({"token": &token[..30]}),
            "This link is not valid. Copy the whole address from the letter, or ask for a new link.",
        ),
        (
            json!({"token": "x".repeat(10_000)}),
            "This link is not valid. Copy the whole address from the letter, or ask for a new link.",
        ),
    ];
    for (body, message) in cases {
        let response = app
            .post_json("/api/v1/auth/verify-email", body.clone())
            .await;
        let body_problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(
            field_errors(&body_problem),
            [("token".to_owned(), message.to_owned())],
            "{body}"
        );
    }

    // A link for another purpose does not verify: a reset link is unknown here, and the
    // verification link is unknown to the reset.
    assert_eq!(
        app.post_json(
            "/api/v1/auth/password-reset",
            json!({"email": "ann@example.com"})
        )
        .await
        .status(),
        StatusCode::ACCEPTED
    );
    let letters = app.letters_to("ann@example.com", 2).await;
    let reset = TestApp::token_in(&letters[1], "/password-reset/confirm");
    let refused = problem(verify(&app, &reset).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(field_errors(&refused)[0].0, "token");
    let refused = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            json!({"token": token, "password": "willow teapot orbit fennel"}),
        )
        .await;
    let refused = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        field_errors(&refused)[0]
            .1
            .starts_with("This link is not valid."),
        "{refused}"
    );
    // Neither was spent by the attempt.
    assert_eq!(verify(&app, &token).await.status(), StatusCode::NO_CONTENT);
}

async fn an_expired_link_is_refused_and_a_new_one_can_be_asked_for_once_a_minute(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    app.register("ann@example.com").await;
    let first = TestApp::token_in(
        &app.letters_to("ann@example.com", 1).await[0],
        "/verify-email",
    );
    let user = app.user_logged_in("ann@example.com").await;
    let resend = || async {
        app.client
            .post(app.url("/api/v1/auth/verify-email/resend"))
            .bearer_auth(&user)
            .send()
            .await
            .unwrap()
    };

    // Registration sent one a moment ago: wait.
    let too_soon = resend().await;
    assert_eq!(too_soon.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u32 = too_soon.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=61).contains(&wait), "Retry-After: {wait}");
    problem(too_soon, StatusCode::TOO_MANY_REQUESTS).await;
    // Without a bearer token: who is asking?
    let anonymous = app
        .client
        .post(app.url("/api/v1/auth/verify-email/resend"))
        .send()
        .await
        .unwrap();
    problem(anonymous, StatusCode::UNAUTHORIZED).await;

    // A day and a minute later the first link has expired, and a new one may be sent.
    let past = OffsetDateTime::now_utc() - Duration::hours(24) - Duration::minutes(1);
    app.execute_at(
        "UPDATE one_time_tokens SET created_at = $1, expires_at = $1",
        past,
    )
    .await;
    let expired = problem(verify(&app, &first).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        field_errors(&expired),
        [(
            "token".to_owned(),
            "This link has expired. Ask for a new one.".to_owned()
        )]
    );
    assert_eq!(resend().await.status(), StatusCode::ACCEPTED);
    let letters = app.letters_to("ann@example.com", 2).await;
    let second = TestApp::token_in(&letters[1], "/verify-email");
    assert_ne!(second, first);
    assert_eq!(verify(&app, &second).await.status(), StatusCode::NO_CONTENT);
    assert_ne!(me(&app, &user).await["email_verified_at"], Value::Null);
}

async fn the_banner_asks_an_unverified_person_and_the_page_verifies_without_javascript(
    engine: Engine,
) {
    let app = TestApp::with_jobs(engine).await;
    let mut browser = app.browser();
    browser.register("Ann Lee", "ann@example.com").await;
    let token = TestApp::token_in(
        &app.letters_to("ann@example.com", 1).await[0],
        "/verify-email",
    );

    let dashboard = browser.get("/dashboard").await.text().await.unwrap();
    assert!(
        dashboard.contains("Confirm your e-mail address: we sent a link to ann@example.com."),
        "no banner"
    );
    assert!(dashboard.contains(r#"action="/fn/resend-verification""#));
    assert!(dashboard.contains(r#"name="next" value="/dashboard""#));
    // The banner is kept once rendered (`rendered_once`): the next person sees their own
    // address and page in it, never Ann's.
    let mut bob = app.browser();
    bob.register("Bob", "bob+<b>@example.com").await;
    let settings = bob.get("/settings?x=1&y=2").await.text().await.unwrap();
    assert!(
        settings.contains("we sent a link to bob+&lt;b&gt;@example.com."),
        "{settings}"
    );
    assert!(!settings.contains("ann@example.com"));
    assert!(settings.contains(r#"name="next" value="/settings?x=1&amp;y=2""#));

    // Asked again at once: back where the banner was, told to wait; no letter.
    let too_soon = browser
        .form("/fn/resend-verification", "next=%2Fdashboard")
        .await;
    assert_eq!(too_soon.status(), StatusCode::FOUND);
    assert_eq!(location(&too_soon), "/dashboard?notice=too-many-requests");
    let told = browser
        .get("/dashboard?notice=too-many-requests")
        .await
        .text()
        .await
        .unwrap();
    assert!(told.contains("Too many attempts. Wait a moment and try again."));

    // The link's page changes nothing by being opened; its button does.
    let page = browser
        .get(&format!("/verify-email?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"action="/fn/verify-email""#), "no form");
    assert!(page.contains(&format!(r#"name="token" value="{token}""#)));
    assert!(
        browser
            .get("/dashboard")
            .await
            .text()
            .await
            .unwrap()
            .contains("we sent a link")
    );

    let verified = browser
        .form("/fn/verify-email", &format!("token={token}"))
        .await;
    assert_eq!(verified.status(), StatusCode::FOUND);
    assert_eq!(location(&verified), "/dashboard");
    assert!(
        set_cookies(&verified)
            .iter()
            .any(|cookie| cookie.starts_with("hearth_flash=email-verified")),
        "{:?}",
        set_cookies(&verified)
    );
    // The browser keeps its session and takes the new flash in place of the old one.
    let session: Vec<&str> = browser
        .cookies
        .split("; ")
        .filter(|pair| !pair.starts_with("hearth_flash="))
        .collect();
    browser.cookies = format!("{}; {}", session.join("; "), cookie_jar(&verified));
    let dashboard = browser.get("/dashboard").await.text().await.unwrap();
    assert!(
        dashboard.contains("Your e-mail address is confirmed."),
        "no toast"
    );
    assert!(
        !dashboard.contains("we sent a link"),
        "the banner is still there"
    );

    // The same link once more: back on its page, which says why and offers nothing to press.
    let again = browser
        .form("/fn/verify-email", &format!("token={token}"))
        .await;
    assert_eq!(
        location(&again),
        format!("/verify-email?token={token}&e=token%3Alink-used")
    );
    let page = browser.get(&location(&again)).await.text().await.unwrap();
    assert!(page.contains("This link was used already."), "no message");
    assert!(!page.contains(r#"action="/fn/verify-email""#));
}

async fn the_purge_removes_used_and_expired_tokens_and_keeps_live_ones(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    let mut tokens = Vec::new();
    for email in ["ann@example.com", "bob@example.com", "cy@example.com"] {
        app.register(email).await;
        tokens.push(TestApp::token_in(
            &app.letters_to(email, 1).await[0],
            "/verify-email",
        ));
    }
    // Ann's is used; Bob's expired a second ago; Cy's is still good.
    assert_eq!(
        verify(&app, &tokens[0]).await.status(),
        StatusCode::NO_CONTENT
    );
    app.execute_at(
        "UPDATE one_time_tokens SET expires_at = $1 WHERE email = 'bob@example.com'",
        OffsetDateTime::now_utc() - Duration::seconds(1),
    )
    .await;

    let purged = app.services.accounts.purge_sessions().await.unwrap();
    assert_eq!(purged, 2, "the used and the expired token");
    let left = number(&app.services, "SELECT count(*) FROM one_time_tokens").await;
    assert_eq!(left, 1);
    assert_eq!(
        verify(&app, &tokens[2]).await.status(),
        StatusCode::NO_CONTENT
    );
}
