//! The theme cookie and the theme switcher without JavaScript (no database involved: run once).

use crate::helpers::{TestApp, html_tag};

#[tokio::test]
async fn the_theme_cookie_sets_the_class_on_html() {
    let app = TestApp::start().await;

    for (cookie, class) in [
        (None, "system"),
        (Some("theme=dark"), "dark"),
        (Some("other=1; theme=light"), "light"),
        (Some("theme=purple"), "system"),
    ] {
        let mut request = app.client.get(app.url("/"));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let html = request.send().await.unwrap().text().await.unwrap();
        let expected = format!(r#"class="{class}""#);
        assert!(
            html_tag(&html).contains(&expected),
            "cookie {cookie:?}: expected {expected} in {}",
            html_tag(&html)
        );
    }
}

#[tokio::test]
async fn choosing_a_theme_without_javascript_sets_the_cookie_and_goes_back() {
    let app = TestApp::start().await;
    let page = app.url("/somewhere");

    let response = app
        .client
        .post(app.url("/fn/set-theme"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", &page)
        .body("theme=dark")
        .send()
        .await
        .unwrap();

    assert!(
        response.status().is_redirection(),
        "status {}",
        response.status()
    );
    // Leptos sends the browser back where the form was, with an empty error query.
    let (path, query) =
        crate::http::path_and_query(response.headers()["location"].to_str().unwrap());
    assert_eq!(path, "/somewhere");
    assert_eq!(query, "");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert_eq!(cookie, "theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
}
