//! What every answer tells the browser: the content security policy that admits a page's own
//! scripts and nothing else, the headers Mozilla Observatory looks for, and `no-store` on
//! whatever carries tokens or someone's data.

use base64::Engine as _;
use http::StatusCode;
use sha2::{Digest as _, Sha256};

use crate::helpers::{Engine, PASSWORD, TestApp, session_set_cookies};
use crate::http::Response;

fn header<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap())
}

/// The sources of the policy's `script-src`.
fn script_sources(response: &Response) -> Vec<String> {
    let policy = header(response, "content-security-policy").expect("a policy");
    policy
        .split(';')
        .map(str::trim)
        .find_map(|directive| directive.strip_prefix("script-src "))
        .expect("a script-src")
        .split(' ')
        .map(str::to_owned)
        .collect()
}

/// Each inline script of `page`: its opening tag and its text.
fn inline_scripts(page: &str) -> Vec<(String, String)> {
    page.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let (tag, rest) = rest.split_once('>').unwrap();
            let (text, _) = rest.split_once("</script>").unwrap();
            (!tag.contains("src=")).then(|| (tag.to_owned(), text.to_owned()))
        })
        .collect()
}

fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[tokio::test]
async fn a_rendered_page_runs_only_the_scripts_carrying_its_own_nonce() {
    let app = TestApp::spawn_with(Engine::Sqlite, &[("HEARTH_PAGE_CACHE_BYTES", "0")]).await;

    let first = app.get("/login").await;
    let second = app.get("/login").await;
    let sources = script_sources(&first);
    assert!(
        !sources
            .iter()
            .any(|source| source.contains("unsafe-inline"))
    );
    assert!(sources.contains(&"'self'".to_owned()));
    let nonce: Vec<&String> = sources
        .iter()
        .filter(|source| source.starts_with("'nonce-"))
        .collect();
    assert_eq!(nonce.len(), 1, "{sources:?}");
    let nonce = nonce[0]
        .trim_start_matches("'nonce-")
        .trim_end_matches('\'')
        .to_owned();
    assert!(nonce.len() >= 22, "128 bits at least: {nonce}");
    assert_ne!(
        script_sources(&second),
        sources,
        "every render has its own nonce"
    );

    let page = first.text().await.unwrap();
    let scripts = inline_scripts(&page);
    assert!(scripts.len() >= 2, "the hydration scripts: {scripts:?}");
    for (tag, _) in scripts {
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "<script{tag}> lacks the policy's nonce {nonce}"
        );
    }
}

#[tokio::test]
async fn a_page_sent_from_memory_admits_its_scripts_by_their_hashes() {
    let app = TestApp::start().await;

    let _rendered = app.get("/").await;
    let kept = app.get("/").await;
    assert_eq!(header(&kept, "x-hearth-cache"), Some("hit"));
    let sources = script_sources(&kept);
    assert!(
        !sources.iter().any(|source| source.starts_with("'nonce-")),
        "a nonce everyone is sent is no secret: {sources:?}"
    );
    let page = kept.text().await.unwrap();
    let scripts = inline_scripts(&page);
    assert!(scripts.len() >= 2);
    for (_, text) in &scripts {
        assert!(
            sources.contains(&sha256(text)),
            "{text} is not admitted by {sources:?}"
        );
    }
    let hashes = sources
        .iter()
        .filter(|source| source.starts_with("'sha256-"))
        .count();
    assert_eq!(hashes, scripts.len(), "nothing else is admitted");
}

