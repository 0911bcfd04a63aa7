use reqwest::{Response, StatusCode, redirect::Policy};

use crate::helpers::{Engine, TestApp};

crate::on_both_engines!(
    a_protected_page_sends_anonymous_visitors_to_log_in,
    registering_without_javascript_signs_in_with_http_only_cookies,
    a_wrong_password_without_javascript_comes_back_with_the_message,
    only_same_site_next_addresses_are_followed,
    a_missing_access_cookie_is_renewed_from_the_refresh_cookie,
    logging_out_revokes_the_session_and_clears_the_cookies,
    a_cross_site_post_is_refused_and_changes_nothing,
    logging_in_over_a_stale_session_keeps_the_new_one,
    concurrent_requests_with_one_stale_cookie_stay_signed_in,
);

const PASSWORD: &str = "copper kettle rain lantern";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// A form post as a browser without JavaScript makes it, from the app's own page.
async fn form(app: &TestApp, path: &str, body: &str, cookies: &str) -> Response {
    client()
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("origin", app.url("").trim_end_matches('/'))
        .header("sec-fetch-site", "same-origin")
        .header("referer", app.url("/login"))
        .header("cookie", cookies)
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

fn location(response: &Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// The `name=value` pairs of a response's `Set-Cookie` headers, for sending back.
fn cookie_jar(response: &Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| {
            value
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A page visit as a browser makes it.
async fn get(app: &TestApp, path: &str, cookies: &str) -> Response {
    client()
        .get(app.url(path))
        .header("accept", "text/html,application/xhtml+xml")
        .header("cookie", cookies)
        .send()
        .await
        .unwrap()
}

async fn register(app: &TestApp) -> Response {
    form(
        app,
        "/fn/register",
        &format!(
            "name=Ann+Lee&email=ann%40example.com&password={}&next=%2Fdashboard",
            PASSWORD.replace(' ', "+")
        ),
        "",
    )
    .await
}

async fn a_protected_page_sends_anonymous_visitors_to_log_in(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let response = get(&app, "/dashboard", "").await;

    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/login?next=%2Fdashboard");
}

async fn registering_without_javascript_signs_in_with_http_only_cookies(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let response = register(&app).await;

    assert!(response.status().is_redirection(), "{}", response.status());
    assert_eq!(location(&response), "/dashboard");
    let set_cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(set_cookies.len(), 2, "{set_cookies:?}");
    for cookie in &set_cookies {
        assert!(cookie.contains("; HttpOnly; SameSite=Lax"), "{cookie}");
        assert!(cookie.contains("Path=/"), "{cookie}");
    }
    assert!(set_cookies[0].starts_with("hearth_access=") && set_cookies[0].contains("Max-Age=900"));
    assert!(set_cookies[1].starts_with("hearth_refresh="));

    let page = get(&app, "/dashboard", &cookie_jar(&response)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Welcome, Ann Lee"), "{html}");
    assert!(html.contains("ann@example.com"), "{html}");
    // The session list loads in the browser; the server sends its skeleton.
    assert!(html.contains(r#"data-testid="sessions-loading""#), "{html}");
}

async fn a_wrong_password_without_javascript_comes_back_with_the_message(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    register(&app).await;

    let response = form(
        &app,
        "/fn/log-in",
        "email=ann%40example.com&password=wrong+one&next=%2Fdashboard",
        "",
    )
    .await;

    assert!(response.status().is_redirection());
    let back = location(&response);
    assert!(back.starts_with("/login?"), "{back}");
    assert!(back.contains("notice=bad-credentials"), "{back}");
    assert!(
        !back.contains("wrong"),
        "the password must never be in the URL: {back}"
    );
    assert!(response.headers().get("set-cookie").is_none());
    let html = get(&app, &back, "").await.text().await.unwrap();
    assert!(
        html.contains("The e-mail address or the password is not right."),
        "{html}"
    );
    assert!(
        html.contains(r#"value="ann@example.com""#),
        "the typed address stays: {html}"
    );

    // Field problems come back next to their fields.
    let response = form(&app, "/fn/log-in", "email=&password=&next=%2Fdashboard", "").await;
    let html = get(&app, &location(&response), "")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(html.matches("This field is required.").count(), 2, "{html}");
}

async fn only_same_site_next_addresses_are_followed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    register(&app).await;

    for (next, expected) in [
        ("%2Fprojects%3Fpage%3D2", "/projects?page=2"),
        ("https%3A%2F%2Fevil.example%2F", "/dashboard"),
        ("%2F%2Fevil.example", "/dashboard"),
    ] {
        let body = format!(
            "email=ann%40example.com&password={}&next={next}",
            PASSWORD.replace(' ', "+")
        );
        let response = form(&app, "/fn/log-in", &body, "").await;
        assert_eq!(location(&response), expected, "next={next}");
    }
}

async fn a_missing_access_cookie_is_renewed_from_the_refresh_cookie(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let jar = cookie_jar(&register(&app).await);
    let refresh_only: String = jar
        .split("; ")
        .filter(|pair| pair.starts_with("hearth_refresh="))
        .collect();

    let response = get(&app, "/dashboard", &refresh_only).await;

    assert_eq!(response.status(), StatusCode::OK);
    let renewed = cookie_jar(&response);
    assert!(renewed.contains("hearth_access="), "{renewed}");
    assert!(renewed.contains("hearth_refresh="), "{renewed}");
    assert!(
        !renewed.contains(&refresh_only),
        "the refresh token rotated"
    );
    assert!(response.text().await.unwrap().contains("Welcome, Ann Lee"));
}

async fn logging_out_revokes_the_session_and_clears_the_cookies(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let jar = cookie_jar(&register(&app).await);

    let response = form(&app, "/fn/log-out", "", &jar).await;

    assert_eq!(location(&response), "/");
    let cleared: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cleared.iter().all(|cookie| cookie.contains("Max-Age=0")),
        "{cleared:?}"
    );
    // The old cookies no longer open anything, even if a copy survived somewhere.
    let response = get(&app, "/dashboard", &jar).await;
    assert_eq!(response.status(), StatusCode::FOUND);
}

async fn a_cross_site_post_is_refused_and_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let jar = cookie_jar(&register(&app).await);

    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = client()
            .post(app.url("/fn/log-out"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header(name, value)
            .header("cookie", &jar)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}: {value}");
        assert!(response.headers().get("set-cookie").is_none());
    }
    // Still signed in: the forged log-out did nothing.
    assert_eq!(get(&app, "/dashboard", &jar).await.status(), StatusCode::OK);
}

fn refresh_only(jar: &str) -> String {
    jar.split("; ")
        .filter(|pair| pair.starts_with("hearth_refresh="))
        .collect()
}

async fn logging_in_over_a_stale_session_keeps_the_new_one(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // Ann's access cookie has expired (here: is missing); her refresh cookie is still good.
    let ann = refresh_only(&cookie_jar(&register(&app).await));
    let bob = format!(
        "name=Bob&email=bob%40example.com&password={}&next=%2Fdashboard",
        PASSWORD.replace(' ', "+")
    );
    form(&app, "/fn/register", &bob, "").await;

    // Bob logs in on the same browser.
    let body = format!(
        "email=bob%40example.com&password={}&next=%2Fdashboard",
        PASSWORD.replace(' ', "+")
    );
    let response = form(&app, "/fn/log-in", &body, &ann).await;

    let set_cookies = response.headers().get_all("set-cookie").iter().count();
    assert_eq!(
        set_cookies, 2,
        "only the login's own cookies, not a refreshed pair for Ann"
    );
    let html = get(&app, "/dashboard", &cookie_jar(&response))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Welcome, Bob"), "{html}");
}

async fn concurrent_requests_with_one_stale_cookie_stay_signed_in(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let stale = refresh_only(&cookie_jar(&register(&app).await));

    // Two requests of one browser present the same refresh cookie: the first rotates it ...
    let first = get(&app, "/dashboard", &stale).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers().get_all("set-cookie").iter().count(), 2);
    // ... the second, a moment later, is still that person and leaves the cookies alone.
    let second = get(&app, "/dashboard", &stale).await;
    assert_eq!(second.status(), StatusCode::OK);
    assert!(second.headers().get("set-cookie").is_none());
    assert!(second.text().await.unwrap().contains("Welcome, Ann Lee"));

    // The session survived: the first response's new cookies still work.
    let page = get(&app, "/dashboard", &cookie_jar(&first)).await;
    assert_eq!(page.status(), StatusCode::OK);
}
