//! The accounts REST API: registration, login, tokens, logout, `users/me`.

use http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Engine, NAME, PASSWORD, TestApp, field_errors, problem};

crate::on_both_engines!(
    registering_returns_the_user_without_secrets,
    invalid_fields_are_all_reported_and_nothing_is_written,
    weak_passwords_are_refused_with_a_reason,
    an_email_address_registers_once_whatever_its_case,
    logging_in_gives_a_token_pair_that_opens_users_me,
    unknown_email_and_wrong_password_look_the_same,
    users_me_needs_a_valid_bearer_token,
    refreshing_rotates_and_reuse_revokes_the_family,
    logging_out_ends_the_session,
);

async fn registering_returns_the_user_without_secrets(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let response = app.register("  Ann.Lee@Example.com ").await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let user: Value = response.json().await.unwrap();
    assert_eq!(user["email"], "ann.lee@example.com");
    assert_eq!(user["name"], "Ann Lee");
    assert_eq!(user["role"], "member");
    assert!(user["id"].as_str().unwrap().len() == 36, "{user}");
    assert!(
        user["created_at"].as_str().unwrap().ends_with('Z'),
        "{user}"
    );
    // Not verified yet: the letter with the link has only just been queued.
    assert_eq!(user["email_verified_at"], Value::Null, "{user}");
    assert_eq!(user["avatar_url"], Value::Null, "{user}");
    let keys: Vec<&String> = user.as_object().unwrap().keys().collect();
    assert_eq!(
        keys.len(),
        7,
        "only id, email, name, role, created_at, email_verified_at, avatar_url: {user}"
    );
}

