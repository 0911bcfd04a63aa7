//! A person's own account: their name, password and address, and the sessions they hold (listed
//! with their devices, ended one at a time or all but this one), over the API and from
//! `/settings` without JavaScript.

use http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    Engine, PASSWORD, TestApp, cookie_jar, field_errors, location, problem, set_cookies,
};

crate::on_both_engines!(
    the_sessions_list_names_each_device_and_address,
    ending_a_session_stops_its_tokens_at_once,
    ending_every_other_session_keeps_this_one,
    the_settings_page_lists_the_sessions_and_ends_them_without_javascript,
    renaming_changes_the_name_the_pages_and_the_api_show,
    changing_the_password_needs_the_current_one_and_ends_every_other_session,
    changing_the_address_goes_through_a_link_sent_to_the_new_one,
    the_settings_forms_answer_next_to_their_fields_without_javascript,
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

async fn send(
    app: &TestApp,
    method: http::Method,
    path: &str,
    token: &str,
    body: Value,
) -> crate::http::Response {
    app.client
        .request(method, app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn renaming_changes_the_name_the_pages_and_the_api_show(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let patch = |body: Value| {
        send(
            &app,
            http::Method::PATCH,
            "/api/v1/users/me",
            &ann.access_token,
            body,
        )
    };

    let renamed = patch(json!({"name": "  Ann   B.  Lee "})).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(renamed["name"], "Ann B. Lee");
    let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
    assert_eq!(me["name"], "Ann B. Lee");

    for (body, message) in [
        (json!({}), "This field is required."),
        (json!({"name": "   "}), "This field is required."),
        (
            json!({"name": "a".repeat(101)}),
            "Use at most 100 characters.",
        ),
    ] {
        let refused = problem(patch(body.clone()).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(
            field_errors(&refused),
            [("name".to_owned(), message.to_owned())],
            "{body}"
        );
    }
    let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
    assert_eq!(me["name"], "Ann B. Lee", "nothing written");

    let anonymous = app
        .client
        .request(http::Method::PATCH, app.url("/api/v1/users/me"))
        .json(&json!({"name": "Mallory"}))
        .send()
        .await
        .unwrap();
    problem(anonymous, StatusCode::UNAUTHORIZED).await;
}

async fn changing_the_password_needs_the_current_one_and_ends_every_other_session(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let here = app.user("ann@example.com").await;
    let elsewhere = log_in_from(&app, SAFARI).await;
    let change = |body: Value| {
        send(
            &app,
            http::Method::POST,
            "/api/v1/users/me/password",
            &here.access_token,
            body,
        )
    };

    let both = problem(
        change(json!({"current_password": "not it at all", "new_password": "short"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_errors(&both),
        [
            (
                "current_password".to_owned(),
                "This is not your current password.".to_owned()
            ),
            (
                "new_password".to_owned(),
                "Use at least 10 characters.".to_owned()
            ),
        ]
    );
    let missing = problem(change(json!({})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        field_errors(&missing)[0],
        (
            "current_password".to_owned(),
            "This field is required.".to_owned()
        )
    );
    // Nothing changed: every session still works.
    assert_eq!(app.me(access(&elsewhere)).await.status(), StatusCode::OK);

    let changed =
        change(json!({"current_password": PASSWORD, "new_password": "willow teapot orbit fennel"}))
            .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    problem(app.me(access(&elsewhere)).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(app.me(&here.access_token).await.status(), StatusCode::OK);
    problem(
        app.login("ann@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(
        app.login("ann@example.com", "willow teapot orbit fennel")
            .await
            .status(),
        StatusCode::OK
    );
}

async fn changing_the_address_goes_through_a_link_sent_to_the_new_one(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    let ann = app.user("ann@example.com").await;
    app.user("bob@example.com").await;
    let verification = TestApp::token_in(
        &app.letters_to("ann@example.com", 1).await[0],
        "/verify-email",
    );
    let change = |body: Value| {
        send(
            &app,
            http::Method::POST,
            "/api/v1/users/me/email",
            &ann.access_token,
            body,
        )
    };

    let same = problem(
        change(json!({"email": " ANN@example.com", "password": PASSWORD})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_errors(&same),
        [(
            "email".to_owned(),
            "This is already the address of your account.".to_owned()
        )]
    );
    let wrong = problem(
        change(json!({"email": "ann@example.org", "password": "not the password"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_errors(&wrong),
        [(
            "password".to_owned(),
            "This is not your current password.".to_owned()
        )]
    );
    let taken = problem(
        change(json!({"email": "bob@example.com", "password": PASSWORD})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(field_errors(&taken)[0].0, "email");

    assert_eq!(
        change(json!({"email": "Ann@Example.org", "password": PASSWORD}))
            .await
            .status(),
        StatusCode::ACCEPTED
    );
    let confirm = &app.letters_to("ann@example.org", 1).await[0];
    assert_eq!(
        confirm.subject,
        "Confirm your new e-mail address for Hearth"
    );
    let token = TestApp::token_in(confirm, "/confirm-email");
    let notices = app.letters_to("ann@example.com", 2).await;
    let notice = notices
        .iter()
        .find(|letter| letter.subject == "Your Hearth e-mail address is about to change")
        .expect("a notice to the old address");
    assert!(notice.text.contains("ann@example.org"), "{}", notice.text);
    assert!(
        !notice.text.contains(&token),
        "the old address cannot confirm"
    );
    // Until the link is opened nothing changes.
    let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
    assert_eq!(me["email"], "ann@example.com");

    let confirm = |token: &str| {
        app.post_json(
            "/api/v1/auth/email-change/confirm",
            json!({ "token": token }),
        )
    };
    // The verification link is for something else.
    let refused = problem(
        confirm(&verification).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        field_errors(&refused)[0]
            .1
            .starts_with("This link is not valid.")
    );

    assert_eq!(confirm(&token).await.status(), StatusCode::NO_CONTENT);
    let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
    assert_eq!(me["email"], "ann@example.org");
    assert_ne!(
        me["email_verified_at"],
        Value::Null,
        "the link proved the new address"
    );
    problem(
        app.login("ann@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(
        app.login("ann@example.org", PASSWORD).await.status(),
        StatusCode::OK
    );
    let again = problem(confirm(&token).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        field_errors(&again)[0]
            .1
            .starts_with("This link was used already.")
    );
}

async fn the_settings_forms_answer_next_to_their_fields_without_javascript(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    let mut browser = app.browser();
    browser.register("Ann Lee", "ann@example.com").await;

    let page = browser.get("/settings").await.text().await.unwrap();
    for form in [
        "/fn/rename",
        "/fn/change-email",
        "/fn/change-password",
        "/fn/end-other-sessions",
    ] {
        if form != "/fn/end-other-sessions" {
            assert!(
                page.contains(&format!(r#"action="{form}""#)),
                "no {form} form"
            );
        }
    }
    assert!(page.contains("Your account uses ann@example.com."));
    assert!(page.contains("Not verified"));

    let refused = browser.form("/fn/rename", "name=+++").await;
    assert_eq!(
        location(&refused),
        "/settings?name=%20%20%20&e=name%3Arequired"
    );
    let shown = browser.get(&location(&refused)).await.text().await.unwrap();
    assert!(shown.contains("This field is required."));

    let renamed = browser.form("/fn/rename", "name=Ann+B.+Lee").await;
    assert_eq!(location(&renamed), "/settings");
    assert!(
        set_cookies(&renamed)
            .iter()
            .any(|c| c.starts_with("hearth_flash=name-saved"))
    );
    let page = browser.get("/settings").await.text().await.unwrap();
    assert!(
        page.contains("Signed in as Ann B. Lee"),
        "the header shows the new name"
    );

    let wrong = browser
        .form(
            "/fn/change-password",
            "current_password=nope&new_password=willow+teapot+orbit+fennel",
        )
        .await;
    assert_eq!(
        location(&wrong),
        "/settings?e=current_password%3Apassword-wrong"
    );
    let shown = browser.get(&location(&wrong)).await.text().await.unwrap();
    assert!(shown.contains("This is not your current password."));

    let sent = browser
        .form(
            "/fn/change-email",
            &format!(
                "email=ann%40example.org&password={}",
                app::forms::encode(PASSWORD)
            ),
        )
        .await;
    assert_eq!(location(&sent), "/settings");
    let token = TestApp::token_in(
        &app.letters_to("ann@example.org", 1).await[0],
        "/confirm-email",
    );
    let page = browser
        .get(&format!("/confirm-email?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"action="/fn/confirm-email""#));
    let confirmed = browser
        .form("/fn/confirm-email", &format!("token={token}"))
        .await;
    assert_eq!(location(&confirmed), "/settings");
    let page = browser.get("/settings").await.text().await.unwrap();
    assert!(page.contains("Your account uses ann@example.org."));
    assert!(page.contains(">Verified<"));
    assert!(
        !page.contains("we sent a link to"),
        "no banner once the new address is proved"
    );

    let changed = browser
        .form(
            "/fn/change-password",
            &format!(
                "current_password={}&new_password=willow+teapot+orbit+fennel",
                app::forms::encode(PASSWORD)
            ),
        )
        .await;
    assert_eq!(location(&changed), "/settings");
    assert!(
        set_cookies(&changed)
            .iter()
            .any(|c| c.starts_with("hearth_flash=password-changed"))
    );
    // This browser stays signed in.
    assert_eq!(browser.get("/settings").await.status(), StatusCode::OK);
}
