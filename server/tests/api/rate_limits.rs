//! Rate limits: a guesser on one account is slowed down while its owner gets back in by a
//! reset; one client address is limited over all accounts (and is who `TRUSTED_PROXIES` says);
//! letters and registrations are limited; the API as a whole is; the pages say so in words; and
//! with Redis the counters hold across servers.

use http::StatusCode;
use serde_json::json;

use crate::helpers::{Engine, PASSWORD, TestApp, location, problem};
use crate::http::Response;

crate::on_both_engines!(
    failed_logins_on_one_account_slow_down_and_a_reset_lets_the_owner_back_in,
    a_successful_login_forgets_the_failures_before_it,
    one_client_address_is_limited_over_every_account,
    registrations_and_letters_are_limited,
    the_log_in_page_says_to_wait_in_the_persons_language,
    counters_in_redis_hold_across_servers,
);

const NEW_PASSWORD: &str = "willow teapot orbit fennel";

async fn login_from(app: &TestApp, email: &str, password: &str, client: &str) -> Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", client)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

/// Asserts a 429 problem with a `Retry-After` of at least `at_least` seconds.
async fn refused(response: Response, at_least: u64) {
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= at_least, "Retry-After: {retry_after}");
    let body = problem(response, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(body["type"], "urn:hearth:problem:too-many-requests");
}

