//! Roles and the admin area: only admins reach it (over the API and the pages alike); an admin
//! finds and pages through accounts, changes roles, disables (which ends the person's sessions at
//! once) and enables; the last active admin stays one; the audit log can be filtered.

use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Engine, PASSWORD, TestApp, TestUser, field_errors, location, problem};
use crate::http::Response;

crate::on_both_engines!(
    only_admins_reach_the_admin_api_and_nothing_changes_for_anyone_else,
    an_admin_finds_sorts_and_pages_through_accounts,
    disabling_ends_every_session_at_once_and_enabling_lets_the_person_back,
    the_last_active_admin_can_be_neither_demoted_nor_disabled,
    a_new_role_holds_from_the_next_request,
    the_audit_log_filters_by_event_person_and_day,
    the_admin_pages_work_without_javascript_for_admins_only,
);

async fn id_of(app: &TestApp, user: &TestUser) -> String {
    let me: Value = app.me(&user.access_token).await.json().await.unwrap();
    me["id"].as_str().unwrap().to_owned()
}

async fn role_of(app: &TestApp, email: &str) -> String {
    let sql = format!("SELECT COUNT(*) FROM users WHERE email = '{email}' AND role = 'admin'");
    if crate::helpers::number(&app.services, &sql).await == 1 {
        "admin".into()
    } else {
        "member".into()
    }
}

async fn only_admins_reach_the_admin_api_and_nothing_changes_for_anyone_else(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("root@example.com").await;
    let member = app.user("ann@example.com").await;
    let ann = id_of(&app, &member).await;

    let routes = [
        (Method::GET, "/api/v1/admin/users".to_owned(), None),
        (Method::GET, format!("/api/v1/admin/users/{ann}"), None),
        (
            Method::PATCH,
            format!("/api/v1/admin/users/{ann}"),
            Some(json!({"role": "admin", "disabled": true})),
        ),
        (
            Method::POST,
            format!("/api/v1/admin/users/{ann}/verification"),
            None,
        ),
        (Method::GET, "/api/v1/admin/audit".to_owned(), None),
    ];
    for (method, path, body) in &routes {
        let anonymous = app.call(method.clone(), path, None, body.clone()).await;
        assert_eq!(
            anonymous.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path}"
        );
        let forbidden = app
            .call(
                method.clone(),
                path,
                Some(&member.access_token),
                body.clone(),
            )
            .await;
        let forbidden = problem(forbidden, StatusCode::FORBIDDEN).await;
        assert_eq!(
            forbidden["type"], "urn:hearth:problem:forbidden",
            "{method} {path}"
        );
        // A member's bad parameters are still a 403: nothing is looked at.
        let probing = app
            .call(
                method.clone(),
                &format!("{path}?sort=nonsense&per_page=-1"),
                Some(&member.access_token),
                body.clone(),
            )
            .await;
        assert_eq!(probing.status(), StatusCode::FORBIDDEN, "{method} {path}");
    }
    assert_eq!(role_of(&app, "ann@example.com").await, "member");
    assert_eq!(
        app.me(&member.access_token).await.status(),
        StatusCode::OK,
        "not disabled"
    );

    for (method, path, _) in &routes[..2] {
        let allowed = app
            .call(method.clone(), path, Some(&admin.access_token), None)
            .await;
        assert_eq!(allowed.status(), StatusCode::OK, "{method} {path}");
    }
    let unknown = app
        .call(
            Method::GET,
            "/api/v1/admin/users/not-an-id",
            Some(&admin.access_token),
            None,
        )
        .await;
    problem(unknown, StatusCode::NOT_FOUND).await;
}

