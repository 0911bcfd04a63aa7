//! Walks everything a caller can reach, so that a route or server function added later is
//! checked without anyone remembering to: every operation of the OpenAPI document (which lists
//! every REST route, see `openapi.rs`) and every registered server function, as an anonymous
//! caller, a member and an admin; then every server function and state-changing route again
//! from another site.

use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Engine, TestApp};
use crate::http::Response;

crate::on_both_engines!(
    every_rest_operation_answers_each_kind_of_caller_as_documented,
    every_server_function_answers_each_kind_of_caller,
    nothing_changes_when_another_site_posts,
);

/// Every operation of the document: method, path (ids filled in with one that names nothing)
/// and whether it needs a bearer token.
async fn operations(app: &TestApp) -> Vec<(Method, String, bool)> {
    let document: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let nobody = uuid::Uuid::new_v4().to_string();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let secured = operation.get("security").is_some();
            operations.push((
                method,
                format!("/api/v1{}", path.replace("{id}", &nobody)),
                secured,
            ));
        }
    }
    assert!(operations.len() >= 24, "{operations:?}");
    operations
}

async fn send(app: &TestApp, method: &Method, path: &str, token: Option<&str>) -> Response {
    let mut request = app.client.request(method.clone(), app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        request = request.json(&json!({}));
    }
    request.send().await.unwrap()
}

async fn every_rest_operation_answers_each_kind_of_caller_as_documented(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("root@example.com").await;
    let member = app.user("ann@example.com").await;

    for (method, path, secured) in operations(&app).await {
        let what = format!("{method} {path}");
        let for_admins = path.starts_with("/api/v1/admin/");

        let anonymous = send(&app, &method, &path, None).await.status();
        assert!(anonymous.as_u16() < 500, "{what} as anonymous: {anonymous}");
        if secured {
            assert_eq!(anonymous, StatusCode::UNAUTHORIZED, "{what} as anonymous");
        } else {
            assert_ne!(anonymous, StatusCode::FORBIDDEN, "{what} as anonymous");
        }

        let as_member = send(&app, &method, &path, Some(&member.access_token))
            .await
            .status();
        assert!(as_member.as_u16() < 500, "{what} as a member: {as_member}");
        if for_admins {
            assert_eq!(as_member, StatusCode::FORBIDDEN, "{what} as a member");
        } else if secured {
            assert!(
                as_member != StatusCode::UNAUTHORIZED && as_member != StatusCode::FORBIDDEN,
                "{what} as a member: {as_member}"
            );
        }

        let as_admin = send(&app, &method, &path, Some(&admin.access_token))
            .await
            .status();
        assert!(as_admin.as_u16() < 500, "{what} as an admin: {as_admin}");
        if secured {
            assert!(
                as_admin != StatusCode::UNAUTHORIZED && as_admin != StatusCode::FORBIDDEN,
                "{what} as an admin: {as_admin}"
            );
        }
    }
    // Walking everything ended no one's session.
    assert_eq!(app.me(&member.access_token).await.status(), StatusCode::OK);
    assert_eq!(app.me(&admin.access_token).await.status(), StatusCode::OK);
}

/// Every registered server function's path and method.
fn server_functions() -> Vec<(String, Method)> {
    let functions: Vec<(String, Method)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method))
        .filter(|(path, _)| path.starts_with("/fn/"))
        .collect();
    assert!(functions.len() >= 20, "{functions:?}");
    functions
}

/// Every argument any server function takes, with a value of its type: each function reads
/// its own and ignores the rest, so each one gets as far as its checks. The id names nothing.
fn arguments() -> String {
    format!(
        "id={}&role=member&disabled=false&token=from-a-letter&email=someone%40example.com\
         &password=copper+kettle+rain+lantern&current_password=x&new_password=y&name=Someone\
         &next=%2F&locale=en&theme=dark&q=a&sort=newest&page=1&action=&person=&from=&until=",
        uuid::Uuid::new_v4()
    )
}