async fn failed_logins_on_one_account_slow_down_and_a_reset_lets_the_owner_back_in(engine: Engine) {
    let app = TestApp::spawn_with(
        engine,
        &[
            ("HEARTH_JOB_WORKERS", "1"),
            ("HEARTH_LIMIT_LOGIN_FAILURES_PER_ACCOUNT", "3/1h"),
        ],
    )
    .await;
    app.user("ann@example.com").await;
    app.user("bob@example.com").await;

    for _ in 0..3 {
        let wrong = app.login("ann@example.com", "not her password").await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    }
    // Now even the right password waits: the limit is checked before any password is, so a
    // guesser learns nothing from a refused attempt. Twenty minutes: one attempt an hour / 3.
    refused(app.login("ann@example.com", PASSWORD).await, 1100).await;
    refused(app.login(" ANN@example.com", "guess").await, 1100).await;
    // Another account is not slowed down by it.
    assert_eq!(
        app.login("bob@example.com", PASSWORD).await.status(),
        StatusCode::OK
    );

    // The owner asks for a reset link and is back in at once.
    let asked = app
        .post_json(
            "/api/v1/auth/password-reset",
            json!({ "email": "ann@example.com" }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let letters = app.letters_to("ann@example.com", 2).await;
    let token = TestApp::token_in(letters.last().unwrap(), "/password-reset/confirm");
    let reset = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            json!({ "token": token, "password": NEW_PASSWORD }),
        )
        .await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.login("ann@example.com", NEW_PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn a_successful_login_forgets_the_failures_before_it(engine: Engine) {
    let app = TestApp::spawn_with(
        engine,
        &[("HEARTH_LIMIT_LOGIN_FAILURES_PER_ACCOUNT", "3/1h")],
    )
    .await;
    app.user("ann@example.com").await;
    let attempt = |password: &'static str| app.login("ann@example.com", password);

    assert_eq!(attempt("typo").await.status(), StatusCode::UNAUTHORIZED);
    // Counting the log-in above (`user`) and this one, the limit of 3 is reached, but a success
    // clears the count.
    assert_eq!(attempt(PASSWORD).await.status(), StatusCode::OK);
    assert_eq!(attempt("typo").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(attempt("typo").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(attempt(PASSWORD).await.status(), StatusCode::OK);
}

async fn one_client_address_is_limited_over_every_account(engine: Engine) {
    // Behind a proxy on 127.0.0.1, which says who the client is.
    let app = TestApp::spawn_with(
        engine,
        &[
            ("HEARTH_LIMIT_LOGIN_PER_ADDRESS", "3/1h"),
            ("TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    for n in 0..3 {
        let email = format!("nobody{n}@example.com");
        let answer = login_from(&app, &email, PASSWORD, "203.0.113.5").await;
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    }
    refused(
        login_from(&app, "someone@example.com", PASSWORD, "203.0.113.5").await,
        1,
    )
    .await;
    // Another client behind the same proxy is counted apart, and a client cannot pose as
    // another by writing the header itself: the proxy appends the real address last.
    let other = login_from(&app, "someone@example.com", PASSWORD, "198.51.100.7").await;
    assert_eq!(other.status(), StatusCode::UNAUTHORIZED);
    let forged = login_from(
        &app,
        "someone@example.com",
        PASSWORD,
        "198.51.100.99, 203.0.113.5",
    )
    .await;
    assert_eq!(forged.status(), StatusCode::TOO_MANY_REQUESTS);

    // Without trusted proxies the header is nobody's word: every request is 127.0.0.1's.
    let direct = TestApp::spawn_with(engine, &[("HEARTH_LIMIT_LOGIN_PER_ADDRESS", "2/1h")]).await;
    for client in ["192.0.2.1", "192.0.2.2"] {
        let answer = login_from(&direct, "a@example.com", PASSWORD, client).await;
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    }
    let third = login_from(&direct, "a@example.com", PASSWORD, "192.0.2.3").await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn registrations_and_letters_are_limited(engine: Engine) {
    let app = TestApp::spawn_with(
        engine,
        &[
            ("HEARTH_LIMIT_REGISTRATION_PER_ADDRESS", "2/1h"),
            ("HEARTH_LIMIT_MAIL_PER_ACCOUNT", "2/1h"),
            ("HEARTH_LIMIT_API_PER_ADDRESS", "10/1h"),
        ],
    )
    .await;
    assert_eq!(
        app.register("a@example.com").await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.register("b@example.com").await.status(),
        StatusCode::CREATED
    );
    refused(app.register("c@example.com").await, 1).await;
    assert_eq!(
        crate::helpers::number(
            &app.services,
            "SELECT COUNT(*) FROM users WHERE email = 'c@example.com'"
        )
        .await,
        0,
        "nothing is written for a refused registration"
    );

    let reset = |email: &'static str| {
        app.post_json("/api/v1/auth/password-reset", json!({ "email": email }))
    };
    assert_eq!(reset("a@example.com").await.status(), StatusCode::ACCEPTED);
    assert_eq!(reset("a@example.com").await.status(), StatusCode::ACCEPTED);
    refused(reset("A@example.com").await, 1).await;
    // An address without an account is limited alike: the answer tells nothing.
    assert_eq!(reset("x@example.com").await.status(), StatusCode::ACCEPTED);
    assert_eq!(reset("x@example.com").await.status(), StatusCode::ACCEPTED);
    refused(reset("x@example.com").await, 1).await;

    // Nine API requests so far; the tenth is the last this client gets, on any route.
    assert_eq!(
        app.get("/api/v1/openapi.json").await.status(),
        StatusCode::OK
    );
    refused(app.get("/api/v1/openapi.json").await, 1).await;
    // The pages are not the API.
    assert_eq!(app.get("/login").await.status(), StatusCode::OK);
}

async fn the_log_in_page_says_to_wait_in_the_persons_language(engine: Engine) {
    let app = TestApp::spawn_with(engine, &[("HEARTH_LIMIT_LOGIN_PER_ADDRESS", "1/1h")]).await;
    let browser = app.browser();
    let login = "email=ann%40example.com&password=wrong&next=%2Fdashboard";

    let first = browser.form("/fn/log-in", login).await;
    assert_eq!(first.status(), StatusCode::FOUND);
    assert!(
        location(&first).contains("notice=bad-credentials"),
        "{}",
        location(&first)
    );
    let second = browser.form("/fn/log-in", login).await;
    assert_eq!(second.status(), StatusCode::FOUND);
    let back = location(&second);
    assert!(back.starts_with("/login?"), "{back}");
    assert!(back.contains("notice=too-many-requests"), "{back}");

    let page = app
        .client
        .get(app.url(&back))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let german = app::error::Notice::TooManyRequests.message(app::i18n::Locale::de);
    assert!(page.contains(&german), "{german} not on the page");
    assert!(
        page.contains("value=\"ann@example.com\""),
        "the address is kept"
    );
}

async fn counters_in_redis_hold_across_servers(engine: Engine) {
    let redis = std::env::var("HEARTH_TEST_REDIS_URL").unwrap_or_else(|_| {
        panic!(
            "HEARTH_TEST_REDIS_URL is not set: run the suite with `make test`, which starts \
             Redis, or start one (redis-server --port 6390) and set it"
        )
    });
    let prefix = format!("hearth-test-{}", uuid::Uuid::new_v4());
    let settings = [
        ("REDIS_URL", redis.as_str()),
        ("HEARTH_REDIS_PREFIX", prefix.as_str()),
        ("HEARTH_LIMIT_LOGIN_FAILURES_PER_ACCOUNT", "3/1h"),
    ];
    let one = TestApp::spawn_with(engine, &settings).await;
    let database = crate::helpers::TestDatabase::create(engine).await;
    let two = TestApp::spawn_on(engine, database, &settings).await;
    one.user("ann@example.com").await;
    two.user("ann@example.com").await;

    // Two servers, one count. Each counted alone, neither would refuse anything below; if the
    // success did not clear the shared count, the second round would be refused sooner.
    let attempt = |app: &'static str, password: &'static str| {
        let app = if app == "one" { &one } else { &two };
        app.login("ann@example.com", password)
    };
    let unauthorized = StatusCode::UNAUTHORIZED;
    assert_eq!(attempt("one", "wrong").await.status(), unauthorized);
    assert_eq!(attempt("two", "wrong").await.status(), unauthorized);
    assert_eq!(attempt("one", PASSWORD).await.status(), StatusCode::OK);
    assert_eq!(attempt("two", "wrong").await.status(), unauthorized);
    assert_eq!(attempt("one", "wrong").await.status(), unauthorized);
    assert_eq!(attempt("two", "wrong").await.status(), unauthorized);
    refused(attempt("one", PASSWORD).await, 1000).await;
    refused(attempt("two", PASSWORD).await, 1000).await;
}
