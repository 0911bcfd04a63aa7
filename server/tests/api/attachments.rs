//! Attachments: a file is streamed into storage, recognised by its content, listed, downloaded
//! only as an attachment and deleted with its file; the upload limit and the workspace's quota
//! hold and a refused upload leaves nothing behind; an image gets a small picture from the job;
//! a deleted task's files are swept; the task page uploads and downloads without JavaScript;
//! and anonymous callers, outsiders and viewers are refused.

use std::io::Cursor;

use app::error::Issue;
use http::{Method, StatusCode};
use image::{ImageFormat, Rgba, RgbaImage};
use serde_json::{Value, json};

use crate::avatars::form;
use crate::helpers::{Engine, TempDir, TestApp, field_errors, location, number, problem};

crate::on_both_engines!(
    a_file_is_attached_recognised_listed_downloaded_and_deleted,
    the_upload_limit_and_the_quota_hold_and_a_refused_upload_leaves_nothing,
    an_image_gets_a_small_picture_and_a_deleted_tasks_files_are_swept,
    outsiders_and_viewers_are_refused_and_nothing_changes,
    the_task_page_uploads_and_downloads_without_javascript,
);

const MAX: usize = 300_000;

fn message(issue: Issue) -> String {
    issue.message(app::i18n::Locale::en)
}
const QUOTA: usize = 1_000_000;

/// An app whose files go to `storage`, with small limits.
async fn spawn(engine: Engine, storage: &TempDir, workers: &str) -> TestApp {
    TestApp::spawn_with(
        engine,
        &[
            ("HEARTH_STORAGE_DIR", storage.path().to_str().unwrap()),
            ("HEARTH_ATTACHMENT_MAX_BYTES", &MAX.to_string()),
            ("HEARTH_WORKSPACE_QUOTA_BYTES", &QUOTA.to_string()),
            ("HEARTH_JOB_WORKERS", workers),
        ],
    )
    .await
}

/// Every file under `dir`, as paths relative to it.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, found);
            } else {
                found.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, dir, &mut found);
    found.sort();
    found
}

async fn json_of(response: crate::http::Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    response.json().await.unwrap()
}

