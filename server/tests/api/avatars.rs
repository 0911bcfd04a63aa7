//! Pictures: what is uploaded is recognised by its content, re-encoded and served from file
//! storage as the JPEG this code made, never as it came; and everything else gets a message on
//! the `file` field. Over the API and through the settings page's form without JavaScript.

use std::io::Cursor;

use http::StatusCode;
use image::{ImageFormat, Rgba, RgbaImage};
use serde_json::Value;

use crate::helpers::{Engine, TestApp, field_errors, location, problem, set_cookies};

crate::on_both_engines!(
    a_picture_is_reencoded_and_served_as_a_square_jpeg,
    what_is_not_a_picture_we_take_gets_a_message_on_the_file_field,
    the_settings_form_changes_the_picture_in_the_header_without_javascript,
);

/// An image `width`×`height` in `format`, half of it see-through.
pub fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgba([200, 30, 30, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let mut bytes = Cursor::new(Vec::new());
    if format == ImageFormat::Jpeg {
        image::DynamicImage::ImageRgba8(image)
            .to_rgb8()
            .write_to(&mut bytes, format)
            .unwrap();
    } else {
        image.write_to(&mut bytes, format).unwrap();
    }
    bytes.into_inner()
}

/// A 1×1 GIF: a real picture, in a format not taken.
const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";

/// A multipart form with one file field: its content type and body.
pub fn form(field: &str, file_name: &str, content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "hearth-test-boundary-7d1f";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn upload(app: &TestApp, token: &str, body: (String, Vec<u8>)) -> crate::http::Response {
    app.client
        .post(app.url("/api/v1/users/me/avatar"))
        .bearer_auth(token)
        .header("content-type", body.0)
        .body(body.1)
        .send()
        .await
        .unwrap()
}

async fn a_picture_is_reencoded_and_served_as_a_square_jpeg(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;

    for (format, name) in [
        (ImageFormat::Png, "me.png"),
        (ImageFormat::Jpeg, "me.jpg"),
        (ImageFormat::WebP, "me.webp"),
    ] {
        // The name and the claimed type say nothing: the content decides.
        let sent = picture(640, 400, format);
        let response = upload(
            &app,
            &ann.access_token,
            form("file", name, "text/html", &sent),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        let user: Value = response.json().await.unwrap();
        let url = user["avatar_url"].as_str().unwrap().to_owned();
        assert!(url.starts_with("/files/avatars/"), "{url}");
        assert!(url.ends_with(".jpg"), "{url}");

        let served = app.get(&url).await;
        assert_eq!(served.status(), StatusCode::OK);
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        assert_eq!(served.headers()["x-content-type-options"], "nosniff");
        assert!(
            served.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        let bytes = served.bytes().await.unwrap();
        assert_ne!(&bytes[..], &sent[..], "never the bytes that came");
        let image = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).unwrap();
        assert_eq!((image.width(), image.height()), (256, 256));
        // The see-through half is white now (a JPEG had none: black), the other still red.
        let rgb = image.to_rgb8();
        let [r, g, b] = rgb.get_pixel(250, 128).0;
        if format == ImageFormat::Jpeg {
            assert!(r < 20 && g < 20 && b < 20, "{name}: {r} {g} {b}");
        } else {
            assert!(r > 240 && g > 240 && b > 240, "{name}: {r} {g} {b}");
        }
        let [r, g, _] = rgb.get_pixel(5, 128).0;
        assert!(r > 150 && g < 80, "{r} {g}");

        let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
        assert_eq!(me["avatar_url"], url.as_str());
    }

    // A new picture replaces the old, whose file goes.
    let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
    let last = me["avatar_url"].as_str().unwrap().to_owned();
    let replaced = upload(
        &app,
        &ann.access_token,
        form(
            "file",
            "x.png",
            "image/png",
            &picture(64, 64, ImageFormat::Png),
        ),
    )
    .await;
    let replaced: Value = replaced.json().await.unwrap();
    assert_ne!(replaced["avatar_url"], last.as_str());
    assert_eq!(app.get(&last).await.status(), StatusCode::NOT_FOUND);

    let removed = app
        .client
        .request(http::Method::DELETE, app.url("/api/v1/users/me/avatar"))
        .bearer_auth(&ann.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
    assert_eq!(me["avatar_url"], Value::Null);
    assert_eq!(
        app.get(replaced["avatar_url"].as_str().unwrap())
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Nothing but pictures is reachable under /files.
    for path in [
        "/files/avatars/../../etc/passwd",
        "/files/other/a/b.jpg",
        "/files/avatars/a/b.png",
    ] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

async fn what_is_not_a_picture_we_take_gets_a_message_on_the_file_field(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let refused = |message: &str| vec![("file".to_owned(), message.to_owned())];
    let unsupported = refused("Choose a PNG, JPEG or WebP picture.");

    let mut png = picture(32, 32, ImageFormat::Png);
    png.truncate(60);
    let cases = [
        (
            form(
                "file",
                "notes.png",
                "image/png",
                b"just some text, named like a picture",
            ),
            unsupported.clone(),
        ),
        (
            form("file", "anim.gif", "image/gif", GIF),
            unsupported.clone(),
        ),
        (
            form(
                "file",
                "<svg>.png",
                "image/png",
                br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            ),
            unsupported.clone(),
        ),
        (
            form("file", "broken.png", "image/png", &png),
            refused(
                "This picture cannot be read: it may be damaged, or over 8192 pixels on a side.",
            ),
        ),
        (
            form("file", "empty.png", "image/png", b""),
            refused("This field is required."),
        ),
        (
            form(
                "picture",
                "me.png",
                "image/png",
                &picture(8, 8, ImageFormat::Png),
            ),
            refused("This field is required."),
        ),
    ];
    for (body, expected) in cases {
        let answer = problem(
            upload(&app, &ann.access_token, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(field_errors(&answer), expected);
    }

    // Over 2 MB: 413, with the same kind of message.
    let big = form("file", "big.png", "image/png", &vec![0u8; 2_000_001]);
    let answer = problem(
        upload(&app, &ann.access_token, big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert_eq!(
        field_errors(&answer),
        refused("Choose a picture of at most 2 MB.")
    );

    // Not a multipart form at all.
    let json = app
        .client
        .post(app.url("/api/v1/users/me/avatar"))
        .bearer_auth(&ann.access_token)
        .json(&serde_json::json!({"file": "x"}))
        .send()
        .await
        .unwrap();
    assert!(json.status().is_client_error(), "{}", json.status());

    let anonymous = app
        .client
        .post(app.url("/api/v1/users/me/avatar"))
        .header("content-type", form("file", "a.png", "image/png", b"x").0)
        .body(form("file", "a.png", "image/png", b"x").1)
        .send()
        .await
        .unwrap();
    problem(anonymous, StatusCode::UNAUTHORIZED).await;

    let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
    assert_eq!(me["avatar_url"], Value::Null, "nothing was written");
}

async fn the_settings_form_changes_the_picture_in_the_header_without_javascript(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.register("Ann Lee", "ann@example.com").await;
    let page = browser.get("/settings").await.text().await.unwrap();
    assert!(page.contains(r#"action="/settings/avatar" enctype="multipart/form-data""#));
    assert!(!page.contains("<img src=\"/files/"), "no picture yet");

    let post = |body: (String, Vec<u8>)| {
        app.client
            .post(app.url("/settings/avatar"))
            .header("content-type", body.0)
            .header("accept", "text/html")
            .header("origin", app.address.as_str())
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &browser.cookies)
            .body(body.1)
            .send()
    };

    let refused = post(form("file", "notes.png", "image/png", b"text"))
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&refused), "/settings?e=file%3Aimage-unsupported");
    let shown = browser.get(&location(&refused)).await.text().await.unwrap();
    assert!(shown.contains("Choose a PNG, JPEG or WebP picture."));
    let big = post(form("file", "big.png", "image/png", &vec![0u8; 3_000_000]))
        .await
        .unwrap();
    assert_eq!(location(&big), "/settings?e=file%3Aimage-too-large");

    let saved = post(form(
        "file",
        "me.png",
        "image/png",
        &picture(300, 300, ImageFormat::Png),
    ))
    .await
    .unwrap();
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&saved), "/settings");
    assert!(
        set_cookies(&saved)
            .iter()
            .any(|c| c.starts_with("hearth_flash=avatar-saved"))
    );

    // In the header of every page, this person's own picture.
    let page = browser.get("/dashboard").await.text().await.unwrap();
    let start = page
        .find("<img src=\"/files/avatars/")
        .expect("a picture in the header");
    let src = &page[start + "<img src=\"".len()..];
    let src = &src[..src.find('"').unwrap()];
    assert_eq!(app.get(src).await.status(), StatusCode::OK);
    // Someone else's header has no picture (the kept header shape does not leak it).
    let mut bob = app.browser();
    bob.register("Bob", "bob@example.com").await;
    let theirs = bob.get("/dashboard").await.text().await.unwrap();
    assert!(!theirs.contains(src), "Bob sees Ann's picture");
    assert!(!theirs.contains("<img src=\"/files/"));

    // Without a session, the form sends you to log in.
    let anonymous = app
        .client
        .post(app.url("/settings/avatar"))
        .header("content-type", form("file", "a.png", "image/png", b"x").0)
        .header("origin", app.address.as_str())
        .header("sec-fetch-site", "same-origin")
        .body(form("file", "a.png", "image/png", b"x").1)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&anonymous), "/login?next=%2Fsettings");
}

/// With `HEARTH_STORAGE_URL`, pictures live in an S3-compatible store: the real one `make test`
/// starts (s3rver, from npm). One engine: where files go does not depend on it.
#[tokio::test]
async fn pictures_can_live_in_an_s3_compatible_store() {
    let endpoint = std::env::var("HEARTH_TEST_S3_ENDPOINT").unwrap_or_else(|_| {
        panic!(
            "HEARTH_TEST_S3_ENDPOINT is not set: run the suite with `make test`, which starts an \
             S3-compatible store (node_modules/.bin/s3rver -p PORT --configure-bucket hearth)"
        )
    });
    let prefix = format!("s3://hearth/test-{}", uuid::Uuid::new_v4().simple());
    let options = [
        ("AWS_ENDPOINT", endpoint.as_str()),
        ("AWS_ALLOW_HTTP", "true"),
        ("AWS_ACCESS_KEY_ID", "S3RVER"),
        ("AWS_SECRET_ACCESS_KEY", "S3RVER"),
        ("AWS_REGION", "us-east-1"),
    ];
    let mut settings = vec![("HEARTH_STORAGE_URL", prefix.as_str())];
    settings.extend(options);
    let app = TestApp::spawn_with(Engine::Sqlite, &settings).await;
    // The store as another program sees it, to check what the app put there.
    let store = app::storage::Storage::new(&app::storage::StorageSettings {
        dir: std::env::temp_dir().join("unused"),
        url: Some(prefix.clone()),
        options: options
            .iter()
            .map(|(name, value)| (name.to_lowercase(), (*value).to_owned()))
            .collect(),
    })
    .unwrap();
    let ann = app.user("ann@example.com").await;
    let sent = picture(320, 200, ImageFormat::Png);
    let response = upload(
        &app,
        &ann.access_token,
        form("file", "me.png", "image/png", &sent),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let user: Value = response.json().await.unwrap();
    let url = user["avatar_url"].as_str().unwrap().to_owned();

    let served = app.get(&url).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let bytes = served.bytes().await.unwrap();
    let image = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).unwrap();
    assert_eq!((image.width(), image.height()), (256, 256));
    // It is in the store, under the URL's path.
    let key = url.trim_start_matches("/files/");
    let stored = store.get(key).await.unwrap();
    assert_eq!(stored.as_deref(), Some(&bytes[..]));

    let removed = app
        .client
        .request(http::Method::DELETE, app.url("/api/v1/users/me/avatar"))
        .bearer_auth(&ann.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&url).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(store.get(key).await.unwrap(), None);
}

/// A store that does not answer is a service that is down, not a fault of ours: 503 with
/// `Retry-After`, and nothing written.
#[tokio::test]
async fn an_unreachable_store_is_a_503_and_nothing_changes() {
    let app = TestApp::spawn_with(
        Engine::Sqlite,
        &[
            ("HEARTH_STORAGE_URL", "s3://hearth/nowhere"),
            // Nothing listens on port 1.
            ("AWS_ENDPOINT", "http://127.0.0.1:1"),
            ("AWS_ALLOW_HTTP", "true"),
            ("AWS_ACCESS_KEY_ID", "nobody"),
            ("AWS_SECRET_ACCESS_KEY", "nothing"),
            ("AWS_REGION", "us-east-1"),
        ],
    )
    .await;
    let ann = app.user("ann@example.com").await;
    let sent = picture(64, 64, ImageFormat::Png);
    let response = upload(
        &app,
        &ann.access_token,
        form("file", "me.png", "image/png", &sent),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers().contains_key("retry-after"));
    problem(response, StatusCode::SERVICE_UNAVAILABLE).await;
    let me: Value = app.me(&ann.access_token).await.json().await.unwrap();
    assert_eq!(me["avatar_url"], Value::Null);
}
