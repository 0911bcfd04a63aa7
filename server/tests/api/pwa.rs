//! The service worker and the offline page (no database involved: run once).

use serde_json::Value;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_service_worker_precaches_this_builds_bundle() {
    let app = TestApp::start().await;

    let response = app.get("/sw.js").await;

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let script = response.text().await.unwrap();
    let precache_line = script
        .lines()
        .find(|line| line.starts_with("const PRECACHE = "))
        .unwrap();
    let list: Value = serde_json::from_str(
        precache_line
            .trim_start_matches("const PRECACHE = ")
            .trim_end_matches(';'),
    )
    .unwrap();
    for file in [
        "/offline",
        "/pkg/hearth.0123abcd.js",
        "/pkg/hearth.0123abcd.wasm",
        "/pkg/hearth.0123abcd.css",
    ] {
        assert!(
            list.as_array().unwrap().iter().any(|entry| entry == file),
            "{file} not in {list}"
        );
    }
    assert!(script.contains(r#"const VERSION = "hearth.0123abcd.0123abcd.0123abcd";"#));
}

#[tokio::test]
async fn the_offline_page_is_a_real_page() {
    let app = TestApp::start().await;

    let response = app.get("/offline").await;

    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("You're offline."));
}