async fn an_admin_finds_sorts_and_pages_through_accounts(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("root@example.com").await;
    for name in ["cleo", "anna", "bert", "annabel"] {
        app.register(&format!("{name}@example.com")).await;
    }
    let list = |query: &'static str| {
        let token = admin.access_token.clone();
        let app = &app;
        async move {
            let answer = app
                .call(
                    Method::GET,
                    &format!("/api/v1/admin/users?{query}"),
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(answer.status(), StatusCode::OK, "{query}");
            answer.json::<Value>().await.unwrap()
        }
    };
    let emails = |page: &Value| -> Vec<String> {
        page["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|account| account["email"].as_str().unwrap().to_owned())
            .collect()
    };

    // Everyone registered here is called Ann Lee: the address tells them apart.
    let found = list("q=ANNA").await;
    assert_eq!(list("q=lee").await["total"], 5, "names are searched too");
    assert_eq!(found["total"], 2);
    assert_eq!(
        emails(&found),
        ["annabel@example.com", "anna@example.com"],
        "newest first"
    );
    let by_email = list("sort=email").await;
    assert_eq!(
        emails(&by_email),
        [
            "anna@example.com",
            "annabel@example.com",
            "bert@example.com",
            "cleo@example.com",
            "root@example.com"
        ]
    );
    let second = list("sort=email&per_page=2&page=2").await;
    assert_eq!(emails(&second), ["bert@example.com", "cleo@example.com"]);
    assert_eq!(
        (second["total"].as_u64(), second["page"].as_u64()),
        (Some(5), Some(2))
    );
    // A search with LIKE's own characters finds them literally.
    assert_eq!(list("q=%25").await["total"], 0);
    let account = &list("q=root").await["accounts"][0];
    assert_eq!(account["role"], "admin");
    assert!(account["last_active_at"].is_string(), "{account}");

    let wrong = app
        .call(
            Method::GET,
            "/api/v1/admin/users?sort=shoe_size&per_page=1000&page=0",
            Some(&admin.access_token),
            None,
        )
        .await;
    let wrong = problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<String> = field_errors(&wrong)
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(fields, ["sort", "page", "per_page"]);
}

async fn disabling_ends_every_session_at_once_and_enabling_lets_the_person_back(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("root@example.com").await;
    let ann = app.user("ann@example.com").await;
    let id = id_of(&app, &ann).await;
    let path = format!("/api/v1/admin/users/{id}");

    let disabled = app
        .call(
            Method::PATCH,
            &path,
            Some(&admin.access_token),
            Some(json!({"disabled": true})),
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    let disabled: Value = disabled.json().await.unwrap();
    assert!(disabled["disabled_at"].is_string());

    // Her token stops working on its next request, and so does her refresh token.
    assert_eq!(
        app.me(&ann.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let refreshed = app
        .post_json(
            "/api/v1/auth/refresh",
            json!({"refresh_token": ann.refresh_token}),
        )
        .await;
    assert_eq!(refreshed.status(), StatusCode::UNAUTHORIZED);
    // The right password says why; a wrong one says nothing more than ever.
    let refused = problem(
        app.login("ann@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(refused["type"], "urn:hearth:problem:account-disabled");
    let wrong = problem(
        app.login("ann@example.com", "nope").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong["type"], "urn:hearth:problem:bad-credentials");

    let enabled = app
        .call(
            Method::PATCH,
            &path,
            Some(&admin.access_token),
            Some(json!({"disabled": false})),
        )
        .await;
    assert_eq!(enabled.status(), StatusCode::OK);
    assert_eq!(
        app.login("ann@example.com", PASSWORD).await.status(),
        StatusCode::OK
    );

    let log: Value = app
        .call(
            Method::GET,
            &format!("/api/v1/admin/audit?person={id}"),
            Some(&admin.access_token),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<(&str, &str)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["action"].as_str().unwrap(),
                entry["actor"]["email"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        &actions[..5],
        [
            ("login.succeeded", "ann@example.com"),
            ("account.enabled", "root@example.com"),
            ("login.failed", "-"),
            ("login.failed", "-"),
            ("account.disabled", "root@example.com"),
        ]
    );
    let refused = &log["entries"][3];
    assert_eq!(
        refused["details"]["reason"], "account disabled",
        "{refused}"
    );
}

async fn the_last_active_admin_can_be_neither_demoted_nor_disabled(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let root = app.admin("root@example.com").await;
    let root_id = id_of(&app, &root).await;
    let path = format!("/api/v1/admin/users/{root_id}");

    for (change, field) in [
        (json!({"role": "member"}), "role"),
        (json!({"disabled": true}), "disabled"),
    ] {
        let refused = app
            .call(Method::PATCH, &path, Some(&root.access_token), Some(change))
            .await;
        let refused = problem(refused, StatusCode::CONFLICT).await;
        assert_eq!(field_errors(&refused)[0].0, field);
    }
    assert_eq!(role_of(&app, "root@example.com").await, "admin");
    assert_eq!(app.me(&root.access_token).await.status(), StatusCode::OK);

    // With a second admin, the first may step down.
    let second = app.admin("second@example.com").await;
    let stepped = app
        .call(
            Method::PATCH,
            &path,
            Some(&second.access_token),
            Some(json!({"role": "member"})),
        )
        .await;
    assert_eq!(stepped.status(), StatusCode::OK);
    assert_eq!(role_of(&app, "root@example.com").await, "member");
    // Now the second is the last active admin.
    let second_id = id_of(&app, &second).await;
    let self_demotion = app
        .call(
            Method::PATCH,
            &format!("/api/v1/admin/users/{second_id}"),
            Some(&second.access_token),
            Some(json!({"role": "member"})),
        )
        .await;
    assert_eq!(self_demotion.status(), StatusCode::CONFLICT);
    let bad_role = app
        .call(
            Method::PATCH,
            &path,
            Some(&second.access_token),
            Some(json!({"role": "owner"})),
        )
        .await;
    let bad_role = problem(bad_role, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(field_errors(&bad_role)[0].0, "role");
}

async fn a_new_role_holds_from_the_next_request(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let root = app.admin("root@example.com").await;
    let ann = app.user("ann@example.com").await;
    let id = id_of(&app, &ann).await;
    let list = |token: String| {
        let app = &app;
        async move {
            app.call(Method::GET, "/api/v1/admin/users", Some(&token), None)
                .await
                .status()
        }
    };
    assert_eq!(list(ann.access_token.clone()).await, StatusCode::FORBIDDEN);
    let promoted = app
        .call(
            Method::PATCH,
            &format!("/api/v1/admin/users/{id}"),
            Some(&root.access_token),
            Some(json!({"role": "admin"})),
        )
        .await;
    assert_eq!(promoted.status(), StatusCode::OK);
    // The same token, issued while she was a member.
    assert_eq!(list(ann.access_token.clone()).await, StatusCode::OK);
    let demoted = app
        .call(
            Method::PATCH,
            &format!("/api/v1/admin/users/{id}"),
            Some(&root.access_token),
            Some(json!({"role": "member"})),
        )
        .await;
    assert_eq!(demoted.status(), StatusCode::OK);
    assert_eq!(list(ann.access_token.clone()).await, StatusCode::FORBIDDEN);
}

async fn the_audit_log_filters_by_event_person_and_day(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let root = app.admin("root@example.com").await;
    let ann = app.user("ann@example.com").await;
    app.login("ann@example.com", "wrong").await;
    app.login("bob@example.com", "wrong").await;
    let ann_id = id_of(&app, &ann).await;
    let audit = |query: String| {
        let app = &app;
        let token = root.access_token.clone();
        async move {
            app.call(
                Method::GET,
                &format!("/api/v1/admin/audit?{query}"),
                Some(&token),
                None,
            )
            .await
        }
    };
    let read = |response: Response| async move {
        assert_eq!(response.status(), StatusCode::OK);
        response.json::<Value>().await.unwrap()
    };

    let failed = read(audit("action=login.failed".into()).await).await;
    assert_eq!(failed["total"], 2);
    let anns = read(audit(format!("action=login.failed&person={ann_id}")).await).await;
    assert_eq!(anns["total"], 1);
    assert_eq!(anns["entries"][0]["subject"]["email"], "ann@example.com");
    let today = time::OffsetDateTime::now_utc().date();
    let all_today = read(audit(format!("from={today}&until={today}")).await).await;
    let everything = read(audit(String::new()).await).await;
    assert_eq!(all_today["total"], everything["total"]);
    let tomorrow = today.next_day().unwrap();
    assert_eq!(
        read(audit(format!("from={tomorrow}")).await).await["total"],
        0
    );
    let paged = read(audit("per_page=2&page=2".into()).await).await;
    assert_eq!(paged["entries"].as_array().unwrap().len(), 2);

    let wrong =
        audit("action=login.guessed&person=ann&from=yesterday&until=2026-13-01".into()).await;
    let wrong = problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<String> = field_errors(&wrong)
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(fields, ["action", "person", "from", "until"]);
}

async fn the_admin_pages_work_without_javascript_for_admins_only(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut admin = app.browser();
    admin.register("Root", "root@example.com").await;
    app.make_admin("root@example.com").await;
    let mut member = app.browser();
    member.register("Ann Lee", "ann@example.com").await;
    let ann = app.user_id("ann@example.com").await;

    // Anonymous visitors are sent to log in; members get the 403 page.
    for path in [
        "/admin/users",
        "/admin/audit",
        &format!("/admin/users/{ann}"),
    ] {
        let anonymous = app.browser().get(path).await;
        assert_eq!(anonymous.status(), StatusCode::FOUND, "{path}");
        assert!(location(&anonymous).starts_with("/login?next="), "{path}");
        assert_eq!(
            member.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(admin.get(path).await.status(), StatusCode::OK, "{path}");
    }
    let list = admin.get("/admin/users?q=ann").await.text().await.unwrap();
    assert!(list.contains("ann@example.com"));
    assert!(
        !list.contains(">root@example.com</td>"),
        "the search narrows the list"
    );
    let header = admin.get("/settings").await.text().await.unwrap();
    assert!(
        header.contains("href=\"/admin/users\""),
        "admins have the link"
    );
    let members_header = member.get("/settings").await.text().await.unwrap();
    assert!(!members_header.contains("href=\"/admin/users\""));

    // A member posting the admin's form changes nothing.
    let body = format!("id={ann}&disabled=true");
    let refused = member.form("/fn/admin-set-disabled", &body).await;
    assert!(
        location(&refused).contains("notice=forbidden"),
        "{}",
        location(&refused)
    );
    assert_eq!(
        app.login("ann@example.com", PASSWORD).await.status(),
        StatusCode::OK
    );
    // The admin's does, and comes back to the account's page.
    let done = admin.form("/fn/admin-set-disabled", &body).await;
    assert_eq!(done.status(), StatusCode::FOUND);
    assert_eq!(location(&done), format!("/admin/users/{ann}"));
    assert_eq!(
        member.get("/settings").await.status(),
        StatusCode::FOUND,
        "signed out"
    );
    let page = admin
        .get(&format!("/admin/users/{ann}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Disabled since"));
    assert!(page.contains("Account disabled"), "the history shows it");

    let last = admin
        .form("/fn/admin-set-role", "id=not-an-id&role=member")
        .await;
    assert!(
        location(&last).contains("notice=not-found"),
        "{}",
        location(&last)
    );
}
