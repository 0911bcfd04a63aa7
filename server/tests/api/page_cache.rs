//! The page cache for visitors without a session: what is kept, what each key holds apart, and
//! that a person with a session never gets a kept page (nor anyone else theirs).

use std::io::Read as _;

use crate::helpers::{Engine, TestApp, html_tag};
use crate::http::Response;

fn cache_status(response: &Response) -> &str {
    response
        .headers()
        .get("x-hearth-cache")
        .map_or("(none)", |value| value.to_str().unwrap())
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request.send().await.unwrap()
}

async fn anonymous(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (String, String) {
    let response = get(app, path, headers).await;
    assert_eq!(response.status(), 200, "{path} {headers:?}");
    assert!(
        response.headers().get(app::shareable::HEADER).is_none(),
        "the page's mark must not leave the server"
    );
    let status = cache_status(&response).to_owned();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn an_anonymous_page_is_rendered_once_then_served_from_memory() {
    let app = TestApp::start().await;

    let (first, rendered) = anonymous(&app, "/", &[]).await;
    let (second, kept) = anonymous(&app, "/", &[]).await;
    assert_eq!((first.as_str(), second.as_str()), ("miss", "hit"));
    assert_eq!(rendered, kept);

    // Compressed once for each encoding, to the same page.
    let response = get(&app, "/", &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(cache_status(&response), "hit");
    assert_eq!(response.headers()["content-encoding"], "br");
    let mut unpacked = String::new();
    brotli::Decompressor::new(response.bytes().await.unwrap().as_slice(), 4096)
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, rendered);

    let response = get(&app, "/", &[("accept-encoding", "gzip;q=1, br;q=0")]).await;
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(response.bytes().await.unwrap().as_slice())
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, rendered);
}

#[tokio::test]
async fn language_theme_and_query_each_get_their_own_page() {
    let app = TestApp::start().await;
    anonymous(&app, "/login", &[]).await;
    let (_, english) = anonymous(&app, "/login", &[]).await;
    assert!(
        html_tag(&english).contains(r#"lang="en""#),
        "{}",
        html_tag(&english)
    );

    for headers in [
        &[("accept-language", "de-DE,de;q=0.9,en;q=0.5")][..],
        &[("cookie", "locale=de")][..],
        // The cookie wins over the header, as on the page.
        &[("cookie", "locale=de"), ("accept-language", "fr")][..],
    ] {
        let (_, page) = anonymous(&app, "/login", headers).await;
        assert!(
            html_tag(&page).contains(r#"lang="de""#),
            "{headers:?}: {}",
            html_tag(&page)
        );
        assert!(page.contains("Bei Hearth anmelden"), "{headers:?}");
    }
    let (_, arabic) = anonymous(&app, "/login", &[("accept-language", "ar")]).await;
    assert!(
        html_tag(&arabic).contains(r#"dir="rtl""#),
        "{}",
        html_tag(&arabic)
    );

    let (_, dark) = anonymous(&app, "/login", &[("cookie", "theme=dark")]).await;
    assert!(html_tag(&dark).contains("dark"), "{}", html_tag(&dark));
    let (_, light) = anonymous(&app, "/login", &[]).await;
    assert!(!html_tag(&light).contains("dark"), "{}", html_tag(&light));

    let (_, ada) = anonymous(&app, "/login?email=ada%40example.com", &[]).await;
    let (_, bob) = anonymous(&app, "/login?email=bob%40example.com", &[]).await;
    assert!(ada.contains("ada@example.com") && !ada.contains("bob@example.com"));
    assert!(bob.contains("bob@example.com") && !bob.contains("ada@example.com"));
}

#[tokio::test]
async fn a_person_with_a_session_never_gets_a_kept_page_nor_leaves_one() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let (_, _) = anonymous(&app, "/", &[]).await;
    let (status, anonymous_page) = anonymous(&app, "/", &[]).await;
    assert_eq!(status, "hit");

    let mut browser = app.browser();
    browser.register("Zebulon", "zebulon@example.com").await;
    for _ in 0..2 {
        let response = browser.get("/").await;
        assert_eq!(response.status(), 200);
        assert_eq!(cache_status(&response), "bypass");
        let page = response.text().await.unwrap();
        assert!(
            page.contains("Zebulon"),
            "the signed-in page names its person"
        );
        assert_ne!(page, anonymous_page);
    }

    let (status, page) = anonymous(&app, "/", &[]).await;
    assert_eq!(status, "hit");
    assert!(
        !page.contains("Zebulon"),
        "a signed-in page was served to a visitor"
    );

    // Any cookie the cache does not know (here a flash message) goes past it too.
    let response = get(
        &app,
        "/",
        &[("cookie", "theme=dark; hearth_flash=logged_out")],
    )
    .await;
    assert_eq!(cache_status(&response), "bypass");
}

#[tokio::test]
async fn pages_that_do_not_say_they_are_shareable_are_not_kept() {
    let app = TestApp::start().await;
    for path in ["/dashboard", "/no-such-page", "/ui/error"] {
        for _ in 0..2 {
            let response = get(&app, path, &[]).await;
            assert_ne!(cache_status(&response), "hit", "{path}");
        }
    }
}

#[tokio::test]
async fn the_cache_can_be_turned_off() {
    let app = TestApp::spawn_with(Engine::Sqlite, &[("HEARTH_PAGE_CACHE_BYTES", "0")]).await;
    for _ in 0..2 {
        let response = get(&app, "/", &[]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(cache_status(&response), "(none)");
    }
}
