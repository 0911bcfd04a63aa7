//! A person's own data: downloading all of it, and deleting the account (which erases the
//! profile, the picture and the sessions, and leaves the audit log naming no one).

use http::{Method, StatusCode};
use image::ImageFormat;
use serde_json::{Value, json};

use crate::avatars::{form, picture, upload};
use crate::helpers::{Engine, PASSWORD, TestApp, field_errors, location, number, problem};
use crate::http::Response;

crate::on_both_engines!(
    download_my_data_holds_what_is_kept_about_me_and_nothing_of_anyone_else,
    deleting_an_account_erases_it_and_leaves_the_log_naming_no_one,
    the_last_admin_cannot_delete_their_account,
    the_pages_download_and_delete_without_javascript,
);

async fn delete_me(app: &TestApp, token: &str, password: &str) -> Response {
    app.client
        .request(Method::DELETE, app.url("/api/v1/users/me"))
        .bearer_auth(token)
        .json(&json!({ "password": password }))
        .send()
        .await
        .unwrap()
}

async fn export(app: &TestApp, token: &str) -> Response {
    app.client
        .get(app.url("/api/v1/users/me/export"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn download_my_data_holds_what_is_kept_about_me_and_nothing_of_anyone_else(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    app.user_logged_in("ann@example.com").await;
    app.user("bob@example.com").await;
    app.login("ann@example.com", "a guess").await;

    let answer = export(&app, &ann.access_token).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let disposition = answer.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"hearth-data-"),
        "{disposition}"
    );
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let text = answer.text().await.unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();

    assert_eq!(document["format"], "hearth-personal-data/1");
    let profile = &document["account"]["profile"];
    assert_eq!(profile["email"], "ann@example.com");
    assert_eq!(profile["language"], "en");
    assert!(profile.get("password_hash").is_none() && !text.contains("argon2"));
    assert_eq!(document["account"]["sessions"].as_array().unwrap().len(), 2);
    let events: Vec<&str> = document["security_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "login.failed",
            "login.succeeded",
            "login.succeeded",
            "account.registered"
        ]
    );
    assert!(!text.contains("bob@example.com"));

    // Taking it is itself recorded.
    let again: Value = export(&app, &ann.access_token).await.json().await.unwrap();
    assert_eq!(again["security_events"][0]["action"], "data.exported");
    assert_eq!(
        export(&app, "not-a-token").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn deleting_an_account_erases_it_and_leaves_the_log_naming_no_one(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let root = app.admin("root@example.com").await;
    let ann = app.user("ann@example.com").await;
    let other_session = app.user_logged_in("ann@example.com").await;
    let id = app.user_id("ann@example.com").await;
    let uploaded = upload(
        &app,
        &ann.access_token,
        form(
            "file",
            "me.png",
            "image/png",
            &picture(64, 64, ImageFormat::Png),
        ),
    )
    .await;
    assert_eq!(uploaded.status(), StatusCode::OK);
    let picture_url = uploaded.json::<Value>().await.unwrap()["avatar_url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(app.get(&picture_url).await.status(), StatusCode::OK);

    // A wrong password changes nothing.
    let wrong = problem(
        delete_me(&app, &ann.access_token, "not it").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field_errors(&wrong)[0].0, "password");
    assert_eq!(app.me(&ann.access_token).await.status(), StatusCode::OK);

    assert_eq!(
        delete_me(&app, &ann.access_token, PASSWORD).await.status(),
        StatusCode::NO_CONTENT
    );
    // Gone: the tokens of every session, the account, the picture, the sessions' rows.
    assert_eq!(
        app.me(&ann.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.me(&other_session).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let login = problem(
        app.login("ann@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(login["type"], "urn:hearth:problem:bad-credentials");
    assert_eq!(app.get(&picture_url).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        number(
            &app.services,
            "SELECT COUNT(*) FROM users WHERE email = 'ann@example.com'"
        )
        .await,
        0
    );
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM sessions").await,
        1,
        "root's only"
    );
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM one_time_tokens").await,
        1,
        "root's verification link only"
    );

    // The log keeps what happened, about an id that names no one now.
    let log: Value = app
        .client
        .get(app.url(&format!("/api/v1/admin/audit?person={id}")))
        .bearer_auth(&root.access_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries[0]["action"], "account.deleted");
    assert!(entries.len() >= 4, "{log}");
    for entry in entries {
        assert_eq!(entry["subject"]["id"], id.to_string());
        assert!(entry["subject"]["name"].is_null() && entry["subject"]["email"].is_null());
    }
    assert!(!log.to_string().contains("ann@example.com"));

    // The address is free for a new account.
    assert_eq!(
        app.register("ann@example.com").await.status(),
        StatusCode::CREATED
    );
}

async fn the_last_admin_cannot_delete_their_account(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let root = app.admin("root@example.com").await;
    let refused = problem(
        delete_me(&app, &root.access_token, PASSWORD).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(field_errors(&refused)[0].0, "account");
    assert_eq!(app.me(&root.access_token).await.status(), StatusCode::OK);

    app.admin("second@example.com").await;
    assert_eq!(
        delete_me(&app, &root.access_token, PASSWORD).await.status(),
        StatusCode::NO_CONTENT
    );
}

async fn the_pages_download_and_delete_without_javascript(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.register("Ann Lee", "ann@example.com").await;

    let download = browser.form("/settings/export", "").await;
    assert_eq!(download.status(), StatusCode::OK);
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let document: Value = download.json().await.unwrap();
    assert_eq!(document["account"]["profile"]["name"], "Ann Lee");
    let anonymous = app.browser().form("/settings/export", "").await;
    assert_eq!(location(&anonymous), "/login?next=%2Fsettings");

    let settings = browser.get("/settings").await.text().await.unwrap();
    assert!(settings.contains("Download my data") && settings.contains("Delete my account"));

    let wrong = browser
        .form("/fn/delete-account", "delete_password=nope")
        .await;
    assert!(
        location(&wrong).starts_with("/settings?") && location(&wrong).contains("delete_password"),
        "{}",
        location(&wrong)
    );
    let back = browser.get(&location(&wrong)).await.text().await.unwrap();
    assert!(
        back.contains("This is not your current password."),
        "the message by the field"
    );

    let body = format!("delete_password={}", app::forms::encode(PASSWORD));
    let deleted = browser.form("/fn/delete-account", &body).await;
    assert_eq!(location(&deleted), "/account-deleted");
    let cleared = crate::helpers::session_set_cookies(&deleted);
    assert_eq!(cleared.len(), 2, "both session cookies are cleared");
    assert!(cleared.iter().all(|cookie| cookie.contains("Max-Age=0")));
    let page = app.get("/account-deleted").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Your account is deleted")
    );
    let privacy = app.get("/privacy").await;
    assert_eq!(privacy.status(), StatusCode::OK);
    assert!(
        privacy
            .text()
            .await
            .unwrap()
            .contains("What stays after you leave")
    );
}
