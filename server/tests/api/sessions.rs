//! Browser sessions without JavaScript: the forms, the cookies, the guard, and the same-site
//! check.

use http::StatusCode;

use crate::helpers::{
    Engine, NAME, PASSWORD, TestApp, cookie_jar, location, refresh_only, session_set_cookies,
    set_cookies,
};

crate::on_both_engines!(
    a_protected_page_sends_anonymous_visitors_to_log_in,
    registering_without_javascript_signs_in_with_http_only_cookies,
    a_wrong_password_without_javascript_comes_back_with_the_message,
    a_taken_address_comes_back_next_to_its_field,
    only_same_site_next_addresses_are_followed,
    a_missing_access_cookie_is_renewed_from_the_refresh_cookie,
    logging_out_revokes_the_session_and_clears_the_cookies,
    a_cross_site_post_is_refused_and_changes_nothing,
    logging_in_over_a_stale_session_keeps_the_new_one,
    concurrent_requests_with_one_stale_cookie_stay_signed_in,
    a_page_for_one_role_turns_other_people_away,
    each_header_names_its_own_person_and_marks_its_own_page,
);

fn login_form(email: &str, password: &str, next: &str) -> String {
    format!(
        "email={}&password={}&next={}",
        app::forms::encode(email),
        app::forms::encode(password),
        app::forms::encode(next)
    )
}

async fn a_protected_page_sends_anonymous_visitors_to_log_in(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let response = app.browser().get("/dashboard").await;

    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/login?next=%2Fdashboard");
}