#[tokio::test]
async fn every_answer_carries_the_protective_headers() {
    let app = TestApp::start().await;
    let user = app.user("headers@example.com").await;

    let answers = [
        ("/", app.get("/").await),
        ("/login", app.get("/login").await),
        ("/no-such-page", app.get("/no-such-page").await),
        ("/healthz", app.get("/healthz").await),
        ("/robots.txt", app.get("/robots.txt").await),
        (
            "/api/v1/openapi.json",
            app.get("/api/v1/openapi.json").await,
        ),
        ("/api/v1/users/me", app.me(&user.access_token).await),
        ("/api/v1/nothing", app.get("/api/v1/nothing").await),
    ];
    for (path, answer) in &answers {
        let policy = header(answer, "content-security-policy")
            .unwrap_or_else(|| panic!("{path} has no policy"));
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("base-uri 'none'"), "{path}: {policy}");
        assert!(policy.contains("object-src 'none'") || policy.starts_with("default-src 'none'"));
        assert_eq!(
            header(answer, "x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(header(answer, "x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(
            header(answer, "referrer-policy"),
            Some("strict-origin-when-cross-origin"),
            "{path}"
        );
        assert_eq!(
            header(answer, "cross-origin-opener-policy"),
            Some("same-origin"),
            "{path}"
        );
        assert!(
            header(answer, "permissions-policy").is_some_and(|policy| policy.contains("camera=()")),
            "{path}"
        );
        assert_eq!(
            header(answer, "strict-transport-security"),
            None,
            "development is served over plain HTTP: {path}"
        );
    }
    let json = &answers[5].1;
    assert!(
        header(json, "content-security-policy")
            .unwrap()
            .starts_with("default-src 'none'"),
        "what is not a page may load nothing"
    );
}

#[tokio::test]
async fn production_asks_for_https_from_then_on_and_marks_both_cookies_secure() {
    let key = "k".repeat(64);
    let app = TestApp::spawn_with(
        Engine::Sqlite,
        &[("HEARTH_ENV", "production"), ("HEARTH_SECRET_KEY", &key)],
    )
    .await;

    let home = app.get("/").await;
    assert_eq!(
        header(&home, "strict-transport-security"),
        Some("max-age=63072000; includeSubDomains")
    );

    let mut browser = app.browser();
    let registered = browser.register("Ada", "secure@example.com").await;
    let cookies = session_set_cookies(&registered);
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    for cookie in cookies {
        assert!(cookie.ends_with("; Secure"), "{cookie}");
        assert!(cookie.contains("; HttpOnly"), "{cookie}");
    }
}

#[tokio::test]
async fn nothing_that_carries_tokens_or_personal_data_may_be_stored() {
    let app = TestApp::start().await;
    let registered = app.register("store@example.com").await;
    assert_eq!(registered.status(), StatusCode::CREATED);
    assert_eq!(header(&registered, "cache-control"), Some("no-store"));
    let login = app.login("store@example.com", PASSWORD).await;
    assert_eq!(login.status(), StatusCode::OK);
    assert_eq!(header(&login, "cache-control"), Some("no-store"));
    let tokens: serde_json::Value = login.json().await.unwrap();
    let me = app.me(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(header(&me, "cache-control"), Some("no-store"));

    // A browser: the form that signs in sets cookies, and every page it then sees is its own.
    let mut browser = app.browser();
    let signed_in = browser.register("Ada", "pages@example.com").await;
    assert_eq!(header(&signed_in, "cache-control"), Some("no-store"));
    for path in ["/settings", "/dashboard", "/"] {
        let page = browser.get(path).await;
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&page, "cache-control"), Some("no-store"), "{path}");
    }

    // What is the same for everyone keeps its own caching.
    let anonymous = app.get("/").await;
    assert_ne!(header(&anonymous, "cache-control"), Some("no-store"));
    let asset = browser.get("/robots.txt").await;
    assert_eq!(
        header(&asset, "cache-control"),
        Some("public, max-age=3600"),
        "a static file is not personal, even to a signed-in browser"
    );
}

#[tokio::test]
async fn only_the_configured_origins_may_call_the_api_from_a_browser() {
    let preflight = |app: &TestApp, origin: &'static str| {
        app.client
            .request(http::Method::OPTIONS, app.url("/api/v1/users/me"))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    // By default no other site may.
    let closed = TestApp::start().await;
    let answer = preflight(&closed, "https://app.example.com").await.unwrap();
    assert_eq!(header(&answer, "access-control-allow-origin"), None);

    let open = TestApp::spawn_with(
        Engine::Sqlite,
        &[(
            "HEARTH_CORS_ORIGINS",
            "https://app.example.com, https://admin.example.com",
        )],
    )
    .await;
    let allowed = preflight(&open, "https://app.example.com").await.unwrap();
    assert_eq!(allowed.status(), StatusCode::OK);
    assert_eq!(
        header(&allowed, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert!(
        header(&allowed, "access-control-allow-headers")
            .is_some_and(|headers| headers.contains("authorization"))
    );
    assert_eq!(header(&allowed, "access-control-allow-credentials"), None);
    let other = preflight(&open, "https://evil.example").await.unwrap();
    assert_eq!(header(&other, "access-control-allow-origin"), None);
    // The pages are not the API: no CORS there.
    let page = open
        .client
        .get(open.url("/login"))
        .header("origin", "https://app.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&page, "access-control-allow-origin"), None);
}
