//! Languages: cookie, `Accept-Language`, right-to-left, the switcher without JavaScript (no
//! database involved: run once).

use crate::helpers::{TestApp, html_tag};

async fn page(
    app: &TestApp,
    cookie: Option<&str>,
    accept_language: Option<&str>,
) -> (String, String) {
    let mut request = app.client.get(app.url("/"));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    if let Some(accept_language) = accept_language {
        request = request.header("accept-language", accept_language);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    let content_language = response.headers()["content-language"]
        .to_str()
        .unwrap()
        .to_owned();
    (content_language, response.text().await.unwrap())
}

#[tokio::test]
async fn the_page_language_comes_from_the_cookie_then_accept_language_then_english() {
    let app = TestApp::start().await;

    for (cookie, accept_language, lang, heading) in [
        (None, None, "en", "work in one warm place."),
        (
            None,
            Some("de-DE,de;q=0.9,en;q=0.8"),
            "de",
            "Hearth hält die Arbeit Ihres Teams",
        ),
        (
            None,
            Some("ja, fr;q=0.5"),
            "fr",
            "Hearth réunit le travail de votre équipe",
        ),
        (None, Some("ja"), "en", "Hearth keeps your team"),
        (
            Some("locale=es"),
            Some("de"),
            "es",
            "Hearth reúne el trabajo de tu equipo",
        ),
        (
            Some("locale=klingon"),
            Some("de"),
            "de",
            "Hearth hält die Arbeit",
        ),
    ] {
        let case = format!("cookie {cookie:?}, Accept-Language {accept_language:?}");
        let (content_language, html) = page(&app, cookie, accept_language).await;
        assert_eq!(content_language, lang, "{case}");
        assert!(
            html_tag(&html).contains(&format!(r#"lang="{lang}""#)),
            "{case}: {}",
            html_tag(&html)
        );
        assert!(
            html_tag(&html).contains(r#"dir="ltr""#),
            "{case}: {}",
            html_tag(&html)
        );
        assert!(
            html.contains(heading),
            "{case}: expected {heading} in {html}"
        );
    }
}

#[tokio::test]
async fn arabic_pages_are_right_to_left() {
    let app = TestApp::start().await;

    let (content_language, html) = page(&app, Some("locale=ar"), None).await;

    assert_eq!(content_language, "ar");
    assert!(
        html_tag(&html).contains(r#"lang="ar""#),
        "{}",
        html_tag(&html)
    );
    assert!(
        html_tag(&html).contains(r#"dir="rtl""#),
        "{}",
        html_tag(&html)
    );
    assert!(html.contains("يجمع Hearth عمل فريقك"), "{html}");
    // The description is translated too, for search results and link previews.
    assert!(
        html.contains(r#"<meta name="description" content="Hearth: مساحات عمل مشتركة"#),
        "{html}"
    );
}

#[tokio::test]
async fn choosing_a_language_without_javascript_sets_the_cookie_and_goes_back() {
    let app = TestApp::start().await;

    for (chosen, stored) in [("de", "de"), ("ar", "ar"), ("xx", "en")] {
        let response = app
            .client
            .post(app.url("/fn/set-locale"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", app.url("/somewhere"))
            .body(format!("locale={chosen}"))
            .send()
            .await
            .unwrap();

        assert!(
            response.status().is_redirection(),
            "{chosen}: status {}",
            response.status()
        );
        let (path, _) =
            crate::http::path_and_query(response.headers()["location"].to_str().unwrap());
        assert_eq!(path, "/somewhere");
        let cookie = response.headers()["set-cookie"].to_str().unwrap();
        assert_eq!(
            cookie,
            format!("locale={stored}; Path=/; Max-Age=31536000; SameSite=Lax")
        );
    }
}