/// A call as a page's own script makes it: same origin, asking for data.
async fn call_function(app: &TestApp, path: &str, method: &Method, cookies: &str) -> Response {
    let request = app
        .client
        .request(method.clone(), app.url(path))
        .header("origin", app.url(""))
        .header("sec-fetch-site", "same-origin")
        .header("accept", "application/json")
        .header("cookie", cookies);
    let request = if *method == Method::POST {
        request
            .header("content-type", "application/x-www-form-urlencoded")
            .body(arguments())
    } else {
        request
    };
    request.send().await.unwrap()
}

async fn every_server_function_answers_each_kind_of_caller(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut member = app.browser();
    member.register("Ann Lee", "ann@example.com").await;
    let mut admin = app.browser();
    admin.register("Root", "root@example.com").await;
    app.make_admin("root@example.com").await;

    for (path, method) in server_functions() {
        for (who, cookies) in [
            ("anonymous", ""),
            ("a member", member.cookies.as_str()),
            ("an admin", admin.cookies.as_str()),
        ] {
            // Logging out would end the session the next calls use.
            if path == "/fn/log-out" && !cookies.is_empty() {
                continue;
            }
            let answer = call_function(&app, &path, &method, cookies).await;
            let status = answer.status();
            assert!(status.as_u16() < 500, "{method} {path} as {who}: {status}");
            if path.starts_with("/fn/admin-") {
                let expected = match who {
                    "anonymous" => Some(StatusCode::UNAUTHORIZED),
                    "a member" => Some(StatusCode::FORBIDDEN),
                    _ => None,
                };
                if let Some(expected) = expected {
                    assert_eq!(status, expected, "{method} {path} as {who}");
                } else {
                    assert!(
                        status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                        "{method} {path} as {who}: {status}"
                    );
                }
            }
        }
    }
}

async fn nothing_changes_when_another_site_posts(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut member = app.browser();
    member.register("Ann Lee", "ann@example.com").await;
    let before = crate::helpers::number(&app.services, "SELECT COUNT(*) FROM audit_events").await;

    let forged: [&[(&str, &str)]; 4] = [
        &[
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ],
        &[("origin", "null")],
        &[("sec-fetch-site", "cross-site")],
        &[("origin", "https://evil.example")],
    ];
    for (path, method) in server_functions() {
        for headers in forged {
            for verb in [method.clone(), Method::PUT, Method::PATCH, Method::DELETE] {
                let mut request = app
                    .client
                    .request(verb.clone(), app.url(&path))
                    .header("cookie", &member.cookies)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("name=Mallory&email=mallory%40evil.example&password=x&next=%2F");
                for (name, value) in headers {
                    request = request.header(name, value);
                }
                let answer = request.send().await.unwrap();
                if verb == Method::GET {
                    continue;
                }
                assert_eq!(
                    answer.status(),
                    StatusCode::FORBIDDEN,
                    "{verb} {path} {headers:?}"
                );
                assert!(
                    answer.headers().get("set-cookie").is_none(),
                    "{verb} {path} {headers:?} set a cookie"
                );
            }
        }
    }
    // The picture upload is a form too.
    let upload = app
        .client
        .post(app.url("/settings/avatar"))
        .header("cookie", &member.cookies)
        .header("origin", "https://evil.example")
        .header("content-type", "multipart/form-data; boundary=x")
        .body("--x--\r\n")
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), StatusCode::FORBIDDEN);

    let after = crate::helpers::number(&app.services, "SELECT COUNT(*) FROM audit_events").await;
    assert_eq!(before, after, "nothing was recorded, so nothing was done");
    let page = member.get("/settings").await;
    assert_eq!(page.status(), StatusCode::OK, "still signed in");
    let page = page.text().await.unwrap();
    assert!(page.contains("Ann Lee") && !page.contains("Mallory"));
}
