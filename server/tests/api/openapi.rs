//! The OpenAPI document is the router's own: every operation it lists answers at its path and
//! method, and says what it takes and what can go wrong (no database involved: run once).

use http::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::TestApp;

#[tokio::test]
async fn every_documented_operation_is_routed_and_documents_its_errors() {
    let app = TestApp::start().await;

    let response = app.get("/api/v1/openapi.json").await;

    assert_eq!(response.status(), 200);
    let spec: Value = response.json().await.unwrap();
    assert!(
        spec["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        spec["openapi"]
    );
    assert_eq!(spec["servers"][0]["url"], "/api/v1");
    let paths = spec["paths"].as_object().unwrap();
    assert!(!paths.is_empty());

    let mut operations = 0;
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            // The router knows it: no "no such endpoint" and no "method not allowed".
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let response = app
                .client
                .request(method.clone(), app.url(&format!("/api/v1{path}")))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body: Value = response.json().await.unwrap_or_default();
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert!(
                status != StatusCode::NOT_FOUND || body["type"] != "about:blank",
                "{method} {path} is documented but not routed: {body}"
            );

            // Every operation documents its errors, as problem documents.
            let responses = operation["responses"].as_object().unwrap();
            let errors: Vec<_> = responses
                .keys()
                .filter(|status| status.starts_with('4') || status.starts_with('5'))
                .collect();
            assert!(!errors.is_empty(), "{method} {path} documents no error");
            for status in errors {
                let content = &responses[status]["content"];
                assert!(
                    content["application/problem+json"]["schema"].is_object(),
                    "{method} {path} {status} is not a problem document: {content}"
                );
            }
            // An operation that reads a body says which fields it needs: all of them, but for
            // a partial update (PATCH of several fields) and for a field with a default, where
            // each optional field says what leaving it out means.
            if let Some(reference) =
                operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str()
            {
                let name = reference.rsplit('/').next().unwrap();
                let schema = &spec["components"]["schemas"][name];
                let required = schema["required"].as_array().map(Vec::len).unwrap_or(0);
                let properties = schema["properties"].as_object().unwrap();
                let listed: Vec<&str> = schema["required"]
                    .as_array()
                    .map(|fields| fields.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if method != Method::PATCH {
                    for (field, property) in properties {
                        if listed.contains(&field.as_str()) {
                            continue;
                        }
                        let says = property["description"].as_str().unwrap_or_default();
                        assert!(
                            says.contains("default") || says.contains("left out"),
                            "{method} {path}: the optional field {field} of {name} does not say what leaving it out means"
                        );
                    }
                } else if required < properties.len() {
                    for (field, property) in properties {
                        assert!(
                            property["description"]
                                .as_str()
                                .is_some_and(|text| !text.is_empty()),
                            "{method} {path}: the optional field {field} of {name} says nothing"
                        );
                    }
                }
            }
        }
    }
    assert!(operations >= 5, "{operations} operations");

    let bearer = &spec["components"]["securitySchemes"]["bearer"];
    assert_eq!(bearer["type"], "http");
    assert_eq!(bearer["scheme"], "bearer");
    assert_eq!(
        spec["paths"]["/users/me"]["get"]["security"][0]["bearer"],
        serde_json::json!([])
    );
    let register = &spec["components"]["schemas"]["RegisterRequest"]["properties"];
    assert_eq!(register["password"]["minLength"], 10);
    assert_eq!(register["password"]["maxLength"], 128);
    assert_eq!(register["email"]["maxLength"], 254);
    assert_eq!(register["name"]["maxLength"], 100);
}

#[tokio::test]
async fn the_docs_page_uses_only_our_own_files() {
    let app = TestApp::start().await;

    let response = app.get("/api/docs").await;

    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<script src="/api-docs/vendor/swagger-ui-bundle.js"></script>"#));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no outside address: {html}"
    );
}