async fn registering_without_javascript_signs_in_with_http_only_cookies(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();

    let response = browser.register(NAME, "ann@example.com").await;

    let cookies = session_set_cookies(&response);
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    for cookie in &set_cookies(&response) {
        assert!(cookie.contains("; HttpOnly; SameSite=Lax"), "{cookie}");
        assert!(cookie.contains("Path=/"), "{cookie}");
    }
    assert!(cookies[0].starts_with("hearth_access=") && cookies[0].contains("Max-Age=900"));
    assert!(cookies[1].starts_with("hearth_refresh="));

    // The next page greets the new person once, with a toast the form post left for it.
    assert!(
        set_cookies(&response)
            .iter()
            .any(|cookie| cookie.starts_with("hearth_flash=welcome;")),
        "{:?}",
        set_cookies(&response)
    );
    let page = browser.get("/dashboard").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        set_cookies(&page)
            .iter()
            .any(|cookie| cookie.starts_with("hearth_flash=;") && cookie.contains("Max-Age=0")),
        "the greeting is shown once: {:?}",
        set_cookies(&page)
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("Welcome, Ann Lee"), "{html}");
    assert!(
        html.contains(r#"class="flex-1">Welcome, Ann Lee</p>"#),
        "the toast: {html}"
    );
    assert!(html.contains("ann@example.com"), "{html}");
    // The session list is part of the page the server sends, in its place.
    assert!(html.contains("This browser"), "{html}");
    assert!(
        !html.contains(r#"data-testid="sessions-loading""#),
        "{html}"
    );
}

async fn a_wrong_password_without_javascript_comes_back_with_the_message(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.browser().register(NAME, "ann@example.com").await;
    let browser = app.browser();

    let response = browser
        .form(
            "/fn/log-in",
            &login_form("ann@example.com", "wrong one", "/dashboard"),
        )
        .await;

    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location(&response);
    assert!(back.starts_with("/login?"), "{back}");
    assert!(back.contains("notice=bad-credentials"), "{back}");
    assert!(
        !back.contains("wrong"),
        "the password must never be in the URL: {back}"
    );
    assert!(response.headers().get("set-cookie").is_none());
    let html = browser.get(&back).await.text().await.unwrap();
    assert!(
        html.contains("The e-mail address or the password is not right."),
        "{html}"
    );
    assert!(
        html.contains(r#"value="ann@example.com""#),
        "the typed address stays: {html}"
    );

    // Field problems come back next to their fields.
    let response = browser
        .form("/fn/log-in", &login_form("", "", "/dashboard"))
        .await;
    let html = browser
        .get(&location(&response))
        .await
        .text()
        .await
        .unwrap();
    for field in ["email", "password"] {
        let message = format!(
            r#"<p id="{field}-error" class="text-sm font-medium text-red-700 dark:text-red-400">This field is required.</p>"#
        );
        assert!(html.contains(&message), "{field}: {html}");
    }
}

async fn a_taken_address_comes_back_next_to_its_field(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.browser().register(NAME, "ann@example.com").await;

    let body = format!(
        "name=Bob&email=ANN%40example.com&password={}&next=%2Fdashboard",
        app::forms::encode(PASSWORD)
    );
    let response = app.browser().form("/fn/register", &body).await;

    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location(&response);
    assert!(back.starts_with("/register?"), "{back}");
    assert!(back.contains("e=email%3Aemail-taken"), "{back}");
    assert!(response.headers().get("set-cookie").is_none());
    let html = app.browser().get(&back).await.text().await.unwrap();
    assert!(
        html.contains("An account with this e-mail address already exists."),
        "{html}"
    );
    assert!(
        html.contains(r#"value="Bob""#),
        "the typed name stays: {html}"
    );
}

async fn only_same_site_next_addresses_are_followed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.browser().register(NAME, "ann@example.com").await;

    for (next, expected) in [
        ("/projects?page=2", "/projects?page=2"),
        ("https://evil.example/", "/dashboard"),
        ("//evil.example", "/dashboard"),
    ] {
        let response = app
            .browser()
            .form("/fn/log-in", &login_form("ann@example.com", PASSWORD, next))
            .await;
        assert_eq!(response.status(), StatusCode::FOUND, "next={next}");
        assert_eq!(location(&response), expected, "next={next}");
    }
}

async fn a_missing_access_cookie_is_renewed_from_the_refresh_cookie(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.register(NAME, "ann@example.com").await;
    let stale = refresh_only(&browser.cookies);
    browser.cookies = stale.clone();

    let response = browser.get("/dashboard").await;

    assert_eq!(response.status(), StatusCode::OK);
    let renewed = cookie_jar(&response);
    assert!(renewed.contains("hearth_access="), "{renewed}");
    assert!(renewed.contains("hearth_refresh="), "{renewed}");
    assert!(!renewed.contains(&stale), "the refresh token rotated");
    assert!(response.text().await.unwrap().contains("Welcome, Ann Lee"));
}

async fn logging_out_revokes_the_session_and_clears_the_cookies(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.register(NAME, "ann@example.com").await;

    let response = browser.form("/fn/log-out", "").await;

    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/");
    assert!(
        set_cookies(&response)
            .iter()
            .any(|cookie| cookie.starts_with("hearth_flash=logged-out;")),
        "the home page will say so: {:?}",
        set_cookies(&response)
    );
    let mut cleared = session_set_cookies(&response);
    cleared.sort();
    assert_eq!(cleared.len(), 2, "{cleared:?}");
    assert!(cleared[0].starts_with("hearth_access=;"), "{cleared:?}");
    assert!(cleared[1].starts_with("hearth_refresh=;"), "{cleared:?}");
    assert!(
        cleared.iter().all(|cookie| cookie.contains("Max-Age=0")),
        "{cleared:?}"
    );
    // The old cookies no longer open anything, even if a copy survived somewhere.
    let response = browser.get("/dashboard").await;
    assert_eq!(response.status(), StatusCode::FOUND);
}

async fn a_cross_site_post_is_refused_and_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.register(NAME, "ann@example.com").await;

    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = app
            .client
            .post(app.url("/fn/log-out"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header(name, value)
            .header("cookie", &browser.cookies)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}: {value}");
        assert!(response.headers().get("set-cookie").is_none());
    }
    // Still signed in: the forged log-out did nothing.
    assert_eq!(browser.get("/dashboard").await.status(), StatusCode::OK);
}

async fn logging_in_over_a_stale_session_keeps_the_new_one(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // Ann's access cookie has expired (here: is missing); her refresh cookie is still good.
    let mut browser = app.browser();
    browser.register(NAME, "ann@example.com").await;
    browser.cookies = refresh_only(&browser.cookies);
    app.browser().register("Bob", "bob@example.com").await;

    // Bob logs in on the same browser.
    let response = browser
        .form(
            "/fn/log-in",
            &login_form("bob@example.com", PASSWORD, "/dashboard"),
        )
        .await;

    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        session_set_cookies(&response).len(),
        2,
        "only the login's own cookies, not a refreshed pair for Ann"
    );
    browser.cookies = cookie_jar(&response);
    let html = browser.get("/dashboard").await.text().await.unwrap();
    assert!(html.contains("Welcome, Bob"), "{html}");
}