async fn invalid_fields_are_all_reported_and_nothing_is_written(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let body = problem(
        app.post_json(
            "/api/v1/auth/register",
            json!({"email": "ann@", "password": "short"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["type"], "urn:hearth:problem:validation");
    assert_eq!(
        field_errors(&body),
        vec![
            (
                "email".to_owned(),
                "Enter an e-mail address like name@example.com.".to_owned()
            ),
            (
                "password".to_owned(),
                "Use at least 10 characters.".to_owned()
            ),
            ("name".to_owned(), "This field is required.".to_owned()),
        ]
    );

    // A valid address with a bad name wrote nothing: the address is still free.
    let response = app
        .post_json(
            "/api/v1/auth/register",
            json!({"email": "ann@example.com", "password": PASSWORD, "name": " "}),
        )
        .await;
    problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        app.register("ann@example.com").await.status(),
        StatusCode::CREATED
    );
}

async fn weak_passwords_are_refused_with_a_reason(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    for (password, reason) in [
        ("password123", "It is one of the most used passwords."),
        ("abcdefghijklm", "Sequences like"),
        // Long enough, but made of the person's own address.
        ("ann.lee@example.com", "This password is too easy to guess."),
        (&"x".repeat(129), "Use at most 128 characters."),
    ] {
        assert!(!reason.is_empty());
        let body = problem(
            app.post_json(
                "/api/v1/auth/register",
                json!({"email": "ann.lee@example.com", "password": password, "name": NAME}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let errors = field_errors(&body);
        assert_eq!(errors.len(), 1, "{password}: {body}");
        assert_eq!(errors[0].0, "password");
        assert!(errors[0].1.contains(reason), "{password}: {}", errors[0].1);
    }
}

async fn an_email_address_registers_once_whatever_its_case(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(
        app.register("ann@example.com").await.status(),
        StatusCode::CREATED
    );

    let body = problem(app.register("ANN@example.COM").await, StatusCode::CONFLICT).await;

    assert_eq!(body["type"], "urn:hearth:problem:email-taken");
    assert_eq!(field_errors(&body)[0].0, "email");
}

#[tokio::test]
async fn bodies_that_are_not_the_expected_json_get_problems() {
    let app = TestApp::start().await;
    let url = app.url("/api/v1/auth/register");
    let send = |body: &'static str, content_type: Option<&'static str>| {
        let mut request = app.client.post(&url).body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        request.send()
    };

    let body = problem(
        send("{\"email\": ", Some("application/json"))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["type"], "urn:hearth:problem:malformed-body");
    problem(
        send("{\"email\": 5}", Some("application/json"))
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    problem(
        send("[1, 2]", Some("application/json")).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    problem(
        send("{}", None).await.unwrap(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;

    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
    let response = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::PAYLOAD_TOO_LARGE).await;
}

async fn logging_in_gives_a_token_pair_that_opens_users_me(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(
        app.register("ann@example.com").await.status(),
        StatusCode::CREATED
    );

    let response = app.login("Ann@Example.com", PASSWORD).await;

    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.unwrap();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    assert_eq!(
        tokens["access_token"].as_str().unwrap().split('.').count(),
        3
    );
    assert_eq!(tokens["refresh_token"].as_str().unwrap().len(), 43);

    let response = app.me(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let user: Value = response.json().await.unwrap();
    assert_eq!(user["email"], "ann@example.com");
    assert_eq!(user["name"], "Ann Lee");
}

async fn unknown_email_and_wrong_password_look_the_same(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(
        app.register("ann@example.com").await.status(),
        StatusCode::CREATED
    );

    let wrong_password = problem(
        app.login("ann@example.com", "not the password").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown_email = problem(
        app.login("bob@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let not_an_email = problem(app.login("bob", PASSWORD).await, StatusCode::UNAUTHORIZED).await;

    assert_eq!(wrong_password, unknown_email);
    assert_eq!(wrong_password, not_an_email);
    assert_eq!(
        wrong_password["detail"],
        "The e-mail address or the password is not right."
    );

    let body = problem(app.login("", "").await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(field_errors(&body).len(), 2);
}

async fn users_me_needs_a_valid_bearer_token(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let response = app
        .client
        .get(app.url("/api/v1/users/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    problem(response, StatusCode::UNAUTHORIZED).await;
    problem(app.me("not-a-token").await, StatusCode::UNAUTHORIZED).await;

    // A session cookie is not a bearer token: the API ignores cookies.
    let response = app
        .client
        .get(app.url("/api/v1/users/me"))
        .header("cookie", "access_token=whatever")
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::UNAUTHORIZED).await;
}

async fn refreshing_rotates_and_reuse_revokes_the_family(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let first = json!({"access_token": ann.access_token, "refresh_token": ann.refresh_token});
    let other_login = app.login("ann@example.com", PASSWORD).await;
    assert_eq!(other_login.status(), StatusCode::OK);
    let other_login: Value = other_login.json().await.unwrap();

    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            json!({"refresh_token": first["refresh_token"]}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let second: Value = response.json().await.unwrap();
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(
        app.me(second["access_token"].as_str().unwrap())
            .await
            .status(),
        StatusCode::OK
    );

    // The first token is spent; presenting it again is a replay.
    let body = problem(
        app.post_json(
            "/api/v1/auth/refresh",
            json!({"refresh_token": first["refresh_token"]}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(body["type"], "urn:hearth:problem:invalid-refresh-token");

    // ... which revoked the whole family: the second pair is dead too.
    problem(
        app.post_json(
            "/api/v1/auth/refresh",
            json!({"refresh_token": second["refresh_token"]}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    problem(
        app.me(second["access_token"].as_str().unwrap()).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    // Another login of the same person is a different family and lives on.
    assert_eq!(
        app.me(other_login["access_token"].as_str().unwrap())
            .await
            .status(),
        StatusCode::OK
    );
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            json!({"refresh_token": other_login["refresh_token"]}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    problem(
        app.post_json("/api/v1/auth/refresh", json!({"refresh_token": "made-up"}))
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let body = problem(
        app.post_json("/api/v1/auth/refresh", json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field_errors(&body)[0].0, "refresh_token");
}

async fn logging_out_ends_the_session(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let tokens = json!({"access_token": ann.access_token, "refresh_token": ann.refresh_token});

    let response = app
        .post_json(
            "/api/v1/auth/logout",
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    problem(
        app.post_json(
            "/api/v1/auth/refresh",
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    problem(
        app.me(tokens["access_token"].as_str().unwrap()).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // Logging out twice, or with a token nobody knows, is not an error.
    let again = app
        .post_json(
            "/api/v1/auth/logout",
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn messages_follow_accept_language() {
    let app = TestApp::start().await;

    let response = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("accept-language", "de-DE,de;q=0.9")
        .json(&json!({"email": "ann@example.com", "password": "kurz", "name": "Ann"}))
        .send()
        .await
        .unwrap();

    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["detail"], "Einige Felder müssen korrigiert werden.");
    assert_eq!(
        field_errors(&body)[0].1,
        "Verwenden Sie mindestens 10 Zeichen."
    );
    // The title names the kind of problem and stays the same in every language.
    assert_eq!(body["title"], "Invalid fields");

    // Errors made before any handler runs speak the caller's language too.
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("accept-language", "fr")
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    let body = problem(response, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    assert_eq!(
        body["detail"],
        "Envoyez le corps en JSON, avec Content-Type: application/json."
    );
    let response = app
        .client
        .get(app.url("/api/v1/nowhere"))
        .header("accept-language", "es")
        .send()
        .await
        .unwrap();
    let body = problem(response, StatusCode::NOT_FOUND).await;
    assert_eq!(body["detail"], "Ese punto de acceso de la API no existe.");
    // A body that is not JSON: the detail is for people, the parser's reason for developers.
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("accept-language", "de")
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    let body = problem(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        body["detail"],
        "Der Inhalt der Anfrage ist kein gültiges JSON."
    );
    assert!(body["reason"].is_string(), "{body}");
}

#[tokio::test]
async fn unknown_endpoints_and_methods_are_problems_too() {
    let app = TestApp::start().await;

    problem(app.get("/api/v1/nothing/here").await, StatusCode::NOT_FOUND).await;
    let response = app.get("/api/v1/auth/login").await;
    assert!(
        response.headers()["allow"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    problem(response, StatusCode::METHOD_NOT_ALLOWED).await;
}
