//! Server-side rendering, the 404 and error pages, request ids, compression, static files and
//! the body limit (no database involved: run once).

use crate::helpers::{Engine, TestApp};

#[tokio::test]
async fn the_home_page_is_rendered_on_the_server() {
    let app = TestApp::start().await;

    let response = app.get("/").await;

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Hearth keeps your team"),
        "no heading in: {html}"
    );
    assert!(html.contains("<title>Hearth</title>"));
    assert!(
        html.contains("/pkg/hearth.0123abcd.css"),
        "the hashed stylesheet is not linked"
    );
}

#[tokio::test]
async fn an_unknown_path_gets_the_404_page() {
    let app = TestApp::start().await;

    for path in ["/no/such/page", "/pkg/missing.js"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response.headers().get("cache-control").is_none(),
            "a 404 was made cacheable"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains("find that page"), "{path}: {html}");
    }
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let app = TestApp::start().await;

    let echoed = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "abc-123");

    let generated = app.get("/healthz").await;
    let id = generated.headers()["x-request-id"].to_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "not a UUID: {id}");

    let oversized = "x".repeat(500);
    let replaced = app
        .client
        .get(app.url("/"))
        .header("x-request-id", &oversized)
        .send()
        .await
        .unwrap();
    let id = replaced.headers()["x-request-id"].to_str().unwrap();
    assert!(
        uuid::Uuid::parse_str(id).is_ok(),
        "an oversized id was kept"
    );
}

#[tokio::test]
async fn html_is_compressed_for_browsers_that_accept_it() {
    let app = TestApp::start().await;

    for encoding in ["br", "gzip"] {
        let response = app
            .client
            .get(app.url("/"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding);
    }
    let plain = app
        .client
        .get(app.url("/"))
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
}

#[tokio::test]
async fn a_page_rendered_for_one_request_arrives_whole_in_brotli() {
    use std::io::Read as _;

    let app = TestApp::start().await;
    // A page no cache holds: the 404 page is rendered for every request.
    let send = |accept: &'static str| {
        app.client
            .get(app.url("/no-such-page"))
            .header("accept-encoding", accept)
            .send()
    };

    let compressed = send("gzip, deflate, br, zstd").await.unwrap();
    assert_eq!(compressed.status(), 404);
    assert_eq!(compressed.headers()["content-encoding"], "br");
    let bytes = compressed.bytes().await.unwrap();
    let mut page = String::new();
    brotli::Decompressor::new(bytes.as_slice(), 4096)
        .read_to_string(&mut page)
        .expect("a valid brotli stream");
    assert!(
        bytes.len() * 2 < page.len(),
        "{} bytes for a page of {}",
        bytes.len(),
        page.len()
    );

    let plain = send("identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.text().await.unwrap();
    assert_eq!(
        without_nonce(&page),
        without_nonce(&plain),
        "the same page either way"
    );

    let refused = send("br;q=0, gzip").await.unwrap();
    assert_eq!(refused.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn every_inline_script_carries_the_pages_own_nonce() {
    let app = TestApp::start().await;

    let mut nonces = Vec::new();
    for _ in 0..2 {
        let page = app.get("/no-such-page").await.text().await.unwrap();
        let mut on_page: Vec<&str> = page
            .split("nonce=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        // The hydration scripts in the head and the resource scripts after the body.
        assert!(on_page.len() >= 3, "{page}");
        on_page.dedup();
        assert_eq!(on_page.len(), 1, "one nonce per page: {on_page:?}");
        nonces.push(on_page[0].to_owned());
    }
    assert_ne!(nonces[0], nonces[1], "each page has its own nonce");
}

/// The page with its nonce (a new one for every response) taken out.
fn without_nonce(page: &str) -> String {
    let nonce = page
        .split("nonce=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a nonce on the page");
    page.replace(nonce, "")
}

#[tokio::test]
async fn hashed_bundles_are_cached_for_a_year_and_precompressed() {
    let app = TestApp::start().await;
    let url = app.url("/pkg/hearth.0123abcd.css");

    let plain = app
        .client
        .get(&url)
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 200);
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        plain
            .text()
            .await
            .unwrap()
            .starts_with("body { color: black; }")
    );

    let brotli = app
        .client
        .get(&url)
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(brotli.headers()["content-encoding"], "br");
    assert_eq!(
        brotli.bytes().await.unwrap().as_slice(),
        b"pretend-brotli",
        "not the .br file"
    );

    let asset = app.get("/robots.txt").await;
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["cache-control"], "public, max-age=3600");
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let app = TestApp::spawn_with(Engine::Sqlite, &[("HEARTH_MAX_BODY_BYTES", "1024")]).await;

    let response = app
        .client
        .post(app.url("/"))
        .body(vec![b'a'; 4096])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn the_component_showcase_is_for_development_only() {
    let development = TestApp::start().await;
    let response = development.get("/ui").await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("Components"));

    let key = "k".repeat(40);
    let production = TestApp::spawn_with(
        Engine::Sqlite,
        &[("HEARTH_ENV", "production"), ("HEARTH_SECRET_KEY", &key)],
    )
    .await;
    for path in ["/ui", "/ui/error", "/ui/admin", "/dev/mailbox"] {
        let response = production.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(response.text().await.unwrap().contains("find that page"));
    }
}

#[tokio::test]
async fn a_page_that_fails_shows_the_error_page_with_its_request_id() {
    let app = TestApp::start().await;

    for (cookie, heading) in [
        ("locale=en", "Something went wrong on our side."),
        ("locale=de", "Bei uns ist etwas schiefgelaufen."),
    ] {
        let response = app
            .client
            .get(app.url("/ui/error"))
            .header("x-request-id", "support-ref-42")
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();

        assert_eq!(response.status(), 500, "{cookie}");
        let html = response.text().await.unwrap();
        assert!(html.contains(heading), "{cookie}: {html}");
        assert!(
            html.contains(r#"data-testid="request-id" class="rounded bg-stone-200 px-1.5 py-0.5 font-mono dark:bg-stone-800">support-ref-42</code>"#),
            "{cookie}: {html}"
        );
    }

    // The rest of the site is unaffected: the next request renders normally.
    assert_eq!(app.get("/").await.status(), 200);
}

#[tokio::test]
async fn a_server_function_called_without_its_arguments_is_a_client_error() {
    let app = TestApp::start().await;

    // A program (not a browser form) posting nothing to the log-in function.
    let response = app
        .client
        .post(app.url("/fn/log-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 422);
    let error: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error, serde_json::json!({ "Invalid": [] }));

    // The same from something that asks for HTML but names no page to go back to.
    let response = app
        .client
        .post(app.url("/fn/log-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
}
