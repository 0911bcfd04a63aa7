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
    // The worker runs under the policy its script came with: it must be allowed to fetch this
    // site's files to cache them (and nothing else).
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(policy.starts_with("default-src 'self';"), "{policy}");
    assert!(
        !policy.contains('*') && !policy.contains("http"),
        "{policy}"
    );
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
    let list = list.as_array().unwrap();
    for file in [
        "/offline",
        "/pkg/hearth.0123abcd.js",
        "/pkg/hearth.0123abcd.wasm",
        "/pkg/hearth.0123abcd.css",
        // The lazy islands' loader script and chunks, each once.
        "/pkg/__wasm_split.89abcdef.js",
        "/pkg/chunk_1.aaaa.wasm",
        "/pkg/split_roadmap_loader_1.bbbb.wasm",
        "/pkg/split_form_loader_2.cccc.wasm",
    ] {
        assert_eq!(
            list.iter().filter(|entry| *entry == file).count(),
            1,
            "{file} once in {list:?}"
        );
    }
    assert!(
        script
            .contains(r#"const VERSION = "hearth.0123abcd.0123abcd.0123abcd.89abcdef.4567efgh";"#)
    );
}

#[tokio::test]
async fn the_offline_page_is_a_real_page() {
    let app = TestApp::start().await;

    let response = app.get("/offline").await;

    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("You're offline."));
}