async fn concurrent_requests_with_one_stale_cookie_stay_signed_in(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.register(NAME, "ann@example.com").await;
    browser.cookies = refresh_only(&browser.cookies);

    // Two requests of one browser present the same refresh cookie: the first rotates it ...
    let first = browser.get("/dashboard").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(set_cookies(&first).len(), 2);
    // ... the second, a moment later, is still that person and leaves the cookies alone.
    let second = browser.get("/dashboard").await;
    assert_eq!(second.status(), StatusCode::OK);
    assert!(second.headers().get("set-cookie").is_none());
    assert!(second.text().await.unwrap().contains("Welcome, Ann Lee"));

    // The session survived: the first response's new cookies still work.
    browser.cookies = cookie_jar(&first);
    assert_eq!(browser.get("/dashboard").await.status(), StatusCode::OK);
}

/// `/ui/admin` (development only) sits under `RequireUser role=Admin`.
async fn a_page_for_one_role_turns_other_people_away(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let anonymous = app.browser().get("/ui/admin").await;
    assert_eq!(anonymous.status(), StatusCode::FOUND);
    assert_eq!(location(&anonymous), "/login?next=%2Fui%2Fadmin");

    let mut member = app.browser();
    member.register(NAME, "ann@example.com").await;
    let response = member.get("/ui/admin").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("You cannot open this page with your account."),
        "{html}"
    );
    assert!(
        !html.contains("Only an administrator sees this page."),
        "{html}"
    );

    app.services
        .accounts
        .create_or_promote_admin(app::accounts::NewAccount {
            email: "rita@example.com".into(),
            password: PASSWORD.into(),
            name: "Rita Root".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut admin = app.browser();
    let response = admin
        .form(
            "/fn/log-in",
            &login_form("rita@example.com", PASSWORD, "/ui/admin"),
        )
        .await;
    assert_eq!(location(&response), "/ui/admin");
    admin.cookies = cookie_jar(&response);
    let response = admin.get("/ui/admin").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Only an administrator sees this page.")
    );
}

/// The header is rendered once per language, theme and shape, then kept (`rendered_once`): each
/// page still names its own person, escaped, and marks its own link as the current page.
async fn each_header_names_its_own_person_and_marks_its_own_page(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut ann = app.browser();
    ann.register(NAME, "ann@example.com").await;
    let mut zoe = app.browser();
    let odd_name = r#"Zoë "<b>" & Co"#;
    zoe.register(odd_name, "zoe@example.com").await;

    // Twice: whichever page rendered the header first, the second round is built from it.
    for round in 1..=2 {
        let ann_page = ann.get("/dashboard").await.text().await.unwrap();
        let zoe_page = zoe.get("/dashboard").await.text().await.unwrap();
        assert_eq!(
            ann_page.matches("Signed in as Ann Lee</span>").count(),
            2,
            "round {round}: the bar and the small-screen menu name Ann: {ann_page}"
        );
        assert!(
            !ann_page.contains("Zoë"),
            "round {round}: Zoë on Ann's page"
        );
        assert_eq!(
            zoe_page
                .matches("Signed in as Zoë &quot;&lt;b&gt;&quot; &amp; Co</span>")
                .count(),
            2,
            "round {round}: {zoe_page}"
        );
        assert!(
            !zoe_page.contains("Ann Lee"),
            "round {round}: Ann on Zoë's page"
        );
        assert!(
            !zoe_page.contains("<b>"),
            "round {round}: the name went in unescaped"
        );
    }

    let current = |href: &str| format!(r#"<a href="{href}" aria-current="page" class="nav-link">"#);
    let not_current = |href: &str| format!(r#"<a href="{href}" class="nav-link">"#);
    let dashboard = ann.get("/dashboard").await.text().await.unwrap();
    assert_eq!(dashboard.matches(&current("/dashboard")).count(), 2);
    assert_eq!(dashboard.matches(&not_current("/")).count(), 2);
    let home = ann.get("/").await.text().await.unwrap();
    assert_eq!(home.matches(&current("/")).count(), 2);
    assert_eq!(home.matches(&not_current("/dashboard")).count(), 2);
    assert!(
        home.contains(r#"<a href="/" aria-current="page" aria-label="#),
        "the logo link"
    );
    let login = app.browser().get("/login").await.text().await.unwrap();
    assert_eq!(
        login
            .matches(r#"<a href="/login" aria-current="page""#)
            .count(),
        2,
        "{login}"
    );
    assert!(!login.contains(r#"<a href="/" aria-current"#));
    assert!(!login.contains("Signed in as"));
}
