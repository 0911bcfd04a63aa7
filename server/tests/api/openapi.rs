use serde_json::Value;

use crate::helpers::{Engine, TestApp};

crate::on_both_engines!(
    the_openapi_description_covers_every_route_and_error,
    the_docs_page_uses_only_our_own_files,
);

async fn the_openapi_description_covers_every_route_and_error(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let response = app.get("/api/v1/openapi.json").await;

    assert_eq!(response.status(), 200);
    let spec: Value = response.json().await.unwrap();
    assert!(
        spec["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        spec["openapi"]
    );
    assert_eq!(spec["servers"][0]["url"], "/api/v1");
    let mut paths: Vec<&String> = spec["paths"].as_object().unwrap().keys().collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/auth/login",
            "/auth/logout",
            "/auth/refresh",
            "/auth/register",
            "/users/me"
        ]
    );
    let bearer = &spec["components"]["securitySchemes"]["bearer"];
    assert_eq!(bearer["type"], "http");
    assert_eq!(bearer["scheme"], "bearer");
    for schema in [
        "Problem",
        "RegisterRequest",
        "LoginRequest",
        "RefreshRequest",
        "TokenResponse",
        "UserResponse",
    ] {
        assert!(
            spec["components"]["schemas"][schema].is_object(),
            "schema {schema} missing"
        );
    }

    // Every operation documents its errors, as problem documents.
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            let errors: Vec<_> = responses
                .keys()
                .filter(|status| status.starts_with('4'))
                .collect();
            assert!(!errors.is_empty(), "{method} {path} documents no error");
            for status in errors {
                let content = &responses[status]["content"];
                assert!(
                    content["application/problem+json"]["schema"].is_object(),
                    "{method} {path} {status} is not a problem document: {content}"
                );
            }
        }
    }
    assert_eq!(
        spec["paths"]["/users/me"]["get"]["security"][0]["bearer"],
        serde_json::json!([])
    );
}

async fn the_docs_page_uses_only_our_own_files(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    let response = app.get("/api/docs").await;

    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<script src="/api-docs/vendor/swagger-ui-bundle.js"></script>"#));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no outside address: {html}"
    );
}