/// The id of what a `POST` to `path` made.
async fn made(app: &TestApp, token: &str, path: &str, body: Value) -> String {
    let answer = app.call(Method::POST, path, Some(token), Some(body)).await;
    json_of(answer, StatusCode::CREATED).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A workspace of `token`'s owner with a project and a task: (workspace, task) ids.
async fn task(app: &TestApp, token: &str) -> (String, String) {
    let ws = made(app, token, "/api/v1/workspaces", json!({ "name": "Acme" })).await;
    let projects = format!("/api/v1/workspaces/{ws}/projects");
    let project = made(
        app,
        token,
        &projects,
        json!({ "name": "Website", "key": "WEB" }),
    )
    .await;
    let tasks = format!("/api/v1/projects/{project}/tasks");
    let task = made(app, token, &tasks, json!({ "title": "Launch" })).await;
    (ws, task)
}

async fn upload(
    app: &TestApp,
    token: Option<&str>,
    task: &str,
    name: &str,
    bytes: &[u8],
) -> crate::http::Response {
    let (content_type, body) = form("file", name, "application/x-claimed", bytes);
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/tasks/{task}/attachments")))
        .header("content-type", content_type);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.body(body).send().await.unwrap()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, _| {
        if x % 2 == 0 {
            Rgba([20, 120, 200, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, ImageFormat::Png).unwrap();
    bytes.into_inner()
}

async fn attachment_rows(app: &TestApp) -> i64 {
    number(&app.services, "SELECT COUNT(*) FROM task_attachments").await
}

async fn a_file_is_attached_recognised_listed_downloaded_and_deleted(engine: Engine) {
    let storage = TempDir::new();
    let app = spawn(engine, &storage, "0").await;
    let ann = app.user("ann@example.com").await;
    let token = ann.access_token.as_str();
    let (_, task) = task(&app, token).await;

    let notes = json_of(
        upload(
            &app,
            Some(token),
            &task,
            "C:\\Users\\ann\\notes.txt",
            "Plan: ünïcödé".as_bytes(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(notes["name"], "notes.txt", "the last part of a path");
    assert_eq!(
        notes["content_type"], "text/plain",
        "by content, not the claimed type"
    );
    assert_eq!(notes["size"], "Plan: ünïcödé".len());
    assert_eq!(notes["task_id"], task.as_str());
    assert_eq!(notes["has_thumbnail"], false);
    assert!(notes["uploaded_by"]["name"].is_string());

    let page = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    let html = json_of(
        upload(&app, Some(token), &task, "../../évil page.html", page).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(html["name"], "évil page.html");
    assert_eq!(html["content_type"], "text/html");
    let download = app
        .client
        .get(app.url(html["content_url"].as_str().unwrap()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    let headers = download.headers().clone();
    assert_eq!(headers["content-type"], "text/html");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"_vil page.html\"; filename*=UTF-8''%C3%A9vil%20page.html"
    );
    assert_eq!(download.bytes().await.unwrap(), page);

    let pdf = json_of(
        upload(
            &app,
            Some(token),
            &task,
            "report",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(pdf["content_type"], "application/pdf");

    let list = format!("/api/v1/tasks/{task}/attachments");
    let first = json_of(
        app.call(Method::GET, &format!("{list}?limit=2"), Some(token), None)
            .await,
        StatusCode::OK,
    )
    .await;
    let names: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["notes.txt", "évil page.html"], "oldest first");
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest = json_of(
        app.call(
            Method::GET,
            &format!("{list}?cursor={cursor}"),
            Some(token),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(rest["items"][0]["name"], "report");
    assert!(rest["next_cursor"].is_null());
    let bad_cursor = app
        .call(
            Method::GET,
            &format!("{list}?cursor=nonsense"),
            Some(token),
            None,
        )
        .await;
    problem(bad_cursor, StatusCode::UNPROCESSABLE_ENTITY).await;

    let one = format!("/api/v1/attachments/{}", notes["id"].as_str().unwrap());
    let got = json_of(
        app.call(Method::GET, &one, Some(token), None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(got, notes);
    assert_eq!(files_in(storage.path()).len(), 3);
    let deleted = app.call(Method::DELETE, &one, Some(token), None).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    problem(
        app.call(Method::GET, &one, Some(token), None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        app.call(Method::GET, &format!("{one}/content"), Some(token), None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(files_in(storage.path()).len(), 2, "its file went with it");
    assert_eq!(attachment_rows(&app).await, 2);
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM storage_garbage").await,
        0
    );
}

async fn the_upload_limit_and_the_quota_hold_and_a_refused_upload_leaves_nothing(engine: Engine) {
    let storage = TempDir::new();
    let app = spawn(engine, &storage, "0").await;
    let ann = app.user("ann@example.com").await;
    let token = ann.access_token.as_str();
    let (_, task) = task(&app, token).await;

    let refused = [
        (
            vec![b'a'; MAX + 1],
            StatusCode::PAYLOAD_TOO_LARGE,
            Issue::FileTooLarge,
        ),
        (
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Issue::FileTypeRefused,
        ),
        (
            b"\x7fELF\x02\x01\x01\x00".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Issue::FileTypeRefused,
        ),
        (
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Issue::Required,
        ),
    ];
    for (bytes, status, issue) in refused {
        let body = problem(
            upload(&app, Some(token), &task, "x.bin", &bytes).await,
            status,
        )
        .await;
        assert_eq!(
            field_errors(&body),
            [("file".to_owned(), message(issue))],
            "{body}"
        );
    }
    // A body announced far past the limit is refused before it is read.
    problem(
        upload(&app, Some(token), &task, "big.bin", &vec![b'b'; MAX * 4]).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    // No file field at all, and no multipart body at all.
    let (content_type, body) = form("other", "x.txt", "text/plain", b"text");
    let response = app
        .client
        .post(app.url(&format!("/api/v1/tasks/{task}/attachments")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(field_errors(&body)[0].0, "file");
    let response = app
        .call(
            Method::POST,
            &format!("/api/v1/tasks/{task}/attachments"),
            Some(token),
            Some(json!({ "file": "text" })),
        )
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_eq!(attachment_rows(&app).await, 0);
    assert!(
        files_in(storage.path()).is_empty(),
        "{:?}",
        files_in(storage.path())
    );

    // The quota: three files of 290 kB fit in 1 MB, a fourth does not.
    for n in 0..3 {
        let made = upload(
            &app,
            Some(token),
            &task,
            &format!("{n}.txt"),
            &vec![b'q'; 290_000],
        )
        .await;
        assert_eq!(made.status(), StatusCode::CREATED);
    }
    let body = problem(
        upload(&app, Some(token), &task, "3.txt", &vec![b'q'; 290_000]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_errors(&body),
        [("file".to_owned(), message(Issue::QuotaExceeded))]
    );
    assert_eq!(attachment_rows(&app).await, 3);
    assert_eq!(files_in(storage.path()).len(), 3);
    // What is left still takes a small file.
    let made = upload(&app, Some(token), &task, "small.txt", b"fits").await;
    assert_eq!(made.status(), StatusCode::CREATED);
}

async fn an_image_gets_a_small_picture_and_a_deleted_tasks_files_are_swept(engine: Engine) {
    let storage = TempDir::new();
    let app = spawn(engine, &storage, "1").await;
    let ann = app.user("ann@example.com").await;
    let token = ann.access_token.as_str();
    let (_, task) = task(&app, token).await;

    let picture = json_of(
        upload(&app, Some(token), &task, "wide.png", &png(800, 400)).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(picture["content_type"], "image/png");
    let one = format!("/api/v1/attachments/{}", picture["id"].as_str().unwrap());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let now = json_of(
            app.call(Method::GET, &one, Some(token), None).await,
            StatusCode::OK,
        )
        .await;
        if now["has_thumbnail"] == true {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no small picture was made"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mut browser = app.browser();
    browser.log_in("ann@example.com").await;
    let small = browser
        .get(&format!(
            "/attachments/{}/thumbnail",
            picture["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(small.status(), StatusCode::OK);
    assert_eq!(small.headers()["content-type"], "image/jpeg");
    assert_eq!(small.headers()["x-content-type-options"], "nosniff");
    let small = image::load_from_memory(&small.bytes().await.unwrap()).unwrap();
    assert_eq!((small.width(), small.height()), (320, 160));
    // A text file gets none.
    upload(&app, Some(token), &task, "notes.txt", b"words").await;
    assert_eq!(
        files_in(storage.path()).len(),
        3,
        "{:?}",
        files_in(storage.path())
    );

    let deleted = app
        .call(
            Method::DELETE,
            &format!("/api/v1/tasks/{task}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(attachment_rows(&app).await, 0);
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM storage_garbage").await,
        3,
        "the file, its small picture and the text file wait to be swept"
    );
    assert_eq!(app.services.attachments.sweep().await.unwrap(), 3);
    assert!(
        files_in(storage.path()).is_empty(),
        "{:?}",
        files_in(storage.path())
    );
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM storage_garbage").await,
        0
    );
}

async fn outsiders_and_viewers_are_refused_and_nothing_changes(engine: Engine) {
    let storage = TempDir::new();
    let app = spawn(engine, &storage, "0").await;
    let ann = app.user("ann@example.com").await;
    let (ws, task) = task(&app, &ann.access_token).await;
    let made = json_of(
        upload(&app, Some(&ann.access_token), &task, "a.txt", b"kept").await,
        StatusCode::CREATED,
    )
    .await;
    let one = format!("/api/v1/attachments/{}", made["id"].as_str().unwrap());
    let list = format!("/api/v1/tasks/{task}/attachments");
    let outsider = app.user("olga@example.com").await;
    let viewer = app.user("vic@example.com").await;
    app.add_member(&ws, "vic@example.com", "viewer").await;

    for (token, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(outsider.access_token.as_str()), StatusCode::NOT_FOUND),
    ] {
        problem(upload(&app, token, &task, "b.txt", b"no").await, status).await;
        for path in [list.clone(), one.clone(), format!("{one}/content")] {
            problem(app.call(Method::GET, &path, token, None).await, status).await;
        }
        problem(app.call(Method::DELETE, &one, token, None).await, status).await;
    }
    let viewer = Some(viewer.access_token.as_str());
    problem(
        upload(&app, viewer, &task, "b.txt", b"no").await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        app.call(Method::DELETE, &one, viewer, None).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let read = app
        .call(Method::GET, &format!("{one}/content"), viewer, None)
        .await;
    assert_eq!(read.status(), StatusCode::OK, "a viewer reads");
    assert_eq!(read.bytes().await.unwrap(), b"kept");
    assert_eq!(attachment_rows(&app).await, 1);
    assert_eq!(files_in(storage.path()).len(), 1);

    // The pages' download: signed out, to the login; an outsider, nothing.
    let path = format!("/attachments/{}", made["id"].as_str().unwrap());
    let anonymous = app.browser().get(&path).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/login?next="));
    let mut olga = app.browser();
    olga.log_in("olga@example.com").await;
    assert_eq!(olga.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        olga.get("/attachments/not-an-id").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn the_task_page_uploads_and_downloads_without_javascript(engine: Engine) {
    let storage = TempDir::new();
    let app = spawn(engine, &storage, "0").await;
    let ann = app.user("ann@example.com").await;
    let (_, task) = task(&app, &ann.access_token).await;
    let mut browser = app.browser();
    browser.log_in("ann@example.com").await;
    let page_path = format!("/tasks/{task}");
    let page = browser.get(&page_path).await.text().await.unwrap();
    let action = format!("/tasks/{task}/attachments");
    assert!(
        page.contains(&format!(
            r#"action="{action}" enctype="multipart/form-data""#
        )),
        "the upload form"
    );
    assert!(page.contains("No files yet."));
    assert!(
        page.contains("At most 300 KB a file; 1 MB left in this workspace."),
        "the limits"
    );

    let sent = browser
        .upload(
            &action,
            form("file", "plan.txt", "text/plain", b"the plan"),
            false,
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&sent), format!("{page_path}#attachments"));
    let page = browser.get(&page_path).await.text().await.unwrap();
    assert!(page.contains(">plan.txt</a>"), "listed");
    let id = page
        .split("href=\"/attachments/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let file = browser.get(&format!("/attachments/{id}")).await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(
        file.headers()["content-disposition"],
        "attachment; filename=\"plan.txt\"; filename*=UTF-8''plan.txt"
    );
    assert_eq!(file.bytes().await.unwrap(), b"the plan");

    // The page's script is answered where to go, with the same greeting.
    let sent = browser
        .upload(&action, form("file", "two.txt", "text/plain", b"two"), true)
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    assert!(
        sent.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("hearth_flash="))
    );
    let answer: Value = sent.json().await.unwrap();
    assert_eq!(answer["location"], format!("{page_path}#attachments"));

    // Too large: back to the form with the message next to the field.
    let sent = browser
        .upload(
            &action,
            form("file", "big.txt", "text/plain", &vec![b'x'; MAX + MAX / 2]),
            false,
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let back = location(&sent);
    assert!(
        back.starts_with(&page_path) && back.contains("file-too-large"),
        "{back}"
    );
    let page = browser.get(&back).await.text().await.unwrap();
    assert!(page.contains("This file is larger than an upload may be."));

    // Deleting from the page.
    let deleted = browser
        .form("/fn/delete-attachment", &format!("task={task}&id={id}"))
        .await;
    assert_eq!(deleted.status(), StatusCode::FOUND);
    assert_eq!(location(&deleted), format!("{page_path}#attachments"));
    assert_eq!(attachment_rows(&app).await, 1);
}

/// With `HEARTH_STORAGE_URL`, attachments stream into an S3-compatible store (the s3rver
/// `make test` starts) as a multipart upload: a 12 MB file goes in 5 MiB parts and comes back
/// whole. One engine: where files go does not depend on it.
#[tokio::test]
async fn a_large_attachment_streams_into_an_s3_compatible_store_in_parts() {
    let endpoint = std::env::var("HEARTH_TEST_S3_ENDPOINT").unwrap_or_else(|_| {
        panic!(
            "HEARTH_TEST_S3_ENDPOINT is not set: run the suite with `make test`, which starts an \
             S3-compatible store (node_modules/.bin/s3rver -p PORT --configure-bucket hearth)"
        )
    });
    let prefix = format!("s3://hearth/test-{}", uuid::Uuid::new_v4().simple());
    let app = TestApp::spawn_with(
        Engine::Sqlite,
        &[
            ("HEARTH_STORAGE_URL", prefix.as_str()),
            ("AWS_ENDPOINT", endpoint.as_str()),
            ("AWS_ALLOW_HTTP", "true"),
            ("AWS_ACCESS_KEY_ID", "S3RVER"),
            ("AWS_SECRET_ACCESS_KEY", "S3RVER"),
            ("AWS_REGION", "us-east-1"),
        ],
    )
    .await;
    let ann = app.user("ann@example.com").await;
    let token = ann.access_token.as_str();
    let (_, task) = task(&app, token).await;
    let sent: Vec<u8> = (0..12_000_000_u32).map(|n| (n % 251) as u8).collect();
    let made = json_of(
        upload(&app, Some(token), &task, "big.bin", &sent).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(made["size"], 12_000_000);
    let content = format!(
        "/api/v1/attachments/{}/content",
        made["id"].as_str().unwrap()
    );
    let back = app
        .client
        .get(app.url(&content))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), StatusCode::OK);
    assert_eq!(back.headers()["content-length"], "12000000");
    assert!(
        back.bytes().await.unwrap() == sent,
        "the same bytes came back"
    );
    let one = format!("/api/v1/attachments/{}", made["id"].as_str().unwrap());
    let deleted = app.call(Method::DELETE, &one, Some(token), None).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    problem(
        app.call(Method::GET, &content, Some(token), None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}
